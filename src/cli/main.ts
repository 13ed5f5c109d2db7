import path from 'node:path';
import { type Issue, changesInWords, formatIssue, runPlanner, summaryIssues } from '../engine';
import { WorkbookFileError } from '../xlsx/fileErrors';
import { WorkbookPackage } from '../xlsx/package';
import { readWorkbook } from '../xlsx/readWorkbook';
import { PackageError, dropsMacros, writeResultsOnlyWorkbook, writeResultsWorkbook } from '../xlsx/writeWorkbook';
import { type Command, parseArgs, runUsage, toolUsage } from './args';
import { FileProblem, type InputWorkbook, type Output, type Target, WriteFailure, inPlaceTarget, readInputWorkbook, resolveTarget, sameTarget, writeAllOrNothing } from './files';
import { formatReport } from './report';
import { type Paint, Progress, type ProgressLine, plain, printable, printableLines, safeJson } from './terminal';
import { version } from './version';

/** Where the CLI prints; injected so tests can read it. */
export interface Console {
  /** Standard output: the report, or the JSON summary for `--json -`. */
  out(text: string): void;
  /** Standard error: errors, and the report when standard output carries the JSON. */
  err(text: string): void;
  /** Colour for each stream; plain unless the stream is a terminal (see `paintFor`). */
  readonly paint?: { readonly out: Paint; readonly err: Paint };
  /** The progress line on standard error, when it is a terminal. */
  readonly progress?: ProgressLine;
}

/** `plan.xlsx` → `plan.results.xlsx`, beside the input. */
export function defaultOutput(input: string): string {
  const ext = path.extname(input);
  return path.join(path.dirname(input), `${path.basename(input, ext)}.results${ext || '.xlsx'}`);
}

type RunCommand = Extract<Command, { kind: 'run' }>;

/** Where a run's outputs go, checked before anything is read or written. */
interface Destinations {
  readonly results: Target;
  readonly summary?: Target;
}

/** Resolves and checks the outputs against the input and each other; a string is a problem to print. */
async function destinationsFor(command: RunCommand, input: InputWorkbook): Promise<Destinations | string> {
  const results = command.results.kind === 'in-place' ? inPlaceTarget(input) : await resolveTarget(command.results.path ?? defaultOutput(command.input), 'the results workbook');
  if (command.results.kind === 'new-file' && sameTarget(results, input)) {
    return `The output would overwrite the input workbook ${command.input}. Choose another --out, or use --in-place to refresh the results inside it.`;
  }
  if (command.summary?.kind !== 'file') return { results };
  const summary = await resolveTarget(command.summary.path, 'the summary');
  if (sameTarget(summary, input) || sameTarget(summary, results)) return '--json must name a different file from the workbooks. Nothing was written.';
  return { results, summary };
}

/**
 * The command-line tool (contract §4). Exit 0: ran; 1: input errors, each printed with
 * table and cell, nothing written; 2: usage or file errors. Whatever happens, the input
 * is never altered (except by `--in-place`, which keeps a backup), the results workbook
 * and the summary land together or not at all, and the last message says what exists.
 */
export async function main(argv: readonly string[], io: Console, now: () => Date = () => new Date()): Promise<number> {
  const paint = io.paint ?? { out: plain, err: plain };
  /** An error: made printable (it may quote the command line or the workbook), then coloured. */
  const fail = (text: string): void => io.err(printableLines(text).split('\n').map((l, i) => (i === 0 ? paint.err('error', l) : l)).join('\n'));
  const command = parseArgs(argv);
  if (typeof command === 'string') {
    const topic = argv.includes('run') ? 'locality-planner run --help' : 'locality-planner --help';
    fail(`${command}\nRun ${topic} to see the options.`);
    return 2;
  }
  if (command.kind === 'help') {
    io.out(command.topic === 'run' ? runUsage : toolUsage);
    return 0;
  }
  if (command.kind === 'version') {
    io.out(version);
    return 0;
  }

  const progress = new Progress(command.quiet ? undefined : io.progress);
  try {
    return await run(command, io, paint, fail, progress, now);
  } finally {
    progress.done();
  }
}

async function run(command: RunCommand, io: Console, paint: { readonly out: Paint; readonly err: Paint }, fail: (text: string) => void, progress: Progress, now: () => Date): Promise<number> {
  const given = command.input;
  progress.enter('reading', given);
  let input: InputWorkbook;
  let destinations: Destinations;
  try {
    input = await readInputWorkbook(given);
    const checked = await destinationsFor(command, input);
    if (typeof checked === 'string') {
      fail(checked);
      return 2;
    }
    destinations = checked;
  } catch (e) {
    if (e instanceof FileProblem) {
      fail(e.message);
      return 2;
    }
    throw e;
  }

  // One package model for the run: read once, and the results written from the same parts.
  let pkg: WorkbookPackage;
  let workbook;
  try {
    pkg = WorkbookPackage.open(input.bytes);
    workbook = await readWorkbook(pkg);
  } catch (e) {
    if (e instanceof WorkbookFileError) {
      fail(`Cannot read ${given}: ${e.message}.`);
      return 2;
    }
    throw e;
  }

  progress.enter('planning', given);
  const outcome = runPlanner(workbook, { now: now(), toolVersion: version, host: 'command-line tool' });
  const say = (text: string): void => {
    progress.done();
    fail(text);
  };

  if (!outcome.ok) {
    const json = safeJson({ version: 1, issues: summaryIssues(outcome.issues) });
    let summaryNote = '';
    if (destinations.summary) {
      try {
        await writeAllOrNothing([{ target: destinations.summary, data: json }], { say });
        summaryNote = ` but the list of problems, in ${destinations.summary.given}`;
      } catch (e) {
        if (!(e instanceof WriteFailure)) throw e;
        progress.done();
        printProblems(given, outcome.issues, io, paint, '');
        fail(e.message);
        return 2;
      }
    }
    progress.done();
    printProblems(given, outcome.issues, io, paint, summaryNote);
    if (command.summary?.kind === 'stdout') io.out(json.trimEnd());
    return 1;
  }

  progress.enter('writing', destinations.results.given);
  let result: Uint8Array;
  try {
    result =
      command.results.kind === 'new-file' && command.results.resultsOnly
        ? await writeResultsOnlyWorkbook(outcome.plan, { outputName: destinations.results.given })
        : await writeResultsWorkbook(pkg, outcome.plan, { outputName: destinations.results.given });
  } catch (e) {
    if (e instanceof PackageError) {
      fail(`Cannot write the results into ${given}'s package: ${e.message}. Nothing was written.`);
      return 2;
    }
    if (e instanceof WorkbookFileError) {
      fail(`Cannot read ${given}: ${e.message}. Nothing was written.`);
      return 2;
    }
    throw e;
  }
  const json = safeJson(outcome.summary);
  // The summary first and the workbook last: for --in-place the workbook's own backup then
  // covers it, and a failure at the last rename leaves the summary to be put back alone.
  const outputs: Output[] = [...(destinations.summary ? [{ target: destinations.summary, data: json }] : []), { target: destinations.results, data: result }];
  let written;
  try {
    written = await writeAllOrNothing(outputs, { say, ...(command.results.kind === 'in-place' ? { inPlace: input } : {}) });
  } catch (e) {
    if (e instanceof WriteFailure) {
      progress.done();
      fail(e.message);
      return 2;
    }
    throw e;
  }
  progress.done();

  const toStdout = command.summary?.kind === 'stdout';
  if (toStdout) io.out(json.trimEnd());
  if (command.quiet) return 0;
  const results = destinations.results;
  const through = results.isLink ? ` (through the link, in ${results.real})` : '';
  // What changed since the workbook's previous run, from the history its record keeps (issue 14, part 5); names in it are workbook text, so escaped.
  const lines = [formatReport(outcome.summary, toStdout ? paint.err : paint.out), '', printable(changesInWords(outcome.changes)), ''];
  if (written.staleRemoved.length > 0) lines.push(printable(`Removed ${written.staleRemoved.length === 1 ? 'a temporary file' : `${written.staleRemoved.length} temporary files`} left by an earlier run that was stopped: ${written.staleRemoved.map((f) => path.basename(f)).sort().join(', ')}.`));
  if (command.results.kind === 'in-place') {
    lines.push(printable(`Refreshed ${results.given} in place${through}.`));
    if (written.backup) lines.push(printable(`The workbook as it was before is kept as ${written.backup}.`));
  } else {
    lines.push(printable(`Results written to ${results.given}${through}`));
  }
  if (destinations.summary) lines.push(printable(`Summary written to ${destinations.summary.given}`));
  if (dropsMacros(pkg, results.given)) lines.push(printable(`Note: ${results.given} is a workbook without macros, so the macros in ${given} are not in it; give the output an .xlsm name to keep them.`));
  (toStdout ? io.err : io.out)(lines.join('\n'));
  return 0;
}

/** The problems that stop the run, each as `Table!Cell: message`, then the notes found with them. */
function printProblems(given: string, issues: readonly Issue[], io: Console, paint: { readonly err: Paint }, summaryNote: string): void {
  const errors = issues.filter((i) => i.severity === 'error');
  const notes = issues.filter((i) => i.severity !== 'error');
  const head = `${given}: ${errors.length} ${errors.length === 1 ? 'problem stops' : 'problems stop'} the run; nothing was written${summaryNote}.`;
  const lines = [paint.err('error', printable(head)), '', ...errors.map((i) => `  ${printable(formatIssue(i))}`)];
  // Everything the run found, in one go: the notes too, so the next run brings no surprises.
  if (notes.length > 0) lines.push('', 'Also noted (these do not stop a run):', ...notes.map((i) => `  ${printable(formatIssue(i))}`));
  io.err(lines.join('\n'));
}
