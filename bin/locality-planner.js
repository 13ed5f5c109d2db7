#!/usr/bin/env node
// Runs the TypeScript source directly through tsx, so the tool works from a checkout
// straight after `npm ci`, with no build step.
require('tsx/cjs');
const { main } = require('../src/cli/main.ts');

main(process.argv.slice(2), { out: (t) => console.log(t), err: (t) => console.error(t) }).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(`Locality Planner stopped on an unexpected error: ${e && e.stack ? e.stack : String(e)}`);
    process.exitCode = 2;
  },
);
