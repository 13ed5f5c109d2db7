/**
 * `npx tsx bench/england.ts [runs] [--keep file.xlsx]`: England alone through the whole CLI
 * process beside ExcelJS's own read and write and the floor, the part of `npm run bench`
 * issue 10's target is measured by, without the rest (minutes shorter on a shared machine).
 * `--keep` also writes the England workbook it built, for profiling the CLI on it.
 */
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { englandFile1 } from '../scripts/data/imd2019';
import { buildXlsx } from '../scripts/data/workbook';
import { englandSheet, planSheets } from './workloads';
import { formatProcessFigures, wholeProcessFigures } from './wholeProcess';

async function run(): Promise<void> {
  const args = process.argv.slice(2);
  const keep = args.indexOf('--keep');
  const keepFile = keep >= 0 ? args[keep + 1] : undefined;
  const runs = Number(args.find((a, i) => /^\d+$/.test(a) && (keep < 0 || i !== keep + 1)) ?? 5);
  if (!existsSync(englandFile1)) {
    console.log(`England skipped: the IoD2019 files are not at ${path.dirname(englandFile1)}.`);
    return;
  }
  const bytes = await buildXlsx([englandSheet(), ...planSheets]);
  if (keepFile) await fs.writeFile(keepFile, bytes);
  const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`England alone — ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} CPUs, load average ${load()} at the start`);
  console.log(formatProcessFigures('England (32,844 LSOAs)', await wholeProcessFigures(bytes, runs)));
  console.log(`Load average at the end: ${load()}`);
}

run().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
