#!/usr/bin/env node
// `npm run demo`: runs the command-line tool on the bundled sample workbook and writes the
// results under out/ (git-ignored).
require('tsx/cjs');
const path = require('node:path');
const fs = require('node:fs');
const { main } = require('../src/cli/main.ts');

const root = path.resolve(__dirname, '..');
const input = path.join(root, 'assets', 'sample-workbook.xlsx');
const outDir = path.join(root, 'out');
fs.mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, 'sample-workbook.results.xlsx');
const json = path.join(outDir, 'sample-workbook.summary.json');
console.log(`Locality Planner demo: ${path.relative(process.cwd(), input)}\n`);
main(['run', input, '--out', out, '--json', json], { out: (t) => console.log(t), err: (t) => console.error(t) }).then(
  (code) => {
    if (code === 0) console.log(`Summary written to ${path.relative(process.cwd(), json)}`);
    process.exitCode = code;
  },
  (e) => {
    console.error(e && e.stack ? e.stack : String(e));
    process.exitCode = 2;
  },
);
