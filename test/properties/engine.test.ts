import fc from 'fast-check';
import { excelDate, runPlanner, starterSheetPlan, starterTables, type PlannerOutcome, type CellValue, type SheetPlan, type WorkbookInput } from '../../src/engine';
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
  readonly councillors: number;
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
          councillors: fc.integer({ min: 1, max: 5 }),
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

/**
 * A From or To: a year offset into the projection (possibly before or after it), or, with
 * `day`, a date that many days into that financial year (contract v1.1 §5.1).
 */
interface Edge {
  readonly year: number;
  readonly day: number | null;
}
const edge = (min: number, max: number): fc.Arbitrary<Edge> => fc.record({ year: fc.integer({ min, max }), day: fc.option(fc.integer({ min: 0, max: 364 }), { nil: null, freq: 2 }) });
const edgeOrder = (e: Edge, isTo: boolean) => e.year * 1000 + (e.day ?? (isTo ? 999 : 0));

/** A From/To pair, To never before From. */
const span = fc.option(
  fc.tuple(fc.option(edge(-1, 6), { nil: null }), fc.option(edge(0, 6), { nil: null })).map(([from, to]) =>
    from !== null && to !== null && edgeOrder(to, true) < edgeOrder(from, false) ? { from: to, to: from } : { from, to },
  ),
  { nil: { from: null, to: null } },
);

interface CostRow {
  readonly appliesTo: 'Programme' | 'Each locality' | 'Shared out' | number | null;
  readonly type: 'Revenue' | 'Capital' | null;
  readonly method: 'Equal' | 'Per ward' | 'Per head' | 'Need weighted' | 'Per Councillors' | null;
  readonly quantity: number | null;
  readonly unitCost: number;
  readonly inflation: CellValue;
  readonly span: { from: Edge | null; to: Edge | null };
  readonly explicit: readonly (number | null)[];
}

const costRow: fc.Arbitrary<CostRow> = fc
  .record({
    appliesTo: fc.oneof(fc.constantFrom('Programme' as const, 'Each locality' as const, 'Shared out' as const, null), fc.nat({ max: 20 })),
    type: fc.constantFrom('Revenue' as const, 'Capital' as const, null, null),
    method: fc.constantFrom('Equal' as const, 'Per ward' as const, 'Per head' as const, 'Need weighted' as const, 'Per Councillors' as const, null),
    quantity: fc.option(fc.constantFrom(0, 0.5, 1, 2, 3.5), { nil: null }),
    unitCost: fc.integer({ min: -5_000_000, max: 50_000_000 }),
    inflation: fc.constantFrom<CellValue>(null, 'Pay', 'Non-pay', 'None', '2%'),
    span,
    explicit: fc.array(fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null, freq: 3 }), { minLength: 2, maxLength: 2 }),
  })
  // A saving is a revenue line; capital costs are spending. Only a Shared out line has a Method.
  .map((c) => ({ ...c, unitCost: c.type === 'Capital' ? Math.abs(c.unitCost) : c.unitCost, method: c.appliesTo === 'Shared out' ? c.method : null }));

interface FundingRow {
  readonly kind: 'Recurring' | 'One-off' | 'Capital' | 'Reserve';
  readonly amount: number;
  readonly span: { from: Edge | null; to: Edge | null };
  readonly status: 'Confirmed' | 'Expected' | 'At risk' | null;
  readonly inflation: CellValue;
  readonly explicit: readonly (number | null)[];
}

const fundingRow: fc.Arbitrary<FundingRow> = fc
  .record({
    kind: fc.constantFrom('Recurring' as const, 'One-off' as const, 'Capital' as const, 'Reserve' as const),
    amount: fc.integer({ min: 0, max: 100_000_000 }),
    span,
    status: fc.constantFrom('Confirmed' as const, 'Expected' as const, 'At risk' as const, null),
    inflation: fc.constantFrom<CellValue>(null, 'None', 'Pay', 'Non-pay', '1.5%'),
    explicit: fc.array(fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null, freq: 3 }), { minLength: 2, maxLength: 2 }),
  })
  // A reserve never lapses (it has no To); pots and reserves are balances, not uplifted.
  .map((f) => (f.kind === 'Reserve' ? { ...f, span: { from: f.span.from, to: null }, inflation: null } : f.kind === 'One-off' ? { ...f, inflation: null } : f));

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
/** The Excel serial of 1 April of a financial year. */
const aprilFirst = (year: number): number => Math.round((Date.UTC(year, 3, 1) - Date.UTC(1899, 11, 30)) / 86_400_000);

function workbookOf(p: Plan): WorkbookInput {
  const { firstYear } = p.params;
  const year = (e: Edge | null): CellValue => (e === null ? null : e.day === null ? label(firstYear + e.year) : excelDate(aprilFirst(firstYear + e.year) + e.day));
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
    parameters.push(['Allocation pot', pounds(p.params.allocation.pot)], ['Allocation method', p.params.allocation.method]);
  }
  // Sharing by need among the selected alone could leave only the least deprived, whose score is 0: nothing to share by.
  const byNeed = p.costs.some((c) => c.appliesTo === 'Shared out' && c.method === 'Need weighted');
  parameters.push(['Allocate to', byNeed ? 'All' : (p.params.allocation?.to ?? 'Selected')]);
  return workbook(
    table('Localities', [
      ['Locality', 'District', 'IMD Rank', 'Override', 'Wards', 'Population', 'Councillors'],
      ...p.localities.map((l) => [l.name, l.district, l.rank, l.override, l.wards, l.population, l.councillors]),
    ]),
    table('Parameters', parameters),
    table('Costs', [
      ['Cost line', 'Applies to', 'Type', 'Method', 'Quantity', 'Unit cost', 'Inflation', 'From', 'To', ...yearColumns],
      ...p.costs.map((c, i) => [
        `Line ${i + 1}`,
        typeof c.appliesTo === 'number' ? p.localities[c.appliesTo % p.localities.length].name : c.appliesTo,
        c.type,
        c.method,
        c.quantity,
        pounds(c.unitCost),
        c.inflation,
        year(c.span.from),
        year(c.span.to),
        ...c.explicit.map((e) => (e === null ? null : pounds(e))),
      ]),
    ]),
    table('Funding', [
      ['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To', 'Status', 'Inflation', ...yearColumns],
      ...p.funding.map((f, i) => {
        const scheduled = f.kind === 'Recurring' || f.kind === 'Capital';
        return [
          `Source ${i + 1}`,
          f.kind,
          scheduled ? pounds(f.amount) : null,
          scheduled ? null : pounds(f.amount),
          year(f.span.from),
          year(f.span.to),
          f.status,
          f.inflation,
          ...(scheduled ? f.explicit.map((e) => (e === null ? null : pounds(e))) : [null, null]),
        ];
      }),
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

// ---------- part years, worked out here from contract v1.1 §5.2 ----------

/** A From or To as the results hold it: a whole financial year, or a day (days since 1 January 1970). */
type Edged = { readonly kind: 'year'; readonly year: number } | { readonly kind: 'date'; readonly day: number; readonly year: number };
const DAY = 86_400_000;
const dayOfDate = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY;
const firstDay = (from: Edged | null): number => (from === null ? -Infinity : from.kind === 'date' ? from.day : dayOfDate(from.year, 4, 1));
const lastDay = (to: Edged | null): number => (to === null ? Infinity : to.kind === 'date' ? to.day : dayOfDate(to.year + 1, 3, 31));

/** The share of a financial year a line covers: twelfths by calendar month, a month covered in part its days covered over its days. */
function usableIn(year: number, from: Edged | null, to: Edged | null): { num: bigint; den: bigint } {
  let num = 0n;
  let den = 1n;
  for (let i = 0; i < 12; i++) {
    const y = i < 9 ? year : year + 1;
    const m = ((i + 3) % 12) + 1;
    const start = dayOfDate(y, m, 1);
    const days = dayOfDate(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - start;
    const covered = Math.max(0, Math.min(start + days - 1, lastDay(to)) - Math.max(start, firstDay(from)) + 1);
    num = num * BigInt(days) + BigInt(covered) * den;
    den *= BigInt(days);
  }
  return { num, den: den * 12n };
}

/** An amount times a share, rounded to the penny half away from zero. */
function timesShare(amount: number, share: { num: bigint; den: bigint }): number {
  const n = BigInt(amount) * share.num;
  const q = n / share.den;
  const r = n % share.den;
  const twice = (r < 0n ? -r : r) * 2n;
  return Number(twice >= share.den ? q + (n < 0n ? -1n : 1n) : q);
}

// ---------- properties ----------

describe('the engine on random valid workbooks (contract §2, §3)', () => {
  it('balances every year of revenue to the penny: cost = recurring funding + pot drawdown + reserve used + shortfall − surplus', () => {
    fc.assert(
      fc.property(plans, (p) => {
        const { results, summary } = run(p);
        let cumulative = 0;
        results.funding.byYear.forEach((y, i) => {
          expect(y.cost).toBe(y.recurringFunding + y.drawdown + y.reserveUsed + y.shortfall - y.surplus);
          expect(y.funding).toBe(y.recurringFunding + y.drawdown + y.reserveUsed);
          expect(y.shortfall === 0 || y.surplus === 0).toBe(true);
          expect(Math.min(y.shortfall, y.surplus, y.drawdown, y.reserveUsed)).toBeGreaterThanOrEqual(0);
          // Total cost is the revenue lines only; capital is funded on its own.
          expect(y.cost).toBe(results.costs.lines.filter((l) => l.type === 'revenue').reduce((a, l) => a + l.amounts[i], 0));
          cumulative += y.shortfall;
          expect(y.cumulativeShortfall).toBe(cumulative);
          const s = summary.projection[i];
          const pennies = (x: number) => Math.round(x * 100);
          expect(pennies(s.cost)).toBe(pennies(s.recurringFunding) + pennies(s.drawdown) + pennies(s.shortfall) - pennies(s.surplus));
          expect(pennies(s.cost)).toBe(y.cost);
          expect(pennies(s.cumulativeShortfall)).toBe(cumulative);
          expect(pennies(s.drawdown)).toBe(summary.pots.reduce((a, pot) => a + pennies(pot.drawdown[i]), 0));
        });
      }),
      settings,
    );
  });

  it('balances capital on its own: cost = capital used + capital shortfall, and what is brought forward and allocated is used, carried forward or lapses', () => {
    fc.assert(
      fc.property(plans, (p) => {
        const { results, summary } = run(p);
        results.capital.byYear.forEach((y, i) => {
          expect(y.cost).toBe(results.costs.capitalTotal[i]);
          expect(y.cost).toBe(y.used + y.shortfall);
          expect(y.broughtForward + y.funding).toBe(y.used + y.carriedForward + y.lapsed);
          expect(y.broughtForward).toBe(i === 0 ? 0 : results.capital.byYear[i - 1].carriedForward);
          expect(Math.min(y.used, y.shortfall, y.carriedForward, y.lapsed)).toBeGreaterThanOrEqual(0);
          // Capital money never pays revenue: a capital shortfall only when nothing capital is left.
          if (y.shortfall > 0) expect(y.carriedForward + y.lapsed).toBe(0);
          expect(Math.round(summary.projection[i].capitalShortfall * 100)).toBe(y.shortfall);
          expect(Math.round(summary.projection[i].capitalCost * 100)).toBe(y.cost);
          expect(Math.round(summary.projection[i].capitalFunding * 100)).toBe(y.funding);
        });
        const capitalPaid = results.capital.allocations.reduce((a, c) => a + c.total, 0);
        const revenueRecurring = results.funding.recurring.reduce((a, r) => a + r.total, 0);
        expect(results.funding.byYear.reduce((a, y) => a + y.recurringFunding, 0)).toBe(revenueRecurring);
        expect(results.capital.totals.funding).toBe(capitalPaid);
      }),
      settings,
    );
  });


  it('draws pots only for what recurring funding leaves, the soonest to lapse first, never beyond the pot nor a part-year pot\'s share, leaving a shortfall only when every usable pot is spent or at its share', () => {
    fc.assert(
      fc.property(plans, (p) => {
        const { results } = run(p);
        const { pots, byYear } = results.funding;
        const gap = (i: number) => byYear[i].cost - byYear[i].recurringFunding;
        const cap = (pot: (typeof pots)[number], i: number) => {
          const share = usableIn(byYear[i].year, pot.stream.from, pot.stream.to);
          return share.num === share.den ? gap(i) : timesShare(gap(i), share);
        };
        const spent = (pot: (typeof pots)[number], i: number) => pot.balance[i] === 0 || pot.drawdown[i] === cap(pot, i);
        byYear.forEach((y, i) => {
          expect(y.drawdown).toBe(pots.reduce((a, pot) => a + pot.drawdown[i], 0));
          expect(y.drawdown).toBeLessThanOrEqual(Math.max(0, gap(i)));
          for (const pot of pots) expect(pot.drawdown[i]).toBeLessThanOrEqual(Math.max(0, cap(pot, i)));
          if (y.shortfall > 0 || y.reserveUsed > 0) {
            for (const pot of pots) if (usableIn(y.year, pot.stream.from, pot.stream.to).num > 0n) expect(spent(pot, i)).toBe(true);
          }
        });
        // The pot that lapses soonest is drawn first, then table order: a later one is touched only when the earlier are spent.
        const lapse = (pot: (typeof pots)[number]) => lastDay(pot.stream.to);
        byYear.forEach((y, i) => {
          pots.forEach((drawn, a) => {
            if (drawn.drawdown[i] === 0) return;
            pots.forEach((first, b) => {
              if (b !== a && usableIn(y.year, first.stream.from, first.stream.to).num > 0n && (lapse(first) < lapse(drawn) || (lapse(first) === lapse(drawn) && b < a))) expect(spent(first, i)).toBe(true);
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

  it('draws reserves only after the pots, never below nothing, and adds each surplus to the first reserve that can take it', () => {
    fc.assert(
      fc.property(plans, (p) => {
        const { results } = run(p);
        const { reserves, byYear } = results.funding;
        byYear.forEach((y, i) => {
          expect(y.reserveUsed).toBe(reserves.reduce((a, r) => a + r.drawdown[i], 0));
          const takers = reserves.filter((r) => usableIn(y.year, r.stream.from, null).num > 0n);
          expect(y.addedToReserve).toBe(takers.length > 0 ? y.surplus : 0);
          reserves.forEach((r) => expect(r.added[i]).toBe(takers.length > 0 && r === takers[0] ? y.surplus : 0));
        });
        for (const r of reserves) {
          let balance = r.stream.pot as number;
          byYear.forEach((y, i) => {
            balance += r.added[i] - r.drawdown[i];
            expect(balance).toBeGreaterThanOrEqual(0);
            if (r.balance[i] !== null) expect(r.balance[i]).toBe(balance);
          });
        }
      }),
      settings,
    );
  });

  it('shares every Shared out line (and the Allocation pot) so that each adds up to its amount exactly, every year, to the penny', () => {
    fc.assert(
      fc.property(plans, (p) => {
        const { results, summary } = run(p);
        const shared = results.costs.lines.filter((l) => l.appliesTo.kind === 'shared-out');
        const lines = results.allocation?.lines ?? [];
        expect(lines.map((l) => l.line)).toEqual(shared.map((l) => l.name));
        lines.forEach((line, l) => {
          expect(line.amounts).toEqual(shared[l].amounts);
          results.years.forEach((year, i) => {
            expect(line.shares.reduce((a, s) => a + s.amounts[i], 0)).toBe(line.amounts[i]);
            const listed = summary.allocation.filter((a) => a.year === label(year) && a.line === line.line);
            expect(listed.reduce((a, s) => a + Math.round(s.amount * 100), 0)).toBe(lines.filter((x) => x.line === line.line).reduce((a, x) => a + x.amounts[i], 0));
          });
        });
        if (p.params.allocation) {
          const pot = lines.find((l) => l.line === 'Allocation pot')!;
          expect(pot.amounts.every((a) => a === p.params.allocation!.pot)).toBe(true);
          for (const s of pot.shares) for (const a of s.amounts) expect(a).toBeGreaterThanOrEqual(0);
        }
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
