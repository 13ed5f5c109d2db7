import { createOfficeHost } from '../../src/excel/officeHost';
import { DEFAULT_REQUEST_BUDGET_BYTES, LARGE_REQUEST_BYTES } from '../../src/excel/requestBudget';
import { FakeExcel, PAYLOAD_LIMIT_BYTES, type SheetSpec } from '../fakes/fakeExcel';
import { imdWorkbookSheets, readImdFile1 } from '../fakes/imd';
import { describeWith } from '../support/requires';

/** Runs the add-in over pasted IoD2019 rows and returns what Excel saw. */
async function runOver(sheets: SheetSpec[], prepare: (fake: FakeExcel) => void = () => undefined): Promise<FakeExcel> {
  const fake = new FakeExcel({ sheets });
  prepare(fake);
  const report = await createOfficeHost(fake.run, { now: () => new Date('2026-03-31T09:00:00Z'), yieldToPaint: async () => undefined }).run(() => undefined);
  if (!report.ok) throw new Error(`The run stopped: ${report.issues.map((i) => i.message).join(' | ')}`);
  expect(report.syncs).toBe(fake.syncCount);
  return fake;
}

/** Shares a pot among every locality, so the Allocation sheet has a row for each of them. */
function withPotForAll(sheets: SheetSpec[]): SheetSpec[] {
  return sheets.map((s) =>
    s.name !== 'Inputs'
      ? s
      : { ...s, cells: s.cells!.map((row, i) => (i === 0 ? row : i === 3 ? ['Allocation pot', '£2,100,000'] : i === 4 ? ['Allocate to', 'All'] : row)), tables: s.tables!.map((t) => (t.name === 'Parameters' ? { ...t, range: 'A1:B5' } : t)) },
  );
}

/** The write requests of a first run: after its three reads and the request trying the sheets it adds (unlistedSheets.ts). */
const writesOf = (fake: FakeExcel) => fake.syncLog.slice(4);

describeWith(['imd2019'], 'the add-in at the scale of England (IoD2019, 32,844 LSOAs)', () => {
  // Read in beforeAll, not while Jest collects the tests.
  let all: ReturnType<typeof readImdFile1>;
  beforeAll(() => {
    all = readImdFile1();
  });

  it('has every LSOA in File_1', () => {
    expect(all.rows).toHaveLength(32_844);
  });

  it('writes 50 localities in one request and England in requests under the budget, as few as its size needs', async () => {
    const small = await runOver(imdWorkbookSheets({ header: all.header, rows: all.rows.slice(0, 50) }));
    expect(writesOf(small)).toHaveLength(1);
    const large = await runOver(imdWorkbookSheets(all));
    const writes = writesOf(large);
    const total = writes.reduce((sum, s) => sum + s.requestBytes, 0);
    expect(large.largestRequestBytes).toBeLessThanOrEqual(DEFAULT_REQUEST_BUDGET_BYTES);
    expect(large.largestResponseBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    // Packed: the values in blocks of at most a quarter of the budget, plus the first and last
    // requests, which carry work that cannot be sent twice and so stay small.
    expect(writes.length).toBeLessThanOrEqual(Math.ceil(total / (DEFAULT_REQUEST_BUDGET_BYTES * 0.75)) + 2);
    // Only requests of values and formats are large.
    for (const write of writes.filter((w) => w.requestBytes > LARGE_REQUEST_BYTES)) expect(write.operations).toBeGreaterThan(0);
    expect(writes.every((s) => s.calculationSuspended && s.screenUpdatingSuspended)).toBe(true);
    // Every locality was read and written.
    expect(large.values('Priorities').filter((row) => typeof row[0] === 'number')).toHaveLength(32_844);
  });

  it('writes England on an Excel that refuses much smaller requests than documented, as a plain GeneralException', async () => {
    // This host counts a request at twice the fake's bytes and stops at 2 MB: 1 MB as the fake counts.
    const limit = 2_000_000;
    const fake = await runOver(withPotForAll(imdWorkbookSheets(all)), (f) => {
      f.requestLimitBytes = limit;
      f.quirks.requestSizeFactor = 2;
      f.quirks.oversizeError = 'GeneralException';
    });
    const refused = fake.syncLog.filter((s) => s.error !== undefined);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((s) => s.error === 'GeneralException' && s.requestBytes * 2 > limit)).toBe(true);
    // Nothing written twice: one row per locality on Allocation's each year, as a clean run writes.
    const clean = await runOver(withPotForAll(imdWorkbookSheets(all)));
    expect(fake.values('Allocation')).toEqual(clean.values('Allocation'));
    expect(fake.values('Priorities')).toEqual(clean.values('Priorities'));
    expect(fake.tables()).toEqual(clean.tables());
    expect(fake.charts('Charts').map((c) => c.name)).toEqual(clean.charts('Charts').map((c) => c.name));
    // The budget learned is kept in the workbook for the next run.
    expect(fake.model.settings).toEqual([{ key: 'LocalityPlanner.requestBudgetBytes', value: DEFAULT_REQUEST_BUDGET_BYTES / 2 }]);
  });
});
