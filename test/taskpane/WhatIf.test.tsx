import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { type TriedChange, type WorkbookInput, poundsAsShown, runPlanner } from '../../src/engine';
import { HostError, type RunReport, type SaveScenarioResult } from '../../src/excel/host';
import { WhatIf, swingsShown } from '../../src/taskpane/components/WhatIf/WhatIf';
import { type PlanInputs, planOf, workbookOfPlan } from '../support/plan';
import { testContext } from '../support/tables';
import { fillJsdomGaps } from './jsdomGaps';

beforeAll(fillJsdomGaps);

/**
 * The pane's What if section (contract v1.1 §6, issue 12), on a real run of the engine:
 * what it shows after a run, and Try a change giving the figures a full run with the
 * same change gives.
 */
const plain: PlanInputs = {
  parameters: [['Pay inflation', '2%'], ['Non-pay inflation', '1%'], ['Cost per locality', 10_000], ['Per district', 1]],
  localities: [['Locality', 'District', 'IMD Rank'], ['A', 'North', 1], ['B', 'North', 2], ['C', 'South', 3]],
  costs: [['Cost line', 'Applies to', 'Quantity', 'Unit cost', 'Inflation'], ['Locality Manager', 'Programme', 1, 40_000, 'Pay'], ['Venue hire', 'Programme', 1, 10_000, 'Non-pay']],
  funding: [['Source', 'Kind', 'Annual amount', 'Pot', 'Status'], ['Core budget', 'Recurring', 55_000, null, 'Confirmed'], ['Partner contribution', 'Recurring', 5_000, null, 'At risk'], ['Reward grant', 'One-off', null, 6_000, 'Confirmed']],
};

function reportOf(input: WorkbookInput): Extract<RunReport, { ok: true }> {
  const outcome = runPlanner(input, testContext);
  if (!outcome.ok) throw new Error(outcome.issues.map((i) => i.message).join('\n'));
  return { ok: true, issues: outcome.issues, summary: outcome.summary, totals: { cost: 0, funding: 0, shortfall: 0 }, sheets: [], affordability: outcome.results.whatIf.analysis?.sentences ?? null, input, changes: outcome.changes, amountsShown: outcome.results.parameters.showAmountsIn, syncs: 1, ranAt: '2026-03-31T09:00:00Z' };
}

function renderWhatIf(report: Extract<RunReport, { ok: true }>, onSave?: (name: string, changes: readonly TriedChange[]) => Promise<SaveScenarioResult>) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <WhatIf report={report} now={() => testContext.now} onSave={onSave} />
    </FluentProvider>,
  );
}

describe('the What if section after a run', () => {
  const report = reportOf(workbookOfPlan(plain));

  it("lists each case's total shortfall and first year with a gap, Base first", () => {
    renderWhatIf(report);
    const cases = within(screen.getByRole('list', { name: 'Cases planned' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(cases).toEqual(report.summary.scenarios.map((c) => `${c.name}: ${c.firstShortfallYear === null ? 'no shortfall' : `${poundsAsShown(c.totalShortfall, report.amountsShown)} short, first in ${c.firstShortfallYear}`}`));
    expect(cases.map((c) => c!.split(':')[0])).toEqual(['Base', 'Confirmed funding only']);
  });

  it('lists the five largest swings, largest first, and the affordability sentences', () => {
    renderWhatIf(report);
    const swings = within(screen.getByRole('list', { name: 'Largest swings' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(report.summary.sensitivity.length).toBeGreaterThan(swingsShown);
    expect(swings.map((s) => s!.split(':')[0])).toEqual(report.summary.sensitivity.slice(0, swingsShown).map((s) => s.input));
    const sentences = within(screen.getByRole('list', { name: 'Affordability' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(sentences).toEqual([report.affordability!.localities, report.affordability!.costPerLocality, report.affordability!.newRecurringFunding]);
  });
});

describe('Try a change', () => {
  const report = reportOf(workbookOfPlan(plain));
  const shown = () =>
    within(screen.getByRole('table', { name: 'Shortfall by year with the changes' }))
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell').map((c) => c.textContent));

  /** Adds a change row, picks what to change by its label, and types the value. */
  function change(index: number, label: string, value: string) {
    fireEvent.click(screen.getByRole('button', { name: 'Add a change' }));
    const group = screen.getByRole('group', { name: `Change ${index + 1}` });
    const select = within(group).getByRole('combobox');
    const option = within(select).getByRole('option', { name: label }) as HTMLOptionElement;
    fireEvent.change(select, { target: { value: option.value } });
    fireEvent.change(within(group).getByRole('textbox'), { target: { value } });
  }

  it.each`
    label                               | value          | typed
    ${'Pay inflation'}                  | ${'5%'}        | ${{ parameters: [['Pay inflation', '5%'], ['Non-pay inflation', '1%'], ['Cost per locality', 10_000], ['Per district', 1]] }}
    ${'Core budget: Annual amount'}     | ${'£40k'}      | ${{ funding: [plain.funding![0], ['Core budget', 'Recurring', 40_000, null, 'Confirmed'], plain.funding![2], plain.funding![3]] }}
    ${'Reward grant: Pot'}              | ${'£20k'}      | ${{ funding: [plain.funding![0], plain.funding![1], plain.funding![2], ['Reward grant', 'One-off', null, 20_000, 'Confirmed']] }}
    ${'Locality Manager: Quantity'}     | ${'2'}         | ${{ costs: [plain.costs![0], ['Locality Manager', 'Programme', 2, 40_000, 'Pay'], plain.costs![2]] }}
  `('shows at once, for $label = $value, the shortfall by year a full run with that change gives', ({ label, value, typed }) => {
    renderWhatIf(report);
    change(0, label as string, value as string);
    const full = planOf({ ...plain, ...(typed as Partial<PlanInputs>) }).summary.scenarios[0];
    const base = report.summary.scenarios[0];
    expect(shown()).toEqual([
      ...full.projection.map((y, i) => [poundsAsShown(base.projection[i].shortfall, report.amountsShown), poundsAsShown(y.shortfall, report.amountsShown)]),
      [poundsAsShown(base.totalShortfall, report.amountsShown), poundsAsShown(full.totalShortfall, report.amountsShown)],
    ]);
    expect(full.totalShortfall).not.toBe(base.totalShortfall);
  });

  it('shows a value its table would refuse against the change, and no figures', () => {
    renderWhatIf(report);
    change(0, 'Pay inflation', '3.8');
    expect(screen.getByText(/in scenario "Tried change", Pay inflation should be a rate such as 3.8%; found 3.8/)).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Shortfall by year with the changes' })).toBeNull();
  });

  it('writes nothing: the report it was given, inputs included, is as it was', () => {
    const before = JSON.stringify(report.input);
    renderWhatIf(report);
    change(0, 'Pay inflation', '9%');
    expect(JSON.stringify(report.input)).toBe(before);
  });

  describe('Save as scenario', () => {
    const name = () => screen.getByRole('textbox', { name: /Scenario name/ });
    const saveButton = () => screen.getByRole('button', { name: 'Save as scenario' });

    it('is offered only once a change plans', () => {
      renderWhatIf(report, jest.fn());
      expect(screen.queryByRole('button', { name: 'Save as scenario' })).toBeNull();
      change(0, 'Pay inflation', '5%');
      expect(saveButton()).toBeTruthy();
    });

    it('saves the tried changes under the name typed, and says what was saved and where', async () => {
      const onSave = jest.fn(async (n: string, changes: readonly TriedChange[]): Promise<SaveScenarioResult> => ({ ok: true, name: n, sheet: 'What if', created: true, rowsAdded: changes.length, rowsReused: 0 }));
      renderWhatIf(report, onSave);
      change(0, 'Pay inflation', '5%');
      change(1, 'Partner contribution: Status', 'Confirmed');
      fireEvent.change(name(), { target: { value: '  Pay rises ' } });
      fireEvent.click(saveButton());
      await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved "Pay rises" to the Scenarios table on the sheet "What if" (a new table): 2 rows added. Run again to plan it.'));
      expect(onSave).toHaveBeenCalledWith('Pay rises', [
        { table: 'Parameters', item: 'Pay inflation', field: null, value: '5%' },
        { table: 'Funding', item: 'Partner contribution', field: 'Status', value: 'Confirmed' },
      ]);
    });

    it.each`
      typed                        | says
      ${'Base'}                    | ${'cases every run plans'}
      ${'confirmed  funding only'} | ${'cases every run plans'}
      ${'   '}                     | ${'Give the scenario a name.'}
    `('refuses the name "$typed" as a run would, before saving', ({ typed, says }) => {
      const onSave = jest.fn();
      renderWhatIf(report, onSave);
      change(0, 'Pay inflation', '5%');
      fireEvent.change(name(), { target: { value: typed } });
      expect(screen.getByText(new RegExp(says as string))).toBeTruthy();
      expect((saveButton() as HTMLButtonElement).disabled).toBe(true);
      fireEvent.click(saveButton());
      expect(onSave).not.toHaveBeenCalled();
    });

    it.each([
      ['the host refuses it', async (): Promise<SaveScenarioResult> => ({ ok: false, message: 'The Scenarios table already has a scenario of that name; give this one another name.' }), 'The Scenarios table already has a scenario of that name; give this one another name.'],
      ['Excel fails', async (): Promise<SaveScenarioResult> => { throw new HostError('Excel did not answer in time.'); }, 'Excel did not answer in time.'],
    ])('says why when %s', async (_, onSave, message) => {
      renderWhatIf(report, onSave);
      change(0, 'Pay inflation', '5%');
      fireEvent.change(name(), { target: { value: 'Low' } });
      fireEvent.click(saveButton());
      await waitFor(() => expect(screen.getByRole('status').textContent).toContain(message));
    });
  });
});
