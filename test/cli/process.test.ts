import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { runUsage } from '../../src/cli/args';
import { tempFolder } from './workbookFiles';

/**
 * The compiled tool as a process, as analysts script it (issue 9, parts 3 and 4): the
 * version without loading the tool, errors on stderr, `--json -`, colour and a progress
 * line only on a terminal, and a run stopped by a signal or killed outright leaving no
 * temporary file behind (the next run cleans up after a killed one).
 */

const repo = path.resolve(__dirname, '../..');
const bin = path.join(repo, 'bin/locality-planner.js');
const sample = path.join(repo, 'assets/sample-workbook.xlsx');
/** Holds the tool at a chosen temporary file, or slows its reading (see the file). */
const holdWrites = path.join(__dirname, 'preload/holdWrites.js');
const version = (JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string }).version;

const listing = (dir: string): string[] => readdirSync(dir).sort();

interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A running tool: its output so far, and its end. */
interface Running {
  readonly child: ChildProcess;
  stderrSoFar(): string;
  readonly finished: Promise<Finished>;
}

function start(args: readonly string[], options: { env?: Record<string, string>; hold?: boolean; cwd?: string } = {}): Running {
  const child = spawn(process.execPath, [...(options.hold ? ['--require', holdWrites] : []), bin, ...args], { env: { ...process.env, ...options.env }, ...(options.cwd ? { cwd: options.cwd } : {}) });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const finished = new Promise<Finished>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, stderrSoFar: () => stderr, finished };
}

async function until(what: string, check: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs the tool on a terminal (a pseudo-terminal from util-linux `script`), stdout and stderr together. */
function onTerminal(args: readonly string[], env: Record<string, string | undefined> = {}): { status: number | null; output: string } {
  const command = [process.execPath, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const run = spawnSync('script', ['-qec', command, '/dev/null'], { env: { ...process.env, TERM: 'xterm-256color', NO_COLOR: undefined, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, output: run.stdout };
}

describe('the compiled command-line tool as a process', () => {
  const tmp = tempFolder('lp-process-');
  afterAll(() => tmp.remove());
  const folder = () => tmp.caseWith(sample);

  describe('--version and --help', () => {
    it.each(['--version', '-V'])('answers %s with the version alone, on stdout', (flag) => {
      const run = spawnSync(process.execPath, [bin, flag], { encoding: 'utf8' });
      expect([run.status, run.stdout, run.stderr]).toEqual([0, `${version}\n`, '']);
    });

    it('answers --version without loading the compiled tool at all', () => {
      const copy = path.join(tmp.dir, 'no-build');
      cpSync(path.join(repo, 'bin'), path.join(copy, 'bin'), { recursive: true });
      copyFileSync(path.join(repo, 'package.json'), path.join(copy, 'package.json'));
      const run = spawnSync(process.execPath, [path.join(copy, 'bin/locality-planner.js'), '--version'], { encoding: 'utf8' });
      expect([run.status, run.stdout]).toEqual([0, `${version}\n`]);
      const full = spawnSync(process.execPath, [path.join(copy, 'bin/locality-planner.js'), 'run', 'x.xlsx'], { encoding: 'utf8' });
      expect(full.status).toBe(2);
      expect(full.stderr).toContain('The compiled command-line tool is missing');
    });

    it('gives the same version through the compiled tool', () => {
      const run = spawnSync(process.execPath, [bin, 'run', '--version'], { encoding: 'utf8' });
      expect(run.stdout).toBe(`${version}\n`);
    });

    it('prints the help for run on stdout and exits 0', () => {
      const run = spawnSync(process.execPath, [bin, 'run', '--help'], { encoding: 'utf8' });
      expect([run.status, run.stdout, run.stderr]).toEqual([0, `${runUsage}\n`, '']);
    });

    it('prints a usage error on stderr only, with exit 2', () => {
      const run = spawnSync(process.execPath, [bin, 'run', 'plan.xlsx', '--jsn', 's.json'], { encoding: 'utf8' });
      expect([run.status, run.stdout]).toEqual([2, '']);
      expect(run.stderr).toBe('Unknown option "--jsn" (did you mean --json?).\nRun locality-planner run --help to see the options.\n');
    });
  });

  describe('scripting', () => {
    it('prints only the JSON summary on stdout with --json -, and the report on stderr', async () => {
      const { dir, input } = folder();
      const run = await start(['run', input, '--json', '-']).finished;
      expect(run.code).toBe(0);
      const summary = JSON.parse(run.stdout) as { version: number; years: string[] };
      expect(summary.version).toBe(1);
      expect(summary.years[0]).toBe('2024/25');
      expect(run.stderr).toContain(`Results written to ${path.join(dir, 'plan.results.xlsx')}`);
      expect(listing(dir)).toEqual(['plan.results.xlsx', 'plan.xlsx']);
    });

    it('prints nothing at all with --quiet when the run succeeds', async () => {
      const { dir, input } = folder();
      const run = await start(['run', input, '--quiet']).finished;
      expect([run.code, run.stdout, run.stderr]).toEqual([0, '', '']);
      expect(listing(dir)).toEqual(['plan.results.xlsx', 'plan.xlsx']);
    });

    it('stops quietly when the reader of --json - goes away first', () => {
      const { input } = folder();
      const run = spawnSync('bash', ['-c', `set -o pipefail; '${process.execPath}' '${bin}' run '${input}' --json - --quiet | true`], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    });

    it('refuses a named pipe as the input at once rather than waiting for someone to write to it', async () => {
      const { dir } = folder();
      const fifo = path.join(dir, 'pipe.xlsx');
      execFileSync('mkfifo', [fifo]);
      const started = Date.now();
      const run = await start(['run', fifo]).finished;
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`${fifo} is a named pipe, not a regular file, so it was not read. Give the workbook file itself.\n`);
    });
  });

  describe('on a terminal', () => {
    it('colours the report on a terminal', () => {
      const { input } = folder();
      const run = onTerminal([bin, 'run', input]);
      expect(run.status).toBe(0);
      expect(run.output).toContain('\u001b[1mSelected localities');
      expect(run.output).toContain('\u001b[31m');
    });

    it.each`
      why                       | env                                | args
      ${'NO_COLOR is set'}      | ${{ NO_COLOR: '1' }}               | ${[]}
      ${'TERM is dumb'}         | ${{ TERM: 'dumb' }}                | ${[]}
    `('uses no colour when $why', ({ env, args }) => {
      const { input } = folder();
      const run = onTerminal([bin, 'run', input, ...args], env);
      expect(run.status).toBe(0);
      expect(run.output).toContain('Selected localities');
      expect(run.output).not.toContain('\u001b[');
    });

    it('uses no colour when stdout is not a terminal', async () => {
      const { input } = folder();
      const run = await start(['run', input], { env: { TERM: 'xterm-256color' } }).finished;
      expect(run.stdout).toContain('Selected localities');
      expect(run.stdout).not.toContain('\u001b[');
    });

    it('shows a progress line on stderr once a run takes longer than a second, and clears it', () => {
      const { input } = folder();
      const run = onTerminal(['--require', holdWrites, bin, 'run', input], { LP_TEST_SLOW_READ_MS: '1500' });
      expect(run.status).toBe(0);
      expect(run.output).toContain(`\r\u001b[KReading ${input}…`);
      // Cleared (carriage return, erase line) before the report begins.
      expect(run.output).toContain('\r\u001b[K\u001b[1mSelected localities');
    });

    it.each`
      why                                 | args           | terminal
      ${'with --quiet'}                   | ${['--quiet']} | ${true}
      ${'when stderr is not a terminal'}  | ${[]}          | ${false}
    `('shows no progress line $why', async ({ args, terminal }) => {
      const { input } = folder();
      const output = terminal
        ? onTerminal(['--require', holdWrites, bin, 'run', input, ...args], { LP_TEST_SLOW_READ_MS: '1500' }).output
        : (await start(['run', input, ...args], { hold: true, env: { LP_TEST_SLOW_READ_MS: '1500' } }).finished).stderr;
      expect(output).not.toContain('Reading');
    });
  });

  describe('stopped while writing', () => {
    it.each`
      signal       | args                       | hold | says
      ${'SIGINT'}  | ${['--json', 's.json']}    | ${2} | ${'Stopped by SIGINT before the results were written. Nothing was written.'}
      ${'SIGTERM'} | ${['--json', 's.json']}    | ${2} | ${'Stopped by SIGTERM before the results were written. Nothing was written.'}
      ${'SIGHUP'}  | ${['--json', 's.json']}    | ${1} | ${'Stopped by SIGHUP before the results were written. Nothing was written.'}
      ${'SIGINT'}  | ${['--in-place']}          | ${1} | ${'Stopped by SIGINT before the results were written. Nothing was written. plan.xlsx is as it was.'}
      ${'SIGTERM'} | ${['--in-place', '--json', 's.json']} | ${2} | ${'Stopped by SIGTERM before the results were written. Nothing was written. plan.xlsx is as it was.'}
    `('removes every temporary file on $signal during $args, says nothing was written, and stops with the signal', async ({ signal, args, hold, says }) => {
      const { dir, input, original } = folder();
      const running = start(['run', 'plan.xlsx', ...args], { cwd: dir, hold: true, env: { LP_TEST_HOLD_TEMPORARY: String(hold) } });
      await until('the tool to reach the held temporary file', () => running.stderrSoFar().includes('held at'));
      expect(listing(dir).filter((f) => f.endsWith('.tmp'))).toHaveLength(hold);
      running.child.kill(signal);
      const run = await running.finished;
      expect(run.signal).toBe(signal);
      expect(run.stderr).toContain(`${says}\n`);
      expect(listing(dir)).toEqual(['plan.xlsx']);
      expect(readFileSync(input).equals(original)).toBe(true);
    });

    it('leaves a killed run’s temporary file for the next run on that file, which removes it and says so', async () => {
      const { dir, input } = folder();
      const killed = start(['run', input], { hold: true, env: { LP_TEST_HOLD_TEMPORARY: '1' } });
      await until('the tool to reach its temporary file', () => killed.stderrSoFar().includes('held at'));
      killed.child.kill('SIGKILL');
      expect((await killed.finished).signal).toBe('SIGKILL');
      const [leftover] = listing(dir).filter((f) => f.endsWith('.tmp'));
      expect(leftover).toMatch(/^\.plan\.results\.xlsx\.locality-planner-\d+-[0-9a-f]{12}\.tmp$/);
      const rerun = await start(['run', input]).finished;
      expect(rerun.code).toBe(0);
      expect(rerun.stdout).toContain(`Removed a temporary file left by an earlier run that was stopped: ${leftover}.`);
      expect(listing(dir)).toEqual(['plan.results.xlsx', 'plan.xlsx']);
    });
  });
});
