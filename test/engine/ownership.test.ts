import { type OutputPlan, type PlannerOutcome, type WorkbookInput, OWNERSHIP_SHEET, runPlanner } from '../../src/engine';
import { opensLikeAnOutput } from '../../src/engine/plan/ownership';
import { table, testContext, workbook } from '../support/tables';

/**
 * Which sheets are the tool's, decided by identity (plan/ownership.ts): each case starts
 * from the workbook as a first run left it, changes it as a user would, and runs again.
 */

const inputs = workbook(
  table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13'], ['Years', 3], ['Allocation pot', 30000]]),
  table('Costs', [['Cost line', 'Unit cost'], ['Locality Manager', 40000]]),
  table('Localities', [['Locality', 'District', 'IMD Score'], ['North', 'A', 30], ['South', 'A', 20]]),
);

const run = (input: WorkbookInput, at = testContext.now): PlannerOutcome => runPlanner(input, { ...testContext, now: at });

function planned(outcome: PlannerOutcome): OutputPlan {
  if (!outcome.ok) throw new Error(outcome.issues.map((i) => i.message).join('\n'));
  return outcome.plan;
}

/** The workbook as a host reads it after the plan was written: the output sheets with their marks and tables, and the record. */
function afterRun(before: WorkbookInput, plan: OutputPlan): WorkbookInput {
  const written = plan.sheets.map((s) => s.name);
  return {
    ...before,
    sheetNames: [...before.sheetNames.filter((n) => !written.includes(n) && n !== OWNERSHIP_SHEET), ...written, OWNERSHIP_SHEET],
    tableNames: [...before.tableNames.filter((t) => !written.includes(t.sheet)), ...plan.sheets.flatMap((s) => s.tables.map((t) => ({ name: t.name, sheet: s.name })))],
    sheetMarks: [...(before.sheetMarks ?? []).filter((m) => !written.includes(m.sheet)), ...plan.sheets.flatMap((s) => (s.mark === undefined ? [] : [{ sheet: s.name, mark: s.mark }]))],
    ownershipRecord: plan.ownership.cells.map((r) => [...r]),
  };
}

/** A user renames a sheet: the name moves with it, and so do its mark and tables. */
function rename(input: WorkbookInput, from: string, to: string): WorkbookInput {
  const moved = (n: string) => (n === from ? to : n);
  return {
    ...input,
    sheetNames: input.sheetNames.map(moved),
    tableNames: input.tableNames.map((t) => ({ ...t, sheet: moved(t.sheet) })),
    sheetMarks: (input.sheetMarks ?? []).map((m) => ({ ...m, sheet: moved(m.sheet) })),
  };
}

const withSheet = (input: WorkbookInput, name: string, mark?: string): WorkbookInput => ({
  ...input,
  sheetNames: [...input.sheetNames, name],
  sheetMarks: [...(input.sheetMarks ?? []), ...(mark === undefined ? [] : [{ sheet: name, mark }])],
});

const errors = (o: PlannerOutcome) => o.issues.filter((i) => i.severity === 'error').map((i) => `${i.code} ${i.sheet ?? ''}: ${i.message}`);
const notes = (o: PlannerOutcome) => o.issues.filter((i) => i.code === 'OWNED_SHEET_RENAMED' || i.code === 'OWNED_SHEET_COPIED').map((i) => i.message);

const first = planned(run(inputs));
const once = afterRun(inputs, first);
const markOf = (plan: OutputPlan, sheet: string) => plan.sheets.find((s) => s.name === sheet)?.mark;

describe('a sheet is the tool’s only when proven by identity', () => {
  it('marks every output sheet with its own mark, lists it in the record, and never marks the record', () => {
    const marks = first.sheets.map((s) => s.mark);
    expect(marks.every((m) => typeof m === 'string' && /^lp1-[0-9a-f]{24}$/.test(m))).toBe(true);
    expect(new Set(marks).size).toBe(marks.length);
    expect(first.ownership.mark).toBeUndefined();
    const rows = first.ownership.cells;
    expect(rows[1]).toEqual(['Record version', '3']);
    expect(rows[2]).toEqual(['Kind', 'Name', 'Sheet', 'Mark']);
    for (const s of first.sheets) expect(rows).toContainEqual(['sheet', s.name, s.name, s.mark]);
  });

  it('refreshes its own sheets in place on a re-run, keeping their marks', () => {
    const again = planned(run(once, new Date('2026-12-01T09:00:00Z')));
    expect(again.sheets.map((s) => [s.name, s.mark])).toEqual(first.sheets.map((s) => [s.name, s.mark]));
  });

  it.each`
    kind              | name
    ${'chart sheet'}  | ${'Charts'}
    ${'chart sheet'}  | ${'Projection'}
    ${'dialog sheet'} | ${'Priorities'}
    ${'macro sheet'}  | ${'Run info'}
    ${'sheet'}        | ${'Warnings'}
  `('stops, before anything is written, when a $kind named $name takes an output’s name in a workbook the tool never ran on', ({ kind, name }) => {
    const o = run({ ...inputs, otherSheets: [{ name, kind }] });
    expect(o.ok).toBe(false);
    expect(errors(o)).toEqual([expect.stringMatching(new RegExp(`^OWNERSHIP ${name}: The workbook already has a ${kind === 'sheet' ? 'sheet that is not a worksheet \\(a chart sheet, say\\)' : kind} named "${name}" that Locality Planner did not create, so nothing was written\\. Rename that sheet`))]);
  });

  it('stops when a chart sheet takes the record’s name, naming it as a chart sheet', () => {
    const o = run({ ...inputs, otherSheets: [{ name: '_localityplanner', kind: 'chart sheet' }] });
    expect(errors(o)).toEqual([expect.stringContaining('already has a chart sheet named "_localityplanner" that Locality Planner did not create; Locality Planner keeps its record')]);
  });

  it('finds its renamed sheet by its mark and refreshes it under the new name, leaving the user’s sheet of the old name alone', () => {
    // The user renames Projection, then adds a sheet of their own called Projection.
    const renamed = withSheet(rename(once, 'Projection', 'Projection (Sept)'), 'Projection');
    const o = run(renamed);
    const plan = planned(o);
    expect(plan.sheets.map((s) => s.name)).toEqual(first.sheets.map((s) => (s.name === 'Projection' ? 'Projection (Sept)' : s.name)));
    expect(markOf(plan, 'Projection (Sept)')).toBe(markOf(first, 'Projection'));
    expect(plan.sheets.some((s) => s.name === 'Projection')).toBe(false);
    expect(plan.ownership.cells).toContainEqual(['sheet', 'Projection', 'Projection (Sept)', markOf(first, 'Projection')]);
    expect(notes(o)).toEqual(['Locality Planner’s Projection sheet is now named "Projection (Sept)"; its results were refreshed there, under that name.'.replace('’', "'")]);
  });

  it('refuses a user’s sheet with the old name when its own renamed sheet also carries a name the run makes', () => {
    // Priorities renamed to "Projection"... and the real Projection renamed away: the run would need "Projection" twice.
    const swapped = rename(rename(once, 'Projection', 'Old projection'), 'Priorities', 'Projection');
    const o = run(swapped);
    const plan = planned(o);
    // Each is found by its own mark: Priorities' results go to the sheet now called Projection, and Projection's to "Old projection".
    expect(plan.sheets.find((s) => s.mark === markOf(first, 'Priorities'))?.name).toBe('Projection');
    expect(plan.sheets.find((s) => s.mark === markOf(first, 'Projection'))?.name).toBe('Old projection');
  });

  it('stops when its own sheet, renamed, has the name of another output whose sheet is gone', () => {
    // The user deleted the tool's Projection sheet and renamed its Priorities sheet "Projection".
    const gone = { ...once, sheetNames: once.sheetNames.filter((n) => n !== 'Projection'), sheetMarks: (once.sheetMarks ?? []).filter((m) => m.sheet !== 'Projection') };
    const o = run(rename(gone, 'Priorities', 'Projection'));
    expect(errors(o)).toEqual([
      'OWNERSHIP Projection: The sheet "Projection" is Locality Planner\'s Priorities sheet under a new name, and a run also makes a sheet named "Projection", so nothing was written. Rename "Projection" (to "Priorities", say), then run again.',
    ]);
  });

  it('takes neither copy of its sheet as its own when the user copied it and renamed both, and says so', () => {
    const mark = markOf(first, 'Charts')!;
    const copied = withSheet(rename(once, 'Charts', 'Charts (old)'), 'Charts (new)', mark);
    const o = run(copied, new Date('2026-12-01T09:00:00Z'));
    const plan = planned(o);
    expect(plan.sheets.find((s) => s.name === 'Charts')?.mark).not.toBe(mark);
    expect(plan.sheets.some((s) => s.name.startsWith('Charts ('))).toBe(false);
    expect(notes(o)).toEqual([expect.stringMatching(/^"Charts \(old\)" and "Charts \(new\)" both carry the mark of Locality Planner's Charts sheet .* none of them was changed; the results went to a new sheet "Charts"/)]);
  });

  it('takes the copy still bearing the recorded name as its own when the user copied its sheet', () => {
    const mark = markOf(first, 'Charts')!;
    const plan = planned(run(withSheet(once, 'Charts (2)', mark)));
    expect(plan.sheets.find((s) => s.mark === mark)?.name).toBe('Charts');
    expect(plan.sheets.some((s) => s.name === 'Charts (2)')).toBe(false);
  });

  it.each`
    case                                                      | change
    ${'a sheet of that name with no mark'}                    | ${(w: WorkbookInput) => ({ ...w, sheetMarks: (w.sheetMarks ?? []).filter((m) => m.sheet !== 'Warnings') })}
    ${'a sheet carrying a mark the record does not list'}     | ${(w: WorkbookInput) => ({ ...w, sheetMarks: (w.sheetMarks ?? []).map((m) => (m.sheet === 'Warnings' ? { ...m, mark: 'lp1-000000000000000000000000' } : m)) })}
    ${'a sheet carrying text that is no mark'}                | ${(w: WorkbookInput) => ({ ...w, sheetMarks: (w.sheetMarks ?? []).map((m) => (m.sheet === 'Warnings' ? { ...m, mark: 'mine' } : m)) })}
  `('refuses $case where the record (version 2) lists the output', ({ change }) => {
    // The user deleted the tool's Warnings sheet and made their own of that name.
    const o = run((change as (w: WorkbookInput) => WorkbookInput)(once));
    expect(errors(o)).toEqual([expect.stringMatching(/^OWNERSHIP Warnings: The workbook already has a sheet named "Warnings" that Locality Planner did not create/)]);
  });

  it('never takes the record sheet for an output, though a mark is scoped to it', () => {
    // Charts holds no table, so only the mark is in question (a renamed sheet that lost its mark and holds one of the tool's tables stops the run on that table).
    const o = run({ ...rename(once, 'Charts', 'Old charts'), sheetMarks: (once.sheetMarks ?? []).map((m) => (m.sheet === 'Charts' ? { ...m, sheet: OWNERSHIP_SHEET } : m)) });
    expect(planned(o).sheets.find((s) => s.mark === markOf(first, 'Charts'))?.name).not.toBe(OWNERSHIP_SHEET);
  });

  it('never takes a sheet copied in from another workbook’s results for this one’s, though it carries a mark', () => {
    const elsewhere = planned(run(inputs, new Date('2025-01-01T00:00:00Z')));
    const o = run(withSheet(inputs, 'Projection', markOf(elsewhere, 'Projection')));
    expect(errors(o)).toEqual([expect.stringMatching(/^OWNERSHIP Projection: /)]);
  });
});

describe('the ownership record follows the Output sheet prefix', () => {
  const prefixed = (prefix: string, base: WorkbookInput = inputs): WorkbookInput => ({
    ...base,
    tables: base.tables.map((t) => (t.name === 'Parameters' ? { ...t, rows: [...t.rows.filter((r) => r[0] !== 'Output sheet prefix'), ['Output sheet prefix', prefix]] } : t)),
  });

  it('lets a run go ahead beside a chart sheet named Charts when the prefix moves the results aside', () => {
    const plan = planned(run({ ...prefixed('LP'), otherSheets: [{ name: 'Charts', kind: 'chart sheet' }] }));
    expect(plan.sheets.map((s) => s.name)).toContain('LP Charts');
    expect(plan.ownership.cells).toContainEqual(['sheet', 'LP Charts', 'LP Charts', markOf(plan, 'LP Charts')]);
  });

  it('keeps the earlier results, proven by their marks, when the prefix changes, and refreshes a renamed prefixed sheet', () => {
    const lp = planned(run(prefixed('LP')));
    const after = rename(afterRun(prefixed('LP'), lp), 'LP Projection', 'Projection for committee');
    const o = run(prefixed('New', after), new Date('2026-12-01T09:00:00Z'));
    const plan = planned(o);
    expect(plan.sheets.map((s) => s.name)).toEqual(lp.sheets.map((s) => s.name.replace(/^LP /, 'New ')));
    // The LP sheets stay the tool's, the renamed one under its new name, with their marks.
    expect(plan.ownership.cells).toContainEqual(['sheet', 'LP Projection', 'Projection for committee', markOf(lp, 'LP Projection')]);
    expect(plan.ownership.cells).toContainEqual(['sheet', 'LP Summary', 'LP Summary', markOf(lp, 'LP Summary')]);
    // Back to LP: the renamed sheet is refreshed under its new name.
    const back = planned(run(prefixed('LP', afterRun(prefixed('New', after), plan)), new Date('2026-12-02T09:00:00Z')));
    expect(back.sheets.map((s) => s.name)).toContain('Projection for committee');
  });
});

describe('a record from before marks (version 1, sheets by name only) is honoured where the sheets prove it', () => {
  /** The workbook as 0.1.0 left it: the record by name only, no marks, each sheet opening with its title and subtitle. */
  const legacy: WorkbookInput = {
    ...once,
    sheetMarks: [],
    ownershipRecord: [
      ['Locality Planner ownership record', 'Lists what Locality Planner created, so a re-run replaces it. Do not edit.'],
      ['Record version', '1'],
      ['Kind', 'Name', 'Sheet'],
      ...first.sheets.flatMap((s) => [['sheet', s.name, s.name], ...s.tables.map((t) => ['table', t.name, s.name])]),
    ],
    openingCells: first.sheets.map((s) => ({ sheet: s.name, a1: s.cells[0][0], a2: s.cells[1][0] })),
  };

  it('refreshes every sheet that opens as the tool’s sheets open, and marks it', () => {
    const plan = planned(run(legacy));
    expect(plan.sheets.map((s) => s.name)).toEqual(first.sheets.map((s) => s.name));
    expect(plan.sheets.every((s) => s.mark !== undefined)).toBe(true);
  });

  it.each`
    case                                              | change
    ${'a sheet that does not open as the tool’s'}     | ${(w: WorkbookInput) => ({ ...w, openingCells: w.openingCells!.map((o) => (o.sheet === 'Priorities' ? { ...o, a2: 'My own priorities' } : o)) })}
    ${'a sheet whose table the record lists is on another sheet'} | ${(w: WorkbookInput) => ({ ...w, sheetNames: [...w.sheetNames, 'Priorities (Sept)'], tableNames: w.tableNames.map((t) => (t.name === 'LP_Priorities' ? { ...t, sheet: 'Priorities (Sept)' } : t)) })}
    ${'a sheet carrying a mark of its own'}           | ${null}
  `('refuses $case under the recorded name', ({ change }) => {
    const changed = change === null ? null : (change as (w: WorkbookInput) => WorkbookInput)(legacy);
    if (changed === null) {
      // Under version 1 any mark is allowed (the record predates them); under version 2 a sheet with a mark the record does not list is refused.
      const v2 = { ...legacy, ownershipRecord: once.ownershipRecord, sheetMarks: [{ sheet: 'Priorities', mark: 'lp1-111111111111111111111111' }] };
      expect(errors(run(v2))).toContainEqual(expect.stringMatching(/^OWNERSHIP Priorities: /));
      return;
    }
    expect(errors(run(changed))).toContainEqual(expect.stringMatching(/^OWNERSHIP Priorities: The workbook already has a sheet named "Priorities" that Locality Planner did not create/));
  });
});

describe('the openings the legacy proof goes by', () => {
  it.each(first.sheets.map((s) => [s.name, s.cells[0][0], s.cells[1][0]] as const))('matches how the %s sheet opens now', (_name, a1, a2) => {
    expect(opensLikeAnOutput(a1, a2)).toBe(true);
  });

  it('matches the sheets of a run with no Allocation pot and with warnings as well', () => {
    const bare = planned(
      run(workbook(table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13'], ['Years', 2]]), table('Costs', [['Cost line', 'Unit cost'], ['Locality Manager', 40000]]), table('Funding', [['Source', 'Annual amount'], ['Grant', 10000]]))),
    );
    for (const s of bare.sheets) expect([s.name, opensLikeAnOutput(s.cells[0][0], s.cells[1][0])]).toEqual([s.name, true]);
  });

  it.each`
    a1              | a2
    ${'Projection'} | ${'My projection'}
    ${'Budget'}     | ${'Costs and funding by financial year, 2012/13 to 2014/15.'}
    ${'Run info'}   | ${null}
  `('does not match a sheet opening $a1 / $a2', ({ a1, a2 }) => {
    expect(opensLikeAnOutput(a1, a2)).toBe(false);
  });
});
