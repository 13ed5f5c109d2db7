import { HostError, type RunReport, type RunStage } from '../../src/excel/host';
import { type ExcelRunner, createOfficeHost } from '../../src/excel/officeHost';
import { OWNERSHIP_SHEET, starterTables } from '../../src/engine';
import { FakeExcel, FakeOfficeError, type SheetSpec } from '../fakes/fakeExcel';

const fixedNow = () => new Date('2026-03-31T09:00:00Z');
const hostOver = (fake: FakeExcel, baseMs?: number) =>
  createOfficeHost(fake.run, { now: fixedNow, syncTimeouts: baseMs === undefined ? undefined : { baseMs }, isSetSupported: (name, version) => fake.isSetSupported(name, version), yieldToPaint: async () => undefined });

/** A workbook with the starter tables, made the way a user would: by the add-in's own button. */
async function starterWorkbook(extra: SheetSpec[] = []): Promise<FakeExcel> {
  const fake = new FakeExcel({ sheets: [{ name: 'Sheet1' }, ...extra] });
  await hostOver(fake).insertStarterTables();
  fake.resetCounters();
  return fake;
}

async function run(fake: FakeExcel): Promise<{ report: RunReport; stages: RunStage[] }> {
  const stages: RunStage[] = [];
  const report = await hostOver(fake).run(({ stage }) => {
    if (stages[stages.length - 1] !== stage) stages.push(stage);
  });
  return { report, stages };
}

const inputSnapshot = (fake: FakeExcel) => starterTables.map((t) => fake.values(t.name));

describe('the Office host', () => {
  it('runs: reads, checks, writes results and reports each stage and the syncs used', async () => {
    const fake = await starterWorkbook();
    const { report, stages } = await run(fake);
    expect(report.ok).toBe(true);
    expect(stages).toEqual(['reading', 'checking', 'writing', 'charts', 'done']);
    expect(report.ok && report.syncs).toBe(fake.syncCount);
    // Three reads, one request trying the sheets it adds (a chart sheet's name is invisible to Office.js), then the writes.
    expect(fake.syncCount).toBeLessThanOrEqual(7);
    expect(fake.sheetNames()).toEqual(['Sheet1', 'Localities', 'Indicators', 'Parameters', 'Costs', 'Funding', '_LocalityPlanner', 'Summary', 'Projection', 'Priorities', 'Allocation', 'Warnings', 'Charts', 'Scenarios', 'Sensitivity', 'Run info']);
    expect(fake.sheet('_LocalityPlanner').visibility).toBe('VeryHidden');
    // The results open on the Summary.
    expect(fake.model.active?.name).toBe('Summary');
    expect(fake.charts('Charts').map((c) => c.chartType)).toContain('ColumnStacked');
    // Run info carries the host and the version from package.json.
    expect(JSON.stringify(fake.values('Run info'))).toContain('Excel add-in');
  });

  it('writes an Allocation of two Shared out lines as tables under one header, which prints at the top of every page', async () => {
    const fake = await starterWorkbook();
    // The starter's officer shared out equally, beside its ward budgets shared per ward.
    const costs = fake.context.workbook.worksheets.getItem('Costs');
    costs.getRange('B2').values = [['Shared out']];
    costs.getRange('I2').values = [['Equal']];
    await fake.context.sync();
    expect((await run(fake)).report.ok).toBe(true);
    const tables = fake.model.tables.filter((t) => !t.deleted && t.sheet.name === 'Allocation');
    expect(tables.map((t) => t.name)).toEqual(['LP_Allocation', 'LP_Allocation_2', 'LP_Allocation_Total']);
    const headerOf = (t: (typeof tables)[number]) => fake.values('Allocation', `A${t.rect.row + 1}:${String.fromCharCode(65 + t.rect.columns - 1)}${t.rect.row + 1}`)[0];
    for (const t of tables) expect([t.name, headerOf(t)]).toEqual([t.name, ['Locality', 'District', 'Basis', 'Share', '2012/13', '2013/14', '2014/15', '2015/16', '2016/17', 'Total']]);
    expect(fake.sheet('Allocation').page.printTitleRows).toEqual({ first: tables[0].rect.row, last: tables[0].rect.row });
  });

  it('never modifies the input tables', async () => {
    const fake = await starterWorkbook();
    const before = inputSnapshot(fake);
    const tablesBefore = fake.tables();
    await run(fake);
    expect(inputSnapshot(fake)).toEqual(before);
    expect(fake.tables().filter((t) => !t.name.startsWith('LP_'))).toEqual(tablesBefore);
  });

  it('re-runs idempotently: the same sheets, tables, charts and cells, no duplicates, but for the run history’s one more row', async () => {
    const fake = await starterWorkbook();
    await run(fake);
    // The run history (issue 14, part 5) grows by a row on Run info and in the record; everything else is as it was.
    const steady = (s: string) => s !== 'Run info' && s !== OWNERSHIP_SHEET;
    const first = { sheets: fake.sheetNames(), tables: fake.tables(), charts: fake.charts('Charts').map((c) => c.name), cells: fake.sheetNames().filter(steady).map((s) => fake.values(s)), runInfo: fake.values('Run info'), record: fake.values(OWNERSHIP_SHEET) };
    const { report } = await run(fake);
    expect(report.ok).toBe(true);
    expect(fake.sheetNames()).toEqual(first.sheets);
    expect(fake.tables().filter((t) => t.name !== 'LP_RunHistory')).toEqual(first.tables.filter((t) => t.name !== 'LP_RunHistory'));
    expect(fake.tables().filter((t) => t.name === 'LP_RunHistory').map((t) => t.address)).toEqual(['A40:F42']);
    expect(fake.charts('Charts').map((c) => c.name)).toEqual(first.charts);
    expect(fake.sheetNames().filter(steady).map((s) => fake.values(s))).toEqual(first.cells);
    expect(fake.values('Run info').slice(0, 41)).toEqual(first.runInfo.slice(0, 41));
    expect(fake.values('Run info')).toHaveLength(first.runInfo.length + 1);
    expect(fake.values(OWNERSHIP_SHEET).length).toBe(first.record.length + 1);
  });

  it('refuses to touch a user\u2019s sheet with an output\u2019s name, and writes nothing at all', async () => {
    const fake = await starterWorkbook([{ name: 'Priorities', cells: [['My own priorities list'], ['Keep this']] }]);
    const sheetsBefore = fake.sheetNames();
    const { report, stages } = await run(fake);
    expect(report.ok).toBe(false);
    expect(report.issues).toContainEqual(expect.objectContaining({ code: 'OWNERSHIP', severity: 'error', sheet: 'Priorities' }));
    expect(stages).toEqual(['reading', 'checking']);
    expect(fake.sheetNames()).toEqual(sheetsBefore);
    expect(fake.values('Priorities')).toEqual([['My own priorities list'], ['Keep this']]);
    expect(fake.syncLog.every((s) => s.operations === 0 || !s.calculationSuspended)).toBe(true);
  });

  it('runs beside a user’s own Charts sheet under an Output sheet prefix, opening on its Summary and leaving the user’s sheet alone', async () => {
    const inputs: SheetSpec[] = [
      { name: 'Localities', cells: [['Locality', 'IMD Score'], ['Hillside', 40], ['Riverside', 20]] },
      { name: 'Parameters', cells: [['Parameter', 'Value'], ['First year', '2019/20'], ['Cost per locality', 50000], ['Output sheet prefix', 'LP']], numberFormats: { B2: '@' } },
      { name: 'Funding', cells: [['Source', 'Annual amount'], ['Mainstream', 80000]] },
      { name: 'Charts', cells: [['My own charts'], ['Keep this']] },
    ];
    const fake = new FakeExcel({ sheets: inputs });
    const { report } = await run(fake);
    expect(report.ok).toBe(true);
    expect(fake.sheetNames()).toEqual(['Localities', 'Parameters', 'Funding', 'Charts', '_LocalityPlanner', 'LP Summary', 'LP Projection', 'LP Priorities', 'LP Allocation', 'LP Warnings', 'LP Charts', 'LP Scenarios', 'LP Sensitivity', 'LP Run info']);
    expect(fake.model.active?.name).toBe('LP Summary');
    expect(fake.values('Charts')).toEqual([['My own charts'], ['Keep this']]);
    expect(fake.charts('Charts')).toEqual([]);
    expect(fake.tables().map((t) => t.name)).toEqual(['LP_LP_Priorities', 'LP_LP_Warnings', 'LP_LP_RunHistory']);
    expect(fake.sheet('LP Summary').page).toMatchObject({ orientation: 'Landscape', paperSize: 'A4', zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 } });
  });

  it('writes locality names that look like formulas as the text they are', async () => {
    const names = ['=HYPERLINK("http://evil.example","x")', '+44 1827', '-Admin', '@risk', '007'];
    const fake = new FakeExcel({
      sheets: [
        { name: 'Localities', cells: [['Locality', 'IMD Score'], ...names.map((n, i) => [n, 10 + i])], numberFormats: { 'A2:A6': '@' } },
        { name: 'Parameters', cells: [['Parameter', 'Value'], ['First year', '2019/20']], numberFormats: { B2: '@' } },
        { name: 'Costs', cells: [['Cost line', 'Unit cost'], ['Locality Manager', 48000]] },
      ],
    });
    const { report } = await run(fake);
    expect(report.ok).toBe(true);
    const written = fake.values('Priorities').flat();
    for (const name of names) expect(written).toContain(name);
    const cells = [...fake.sheet('Priorities').cells.values()].flatMap((line) => [...line.values()]);
    expect(cells.filter((c) => c.formula !== undefined)).toEqual([]);
  });

  it('writes nothing when the inputs have errors, and returns every issue', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Funding', cells: [['Source', 'Annual amount'], ['Mainstream budget', 'tbc']] }] });
    const { report } = await run(fake);
    expect(report.ok).toBe(false);
    expect(report.issues.length).toBeGreaterThan(0);
    expect(fake.sheetNames()).toEqual(['Funding']);
  });

  it('inserts starter tables as real tables with example rows, text kept as text', async () => {
    const fake = new FakeExcel();
    const result = await hostOver(fake).insertStarterTables();
    expect(result).toEqual({ added: ['Localities', 'Indicators', 'Parameters', 'Costs', 'Funding'], skipped: [] });
    expect(fake.tables().map((t) => [t.name, t.sheet, t.address])).toEqual([
      ['Localities', 'Localities', 'A1:G7'],
      ['Indicators', 'Indicators', 'A1:C2'],
      ['Parameters', 'Parameters', 'A1:B11'],
      ['Costs', 'Costs', 'A1:I7'],
      ['Funding', 'Funding', 'A1:H6'],
    ]);
    expect(fake.values('Parameters', 'A2:B2')).toEqual([['First year', '2012/13']]);
    expect(fake.values('Parameters', 'B6')).toEqual([[75000]]);
    expect(fake.values('Costs', 'A2:E2')).toEqual([['Community Development Officer', 'Tamworth 007D', 'Revenue', 1, 35907]]);
    // v1.1's columns where a user meets them: a post from a date (a real date cell), a capital line, ward budgets Shared out, a capital allocation and a reserve.
    expect(fake.values('Costs', 'G4')).toEqual([[41214]]);
    expect(fake.cell('Costs', 'G4')?.numberFormat).toBe('d mmm yyyy');
    expect(fake.values('Costs', 'A6:C6')).toEqual([['Community centre refurbishment', 'Programme', 'Capital']]);
    expect(fake.values('Costs', 'B7')).toEqual([['Shared out']]);
    expect(fake.values('Costs', 'I7')).toEqual([['Per ward']]);
    expect(fake.values('Funding', 'B5:B6')).toEqual([['Capital'], ['Reserve']]);
    expect(fake.model.active?.name).toBe('Localities');
  });

  it('adds starter tables only for the inputs the workbook lacks, never over a sheet of that name', async () => {
    const fake = new FakeExcel({
      sheets: [
        { name: 'costs', cells: [['Our own cost notes']] },
        { name: 'Budget', cells: [['Source', 'Pot'], ['Reserve', 1000]], tables: [{ name: 'Funding', range: 'A1:B2' }] },
      ],
    });
    const result = await hostOver(fake).insertStarterTables();
    expect(result).toEqual({ added: ['Localities', 'Indicators', 'Parameters'], skipped: [{ name: 'Costs', reason: 'exists' }, { name: 'Funding', reason: 'exists' }] });
    expect(fake.values('costs')).toEqual([['Our own cost notes']]);
    expect(fake.values('Budget')).toEqual([['Source', 'Pot'], ['Reserve', 1000]]);
  });

  it('finds the inputs with their row counts', async () => {
    const fake = await starterWorkbook();
    const found = await hostOver(fake).findInputs();
    expect(found.map((f) => [f.name, f.source, f.rows])).toEqual(starterTables.map((t) => [t.name, 'table', t.rows.length]));
  });

  it('selects a cell so the user can fix it', async () => {
    const fake = await starterWorkbook();
    await hostOver(fake).selectCells('Funding', ['C3']);
    expect(fake.model.active?.name).toBe('Funding');
    expect(fake.model.selection).toEqual({ sheet: 'Funding', address: 'C3' });
  });

  it.each`
    apiMinor | selected
    ${9}     | ${'C3'}
    ${18}    | ${'C3,C7:C9'}
  `('selects several blocks of cells at once where Excel can (ExcelApi 1.$apiMinor selects $selected)', async ({ apiMinor, selected }) => {
    const fake = await starterWorkbook();
    fake.quirks.apiMinor = apiMinor;
    expect(await hostOver(fake).selectCells('Funding', ['C3', 'C7:C9'])).toEqual({ selected });
    expect(fake.model.selection).toEqual({ sheet: 'Funding', address: selected });
  });

  it.each`
    code                                 | says
    ${'AccessDenied'}                    | ${'protected'}
    ${'RequestPayloadSizeLimitExceeded'} | ${'too large'}
    ${'GeneralException'}                | ${'internal error'}
  `('turns $code during a run into a plain-English HostError', async ({ code, says }: { code: string; says: string }) => {
    const fake = await starterWorkbook();
    fake.failSync(code);
    const failure = await run(fake).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HostError);
    expect(failure).toMatchObject({ code, message: expect.stringContaining(says) });
  });

  it('leaves a run that failed part-way through writing for the next run to replace', async () => {
    const fake = await starterWorkbook();
    // Three read requests and the one trying the sheets to add pass; the write request fails
    // after 18 of its operations: the record written (its nine columns' widths among them), some result sheets added, not all. A
    // GeneralException on a small request is not sent again (it is no size refusal), so the run stops.
    fake.failSync('GeneralException', { sync: 4, afterOperations: 18 });
    await expect(run(fake)).rejects.toMatchObject({ code: 'GeneralException' });
    expect(fake.sheetNames()).toContain('Summary');
    expect(fake.sheetNames()).not.toContain('Run info');
    // The record was written first, so the half-made sheets are the tool's and the next run replaces them.
    const { report } = await run(fake);
    expect(report.issues.filter((i) => i.severity === 'error').map((i) => i.message)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(fake.sheetNames().filter((s) => s === 'Summary')).toHaveLength(1);
    expect(fake.sheetNames()).toContain('Run info');
  });

  it('gives up on a sync that never returns, in plain English', async () => {
    const fake = await starterWorkbook();
    fake.hangNextSync();
    await expect(hostOver(fake, 30).run(() => undefined)).rejects.toMatchObject({ code: 'Timeout', message: expect.stringContaining('Excel did not answer') });
  });

  it('maps errors thrown by the runner itself (Excel.run)', async () => {
    const runner: ExcelRunner = () => Promise.reject(new FakeOfficeError('InvalidOperationInCellEditMode', 'busy'));
    await expect(createOfficeHost(runner).findInputs()).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode', message: expect.stringContaining('Press Enter or Esc') });
  });
});
