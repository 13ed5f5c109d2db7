import fc from 'fast-check';
import type { OutputCell, OutputPlan, SheetPlan } from '../../src/engine';
import { applyPlan } from '../../src/excel/applyPlan';
import { readWorkbook } from '../../src/excel/readWorkbook';
import {
  BUDGET_SETTING,
  DEFAULT_REQUEST_BUDGET_BYTES,
  LARGE_REQUEST_BYTES,
  MIN_REQUEST_BUDGET_BYTES,
  shouldSendAgainSmaller,
  storedBudget,
  syncTimeoutFor,
} from '../../src/excel/requestBudget';
import { ExcelSession, type WriteUnit } from '../../src/excel/session';
import { FakeExcel } from '../fakes/fakeExcel';

const empty = { columnWidths: [], rowHeights: [], numberFormats: [], styles: [], tables: [], conditionalFormats: [], charts: [], freeze: { rows: 0, columns: 0 }, page: null } as const;

/** A plan with one big sheet of `rows` Priorities-like rows and a table over it, and its record. */
function bigPlan(rows: number): OutputPlan {
  const cells: OutputCell[][] = [['Rank', 'Locality', 'District', 'Selected', 'Reason'], ...Array.from({ length: rows }, (_, i) => [i + 1, `Locality ${i + 1}`, 'Tamworth', 'Yes', 'Selected as one of the most in need in its district'])];
  const priorities: SheetPlan = { name: 'Priorities', visibility: 'visible', cells, ...empty, tables: [{ name: 'LP_Priorities', range: { row: 0, column: 0, rows: rows + 1, columns: 5 }, style: 'TableStyleMedium2', showBandedRows: true }] };
  const ownership: SheetPlan = { name: '_LocalityPlanner', visibility: 'very-hidden', cells: [['Locality Planner ownership record'], ['sheet', 'Priorities', 'Priorities']], ...empty };
  return { sheets: [priorities], ownership, activeSheet: 'Priorities' };
}

async function apply(fake: FakeExcel, plan: OutputPlan, budgetBytes?: number): Promise<ExcelSession> {
  const listing = await readWorkbook(new ExcelSession(fake.context));
  fake.resetCounters();
  const session = new ExcelSession(fake.context, { budgetBytes });
  await applyPlan(session, plan, listing);
  return session;
}

/** A unit that counts how often it was queued. */
function counted(bytes: number, replayable: boolean, log: number[], id: number): WriteUnit {
  return { bytes, replayable, queue: () => void log.push(id) };
}

describe('the request budget', () => {
  it.each`
    code                                 | bytes                       | replayable | again
    ${'RequestPayloadSizeLimitExceeded'} | ${10_000}                   | ${false}   | ${true}
    ${'RequestPayloadSizeLimitExceeded'} | ${2_000_000}                | ${true}    | ${true}
    ${'GeneralException'}                | ${LARGE_REQUEST_BYTES}      | ${true}    | ${true}
    ${'GeneralException'}                | ${LARGE_REQUEST_BYTES - 1}  | ${true}    | ${false}
    ${'GeneralException'}                | ${2_000_000}                | ${false}   | ${false}
    ${'InvalidArgument'}                 | ${2_000_000}                | ${true}    | ${false}
    ${undefined}                         | ${2_000_000}                | ${true}    | ${false}
  `('sends a request of $bytes bytes (replayable: $replayable) again in halves after $code: $again', ({ code, bytes, replayable, again }) => {
    expect(shouldSendAgainSmaller(code, bytes, replayable)).toBe(again);
  });

  it.each`
    bytes        | ms
    ${0}         | ${60_000}
    ${500_000}   | ${75_000}
    ${1_800_000} | ${114_000}
  `('gives a request of $bytes bytes $ms ms before giving up', ({ bytes, ms }) => {
    expect(syncTimeoutFor(bytes)).toBe(ms);
  });

  it.each`
    value          | budget
    ${900_000}     | ${900_000}
    ${'900000'}    | ${900_000}
    ${10}          | ${MIN_REQUEST_BUDGET_BYTES}
    ${99_000_000}  | ${DEFAULT_REQUEST_BUDGET_BYTES}
    ${'lots'}      | ${undefined}
    ${null}        | ${undefined}
    ${-5}          | ${undefined}
  `('reads a stored budget of $value as $budget', ({ value, budget }) => {
    expect(storedBudget(value)).toBe(budget);
  });

  it('never lets a request over LARGE_REQUEST_BYTES carry work that cannot be sent twice, nor any over the budget hold more than one unit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ bytes: fc.integer({ min: 1, max: 700_000 }), replayable: fc.boolean() }), { maxLength: 40 }), async (units) => {
        const requests: { bytes: number; replayable: boolean }[][] = [];
        let current: { bytes: number; replayable: boolean }[] = [];
        const context = {
          sync: async () => {
            requests.push(current);
            current = [];
          },
        } as unknown as Excel.RequestContext;
        const session = new ExcelSession(context);
        for (const unit of units) await session.write({ ...unit, queue: () => void current.push(unit) });
        await session.sync();
        for (const request of requests) {
          const total = request.reduce((sum, u) => sum + u.bytes, 0);
          if (request.length > 1) expect(total).toBeLessThanOrEqual(session.budgetBytes);
          if (request.length > 1 && request.some((u) => !u.replayable)) expect(total).toBeLessThanOrEqual(LARGE_REQUEST_BYTES);
        }
        expect(requests.flat()).toEqual(units);
      }),
    );
  });

  it('sends a refused request again in halves, and never anything an earlier request carried', async () => {
    const log: number[] = [];
    let refusals = 1;
    const context = {
      sync: async () => {
        if (log.length > 0 && refusals > 0 && log.length >= 3) {
          refusals--;
          log.splice(0);
          throw Object.assign(new Error('too big'), { code: 'RequestPayloadSizeLimitExceeded' });
        }
        log.splice(0);
      },
    } as unknown as Excel.RequestContext;
    const sent: number[][] = [];
    const session = new ExcelSession(context, { budgetBytes: 1_000_000 });
    session.onSent = (units) => sent.push(units.map((u) => Number(u.progress === 'sheet' ? -1 : (u as { id?: number }).id ?? 0)));
    const units = [0, 1, 2, 3, 4, 5].map((id) => ({ ...counted(300_000, true, log, id), id }));
    for (const unit of units) await session.write(unit);
    await session.sync();
    // The first request (units 0-2) was refused; they went again in smaller requests; 3-5 after them.
    expect(session.halvings).toBe(1);
    expect(session.budgetBytes).toBe(500_000);
    expect(sent.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(sent.every((request) => request.length * 300_000 <= 500_000 || request.length === 1)).toBe(true);
  });

  it('gives up with Excel\u2019s message once the budget is at its floor', async () => {
    const context = { sync: async () => Promise.reject(Object.assign(new Error('too big'), { code: 'RequestPayloadSizeLimitExceeded' })) } as unknown as Excel.RequestContext;
    const session = new ExcelSession(context, { budgetBytes: 600_000 });
    await session.write({ bytes: 500_000, replayable: true, queue: () => undefined });
    await expect(session.sync()).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded', message: expect.stringContaining('too large for Excel on the web') });
    expect(session.budgetBytes).toBeGreaterThanOrEqual(MIN_REQUEST_BUDGET_BYTES);
    expect(session.syncs).toBeGreaterThan(1);
  });

  it('writes a large plan on an Excel that refuses requests over 400 KB, each value once and the table once', async () => {
    const fake = new FakeExcel();
    fake.requestLimitBytes = 400_000;
    const session = await apply(fake, bigPlan(12_000));
    expect(session.halvings).toBeGreaterThan(0);
    expect(fake.syncLog.filter((s) => s.error === 'RequestPayloadSizeLimitExceeded').length).toBeGreaterThan(0);
    expect(fake.values('Priorities').length).toBe(12_001);
    expect(fake.values('Priorities', 'A12001:B12001')).toEqual([[12_000, 'Locality 12000']]);
    expect(fake.tables().map((t) => t.name)).toEqual(['LP_Priorities']);
    // Every request that landed was within the limit, and each carried the suspension again.
    expect(fake.syncLog.filter((s) => !s.error).every((s) => s.requestBytes <= 400_000)).toBe(true);
    expect(fake.syncLog.filter((s) => !s.error).every((s) => s.calculationSuspended && s.screenUpdatingSuspended)).toBe(true);
  });

  it('sends a large request that failed as a GeneralException again in halves, as Excel on the web may report a size refusal so', async () => {
    const fake = new FakeExcel();
    fake.requestLimitBytes = 400_000;
    fake.quirks.oversizeError = 'GeneralException';
    await apply(fake, bigPlan(12_000));
    expect(fake.syncLog.some((s) => s.error === 'GeneralException')).toBe(true);
    expect(fake.values('Priorities', 'A12001:B12001')).toEqual([[12_000, 'Locality 12000']]);
  });

  it('waits longer for a larger request, so a slow Excel is not cut off where a fixed timeout would be', async () => {
    const slow = () => {
      const fake = new FakeExcel();
      fake.quirks.msPerRequestMegabyte = 150;
      return fake;
    };
    const scaled = slow();
    const listing = await readWorkbook(new ExcelSession(scaled.context));
    await applyPlan(new ExcelSession(scaled.context, { timeouts: { baseMs: 40, perMegabyteMs: 1_000 } }), bigPlan(8_000), listing);
    expect(scaled.values('Priorities', 'A8001')).toEqual([[8_000]]);
    const fixed = slow();
    const again = await readWorkbook(new ExcelSession(fixed.context));
    await expect(applyPlan(new ExcelSession(fixed.context, { timeouts: { baseMs: 40, perMegabyteMs: 0 } }), bigPlan(8_000), again)).rejects.toMatchObject({ code: 'Timeout' });
  });

  it('starts from the budget kept in the workbook\u2019s settings', async () => {
    const { createOfficeHost } = await import('../../src/excel/officeHost');
    const fake = new FakeExcel({
      sheets: [
        { name: 'Localities', cells: [['Locality', 'IMD Score'], ...Array.from({ length: 3000 }, (_, i) => [`Locality ${i + 1}`, (i % 97) + 1])] },
        { name: 'Parameters', cells: [['Parameter', 'Value'], ['First year', '2025/26']], numberFormats: { B2: '@' } },
        { name: 'Costs', cells: [['Cost line', 'Unit cost'], ['Locality Manager', 48000]] },
      ],
    });
    fake.model.settings.push({ key: BUDGET_SETTING, value: 200_000 });
    const report = await createOfficeHost(fake.run, { yieldToPaint: async () => undefined }).run(() => undefined);
    expect(report.ok).toBe(true);
    expect(fake.syncLog.slice(3).length).toBeGreaterThan(1);
    expect(fake.largestRequestBytes).toBeLessThanOrEqual(200_000);
  });
});
