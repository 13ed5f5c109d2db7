import { constants as fsConstants, promises as fs } from 'node:fs';
import path from 'node:path';
import { formatIssue, runPlanner, summaryIssues } from '../engine';
import { readWorkbookFile, WorkbookFileError } from '../xlsx/readWorkbook';
import { PackageError, writeResultsWorkbook } from '../xlsx/writeWorkbook';
import { parseArgs, usage } from './args';
import { formatReport } from './report';
import { version } from './version';

/** Where the CLI prints; injected so tests can read it. */
export interface Console {
  out(text: string): void;
  err(text: string): void;
}

/** `plan.xlsx` → `plan.results.xlsx`, beside the input. */
export function defaultOutput(input: string): string {
  const ext = path.extname(input);
  return path.join(path.dirname(input), `${path.basename(input, ext)}.results${ext || '.xlsx'}`);
}

/** A temporary name beside the target, so the final rename never crosses file systems. */
const temporaryName = (file: string): string => path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);

/**
 * Writes every file through a temporary beside it and renames them into place only once
 * all are written, so a failure leaves no half-written file and no lone workbook without
 * its summary.
 */
async function writeAllOrNothing(files: readonly { readonly path: string; readonly data: Uint8Array | string }[]): Promise<void> {
  const written: string[] = [];
  try {
    for (const f of files) {
      const tmp = temporaryName(f.path);
      await fs.writeFile(tmp, f.data);
      written.push(tmp);
    }
    for (const f of files) await fs.rename(temporaryName(f.path), f.path);
  } catch (e) {
    await Promise.all(written.map((tmp) => fs.rm(tmp, { force: true })));
    throw e;
  }
}

/** Why a file cannot be written there, or undefined if its folder exists and is writable. */
async function unwritable(file: string): Promise<string | undefined> {
  const dir = path.dirname(path.resolve(file));
  try {
    if (!(await fs.stat(dir)).isDirectory()) return `${dir} is not a folder`;
    await fs.access(dir, fsConstants.W_OK);
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? `the folder ${dir} does not exist` : `the folder ${dir} cannot be written to`;
  }
}

const same = (a: string, b: string): boolean => path.resolve(a) === path.resolve(b);

/**
 * The command-line tool (contract §4). Exit 0: ran; 1: input errors, each printed with
 * table and cell, nothing written; 2: usage or file errors.
 */
export async function main(argv: readonly string[], io: Console, now: () => Date = () => new Date()): Promise<number> {
  const command = parseArgs(argv);
  if (typeof command === 'string') {
    io.err(`${command}\n\n${usage}`);
    return 2;
  }
  if (command.kind === 'help') {
    io.out(usage);
    return 0;
  }
  if (command.kind === 'version') {
    io.out(version);
    return 0;
  }
  const { input } = command;
  const out = command.inPlace ? input : (command.out ?? defaultOutput(input));
  if (!command.inPlace && same(out, input)) {
    io.err(`The output would overwrite the input workbook ${input}. Choose another --out, or use --in-place to refresh the results inside it.`);
    return 2;
  }
  if (command.json && (same(command.json, input) || same(command.json, out))) {
    io.err('--json must name a different file from the workbooks.');
    return 2;
  }
  for (const target of [out, ...(command.json ? [command.json] : [])]) {
    const why = await unwritable(target);
    if (why) {
      io.err(`Cannot write ${target}: ${why}. Nothing was written.`);
      return 2;
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(input);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.err(code === 'ENOENT' ? `Cannot find the workbook ${input}.` : code === 'EISDIR' ? `${input} is a folder, not a workbook.` : `Cannot read ${input}: ${(e as Error).message}`);
    return 2;
  }
  let workbook;
  try {
    workbook = await readWorkbookFile(bytes);
  } catch (e) {
    if (e instanceof WorkbookFileError) {
      io.err(`Cannot read ${input}: ${e.message}.`);
      return 2;
    }
    throw e;
  }
  const outcome = runPlanner(workbook, { now: now(), toolVersion: version, host: 'command-line tool' });
  if (!outcome.ok) {
    const errors = outcome.issues.filter((i) => i.severity === 'error');
    const notes = outcome.issues.filter((i) => i.severity !== 'error');
    io.err(`${input}: ${errors.length} ${errors.length === 1 ? 'problem stops' : 'problems stop'} the run; nothing was written.\n`);
    for (const issue of errors) io.err(`  ${formatIssue(issue)}`);
    // Everything the run found, in one go: the notes too, so the next run brings no surprises.
    if (notes.length > 0) io.err(`\nAlso noted (these do not stop a run):\n${notes.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
    if (command.json) {
      await writeAllOrNothing([{ path: command.json, data: JSON.stringify({ version: 1, issues: summaryIssues(outcome.issues) }, null, 2) + '\n' }]);
    }
    return 1;
  }
  let result: Uint8Array;
  try {
    result = writeResultsWorkbook(bytes, outcome.plan);
  } catch (e) {
    if (e instanceof PackageError) {
      io.err(`Cannot write the results into ${input}'s package: ${e.message}. Nothing was written.`);
      return 2;
    }
    throw e;
  }
  const outputs = [{ path: out, data: result }, ...(command.json ? [{ path: command.json, data: JSON.stringify(outcome.summary, null, 2) + '\n' }] : [])];
  try {
    if (command.inPlace) {
      // Keep the original until the refreshed workbook is completely on disk.
      const backup = `${input}.backup`;
      await fs.copyFile(input, backup);
      await writeAllOrNothing(outputs);
      await fs.rm(backup, { force: true });
    } else {
      await writeAllOrNothing(outputs);
    }
  } catch (e) {
    io.err(`Cannot write the results: ${(e as Error).message}. ${command.inPlace ? `The original is kept as ${input}.backup if it was changed.` : 'Nothing was written.'}`);
    return 2;
  }
  io.out(formatReport(outcome.summary, out));
  return 0;
}
