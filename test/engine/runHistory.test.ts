import fc from 'fast-check';
import { type CellValue, type OutputPlan, type PlannerOutcome, type SheetPlan, type WorkbookInput, MAX_RUNS, OWNERSHIP_SHEET, changesInWords, runPlanner } from '../../src/engine';
import { type LastRunDetail, type RunEntry, type RunHistory, appendRun, emptyHistory, historyRows, readRunHistory } from '../../src/engine/runHistory';
import { pence } from '../../src/engine/money';
import { table, testContext, workbook } from '../support/tables';

/**
 * The run history that travels with the workbook (issue 14, part 5): each case runs the
 * planner, hands the next run the workbook as the first left it (changed as a user would),
 * and reads the Run history table and what changed.
 */

const parameters = (...extra: (readonly CellValue[])[]) => table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13'], ['Years', 2], ['Per district', 1], ...extra]);
const costs = (unit: number | string) => table('Costs', [['Cost line', 'Unit cost'], ['Locality Manager', unit]]);
const localities = (north: number, south: number) => table('Localities', [['Locality', 'District', 'IMD Score'], ['North', 'A', north], ['South', 'A', south]]);
const funding = (status: string) => table('Funding', [['Source', 'Kind', 'Annual amount', 'Status'], ['Core grant', 'Recurring', 30_000, status]]);

const base = workbook(parameters(), costs(40_000), localities(30, 20), funding('Confirmed'));

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 14, minute));
const run = (input: WorkbookInput, minute = 0, host = 'command-line tool'): PlannerOutcome => runPlanner(input, { ...testContext, now: at(minute), host });

function done(outcome: PlannerOutcome): Extract<PlannerOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(outcome.issues.map((i) => i.message).join('\n'));
  return outcome;
}

/** The workbook as a host reads it after the plan was written: its sheets, marks, tables and the record; inputs replaced by `next`'s. */
function after(plan: OutputPlan, next: WorkbookInput): WorkbookInput {
  const written = plan.sheets.map((s) => s.name);
  return {
    ...next,
    sheetNames: [...next.sheetNames.filter((n) => !written.includes(n)), ...written, OWNERSHIP_SHEET],
    tableNames: [...next.tableNames.filter((t) => !written.includes(t.sheet)), ...plan.sheets.flatMap((s) => s.tables.map((t) => ({ name: t.name, sheet: s.name })))],
    sheetMarks: plan.sheets.flatMap((s) => (s.mark === undefined ? [] : [{ sheet: s.name, mark: s.mark }])),
    ownershipRecord: plan.ownership.cells.map((r) => [...r]),
  };
}

/** The Run history table's rows on the plan's Run info sheet (whatever it is called): time serial, fingerprint, host, version, cost, shortfall. */
function historyOn(plan: OutputPlan): { readonly sheet: SheetPlan; readonly rows: readonly (readonly CellValue[])[] } {
  const sheet = plan.sheets.find((s) => s.tables.some((t) => t.name.endsWith('LP_RunHistory')))!;
  const t = sheet.tables.find((x) => x.name.endsWith('LP_RunHistory'))!;
  return { sheet, rows: sheet.cells.slice(t.range.row + 1, t.range.row + t.range.rows) };
}

const serial = (d: Date) => d.getTime() / 86_400_000 + 25_569;

describe('the run history travels with the workbook', () => {
  it('writes one row on a first run, and says there is nothing to compare', () => {
    const o = done(run(base));
    expect(o.changes).toEqual({ kind: 'first-run', restarted: false });
    const { rows, sheet } = historyOn(o.plan);
    expect(sheet.name).toBe('Run info');
    expect(rows).toEqual([[serial(at(0)), o.results.fingerprint, 'command-line tool', '0.0.0-test', 80_000, 20_000]]);
    expect(changesInWords(o.changes)).toBe('First run in this workbook: nothing to compare.');
  });

  it('formats the times as real dates and the totals as the sheets’ amounts, with its header kept with its first rows in print', () => {
    const o = done(run(workbook(parameters(['Show amounts in', '£k']), costs(40_000), localities(30, 20), funding('Confirmed'))));
    const { sheet } = historyOn(o.plan);
    const t = sheet.tables.find((x) => x.name === 'LP_RunHistory')!;
    const formatOf = (column: number) => sheet.numberFormats.filter((f) => f.range.row <= t.range.row + 1 && f.range.row + f.range.rows > t.range.row + 1 && f.range.column <= column && f.range.column + f.range.columns > column).pop()?.numberFormat;
    expect([0, 1, 2, 3, 4, 5].map(formatOf)).toEqual(['dateTime', 'text', 'text', 'text', 'thousands', 'thousands']);
    expect(sheet.page?.breaksBefore.every((b) => b <= t.range.row - 2 || b > t.range.row + 1)).toBe(true);
  });

  it.each`
    case                              | next                                                                                    | changed
    ${'the same inputs'}              | ${base}                                                                                 | ${{ sameInputs: true, added: [], dropped: [], cost: 0, funding: 0, shortfall: 0, newWarnings: [], cleared: [] }}
    ${'a changed selection'}          | ${workbook(parameters(), costs(40_000), localities(10, 20), funding('Confirmed'))}     | ${{ sameInputs: false, added: ['South'], dropped: ['North'], cost: 0, funding: 0, shortfall: 0, newWarnings: [], cleared: [] }}
    ${'a higher cost'}                | ${workbook(parameters(), costs(40_000.01), localities(30, 20), funding('Confirmed'))}  | ${{ sameInputs: false, added: [], dropped: [], cost: 2, funding: 0, shortfall: 2, newWarnings: [], cleared: [] }}
    ${'funding now at risk'}          | ${workbook(parameters(), costs(40_000), localities(30, 20), funding('At risk'))}       | ${{ sameInputs: false, added: [], dropped: [], cost: 0, funding: 0, shortfall: 0, newWarnings: ['AT_RISK'], cleared: [] }}
    ${'the shortfall cleared'}        | ${workbook(parameters(), costs(30_000), localities(30, 20), funding('Confirmed'))}     | ${{ sameInputs: false, added: [], dropped: [], cost: -2_000_000, funding: 0, shortfall: -2_000_000, newWarnings: [], cleared: ['Shortfall, 2012/13', 'Shortfall, 2013/14'] }}
  `('compares a second run with the first: $case', ({ next, changed }) => {
    const first = done(run(base, 0));
    const second = done(run(after(first.plan, next as WorkbookInput), 5, 'Excel add-in'));
    const c = second.changes;
    if (c.kind !== 'compared') throw new Error('not compared');
    expect({
      sameInputs: c.sameInputs,
      added: c.added,
      dropped: c.dropped,
      cost: c.totals.cost.change,
      funding: c.totals.funding.change,
      shortfall: c.totals.shortfall.change,
      newWarnings: c.newWarnings.map((w) => w.code),
      cleared: c.clearedWarnings,
    }).toEqual(changed);
    expect(c.previous).toEqual({ at: at(0), host: 'command-line tool', version: '0.0.0-test' });
    expect(c.totals.cost.before).toBe(first.results.runHistory.runs[0].cost);
    const { rows } = historyOn(second.plan);
    expect(rows.map((r) => [r[0], r[2]])).toEqual([
      [serial(at(0)), 'command-line tool'],
      [serial(at(5)), 'Excel add-in'],
    ]);
  });

  it('says what changed in one line for the command-line tool', () => {
    const first = done(run(base, 0));
    const second = done(run(after(first.plan, workbook(parameters(), costs(52_400), localities(10, 20), funding('At risk'))), 3, 'command-line tool'));
    expect(changesInWords(second.changes)).toBe('Since the last run (1 Dec 2026 14:00 UTC, command-line tool): shortfall up £24,800.00; cost up £24,800.00; 1 locality added, 1 dropped; 1 new warning.');
  });

  it.each`
    case                                  | change
    ${'the Output sheet prefix changed'}  | ${(w: WorkbookInput) => ({ ...w, tables: w.tables.map((t) => (t.name === 'Parameters' ? parameters(['Output sheet prefix', 'Q3']) : t)) })}
    ${'Run info renamed'}                 | ${(w: WorkbookInput) => ({ ...w, sheetNames: w.sheetNames.map((n) => (n === 'Run info' ? 'Run log' : n)), tableNames: w.tableNames.map((t) => (t.sheet === 'Run info' ? { ...t, sheet: 'Run log' } : t)), sheetMarks: (w.sheetMarks ?? []).map((m) => (m.sheet === 'Run info' ? { ...m, sheet: 'Run log' } : m)) })}
  `('keeps the history when $case', ({ change }) => {
    const first = done(run(base, 0));
    const second = done(run((change as (w: WorkbookInput) => WorkbookInput)(after(first.plan, base)), 5));
    expect(second.changes.kind).toBe('compared');
    const { rows, sheet } = historyOn(second.plan);
    expect(rows).toHaveLength(2);
    expect(['Q3 Run info', 'Run log']).toContain(sheet.name);
  });

  it('appends nothing for a run stopped by input errors, so the next run compares with the last that wrote results', () => {
    const first = done(run(base, 0));
    const written = after(first.plan, base);
    const stopped = run(after(first.plan, workbook(parameters(), costs('tbc'), localities(30, 20), funding('Confirmed'))), 2);
    expect(stopped.ok).toBe(false);
    // Nothing was written, so the workbook still holds the first run's record.
    const third = done(run(written, 4));
    expect(third.changes.kind === 'compared' && third.changes.previous.at).toEqual(at(0));
    expect(historyOn(third.plan).rows).toHaveLength(2);
  });

  it('reads a record written before run history (version 2) as no history yet, without a warning', () => {
    const first = done(run(base, 0));
    const blank = first.plan.ownership.cells.findIndex((r) => r.length === 0);
    const v2 = first.plan.ownership.cells.slice(0, blank).map((r) => (r[0] === 'Record version' ? ['Record version', '2'] : [...r]));
    const second = done(run({ ...after(first.plan, base), ownershipRecord: v2 }, 5));
    expect(second.changes).toEqual({ kind: 'first-run', restarted: false });
    expect(second.issues.filter((i) => i.code === 'RUN_HISTORY_RESTARTED')).toEqual([]);
    // The version 2 record still proves the sheets: they are refreshed where they are.
    expect(second.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  const eachRow = (kind: string, change: (r: CellValue[]) => CellValue[]) => (rows: CellValue[][]) => rows.map((r) => (r[0] === kind ? change(r) : r));
  it.each`
    case                             | damage
    ${'a total that is not pence'}   | ${eachRow('run', (r) => [...r.slice(0, 6), 'about £80k', ...r.slice(7)])}
    ${'a time that is not a time'}   | ${eachRow('run', (r) => [r[0], 'yesterday', ...r.slice(2)])}
    ${'a fingerprint cut short'}     | ${eachRow('run', (r) => [...r.slice(0, 4), 'abc', ...r.slice(5)])}
    ${'a warning code never made'}   | ${eachRow('last run warning', (r) => [r[0], 'OOPS', r[2], r[3]])}
    ${'a dropped count in words'}    | ${(rows: CellValue[][]) => [...rows, ['runs dropped', 'many']]}
  `('starts the history again, with a Low warning and never a stopped run, when the record holds $case', ({ damage }) => {
    const first = done(run(base, 0));
    const record = (damage as (rows: CellValue[][]) => CellValue[][])(first.plan.ownership.cells.map((r) => [...r]));
    const second = done(run({ ...after(first.plan, base), ownershipRecord: record }, 5));
    expect(second.changes).toEqual({ kind: 'first-run', restarted: true });
    expect(second.issues.filter((i) => i.code === 'RUN_HISTORY_RESTARTED').map((i) => [i.severity, i.sheet])).toEqual([['warning', OWNERSHIP_SHEET]]);
    expect(second.results.warnings.filter((w) => w.subject?.startsWith('RUN_HISTORY_RESTARTED')).map((w) => w.severity)).toEqual(['Low']);
    expect(historyOn(second.plan).rows).toHaveLength(1);
  });

  it('keeps runs in the order they were made, though one computer’s clock was behind another’s', () => {
    const first = done(run(base, 30, 'Excel add-in'));
    const second = done(run(after(first.plan, base), 10, 'command-line tool'));
    expect(second.issues.filter((i) => i.code === 'RUN_HISTORY_RESTARTED')).toEqual([]);
    expect(second.changes.kind === 'compared' && second.changes.previous.host).toBe('Excel add-in');
    expect(historyOn(second.plan).rows.map((r) => r[2])).toEqual(['Excel add-in', 'command-line tool']);
  });

  it(`keeps the last ${MAX_RUNS} runs, counts the dropped ones and says so on Run info`, () => {
    const first = done(run(base, 0));
    const entry = first.results.runHistory.runs[0];
    const full: RunHistory = { ...emptyHistory, runs: Array.from({ length: MAX_RUNS }, (_, i) => ({ ...entry, at: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000) })), dropped: 7, last: { selected: [], warnings: [] } };
    const record = [...first.plan.ownership.cells.slice(0, first.plan.ownership.cells.findIndex((r) => r.length === 0)), [], ...historyRows(full)];
    const next = done(run({ ...after(first.plan, base), ownershipRecord: record }, 5));
    expect(next.results.runHistory.runs).toHaveLength(MAX_RUNS);
    expect(next.results.runHistory.dropped).toBe(8);
    expect(next.results.runHistory.runs[MAX_RUNS - 1].at).toEqual(at(5));
    const { rows, sheet } = historyOn(next.plan);
    expect(rows).toHaveLength(MAX_RUNS);
    expect(sheet.cells.flat()).toContainEqual(expect.stringContaining('The 8 earliest runs were dropped to keep the workbook small.'));
    expect(next.plan.ownership.cells).toContainEqual(['runs dropped', '8']);
  });
});

describe('the history block reads back exactly what was written', () => {
  const entries = fc.record({
    at: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }),
    host: fc.constantFrom('Excel add-in', 'command-line tool'),
    version: fc.constantFrom('0.1.0', '1.2.3-beta'),
    fingerprint: fc.stringMatching(/^[0-9a-f]{64}$/),
    selectedCount: fc.nat(500),
    cost: fc.integer({ min: -(2 ** 53 - 1), max: 2 ** 53 - 1 }),
    funding: fc.integer({ min: 0, max: 2 ** 53 - 1 }),
    shortfall: fc.integer({ min: 0, max: 2 ** 53 - 1 }),
  });
  const details = fc.record({
    selected: fc.array(fc.record({ name: fc.string({ minLength: 1 }), district: fc.option(fc.string({ minLength: 1 })) }), { maxLength: 5 }),
    warnings: fc.array(fc.record({ code: fc.constantFrom('SHORTFALL', 'FUNDING_ENDS', 'INPUT' as const), year: fc.option(fc.constantFrom('2012/13', '2026/27')), subject: fc.option(fc.string({ minLength: 1 })) }), { maxLength: 5 }),
  });

  it('appending runs then reading the block back gives the same runs, to the penny, and the last run’s detail', () => {
    fc.assert(
      fc.property(fc.array(entries, { minLength: 1, maxLength: 30 }), details, (raw, detail) => {
        const runs: RunEntry[] = raw.map((r) => ({ ...r, at: new Date(r.at), cost: pence(r.cost), funding: pence(r.funding), shortfall: pence(r.shortfall) }));
        const history = runs.reduce<RunHistory>((h, r) => appendRun(h, r, detail as LastRunDetail), emptyHistory);
        const read = readRunHistory([['Locality Planner ownership record'], [], ...historyRows(history)], OWNERSHIP_SHEET);
        expect(read.issues).toEqual([]);
        expect(read.value).toEqual(history);
      }),
      { numRuns: 200 },
    );
  });
});
