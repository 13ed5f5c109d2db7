import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tempFolder } from './workbookFiles';

/**
 * What a run of the compiled tool on the bundled sample never pays for (issue 9's start-up
 * target): ICU's locale formatting, whose first use loads its data (15–30 ms of a run that
 * takes 0.2 s of its own: `(1000).toLocaleString('en-GB')` at the bundle's top level once cost
 * that at every start), and node:crypto (a few milliseconds to load, for a temporary name that
 * need not be secret). Thousands are grouped by `groupThousands`, dates written out by `dayOf`.
 */
const repo = path.resolve(__dirname, '../..');
const bin = path.join(repo, 'bin/locality-planner.js');
const watcher = path.join(__dirname, 'preload/startupCosts.js');

describe('a run of the compiled tool on the sample workbook', () => {
  it.each`
    output
    ${'a copy'}
    ${'a results-only copy'}
  `('writing $output calls nothing that loads locale data and loads no node:crypto', ({ output }: { output: string }) => {
    const folder = tempFolder();
    try {
      const record = folder.file('costs.txt');
      const args = ['run', path.join(repo, 'assets/sample-workbook.xlsx'), '--out', folder.file('out.xlsx'), '--json', folder.file('summary.json'), ...(output === 'a copy' ? [] : ['--results-only'])];
      const run = spawnSync(process.execPath, ['--require', watcher, bin, ...args], { encoding: 'utf8', env: { ...process.env, LP_STARTUP_COSTS_FILE: record } });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(readFileSync(record, 'utf8').split('\n').filter(Boolean)).toEqual([]);
    } finally {
      folder.remove();
    }
  });
});
