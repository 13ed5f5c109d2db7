import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { runUsage, toolUsage } from '../../src/cli/args';
import { type Console, main } from '../../src/cli/main';
import { paintFor } from '../../src/cli/terminal';
import { tempFolder, writeInputWorkbook } from './workbookFiles';

/**
 * What the tool prints and where (issue 9, part 4), through `main`: help on stdout,
 * errors on stderr only, `--json -` leaving stdout to the JSON, `--quiet`, and colour
 * only where the streams are terminals.
 */

const sample = path.resolve(__dirname, '../../assets/sample-workbook.xlsx');
const now = () => new Date('2026-11-23T12:00:00Z');

interface Printed {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function run(argv: readonly string[], extra: Partial<Console> = {}): Promise<Printed> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), ...extra }, now);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('what the tool prints, and where', () => {
  const tmp = tempFolder('lp-output-');
  afterAll(() => tmp.remove());
  let n = 0;
  function folder(): { dir: string; input: string } {
    const dir = path.join(tmp.dir, `case${++n}`);
    mkdirSync(dir);
    const input = path.join(dir, 'plan.xlsx');
    copyFileSync(sample, input);
    return { dir, input };
  }
  /** A workbook with one problem that stops the run (Unit cost "tbc"). */
  async function broken(): Promise<{ dir: string; input: string }> {
    const dir = path.join(tmp.dir, `case${++n}`);
    mkdirSync(dir);
    const input = path.join(dir, 'plan.xlsx');
    await writeInputWorkbook(input, [
      { name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', '2024/25']] },
      { name: 'Costs', rows: [['Cost line', 'Unit cost'], ['Manager', 'tbc']] },
    ]);
    return { dir, input };
  }

  it.each`
    argv                    | usage
    ${['--help']}           | ${toolUsage}
    ${['run', '--help']}    | ${runUsage}
    ${['help', 'run']}      | ${runUsage}
  `('prints $argv on stdout alone, exit 0', async ({ argv, usage }) => {
    expect(await run(argv)).toEqual({ code: 0, out: usage, err: '' });
  });

  it('prints a usage error on stderr alone, with where to find the options, exit 2', async () => {
    expect(await run(['run', 'plan.xlsx', '--out'])).toEqual({
      code: 2,
      out: '',
      err: '--out needs a file name, as in --out results.xlsx.\nRun locality-planner run --help to see the options.',
    });
  });

  it('leaves stdout to the JSON summary with --json -, and prints the report on stderr', async () => {
    const { dir, input } = folder();
    const printed = await run(['run', input, '--json', '-']);
    expect(printed.code).toBe(0);
    expect((JSON.parse(printed.out) as { version: number }).version).toBe(1);
    expect(printed.err).toContain('Selected localities: 11');
    expect(printed.err).toContain(`Results written to ${path.join(dir, 'plan.results.xlsx')}`);
    expect(readdirSync(dir).sort()).toEqual(['plan.results.xlsx', 'plan.xlsx']);
  });

  it('prints the problems as JSON on stdout with --json - when they stop the run, and on stderr as lines', async () => {
    const { dir, input } = await broken();
    const printed = await run(['run', input, '--json', '-']);
    expect(printed.code).toBe(1);
    const summary = JSON.parse(printed.out) as { version: number; issues: { severity: string }[] };
    expect(summary.version).toBe(1);
    expect(summary.issues.filter((i) => i.severity === 'error')).toEqual([{ severity: 'error', table: 'Costs', cell: 'B2', message: expect.stringContaining('Unit cost') }]);
    expect(printed.err).toContain('Costs!B2: Unit cost');
    // The notes found with the errors come after them, on stderr too.
    expect(printed.err).toMatch(/Costs!B2: Unit cost[^]*\n\nAlso noted \(these do not stop a run\):\n {2}Workbook: Not worked out yet/);
    expect(readdirSync(dir)).toEqual(['plan.xlsx']);
  });

  it('says the problems are listed in the --json file, and that nothing else was written', async () => {
    const { dir, input } = await broken();
    const printed = await run(['run', input, '--json', path.join(dir, 's.json')]);
    expect(printed.code).toBe(1);
    expect(printed.err.split('\n')[0]).toBe(`${input}: 1 problem stops the run; nothing was written but the list of problems, in ${path.join(dir, 's.json')}.`);
    expect(readdirSync(dir).sort()).toEqual(['plan.xlsx', 's.json']);
  });

  it.each`
    outcome          | make        | code | out   | errSays
    ${'a good run'}  | ${'good'}   | ${0} | ${''} | ${''}
    ${'input errors'} | ${'broken'} | ${1} | ${''} | ${'Costs!B2: Unit cost'}
  `('prints only errors with --quiet: $outcome', async ({ make, code, out, errSays }) => {
    const { input } = make === 'good' ? folder() : await broken();
    const printed = await run(['run', input, '--quiet']);
    expect(printed.code).toBe(code);
    expect(printed.out).toBe(out);
    if (errSays) expect(printed.err).toContain(errSays);
    else expect(printed.err).toBe('');
  });

  it('colours only the streams that are terminals', async () => {
    const { input } = folder();
    const colourOut = await run(['run', input], { paint: { out: paintFor(true, {}), err: paintFor(false, {}) } });
    expect(colourOut.out).toContain('\u001b[1mSelected localities');
    const colourErr = await run(['run', path.join(path.dirname(input), 'missing.xlsx')], { paint: { out: paintFor(false, {}), err: paintFor(true, {}) } });
    expect(colourErr.err).toBe(`\u001b[31mCannot find the workbook ${path.join(path.dirname(input), 'missing.xlsx')}.\u001b[0m`);
    const plain = await run(['run', input], { paint: { out: paintFor(true, { NO_COLOR: '1' }), err: paintFor(true, { NO_COLOR: '1' }) } });
    expect(plain.out).not.toContain('\u001b');
  });
});
