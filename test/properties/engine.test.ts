import fc from 'fast-check';
import { runPlanner, starterSheetPlan, starterTables, type PlannerOutcome, type CellValue, type SheetPlan, type WorkbookInput } from '../../src/engine';
import { table, testContext, workbook } from '../support/tables';

/**
 * Properties of the whole engine on random valid workbooks: Localities, Parameters,
 * Costs and Funding as a user might fill them in. Each property is a rule of the
 * contract (§2, §3), checked against an expectation worked out here, not by the engine.
 */

type Ok = Extract<PlannerOutcome, { ok: true }>;

const label = (year: number): string => `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
const pounds = (pence: number): number => pence / 100;

// ---------- arbitraries ----------

interface LocalityRow {
  readonly name: string;
  readonly district: string | null;
  readonly rank: number;
  readonly override: 'Include' | 'Exclude' | null;
  readonly wards: number;
  readonly population: number;
}

const districtNames = ['North', 'South', 'East', 'West'];

const localityRows: fc.Arbitrary<LocalityRow[]> = fc
  .uniqueArray(fc.stringMatching(/^[A-Z][a-z0-9]{0,5}$/), { minLength: 1, maxLength: 14, selector: (s) => s.toLowerCase() })
  .chain((names) =>
    fc.tuple(
      ...names.map((name, i) =>
        fc.record({
          name: fc.constant(name),
          // The first locality always has a district and is never excluded, so something is always selected.
          district: i === 0 ? fc.constantFrom(...districtNames) : fc.option(fc.constantFrom(...districtNames), { nil: null, freq: 6 }),
          // Few distinct ranks, so ties in need score happen often.
          rank: fc.integer({ min: 1, max: 12 }),
          override: i === 0 ? fc.constantFrom(null, 'Include' as const) : fc.constantFrom(null, null, null, null, null, 'Include' as const, 'Exclude' as const),
          wards: fc.integer({ min: 1, max: 6 }),
          population: fc.integer({ min: 1, max: 20_000 }),
        }),
      ),
    ),
  );

interface Allocation {
  readonly pot: number;
  readonly method: 'Equal' | 'Per ward' | 'Per head' | 'Need weighted';
  readonly to: 'Selected' | 'All';
}

interface Params {
  readonly firstYear: number;
  readonly years: number;
  readonly perDistrict: number;
  readonly additional: number;
  readonly costPerLocality: number | null;
  readonly multiplier: CellValue;
  readonly pay: CellValue;
  readonly nonPay: CellValue;
  readonly allocation: Allocation | null;
}

const rate = fc.constantFrom<CellValue>('0%', '2.5%', '3.816%', 0.03, '-1%', '10%');

const params: fc.Arbitrary<Params> = fc.record({
  firstYear: fc.integer({ min: 2005, max: 2030 }),
  years: fc.integer({ min: 1, max: 6 }),
  perDistrict: fc.integer({ min: 0, max: 3 }),
  additional: fc.integer({ min: 0, max: 5 }),
  costPerLocality: fc.option(fc.integer({ min: 0, max: 20_000_000 }), { nil: null }),
  multiplier: fc.constantFrom<CellValue>(1, 1.5, 2, 0.5, '1.25'),
  pay: rate,
  nonPay: rate,
  allocation: fc.option(
    fc.record({
      pot: fc.integer({ min: 0, max: 500_000_000 }),
      method: fc.constantFrom('Equal' as const, 'Per ward' as const, 'Per head' as const, 'Need weighted' as const),
      to: fc.constantFrom('Selected' as const, 'All' as const),
    }).map((a) => (a.method === 'Need weighted' ? { ...a, to: 'All' as const } : a)),
    { nil: null },
  ),
});

/** A From/To pair as offsets into the projection (possibly before or after it), To never before From. */
const span = fc.option(
  fc.tuple(fc.option(fc.integer({ min: -1, max: 6 }), { nil: null }), fc.option(fc.integer({ min: 0, max: 6 }), { nil: null })).map(([from, to]) =>
    from !== null && to !== null && to < from ? { from: to, to: from } : { from, to },
  ),
  { nil: { from: null, to: null } },
);

interface CostRow {
  readonly appliesTo: 'Programme' | 'Each locality' | number | null;
  readonly quantity: number | null;
  readonly unitCost: number;
  readonly inflation: CellValue;
  readonly span: { from: number | null; to: number | null };
  readonly explicit: readonly (number | null)[];
}

const costRow: fc.Arbitrary<CostRow> = fc.record({
  appliesTo: fc.oneof(fc.constantFrom('Programme' as const, 'Each locality' as const, null), fc.nat({ max: 20 })),
  quantity: fc.option(fc.constantFrom(0, 0.5, 1, 2, 3.5), { nil: null }),
  unitCost: fc.integer({ min: -5_000_000, max: 50_000_000 }),
  inflation: fc.constantFrom<CellValue>(null, 'Pay', 'Non-pay', 'None', '2%'),
  span,
  explicit: fc.array(fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null, freq: 3 }), { minLength: 2, maxLength: 2 }),
});

interface FundingRow {
  readonly kind: 'Recurring' | 'One-off';
  readonly amount: number;
  readonly span: { from: number | null; to: number | null };
  readonly status: 'Confirmed' | 'Expected' | 'At risk' | null;
  readonly explicit: readonly (number | null)[];
}

const fundingRow: fc.Arbitrary<FundingRow> = fc.record({
  kind: fc.constantFrom('Recurring' as const, 'One-off' as const),
  amount: fc.integer({ min: 0, max: 100_000_000 }),
  span,
  status: fc.constantFrom('Confirmed' as const, 'Expected' as const, 'At risk' as const, null),
  explicit: fc.array(fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null, freq: 3 }), { minLength: 2, maxLength: 2 }),
});

interface Plan {
  readonly localities: readonly LocalityRow[];
  readonly params: Params;
  readonly costs: readonly CostRow[];
  readonly funding: readonly FundingRow[];
}

const plans: fc.Arbitrary<Plan> = fc.record({
  localities: localityRows,
  params,
  costs: fc.array(costRow, { maxLength: 4 }),
  funding: fc.array(fundingRow, { maxLength: 4 }),
});

/** The workbook a user would have typed for a plan: amounts in pounds, years written 2011/12. */
function workbookOf(p: Plan): WorkbookInput {
  const { firstYear } = p.params;
  const year = (offset: number | null): CellValue => (offset === null ? null : label(firstYear + offset));
  const yearColumns = [label(firstYear), label(firstYear + 1)];
  const parameters: CellValue[][] = [
    ['Parameter', 'Value'],
    ['First year', label(firstYear)],
    ['Years', p.params.years],
    ['Per district', p.params.perDistrict],
    ['Additional', p.params.additional],
    ['Programme multiplier', p.params.multiplier],
    ['Pay inflation', p.params.pay],
    ['Non-pay inflation', p.params.nonPay],
  ];
  if (p.params.costPerLocality !== null) parameters.push(['Cost per locality', pounds(p.params.costPerLocality)]);
  if (p.params.allocation) {
    parameters.push(['Allocation pot', pounds(p.params.allocation.pot)], ['Allocation method', p.params.allocation.method], ['Allocate to', p.params.allocation.to]);
  }
  return workbook(
    table('Localities', [
      ['Locality', 'District', 'IMD Rank', 'Override', 'Wards', 'Population'],
      ...p.localities.map((l) => [l.name, l.district, l.rank, l.override, l.wards, l.population]),
    ]),
    table('Parameters', parameters),
    table('Costs', [
      ['Cost line', 'Applies to', 'Quantity', 'Unit cost', 'Inflation', 'From', 'To', ...yearColumns],
      ...p.costs.map((c, i) => [
        `Line ${i + 1}`,
        typeof c.appliesTo === 'number' ? p.localities[c.appliesTo % p.localities.length].name : c.appliesTo,
        c.quantity,
        pounds(c.unitCost),
        c.inflation,
        year(c.span.from),
        year(c.span.to),
        ...c.explicit.map((e) => (e === null ? null : pounds(e))),
      ]),
    ]),
    table('Funding', [
      ['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To', 'Status', ...yearColumns],
      ...p.funding.map((f, i) => [
        `Source ${i + 1}`,
        f.kind,
        f.kind === 'Recurring' ? pounds(f.amount) : null,
        f.kind === 'One-off' ? pounds(f.amount) : null,
        year(f.span.from),
        year(f.span.to),
        f.status,
        ...(f.kind === 'Recurring' ? f.explicit.map((e) => (e === null ? null : pounds(e))) : [null, null]),
      ]),
    ]),
  );
}

function run(p: Plan): Ok {
  const outcome = runPlanner(workbookOf(p), testContext);
  if (!outcome.ok) throw new Error(`a valid workbook did not run:\n${outcome.issues.map((i) => `${i.table}!${i.cell ?? ''} ${i.message}`).join('\n')}`);
  return outcome;
}

const settings = { numRuns: 100 };

// ---------- the reference selection, straight from contract §2 ----------

/** Need order for a single IMD Rank indicator: lower rank first, ties by name (contract §2). */
const needOrder = (ls: readonly LocalityRow[]): LocalityRow[] =>
  [...ls].sort((a, b) => a.rank - b.rank || (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0));

function expectedSelection(ls: readonly LocalityRow[], perDistrict: number, additional: number): Map<string, 'override' | 'district' | 'additional' | 'all'> {
  const chosen = new Map<string, 'override' | 'district' | 'additional' | 'all'>();
  for (const l of ls) if (l.override === 'Include') chosen.set(l.name, 'override');
  const free = (l: LocalityRow) => l.override === null && !chosen.has(l.name);
  if (perDistrict === 0 && additional === 0) {
    for (const l of ls) if (free(l)) chosen.set(l.name, 'all');
    return chosen;
  }
  const order = needOrder(ls);
  for (const d of districtNames) {
    for (const l of order.filter((x) => x.district === d && free(x)).slice(0, perDistrict)) chosen.set(l.name, 'district');
  }
  for (const l of order.filter(free).slice(0, additional)) chosen.set(l.name, 'additional');
  return chosen;
}

/** Percentile on IMD Rank (lower is worse): 100 = most deprived; ties share the mean (contract §2). */
function expectedNeedScore(ls: readonly LocalityRow[], l: LocalityRow): number {
  if (ls.length === 1) return 100;
  const lessDeprived = ls.filter((x) => x.rank > l.rank).length;
  const tied = ls.filter((x) => x.rank === l.rank).length;
  return (100 * (lessDeprived + (tied - 1) / 2)) / (ls.length - 1);
}

// ---------- properties ----------

describe('the engine on random valid workbooks (contract §2, §3)', () => {
  it('balances every year to the penny: cost = recurring funding + drawdown + shortfall − surplus', () => {
    fc.assert(
      fc.property(plans, (p) => {
        const { results, summary } = run(p);
        results.funding.byYear.forEach((y, i) => {
          expect(y.cost).toBe(y.recurringFunding + y.drawdown + y.shortfall - y.surplus);
          expect(y.funding).toBe(y.recurringFunding + y.drawdown);
          expect(y.shortfall === 0 || y.surplus === 0).toBe(true);
          expect(Math.min(y.shortfall, y.surplus, y.drawdown)).toBeGreaterThanOrEqual(0);
          expect(y.cost).toBe(results.costs.lines.reduce((a, l) => a + l.amounts[i], 0));
          const s = summary.projection[i];
          expect(Math.round(s.cost * 100)).toBe(Math.round(s.recurringFunding * 100) + Math.round(s.drawdown * 100) + Math.round(s.shortfall * 100) - Math.round(s.surplus * 100));
          expect(Math.round(s.cost * 100)).toBe(y.cost);
        });
      }),
      settings,
    );
  });

  it('draws pots only for what recurring funding leaves, the soonest to lapse first, never beyond the pot, leaving a shortfall only when every usable pot is empty', () => {
    fc.assert(
      fc.property(plans, (p) => {
        const { results } = run(p);
        const { pots, byYear } = results.funding;
        byYear.forEach((y, i) => {
          expect(y.drawdown).toBe(pots.reduce((a, pot) => a + pot.drawdown[i], 0));
          expect(y.drawdown).toBeLessThanOrEqual(Math.max(0, y.cost - y.recurringFunding));
          if (y.shortfall > 0) {
            for (const pot of pots) {
              const usable = (pot.stream.from === null || y.year >= pot.stream.from) && (pot.stream.to === null || y.year <= pot.stream.to);
              if (usable) expect(pot.balance[i]).toBe(0);
            }
          }
        });
        // The pot that lapses soonest is drawn first, then table order: a later one is touched only when the earlier are empty.
        const lapse = (pot: (typeof pots)[number]) => pot.stream.to ?? Number.POSITIVE_INFINITY;
        byYear.forEach((y, i) => {
          const usable = (pot: (typeof pots)[number]) => (pot.stream.from === null || y.year >= pot.stream.from) && (pot.stream.to === null || y.year <= pot.stream.to);
          pots.forEach((drawn, a) => {
            if (drawn.drawdown[i] === 0) return;
            pots.forEach((first, b) => {
              if (b !== a && usable(first) && (lapse(first) < lapse(drawn) || (lapse(first) === lapse(drawn) && b < a))) expect(first.balance[i]).toBe(0);
            });
          });
        });
        for (const pot of pots) {
          expect(pot.drawdown.reduce((a, d) => a + d, 0)).toBeLessThanOrEqual(pot.stream.pot);
          for (const b of pot.balance) if (b !== null) expect(b).toBeGreaterThanOrEqual(0);
        }
      }),
      settings,
    );
  });

  it('shares the Allocation pot so that every year adds up to it exactly, to the penny', () => {
    fc.assert(
      fc.property(plans.filter((p) => p.params.allocation !== null), (p) => {
        const { results, summary } = run(p);
        const pot = p.params.allocation!.pot;
        const allocation = results.allocation!;
        results.years.forEach((year, i) => {
          expect(allocation.shares.reduce((a, s) => a + s.amounts[i], 0)).toBe(pot);
          const listed = summary.allocation.filter((a) => a.year === label(year));
          expect(listed).toHaveLength(allocation.shares.length);
          expect(listed.reduce((a, s) => a + Math.round(s.amount * 100), 0)).toBe(pot);
        });
        for (const s of allocation.shares) for (const a of s.amounts) expect(a).toBeGreaterThanOrEqual(0);
      }),
      settings,
    );
  });

  it('selects as the contract orders it: Exclude out, Include in, then Per district, then Additional, most in need first', () => {
    fc.assert(
      fc.property(plans, (p) => {
        const { results, summary } = run(p);
        const expected = expectedSelection(p.localities, p.params.perDistrict, p.params.additional);
        const actual = new Map(results.priorities.filter((x) => x.selected).map((x) => [x.locality.name, x.reason]));
        expect(actual).toEqual(expected);
        expect(new Map(summary.selected.map((s) => [s.locality, s.reason]))).toEqual(expected);
      }),
      settings,
    );
  });

  it('keeps within the quotas: at most Per district quota picks in each district, at most Additional more, overrides honoured', () => {
    fc.assert(
      fc.property(plans, (p) => {
        const { results } = run(p);
        const picks = results.priorities.filter((x) => x.selected);
        for (const d of districtNames) {
          expect(picks.filter((x) => x.reason === 'district' && x.locality.district === d).length).toBeLessThanOrEqual(p.params.perDistrict);
        }
        expect(picks.filter((x) => x.reason === 'additional').length).toBeLessThanOrEqual(p.params.additional);
        for (const x of results.priorities) {
          if (x.locality.override === 'exclude') expect(x.selected).toBe(false);
          if (x.locality.override === 'include') expect(x.reason).toBe('override');
        }
      }),
      settings,
    );
  });

  it('ranks by need score: rank 1 the highest, ties by IMD Rank then name, scores as percentiles from 0 to 100', () => {
    fc.assert(
      fc.property(plans, (p) => {
        const { results } = run(p);
        const byRank = [...results.priorities].sort((a, b) => a.rank! - b.rank!);
        expect(byRank.map((x) => x.rank)).toEqual(p.localities.map((_, i) => i + 1));
        expect(byRank.map((x) => x.locality.name)).toEqual(needOrder(p.localities).map((l) => l.name));
        for (let i = 1; i < byRank.length; i++) expect(byRank[i].needScore!).toBeLessThanOrEqual(byRank[i - 1].needScore!);
        for (const x of results.priorities) {
          const row = p.localities.find((l) => l.name === x.locality.name)!;
          expect(x.needScore!).toBeCloseTo(expectedNeedScore(p.localities, row), 9);
        }
      }),
      settings,
    );
  });

  it('gives the same results for the same inputs, run after run', () => {
    fc.assert(
      fc.property(plans, (p) => {
        const first = runPlanner(workbookOf(p), testContext);
        const second = runPlanner(workbookOf(p), testContext);
        expect(second).toEqual(first);
      }),
      { numRuns: 50 },
    );
  });
});

describe('the output plan states how every cell looks, so adapters only print (issue 8)', () => {
  /** The number format a cell ends up with: the last of the plan's formats that covers it. */
  const lastFormat = (sheet: SheetPlan, row: number, column: number): string | undefined =>
    [...sheet.numberFormats].reverse().find((f) => row >= f.range.row && row < f.range.row + f.range.rows && column >= f.range.column && column < f.range.column + f.range.columns)?.numberFormat;

  it('formats every text cell as Text, and never puts a number or TRUE/FALSE under a Text format', () => {
    fc.assert(
      fc.property(plans, (p) => {
        const { plan } = run(p);
        for (const sheet of [...plan.sheets, plan.ownership]) {
          const textRanges = sheet.numberFormats.filter((f) => f.numberFormat === 'text').map((f) => f.range);
          sheet.cells.forEach((line, r) =>
            line.forEach((v, c) => {
              if (typeof v === 'string') expect([sheet.name, r, c, lastFormat(sheet, r, c)]).toEqual([sheet.name, r, c, 'text']);
              if (typeof v === 'number' || typeof v === 'boolean') {
                expect([sheet.name, r, c, textRanges.some((x) => r >= x.row && r < x.row + x.rows && c >= x.column && c < x.column + x.columns)]).toEqual([sheet.name, r, c, false]);
              }
            }),
          );
        }
      }),
      { numRuns: 50 },
    );
  });

  it('gives the starter tables the same rule: text stays text, so "2012/13" is never a date', () => {
    for (const t of starterTables) {
      const sheet = starterSheetPlan(t);
      sheet.cells.forEach((line, r) => line.forEach((v, c) => typeof v === 'string' && expect([t.name, r, c, lastFormat(sheet, r, c)]).toEqual([t.name, r, c, 'text'])));
    }
  });
});
