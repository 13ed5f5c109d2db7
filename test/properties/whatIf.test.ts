import fc from 'fast-check';
import { type CellValue, type PlannerOutcome, type Summary, runPlanner } from '../../src/engine';
import { table, testContext, workbook } from '../support/tables';

/**
 * Properties of what-if (contract v1.1 §6) on random valid plans: each is checked against
 * a full run of the engine on the inputs changed by hand, never against the what-if code.
 */

type Ok = Extract<PlannerOutcome, { ok: true }>;
type Rows = CellValue[][];

interface Plan {
  readonly localities: readonly { readonly name: string; readonly district: string; readonly rank: number }[];
  readonly perDistrict: number;
  readonly additional: number;
  readonly costPerLocality: number;
  readonly multiplier: CellValue;
  readonly pay: CellValue;
  readonly tolerance: number;
  readonly costs: readonly { readonly appliesTo: 'Programme' | 'Each locality'; readonly unitCost: number; readonly inflation: CellValue }[];
  readonly funding: readonly { readonly kind: 'Recurring' | 'One-off' | 'Reserve'; readonly amount: number; readonly status: 'Confirmed' | 'Expected' | 'At risk'; readonly to: number | null }[];
}

const plans: fc.Arbitrary<Plan> = fc.record({
  localities: fc.uniqueArray(fc.stringMatching(/^[A-Z][a-z]{1,5}$/), { minLength: 1, maxLength: 10, selector: (s) => s.toLowerCase() }).chain((names) =>
    fc.tuple(...names.map((name) => fc.record({ name: fc.constant(name), district: fc.constantFrom('North', 'South', 'East'), rank: fc.integer({ min: 1, max: 30 }) }))),
  ),
  perDistrict: fc.integer({ min: 0, max: 2 }),
  additional: fc.integer({ min: 0, max: 4 }),
  costPerLocality: fc.integer({ min: 0, max: 10_000_000 }),
  multiplier: fc.constantFrom<CellValue>(1, 2, 0.5, '1.25'),
  pay: fc.constantFrom<CellValue>('0%', '2.5%', '3.816%', '-1%'),
  tolerance: fc.constantFrom(0, 0, 100, 123_456),
  costs: fc.array(
    fc.record({
      appliesTo: fc.constantFrom('Programme' as const, 'Each locality' as const),
      // Each locality lines are never savings here, so the affordable number of localities is a clean boundary.
      unitCost: fc.integer({ min: -2_000_000, max: 20_000_000 }),
      inflation: fc.constantFrom<CellValue>('Pay', 'Non-pay', 'None', '2%'),
    }).map((c) => (c.appliesTo === 'Each locality' ? { ...c, unitCost: Math.abs(c.unitCost) } : c)),
    { maxLength: 3 },
  ),
  funding: fc.array(
    fc.record({
      kind: fc.constantFrom('Recurring' as const, 'One-off' as const, 'Reserve' as const),
      amount: fc.integer({ min: 0, max: 50_000_000 }),
      status: fc.constantFrom('Confirmed' as const, 'Expected' as const, 'At risk' as const),
      to: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    }),
    { maxLength: 3 },
  ),
});

const FIRST = 2020;
const label = (year: number): string => `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
const pounds = (pence: number): number => pence / 100;

/** The tables a user would type for a plan, with Parameters rows changed or added by `parameters`. */
function tablesOf(p: Plan, extra: { parameters?: Rows; funding?: Rows; scenarios?: Rows } = {}) {
  const parameters: Rows = [
    ['First year', label(FIRST)],
    ['Years', 4],
    ['Per district', p.perDistrict],
    ['Additional', p.additional],
    ['Cost per locality', pounds(p.costPerLocality)],
    ['Programme multiplier', p.multiplier],
    ['Pay inflation', p.pay],
    ['Shortfall tolerance', pounds(p.tolerance)],
  ];
  for (const [name, value] of extra.parameters ?? []) {
    const at = parameters.findIndex((r) => r[0] === name);
    if (at >= 0) parameters[at] = [name, value];
    else parameters.push([name, value]);
  }
  const tables = [
    table('Localities', [['Locality', 'District', 'IMD Rank'], ...p.localities.map((l) => [l.name, l.district, l.rank])]),
    table('Parameters', [['Parameter', 'Value'], ...parameters]),
    table('Costs', [['Cost line', 'Applies to', 'Unit cost', 'Inflation'], ...p.costs.map((c, i) => [`Line ${i + 1}`, c.appliesTo, pounds(c.unitCost), c.inflation])]),
    table('Funding', [
      ['Source', 'Kind', 'Annual amount', 'Pot', 'To', 'Status'],
      ...p.funding.map((f, i) => [`Source ${i + 1}`, f.kind, f.kind === 'Recurring' ? pounds(f.amount) : null, f.kind === 'Recurring' ? null : pounds(f.amount), f.kind === 'Reserve' || f.to === null ? null : label(FIRST + f.to), f.status]),
      ...(extra.funding ?? []),
    ]),
  ];
  if (extra.scenarios) tables.push(table('Scenarios', extra.scenarios, { sheet: 'What if' }));
  return workbook(...tables);
}

function run(p: Plan, extra: Parameters<typeof tablesOf>[1] = {}): Ok {
  const o = runPlanner(tablesOf(p, extra), testContext);
  if (!o.ok) throw new Error(o.issues.map((i) => `${i.table}!${i.cell ?? ''} ${i.message}`).join('\n'));
  return o;
}

/** True when no year's revenue shortfall is above the tolerance (contract v1.1 §6.3). */
const within = (s: Summary, tolerance: number): boolean => s.projection.every((y) => Math.round(y.shortfall * 100) <= tolerance);

const settings = { numRuns: 60 };

describe('what if on random valid plans (contract v1.1 §6)', () => {
  it('plans Base in the scenarios exactly as the main Projection', () => {
    fc.assert(
      fc.property(plans, (p) => {
        const { summary } = run(p);
        const base = summary.scenarios[0];
        expect(base).toMatchObject({ name: 'Base', kind: 'base', selected: summary.selected.length });
        expect(base.projection).toEqual(summary.projection.map((y) => ({ year: y.year, cost: y.cost, funding: y.funding, shortfall: y.shortfall, surplus: y.surplus })));
        expect(Math.round(base.totalShortfall * 100)).toBe(summary.projection.reduce((a, y) => a + Math.round(y.shortfall * 100), 0));
        expect(base.firstShortfallYear).toBe(summary.projection.find((y) => y.shortfall > 0)?.year ?? null);
      }),
      settings,
    );
  });

  it('plans a scenario with no changes, or with every value as the inputs have it, exactly as Base', () => {
    fc.assert(
      fc.property(plans, (p) => {
        const { summary } = run(p, {
          scenarios: [
            ['Item', 'Field', 'Nothing changed', 'Same values'],
            ['Pay inflation', null, null, p.pay],
            ['Additional', null, null, p.additional],
            ...p.costs.map((c, i) => [`Line ${i + 1}`, 'Unit cost', null, pounds(c.unitCost)]),
            ...p.funding.map((f, i) => [`Source ${i + 1}`, 'Status', null, f.status]),
          ],
        });
        const [base, nothing, same] = summary.scenarios;
        expect(nothing).toEqual({ ...base, name: 'Nothing changed', kind: 'scenario' });
        expect(same).toEqual({ ...base, name: 'Same values', kind: 'scenario' });
      }),
      settings,
    );
  });

  it('plans a scenario exactly as a full run of the inputs with its changes typed in', () => {
    fc.assert(
      fc.property(plans, fc.constantFrom<CellValue>('5%', '0%'), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 30_000_000 }), (p, pay, additional, annual) => {
        const { summary } = run(p, { scenarios: [['Table', 'Item', 'Field', 'Changed'], [null, 'Pay inflation', null, pay], ['Parameters', 'Additional', null, additional], [null, 'New money', 'Annual amount', pounds(annual)]], funding: [['New money', 'Recurring', 0, null, null, 'Confirmed']] });
        const typed = run(p, { parameters: [['Pay inflation', pay], ['Additional', additional]], funding: [['New money', 'Recurring', pounds(annual), null, null, 'Confirmed']] }).summary.scenarios[0];
        expect(summary.scenarios[1]).toEqual({ ...typed, name: 'Changed', kind: 'scenario' });
      }),
      settings,
    );
  });

  it('plans Confirmed funding only, when any funding is Expected or At risk, as the inputs without those lines', () => {
    fc.assert(
      fc.property(plans, (p) => {
        const { summary } = run(p);
        const hasDoubt = p.funding.some((f) => f.status !== 'Confirmed');
        expect(summary.scenarios.map((c) => c.kind)).toEqual(hasDoubt ? ['base', 'confirmed-only'] : ['base']);
        if (!hasDoubt) return;
        const confirmed = run({ ...p, funding: p.funding.filter((f) => f.status === 'Confirmed') }).summary.scenarios[0];
        expect(summary.scenarios[1]).toEqual({ ...confirmed, name: 'Confirmed funding only', kind: 'confirmed-only' });
      }),
      settings,
    );
  });

  it('ranks sensitivity rows by swing, largest first, each swing the gap between its low and high shortfalls', () => {
    fc.assert(
      fc.property(plans, (p) => {
        const rows = run(p).summary.sensitivity;
        for (const r of rows) expect(Math.round(r.swing * 100)).toBe(Math.abs(Math.round(r.shortfallHigh * 100) - Math.round(r.shortfallLow * 100)));
        for (let i = 1; i < rows.length; i++) expect(rows[i].swing).toBeLessThanOrEqual(rows[i - 1].swing);
      }),
      settings,
    );
  });

  it('gives each sensitivity row the shortfall a full run with that one value changed gives', () => {
    fc.assert(
      fc.property(plans, (p) => {
        const rows = run(p).summary.sensitivity.filter((r) => r.input === 'Cost per locality' || r.input === 'Pay inflation');
        for (const r of rows) {
          for (const [value, shortfall] of [[r.low, r.shortfallLow], [r.high, r.shortfallHigh]] as const) {
            const changed = run(p, { parameters: [[r.input, value]] }).summary.scenarios[0];
            expect(changed.totalShortfall).toBe(shortfall);
          }
        }
      }),
      settings,
    );
  });

  it('finds the largest affordable Cost per locality to the penny: one penny more breaks the tolerance', () => {
    fc.assert(
      fc.property(plans, (p) => {
        const answer = run(p).summary.affordability.costPerLocality;
        if (answer === null) return;
        expect(within(run(p, { parameters: [['Cost per locality', answer]] }).summary, p.tolerance)).toBe(true);
        expect(within(run(p, { parameters: [['Cost per locality', (Math.round(answer * 100) + 1) / 100]] }).summary, p.tolerance)).toBe(false);
      }),
      settings,
    );
  });

  it('finds the largest affordable Additional: one locality more breaks the tolerance', () => {
    fc.assert(
      fc.property(plans, (p) => {
        const answer = run(p).summary.affordability.localities;
        if (answer === null) return;
        const at = run(p, { parameters: [['Additional', answer.additional]] }).summary;
        expect(within(at, p.tolerance)).toBe(true);
        expect(at.selected).toHaveLength(answer.selected);
        const more = run(p, { parameters: [['Additional', answer.additional + 1]] }).summary;
        // One more asked for, when none is left to choose, selects no more and is no answer.
        if (more.selected.length > answer.selected) expect(within(more, p.tolerance)).toBe(false);
      }),
      settings,
    );
  });

  it('finds the smallest new recurring funding to the penny: one penny less breaks the tolerance', () => {
    fc.assert(
      fc.property(plans, (p) => {
        const answer = run(p).summary.affordability.newRecurringFunding;
        expect(answer).not.toBeNull();
        if (answer === null || answer.amount === 0) return;
        const add = (amount: number): Summary => {
          const o = runPlanner(tablesWithFrom(p, amount, answer.fromYear!), testContext);
          if (!o.ok) throw new Error(o.issues.map((i) => i.message).join('\n'));
          return o.summary;
        };
        expect(within(add(answer.amount), p.tolerance)).toBe(true);
        expect(within(add((Math.round(answer.amount * 100) - 1) / 100), p.tolerance)).toBe(false);
      }),
      settings,
    );
  });
});

/** The plan's tables with a new Recurring line from `fromYear`, as a Funding row with a From column. */
function tablesWithFrom(p: Plan, amount: number, fromYear: string) {
  const base = tablesOf(p);
  return {
    ...base,
    tables: base.tables.map((t) =>
      t.name !== 'Funding' ? t : { ...t, header: [...t.header, 'From'], rows: [...t.rows.map((r) => [...r, null]), ['New money', 'Recurring', amount, null, null, 'Confirmed', fromYear]] },
    ),
  };
}
