import { createOfficeHost } from '../../src/excel/officeHost';
import { REQUEST_BUDGET_BYTES } from '../../src/excel/session';
import { FakeExcel, PAYLOAD_LIMIT_BYTES, type SheetSpec } from '../fakes/fakeExcel';
import { imdWorkbookSheets, readImdFile1 } from '../fakes/imd';
import { describeWith } from '../support/requires';

/** Runs the add-in over pasted IoD2019 rows and returns what Excel saw. */
async function runOver(sheets: SheetSpec[]): Promise<FakeExcel> {
  const fake = new FakeExcel({ sheets });
  const report = await createOfficeHost((batch) => batch(fake.context), { now: () => new Date('2026-03-31T09:00:00Z') }).run(() => undefined);
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

describeWith(['imd2019'], 'the add-in at the scale of England (IoD2019, 32,844 LSOAs)', () => {
  // Read in beforeAll, not while Jest collects the tests.
  let all: ReturnType<typeof readImdFile1>;
  beforeAll(() => {
    all = readImdFile1();
  });

  it('has every LSOA in File_1', () => {
    expect(all.rows).toHaveLength(32_844);
  });

  it('uses the same number of syncs for 50 and for 32,844 localities, and no request is over 4 MB', async () => {
    const small = await runOver(imdWorkbookSheets({ header: all.header, rows: all.rows.slice(0, 50) }));
    const large = await runOver(imdWorkbookSheets(all));
    expect(large.syncCount).toBe(small.syncCount);
    expect(large.syncCount).toBeLessThanOrEqual(6);
    expect(large.largestRequestBytes).toBeLessThan(REQUEST_BUDGET_BYTES);
    expect(large.largestResponseBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    // Every locality was read and written.
    const priorities = large.values('Priorities');
    expect(priorities.filter((row) => typeof row[0] === 'number')).toHaveLength(32_844);
  });

  it('splits a plan too big for one request only as far as the 4 MB budget needs', async () => {
    const fake = await runOver(withPotForAll(imdWorkbookSheets(all)));
    const writes = fake.syncLog.slice(3);
    const total = writes.reduce((sum, s) => sum + s.requestBytes, 0);
    expect(fake.largestRequestBytes).toBeLessThan(REQUEST_BUDGET_BYTES);
    expect(writes.length).toBeGreaterThan(1);
    // Packed blocks of at most a quarter of the budget: never more requests than that slack allows.
    expect(writes.length).toBeLessThanOrEqual(Math.ceil(total / (REQUEST_BUDGET_BYTES * 0.75)));
    expect(writes.every((s) => s.calculationSuspended && s.screenUpdatingSuspended)).toBe(true);
    expect(fake.values('Allocation').length).toBeGreaterThan(32_844);
  });
});
