#!/usr/bin/env node
'use strict';
// `npm run demo`: runs the command-line tool on the bundled sample workbook and writes the
// results under out/ (git-ignored).
const path = require('node:path');
const fs = require('node:fs');
const { loadCli } = require('./loadCli.js');

const root = path.resolve(__dirname, '..');
const input = path.join(root, 'assets', 'sample-workbook.xlsx');
const outDir = path.join(root, 'out');
fs.mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, 'sample-workbook.results.xlsx');
const json = path.join(outDir, 'sample-workbook.summary.json');
console.log(`Locality Planner demo: ${path.relative(process.cwd(), input)}\n`);
loadCli().cli.runFromCommandLine(['run', input, '--out', out, '--json', json]);
