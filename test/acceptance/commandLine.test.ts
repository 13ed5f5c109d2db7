import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Input, cellsOf, parameters, plan, ran, sheet, workbookOf } from './contractRun';

/**
 * Acceptance, contract §3 and §4: the tool as a process (`node bin/locality-planner.js`),
 * its exit codes, what goes to stdout and stderr, the files it writes, and the shape of the
 * `--json` summary field by field.
 */

const bin = path.resolve(__dirname, '../../bin/locality-planner.js');

interface Process {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly files: string[];
}

/** Runs the real tool in a folder holding `plan.xlsx` (these inputs), `notes.txt` and an empty `empty.xlsx`. */
async function tool(args: readonly string[], inputs: readonly Input[] = []): Promise<Process> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lp-acceptance-cli-'));
  try {
    await fs.writeFile(path.join(dir, 'plan.xlsx'), await workbookOf(inputs));
    await fs.writeFile(path.join(dir, 'notes.txt'), 'not a workbook\n');
    await fs.writeFile(path.join(dir, 'empty.xlsx'), '');
    const run = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr, files: (await fs.readdir(dir)).sort() };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const good = [parameters('2012/13', 2), sheet('Costs', ['Cost line', 'Unit cost'], ['Manager', 40_000])];
const bad = [parameters('2012/13', 2), sheet('Costs', ['Cost line', 'Unit cost'], ['Manager', 'tbc'], ['Officer', 'lots'])];

describe('the command-line tool as a process (contract §4)', () => {
  it('exits 0, writes <input>.results.xlsx beside the input and the summary to stdout with --json -', async () => {
    const run = await tool(['run', 'plan.xlsx', '--json', '-'], good);
    expect(run.status).toBe(0);
    expect(run.files).toEqual(['empty.xlsx', 'notes.txt', 'plan.results.xlsx', 'plan.xlsx']);
    // stdout carries only the summary, so it can be piped; the report goes to stderr.
    expect(JSON.parse(run.stdout)).toMatchObject({ version: 1, years: ['2012/13', '2013/14'] });
  });

  it('exits 1 on input errors, printing every error with table and cell, and writes no output file', async () => {
    const run = await tool(['run', 'plan.xlsx'], bad);
    expect(run.status).toBe(1);
    expect(run.files).toEqual(['empty.xlsx', 'notes.txt', 'plan.xlsx']);
    expect(run.stderr).toMatch(/Costs!B2: .*tbc/);
    expect(run.stderr).toMatch(/Costs!B3: .*lots/);
  });

  it('names the table as well as the cell when an input table is on a sheet of another name', async () => {
    const onData = { name: 'Costs', rows: [['Cost line', 'Unit cost'], ['Manager', 'tbc']], asTable: true } as const;
    const run = await tool(['run', 'plan.xlsx'], [good[0], onData]);
    expect(run.status).toBe(1);
    // The table is on the sheet "Costs input": its cell, and the table the contract names.
    expect(run.stderr).toContain('Costs input!B2 (Costs table): Unit cost should be an amount');
  });

  it.each`
    case                         | args
    ${'no input named'}          | ${['run']}
    ${'an unknown option'}       | ${['run', 'plan.xlsx', '--colour']}
    ${'an unknown command'}      | ${['plan', 'plan.xlsx']}
    ${'a missing file'}          | ${['run', 'missing.xlsx']}
    ${'a file that is not a workbook'} | ${['run', 'notes.txt']}
    ${'an empty file'}           | ${['run', 'empty.xlsx']}
    ${'--out naming the input'}  | ${['run', 'plan.xlsx', '--out', 'plan.xlsx']}
  `('exits 2 for $case, saying why on stderr and writing nothing', async ({ args }) => {
    const run = await tool(args, good);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).not.toBe('');
    expect(run.stdout).toBe('');
    expect(run.files).toEqual(['empty.xlsx', 'notes.txt', 'plan.xlsx']);
  });
});

describe('outputs the tool owns (contract §3)', () => {
  it('keeps the input sheets as they were, leads with Summary, and records what it made in a very hidden _LocalityPlanner sheet', async () => {
    const run = await plan(...good);
    ran(run);
    expect(run.inputUnchanged).toBe(true);
    const sheets = run.results!.worksheets.map((w) => [w.name, w.state]);
    expect(sheets.slice(0, 2)).toEqual([['Parameters', 'visible'], ['Costs', 'visible']]);
    expect(sheets.slice(2).map(([name]) => name)).toEqual(expect.arrayContaining(['Summary', 'Projection', 'Priorities', 'Allocation', 'Warnings', 'Charts', 'Scenarios', 'Sensitivity', 'Run info']));
    expect(sheets[2][0]).toBe('Summary');
    expect(sheets).toContainEqual(['_LocalityPlanner', 'veryHidden']);
    // The input sheets' cells are as the user typed them.
    expect(cellsOf(run.results!, 'Costs')).toEqual([['Cost line', 'Unit cost'], ['Manager', 40_000]]);
    expect(cellsOf(run.results!, 'Parameters')).toEqual([['Parameter', 'Value'], ['First year', '2012/13'], ['Years', 2]]);
  });

  it('stops before writing anything when a sheet it would make is the user\'s own, and a prefix solves it', async () => {
    const mine = sheet('Warnings', ['My own notes'], ['keep me']);
    const refused = await plan(...good, mine);
    expect({ code: refused.code, written: refused.results !== undefined }).toEqual({ code: 1, written: false });
    expect(refused.err).toContain('Warnings');
    const prefixed = await plan(parameters('2012/13', 2, ['Output sheet prefix', 'LP']), good[1], mine);
    expect(prefixed.code).toBe(0);
    expect(prefixed.results!.getWorksheet('Warnings')!.getCell('A2').value).toBe('keep me');
    expect(prefixed.results!.getWorksheet('LP Warnings')).toBeDefined();
  });
});

describe('the --json summary, field by field (contract §4, §5.4, §6.4)', () => {
  it('has exactly the contract\'s fields, with amounts in pounds to the penny and null where an answer does not apply', async () => {
    const s = ran(await plan(
      sheet('Localities', ['Locality', 'District', 'IMD Score'], ['North', 'Borough', 12.5], ['South', 'Borough', 30]),
      parameters('2012/13', 2, ['Per district', 1], ['Allocation pot', '100.01']),
      sheet('Costs', ['Cost line', 'Unit cost', 'Inflation'], ['Manager', '1,000.10', 'None']),
      sheet('Funding', ['Source', 'Kind', 'Annual amount', 'Pot', 'Status'], ['Grant', 'Recurring', 500, null, 'At risk'], ['Pot', 'One-off', null, 300, null]),
    ));
    expect(Object.keys(s)).toEqual(['version', 'years', 'selected', 'projection', 'pots', 'allocation', 'warnings', 'issues', 'scenarios', 'sensitivity', 'affordability']);
    expect(s.selected).toEqual([{ locality: 'South', district: 'Borough', rank: 1, needScore: 100, reason: 'district' }]);
    // Cost 1,000.10 + 100.01 = 1,100.11; Grant 500; the Pot pays 300 in 2012/13, then is spent.
    expect(s.projection[0]).toEqual({ year: '2012/13', cost: 1_100.11, recurringFunding: 500, drawdown: 300, funding: 800, shortfall: 300.11, surplus: 0, capitalCost: 0, capitalFunding: 0, capitalShortfall: 0, cumulativeShortfall: 300.11 });
    expect(s.pots).toEqual([{ source: 'Pot', opening: 300, drawdown: [300, 0], exhaustedIn: '2012/13' }]);
    expect(s.allocation).toEqual([
      { line: 'Allocation pot', year: '2012/13', locality: 'South', amount: 100.01 },
      { line: 'Allocation pot', year: '2013/14', locality: 'South', amount: 100.01 },
    ]);
    for (const w of s.warnings) expect(Object.keys(w).sort()).toEqual(['amount', 'code', 'message', 'severity', 'year']);
    expect(s.warnings).toContainEqual(expect.objectContaining({ code: 'AT_RISK' }));
    expect(s.scenarios.map((c) => [c.name, c.kind])).toEqual([['Base', 'base'], ['Confirmed funding only', 'confirmed-only']]);
    for (const c of s.scenarios) {
      expect(Object.keys(c)).toEqual(['name', 'kind', 'selected', 'projection', 'totalShortfall', 'firstShortfallYear']);
      for (const p of c.projection) expect(Object.keys(p)).toEqual(['year', 'cost', 'funding', 'shortfall', 'surplus']);
    }
    for (const r of s.sensitivity) expect(Object.keys(r)).toEqual(['input', 'table', 'cell', 'base', 'low', 'high', 'shortfallLow', 'shortfallHigh', 'swing']);
    // Per district in use with one district: Additional 0 still leaves a gap, so that answer is null; Cost per locality is 0.
    expect(s.affordability).toEqual({ localities: null, costPerLocality: null, newRecurringFunding: { amount: expect.any(Number), fromYear: '2012/13' } });
  });

  it('reports input errors in issues with severity, table, cell and message', async () => {
    const run = await plan(...bad);
    expect(run.code).toBe(1);
    // Only the list of problems: no figures were worked out (docs/workbook-format.md, The JSON summary).
    expect(Object.keys(run.summary!)).toEqual(['version', 'issues']);
    expect(run.summary!.issues.filter((i) => i.severity === 'error')).toEqual([
      { severity: 'error', table: 'Costs', cell: 'B2', message: expect.stringContaining('tbc') },
      { severity: 'error', table: 'Costs', cell: 'B3', message: expect.stringContaining('lots') },
    ]);
  });
});
