import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { App } from '../../src/taskpane/App';
import {
  HostError,
  type CompatibilityReport,
  type FoundInput,
  type PlannerHost,
  type RunProgress,
  type RunReport,
  type SaveScenarioResult,
  type StarterTablesResult,
} from '../../src/excel/host';
import { type AmountsShown, type CellAddress, type Issue, type IssueTable, type Summary, type TotalChange, type TriedChange, type WorkbookInput, runPlanner } from '../../src/engine';
import { workbookOfPlan } from '../support/plan';
import { testContext } from '../support/tables';
import { intentBySeverity } from '../../src/taskpane/components/ResultSummary/ResultSummary';
import { WELCOME_KEY } from '../../src/taskpane/hooks/useWelcome';
import packageJson from '../../package.json';
import { fillJsdomGaps } from './jsdomGaps';

/** Whole pence, as the engine's results carry them (its brand is the engine's own to give; these are test figures). */
const pence = (n: number) => n as TotalChange['now'];

beforeAll(fillJsdomGaps);
beforeEach(() => localStorage.setItem(WELCOME_KEY, 'yes'));
afterEach(() => localStorage.clear());

/** A promise the test settles by hand, to see the pane mid-run. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const ranAt = '2026-03-31T09:00:00Z';
const everyInput: FoundInput[] = ['Localities', 'Indicators', 'Parameters', 'Costs', 'Funding'].map((name) => ({ name, source: 'table', sheet: name, rows: 3 }));

/**
 * An in-memory PlannerHost: a workbook reduced to what the pane asks about. Each method
 * records its calls; the `…With` fields decide what it does.
 */
class MemoryHost implements PlannerHost {
  inputs: FoundInput[] = everyInput;
  findCalls = 0;
  selections: { sheet: string; areas: readonly string[] }[] = [];
  shown: string[] = [];
  issuesWritten: (readonly Issue[])[] = [];
  inputsChanged: () => void = () => undefined;
  runWith: (onProgress: (progress: RunProgress) => void) => Promise<RunReport> = async () => ({ ok: false, issues: [], ranAt });
  selectWith: (areas: readonly string[]) => Promise<{ selected: string }> = async (areas) => ({ selected: areas.join(',') });
  starterWith: () => Promise<StarterTablesResult> = async () => ({ added: [], skipped: [] });
  findWith: () => Promise<readonly FoundInput[]> = async () => this.inputs;
  checkWith: () => Promise<CompatibilityReport> = async () => ({ checks: [], requestBudgetBytes: 1_800_000 });

  findInputs(): Promise<readonly FoundInput[]> {
    this.findCalls += 1;
    return this.findWith();
  }
  run(onProgress: (progress: RunProgress) => void): Promise<RunReport> {
    return this.runWith(onProgress);
  }
  selectCells(sheet: string, areas: readonly string[]): Promise<{ selected: string }> {
    this.selections.push({ sheet, areas });
    return this.selectWith(areas);
  }
  async showSheet(sheet: string): Promise<void> {
    this.shown.push(sheet);
  }
  insertStarterTables(): Promise<StarterTablesResult> {
    return this.starterWith();
  }
  saved: { name: string; changes: readonly TriedChange[]; input: WorkbookInput }[] = [];
  async saveScenario(name: string, changes: readonly TriedChange[], input: WorkbookInput): Promise<SaveScenarioResult> {
    this.saved.push({ name, changes, input });
    return { ok: true, name, sheet: 'What if', created: true, rowsAdded: changes.length, rowsReused: 0 };
  }
  async writeIssuesSheet(issues: readonly Issue[]): Promise<{ sheet: string }> {
    this.issuesWritten.push(issues);
    return { sheet: 'Input problems' };
  }
  checkExcel(): Promise<CompatibilityReport> {
    return this.checkWith();
  }
  async watchInputs(onChange: () => void): Promise<() => void> {
    this.inputsChanged = onChange;
    return () => {
      this.inputsChanged = () => undefined;
    };
  }
}

const summary: Summary = {
  version: 1,
  years: ['2025/26', '2026/27', '2027/28'],
  selected: [
    { locality: 'Tamworth 007D', district: 'Tamworth', rank: 1, needScore: 99.8, reason: 'district' },
    { locality: 'Cannock Chase 010A', district: 'Cannock Chase', rank: 2, needScore: 97.1, reason: 'district' },
    { locality: 'Stafford 014B', district: 'Stafford', rank: 3, needScore: 90.2, reason: 'additional' },
  ],
  projection: [
    { year: '2025/26', cost: 225000, recurringFunding: 225000, drawdown: 0, funding: 225000, shortfall: 0, surplus: 0, capitalCost: 0, capitalFunding: 0, capitalShortfall: 0, cumulativeShortfall: 0 },
    { year: '2026/27', cost: 231750.5, recurringFunding: 200000, drawdown: 0, funding: 200000, shortfall: 31750.5, surplus: 0, capitalCost: 0, capitalFunding: 0, capitalShortfall: 0, cumulativeShortfall: 31750.5 },
    { year: '2027/28', cost: 238702.99, recurringFunding: 100000, drawdown: 0, funding: 100000, shortfall: 138702.99, surplus: 0, capitalCost: 0, capitalFunding: 0, capitalShortfall: 0, cumulativeShortfall: 170453.49 },
  ],
  pots: [],
  allocation: [],
  warnings: [
    { severity: 'Low', code: 'INPUT', year: null, amount: null, message: 'Costs!B9 is blank; taken as 1.' },
    { severity: 'Medium', code: 'FUNDING_ENDS', year: '2027/28', amount: 100000, message: 'Cohesion grant ends in 2026/27.' },
    { severity: 'High', code: 'SHORTFALL', year: '2026/27', amount: 31750.5, message: 'Funding falls £31,750.50 short in 2026/27.' },
    { severity: 'High', code: 'SHORTFALL', year: '2027/28', amount: 138702.99, message: 'Funding falls £138,702.99 short in 2027/28.' },
  ],
  issues: [],
  scenarios: [],
  sensitivity: [],
  affordability: { localities: null, costPerLocality: null, newRecurringFunding: null },
};

/** The run's totals in pounds, as the adapter adds them up in whole pence. */
const totals = { cost: 695_453.49, funding: 525_000, shortfall: 170_453.49 };
const finished = (over: Partial<Extract<RunReport, { ok: true }>> = {}): RunReport => ({
  ok: true,
  issues: [],
  summary,
  totals,
  sheets: ['Projection', 'Priorities', 'Allocation', 'Warnings', 'Charts', 'Run info'],
  affordability: null,
  input: { tables: [], sheetNames: [], tableNames: [] },
  changes: { kind: 'first-run', restarted: false },
  amountsShown: 'pounds',
  syncs: 4,
  ranAt,
  ...over,
});

/** Issues as the pane sees them: where, how severe, what it says (the engine's own facts for each code are beside the point here). */
const issue = (over: { readonly message: string; readonly severity?: Issue['severity']; readonly table?: IssueTable; readonly sheet?: string; readonly cell?: CellAddress; readonly kind?: 'amount' | 'number' | 'hidden' | 'none' }): Issue => {
  const where = { table: over.table ?? 'Funding', ...(over.sheet ? { sheet: over.sheet } : {}), ...(over.cell ? { cell: over.cell } : {}), message: over.message };
  switch (over.kind ?? 'amount') {
    case 'number':
      return { code: 'BAD_NUMBER', field: 'IMD Score', whole: false, found: 'tbc', severity: 'error', ...where };
    case 'hidden':
      return { code: 'HIDDEN_ROWS', name: where.table, severity: 'warning', ...where };
    case 'none':
      return { code: 'NO_INPUTS', severity: 'error', ...where };
    default:
      return { code: 'BAD_AMOUNT', field: 'Pot', found: 'tbc', severity: over.severity ?? 'error', ...where };
  }
};

function renderApp(host: PlannerHost) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} />
    </FluentProvider>,
  );
}

describe('warning message bars', () => {
  it('are findings, not failures: High and Medium are warnings, Low information, none an error', () => {
    expect(intentBySeverity).toEqual({ High: 'warning', Medium: 'warning', Low: 'info' });
  });
});

describe('the task pane', () => {
  it('lists the input tables found, with their row counts, and the ones not found', async () => {
    const host = new MemoryHost();
    host.inputs = [
      { name: 'Localities', source: 'table', sheet: 'Areas', rows: 1204 },
      { name: 'Funding', source: 'sheet', sheet: 'Funding', rows: 1 },
    ];
    renderApp(host);
    const list = await screen.findByRole('list', { name: 'Input tables found' });
    const items = within(list).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['Localities1,204 rows (table on Areas)', 'Indicatorsnot found', 'Parametersnot found', 'Costsnot found', 'Funding1 row (sheet Funding)']);
  });

  it('welcomes a first-time user once: "Got it" puts the welcome away for good', async () => {
    localStorage.clear();
    const host = new MemoryHost();
    const { unmount } = renderApp(host);
    expect(await screen.findByText('Welcome to Locality Planner')).toBeTruthy();
    expect(screen.getByText(/nothing is sent anywhere/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Got it' }));
    expect(screen.queryByText('Welcome to Locality Planner')).toBeNull();
    unmount();
    renderApp(host);
    await screen.findByRole('list', { name: 'Input tables found' });
    expect(screen.queryByText('Welcome to Locality Planner')).toBeNull();
  });

  it('keeps its own name for screen readers only, since Office shows it above the pane', async () => {
    renderApp(new MemoryHost());
    const heading = await screen.findByRole('heading', { level: 1, name: 'Locality Planner' });
    expect(heading.className).not.toBe('');
  });

  it('shows each stage with the rows and sheets written and the time taken, then the results', async () => {
    jest.useFakeTimers({ now: new Date('2026-03-31T09:00:00Z') });
    try {
      const host = new MemoryHost();
      const finish = deferred<RunReport>();
      let report!: (progress: RunProgress) => void;
      host.runWith = (onProgress) => {
        report = onProgress;
        return finish.promise;
      };
      renderApp(host);
      await act(async () => undefined);
      fireEvent.click(screen.getByRole('button', { name: 'Run' }));
      const status = screen.getByRole('status', { name: '' });
      expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('Reading the input tables…');
      const bar = () => Number(screen.getByRole('progressbar', { name: 'Run progress' }).getAttribute('aria-valuenow'));
      const first = bar();
      act(() => report({ stage: 'checking' }));
      expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('Checking the inputs and working out the results…');
      act(() => report({ stage: 'writing', done: 1_200, total: 32_844 }));
      const stages = within(screen.getByRole('list', { name: 'Stages' })).getAllByRole('listitem').map((li) => li.textContent);
      expect(stages).toEqual(['Reading the input tablesdone', 'Checking the inputs and working out the resultsdone', 'Writing the results sheets1,200 of 32,844 rows', 'Drawing charts and formats']);
      expect(bar()).toBeGreaterThan(first);
      const writing = bar();
      act(() => report({ stage: 'charts', done: 3, total: 7 }));
      expect(screen.getByText('3 of 7 sheets')).toBeTruthy();
      expect(bar()).toBeGreaterThan(writing);
      expect(screen.getByText('Time so far: 0:00')).toBeTruthy();
      act(() => jest.advanceTimersByTime(3_000));
      expect(screen.getByText('Time so far: 0:03')).toBeTruthy();
      expect(screen.queryByRole('heading', { name: 'Results' })).toBeNull();
      expect(status).toBeTruthy();
      await act(async () => finish.resolve(finished()));
      expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('Finished.');
      expect(screen.queryByRole('progressbar')).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('shows the results stamped with their time, money as the sheets write it, the shortfall as a finding, and sheets to open', async () => {
    const host = new MemoryHost();
    host.runWith = async () => finished();
    renderApp(host);
    fireEvent.click(await screen.findByRole('button', { name: 'Run' }));
    const results = await screen.findByRole('region', { name: 'Results' });
    expect(results.textContent).toMatch(/Run at \d\d:\d\d on 31 March 2026\./);
    expect(screen.getByTestId('selected-count').textContent).toBe('3: Tamworth 007D, Cannock Chase 010A and Stafford 014B');
    expect(results.textContent).toContain('Total cost, 2025/26 to 2027/28£695,453');
    expect(screen.getByTestId('shortfall').textContent).toBe('£170,453: in 2026/27 and 2027/28');
    // Top three warnings, loudest first, each naming its severity; the fourth is counted, not shown.
    const bars = within(results)
      .getAllByRole('group')
      .filter((g) => g.getAttribute('aria-label') !== 'Open a results sheet')
      .map((bar) => bar.textContent);
    expect(bars).toEqual([
      'Shortfall (High): Funding falls £31,750.50 short in 2026/27.',
      'Shortfall (High): Funding falls £138,702.99 short in 2027/28.',
      'Funding ends (Medium): Cohesion grant ends in 2026/27.',
    ]);
    expect(results.textContent).toContain('1 more warning is on the Warnings sheet.');
    // Keyboard users land on the results.
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Results' }));
    // Summary is offered only when the run wrote it.
    const open = within(screen.getByRole('group', { name: 'Open a results sheet' })).getAllByRole('button').map((b) => b.textContent);
    expect(open).toEqual(['Open Projection', 'Open Warnings']);
    fireEvent.click(screen.getByRole('button', { name: 'Open Warnings' }));
    expect(host.shown).toEqual(['Warnings']);
  });

  it('offers Summary first when the run wrote one', async () => {
    const host = new MemoryHost();
    host.runWith = async () => finished({ sheets: ['Summary', 'Projection', 'Warnings'] });
    renderApp(host);
    fireEvent.click(await screen.findByRole('button', { name: 'Run' }));
    const group = await screen.findByRole('group', { name: 'Open a results sheet' });
    expect(within(group).getAllByRole('button').map((b) => b.textContent)).toEqual(['Open Summary', 'Open Projection', 'Open Warnings']);
  });

  it('finds the sheets to open under the run’s Output sheet prefix', async () => {
    const host = new MemoryHost();
    host.runWith = async () => finished({ sheets: ['LP Summary', 'LP Projection', 'LP Priorities', 'LP Warnings'] });
    renderApp(host);
    fireEvent.click(await screen.findByRole('button', { name: 'Run' }));
    const group = await screen.findByRole('group', { name: 'Open a results sheet' });
    expect(within(group).getAllByRole('button').map((b) => b.textContent)).toEqual(['Open LP Summary', 'Open LP Projection', 'Open LP Warnings']);
    fireEvent.click(screen.getByRole('button', { name: 'Open LP Summary' }));
    expect(host.shown).toEqual(['LP Summary']);
  });

  it('says there is nothing to compare on the workbook\u2019s first run', async () => {
    const host = new MemoryHost();
    host.runWith = async () => finished();
    renderApp(host);
    fireEvent.click(await screen.findByRole('button', { name: 'Run' }));
    const since = await screen.findByRole('region', { name: 'Since the last run' });
    expect(since.textContent).toBe('Since the last runFirst run in this workbook: nothing to compare.');
  });

  it('shows what changed since the last run: localities added and dropped, totals with their change in words, warnings new and cleared', async () => {
    const host = new MemoryHost();
    const total = (before: number, now: number) => ({ before: pence(before), now: pence(now), change: pence(now - before) });
    host.runWith = async () =>
      finished({
        changes: {
          kind: 'compared',
          previous: { at: new Date('2026-03-30T16:20:00Z'), host: 'command-line tool', version: '0.1.0' },
          sameInputs: false,
          added: ['Stafford 014B'],
          dropped: ['Lichfield 003C', 'Rugeley 002A'],
          totals: { cost: total(60_000_000, 69_545_349), funding: total(52_500_000, 52_500_000), shortfall: total(17_500_000, 17_045_349) },
          newWarnings: [{ severity: 'Medium', code: 'FUNDING_ENDS', message: 'Cohesion grant ends in 2026/27.' }],
          clearedWarnings: ['Pot used up: Towns Fund, 2025/26'],
        },
      });
    renderApp(host);
    fireEvent.click(await screen.findByRole('button', { name: 'Run' }));
    const since = await screen.findByRole('region', { name: /^Since the last run \(\d\d:\d\d on 30 March 2026\)$/ });
    expect(since.textContent).toContain('That run was made by the command-line tool, Locality Planner 0.1.0, with different inputs.');
    expect(within(since).getByTestId('since-cost').textContent).toBe('£695,453 (£95,453 more than £600,000)');
    expect(within(since).getByTestId('since-funding').textContent).toBe('£525,000 (no change)');
    expect(within(since).getByTestId('since-shortfall').textContent).toBe('£170,453 (£4,547 less than £175,000)');
    // Each change is a list a screen reader can count, named in words, never by colour alone.
    const lists = within(since).getAllByRole('list').map((list) => within(list).getAllByRole('listitem').map((item) => item.textContent));
    expect(lists).toEqual([['Stafford 014B'], ['Lichfield 003C', 'Rugeley 002A'], ['Medium: Cohesion grant ends in 2026/27.'], ['Pot used up: Towns Fund, 2025/26']]);
    expect(since.textContent).toContain('Localities added (1):');
    expect(since.textContent).toContain('Localities dropped (2):');
    expect(since.textContent).toContain('New warnings (1):');
    expect(since.textContent).toContain('Warnings cleared (1):');
  });

  it('says plainly when nothing changed, and counts what it does not name', async () => {
    const host = new MemoryHost();
    const same = { before: pence(100), now: pence(100), change: pence(0) };
    host.runWith = async () =>
      finished({
        changes: {
          kind: 'compared',
          previous: { at: new Date('2026-03-30T16:20:00Z'), host: 'Excel add-in', version: '0.1.0' },
          sameInputs: true,
          added: [],
          dropped: [],
          totals: { cost: same, funding: same, shortfall: same },
          newWarnings: Array.from({ length: 7 }, (_, i) => ({ severity: 'Low' as const, code: 'INPUT' as const, message: `Note ${i + 1}.` })),
          clearedWarnings: [],
        },
      });
    renderApp(host);
    fireEvent.click(await screen.findByRole('button', { name: 'Run' }));
    const since = await screen.findByRole('region', { name: /^Since the last run \(/ });
    expect(since.textContent).toContain('with the same inputs.');
    expect(since.textContent).toContain('The same localities are selected.');
    expect(within(since).getByTestId('since-cost').textContent).toBe('£1 (no change)');
    expect(within(since).getAllByRole('listitem').map((i) => i.textContent)).toEqual(['Low: Note 1.', 'Low: Note 2.', 'Low: Note 3.', 'Low: Note 4.', 'Low: Note 5.', 'and 2 more on the Warnings sheet']);
  });

  it.each`
    shown             | cost            | shortfall       | since
    ${'pounds'}       | ${'£695,453'}   | ${'£170,453'}   | ${'£170,453 (£4,547 less than £175,000)'}
    ${'pounds-pence'} | ${'£695,453.49'} | ${'£170,453.49'} | ${'£170,453.49 (£4,546.51 less than £175,000.00)'}
    ${'thousands'}    | ${'£695.5k'}    | ${'£170.5k'}    | ${'£170.5k (£4.5k less than £175.0k)'}
  `('writes money as the sheets show it with Show amounts in $shown: totals $cost and $shortfall', async ({ shown, cost, shortfall, since }: { shown: AmountsShown; cost: string; shortfall: string; since: string }) => {
    const host = new MemoryHost();
    const total = (before: number, now: number) => ({ before: pence(before), now: pence(now), change: pence(now - before) });
    const changes = {
      kind: 'compared' as const,
      previous: { at: new Date('2026-03-30T16:20:00Z'), host: 'Excel add-in', version: '0.1.0' },
      sameInputs: false,
      added: [],
      dropped: [],
      totals: { cost: total(69_545_349, 69_545_349), funding: total(52_500_000, 52_500_000), shortfall: total(17_500_000, 17_045_349) },
      newWarnings: [],
      clearedWarnings: [],
    };
    host.runWith = async () => finished({ amountsShown: shown, changes });
    renderApp(host);
    fireEvent.click(await screen.findByRole('button', { name: 'Run' }));
    const results = await screen.findByRole('region', { name: 'Results' });
    expect(results.textContent).toContain(`Total cost, 2025/26 to 2027/28${cost}`);
    expect(screen.getByTestId('shortfall').textContent).toBe(`${shortfall}: in 2026/27 and 2027/28`);
    expect(screen.getByTestId('since-shortfall').textContent).toBe(since);
  });

  it("saves a tried change through the host with the inputs the run read, so the Scenarios column lands in the workbook that was planned", async () => {
    const input = workbookOfPlan({
      parameters: [['Pay inflation', '2%'], ['Cost per locality', 10_000], ['Per district', 1]],
      localities: [['Locality', 'District', 'IMD Rank'], ['A', 'North', 1], ['B', 'South', 2]],
      funding: [['Source', 'Kind', 'Annual amount', 'Status'], ['Core budget', 'Recurring', 15_000, 'Confirmed']],
    });
    const outcome = runPlanner(input, testContext);
    if (!outcome.ok) throw new Error(outcome.issues.map((i) => i.message).join('\n'));
    const host = new MemoryHost();
    host.runWith = async () => finished({ summary: outcome.summary, input, changes: outcome.changes, amountsShown: outcome.results.parameters.showAmountsIn });
    renderApp(host);
    fireEvent.click(await screen.findByRole('button', { name: 'Run' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Add a change' }));
    const group = screen.getByRole('group', { name: 'Change 1' });
    const select = within(group).getByRole('combobox');
    fireEvent.change(select, { target: { value: (within(select).getByRole('option', { name: 'Pay inflation' }) as HTMLOptionElement).value } });
    fireEvent.change(within(group).getByRole('textbox'), { target: { value: '5%' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Scenario name/ }), { target: { value: 'Pay rises' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save as scenario' }));
    await waitFor(() => expect(host.saved).toHaveLength(1));
    expect(host.saved[0]).toEqual({ name: 'Pay rises', changes: [{ table: 'Parameters', item: 'Pay inflation', field: null, value: '5%' }], input });
    expect(host.saved[0].input).toBe(input);
  });

  it('says when the inputs have changed since the results were made, and looks for the inputs again', async () => {
    jest.useFakeTimers();
    try {
      const host = new MemoryHost();
      host.runWith = async () => finished();
      renderApp(host);
      await act(async () => undefined);
      fireEvent.click(screen.getByRole('button', { name: 'Run' }));
      await act(async () => undefined);
      expect(screen.queryByText('Inputs changed since this run.')).toBeNull();
      const findsBefore = host.findCalls;
      act(() => host.inputsChanged());
      expect(screen.getByText('Inputs changed since this run.')).toBeTruthy();
      expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('The inputs have changed since this run: run again to bring the results up to date.');
      await act(async () => jest.advanceTimersByTime(1_000));
      expect(host.findCalls).toBe(findsBefore + 1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('ignores a second press while a run is going', async () => {
    const host = new MemoryHost();
    const finish = deferred<RunReport>();
    let runs = 0;
    host.runWith = () => {
      runs += 1;
      return finish.promise;
    };
    renderApp(host);
    fireEvent.click(await screen.findByRole('button', { name: 'Run' }));
    fireEvent.click(screen.getByRole('button', { name: 'Running…' }));
    await act(async () => finish.resolve({ ok: false, issues: [], ranAt }));
    expect(runs).toBe(1);
  });

  it('groups fifty cells with one problem into one line with one button, and moves focus to the problems', async () => {
    const host = new MemoryHost();
    const tbc = Array.from({ length: 50 }, (_, i) => issue({ table: 'Localities', sheet: 'Localities', cell: `D${i + 2}` as CellAddress, kind: 'number', message: 'IMD Score must be a number; found "tbc".' }));
    host.runWith = async () => ({
      ok: false,
      ranAt,
      issues: [
        ...tbc,
        issue({ kind: 'hidden', table: 'Localities', sheet: 'Localities', message: 'Some rows are hidden.' }),
        issue({ sheet: 'Money in', cell: 'C4' as CellAddress, message: 'Pot must be an amount such as £75,000; found "tbc".' }),
        issue({ sheet: 'Money in', cell: 'C9' as CellAddress, message: 'Pot must be an amount such as £75,000; found "tbc".' }),
      ],
    });
    renderApp(host);
    fireEvent.click(await screen.findByRole('button', { name: 'Run' }));
    const region = await screen.findByRole('region', { name: '52 problems to fix before the run can finish' });
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: '52 problems to fix before the run can finish' }));
    expect(within(region).getAllByRole('listitem').map((li) => li.textContent?.replace(/Select (these cells|the cell)$/, ''))).toEqual([
      'FixLocalities!D2:D51 (50 cells): IMD Score must be a number; found "tbc".',
      'CheckLocalities: Some rows are hidden.',
      'FixMoney in!C4, C9 (2 cells): Pot must be an amount such as £75,000; found "tbc".',
    ]);
    // Few tab stops: two actions, a header per table, one button per group with cells.
    expect(within(region).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Copy all',
      'Write issues to a sheet',
      'Localities: 50 problems, 1 warning',
      'Select these cells',
      'Funding: 2 problems',
      'Select these cells',
    ]);
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('Stopped: the inputs need fixing first. Nothing was written.');
    fireEvent.click(screen.getByRole('button', { name: 'Select these cells: Localities!D2:D51' }));
    fireEvent.click(screen.getByRole('button', { name: 'Select these cells: Money in!C4, C9' }));
    expect(host.selections).toEqual([
      { sheet: 'Localities', areas: ['D2:D51'] },
      { sheet: 'Money in', areas: ['C4', 'C9'] },
    ]);
    expect(screen.queryByRole('region', { name: 'Results' })).toBeNull();
  });

  it('collapses a table\u2019s problems and opens them again', async () => {
    const host = new MemoryHost();
    host.runWith = async () => ({ ok: false, ranAt, issues: [issue({ sheet: 'Funding', cell: 'C4' as CellAddress, message: 'Bad pot.' })] });
    renderApp(host);
    fireEvent.click(await screen.findByRole('button', { name: 'Run' }));
    const header = await screen.findByRole('button', { name: 'Funding: 1 problem' });
    expect(header.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByText(/Bad pot\./)).toBeTruthy();
    fireEvent.click(header);
    expect(header.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByText(/Bad pot\./)).toBeNull();
  });

  it('says which block of cells was selected when this Excel selects one at a time', async () => {
    const host = new MemoryHost();
    host.runWith = async () => ({ ok: false, ranAt, issues: ['C4', 'C9'].map((cell) => issue({ sheet: 'Funding', cell: cell as CellAddress, message: 'Bad pot.' })) });
    host.selectWith = async (areas) => ({ selected: areas[0] });
    renderApp(host);
    fireEvent.click(await screen.findByRole('button', { name: 'Run' }));
    fireEvent.click(await screen.findByRole('button', { name: /^Select these cells/ }));
    expect(await screen.findByText(/Selected Funding!C4\. This version of Excel selects one block of cells at a time/)).toBeTruthy();
  });

  it('copies every problem as text, one line a group', async () => {
    const written: string[] = [];
    Object.assign(navigator, { clipboard: { writeText: async (text: string) => void written.push(text) } });
    try {
      const host = new MemoryHost();
      host.runWith = async () => ({
        ok: false,
        ranAt,
        issues: [issue({ sheet: 'Funding', cell: 'C4' as CellAddress, message: 'Bad pot.' }), issue({ kind: 'hidden', table: 'Costs', sheet: 'Costs', message: 'Hidden rows.' })],
      });
      renderApp(host);
      fireEvent.click(await screen.findByRole('button', { name: 'Run' }));
      fireEvent.click(await screen.findByRole('button', { name: 'Copy all' }));
      expect(await screen.findByText('Copied 2 lines to the clipboard.')).toBeTruthy();
      expect(written).toEqual(['Locality Planner found 1 problem to fix and 1 warning.\nFix: Funding!C4: Bad pot.\nCheck: Costs: Hidden rows.']);
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
    }
  });

  it('writes the problems to a sheet of their own and says which', async () => {
    const host = new MemoryHost();
    const issues = [issue({ sheet: 'Funding', cell: 'C4' as CellAddress, message: 'Bad pot.' })];
    host.runWith = async () => ({ ok: false, ranAt, issues });
    renderApp(host);
    fireEvent.click(await screen.findByRole('button', { name: 'Run' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Write issues to a sheet' }));
    expect(await screen.findByText('Wrote the issues to the sheet Input problems. It is yours: the planner never changes it.')).toBeTruthy();
    expect(host.issuesWritten).toEqual([issues]);
  });

  it('marks the problems out of date when the inputs change, instead of "Stopped" beside a fixed workbook', async () => {
    const host = new MemoryHost();
    host.inputs = [];
    host.runWith = async () => ({ ok: false, ranAt, issues: [issue({ kind: 'none', table: 'Workbook', message: 'No input tables found.' })] });
    renderApp(host);
    fireEvent.click(await screen.findByRole('button', { name: 'Run' }));
    await screen.findByText(/No input tables found\./);
    act(() => host.inputsChanged());
    expect(screen.getByText('The inputs have changed since these were found. Run again to see what is left.')).toBeTruthy();
    expect(screen.getAllByRole('status').map((s) => s.textContent)).not.toContain('Stopped: the inputs need fixing first. Nothing was written.');
  });

  it('says so when Excel cannot select the cells', async () => {
    const host = new MemoryHost();
    host.runWith = async () => ({ ok: false, ranAt, issues: [issue({ sheet: 'Funding', cell: 'C4' as CellAddress, message: 'Bad pot.' })] });
    host.selectWith = () => Promise.reject(new HostError('The sheet Funding has been deleted or renamed since the run.'));
    renderApp(host);
    fireEvent.click(await screen.findByRole('button', { name: 'Run' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Select the cell: Funding!C4' }));
    expect(await screen.findByText('The sheet Funding has been deleted or renamed since the run.')).toBeTruthy();
  });

  it('shows a host failure during a run as a plain message, moves focus to it, and keeps the pane usable', async () => {
    const host = new MemoryHost();
    host.runWith = async (onProgress) => {
      onProgress({ stage: 'writing', done: 0, total: 100 });
      throw new HostError('Excel did not answer within 60 seconds. Some results may not have been written; run again.', 'Timeout');
    };
    renderApp(host);
    fireEvent.click(await screen.findByRole('button', { name: 'Run' }));
    const message = await screen.findByText(/Excel did not answer within 60 seconds/);
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('The run did not finish.');
    expect(document.activeElement?.contains(message)).toBe(true);
    expect(screen.getByRole('button', { name: 'Run' })).toHaveProperty('disabled', false);
    expect(screen.getByRole('heading', { name: 'Input tables' })).toBeTruthy();
  });

  it('words an unexpected failure plainly, keeping its detail', async () => {
    const host = new MemoryHost();
    host.runWith = () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'values')"));
    host.findWith = () => Promise.reject(new HostError('The workbook is busy: finish editing the cell, then press Refresh.'));
    renderApp(host);
    expect(await screen.findByText('The workbook is busy: finish editing the cell, then press Refresh.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    expect(await screen.findByText(/Something unexpected went wrong \(Cannot read properties of undefined/)).toBeTruthy();
  });

  it('shows a message instead of a blank pane when a result cannot be drawn', async () => {
    const host = new MemoryHost();
    const broken = { ...summary, projection: undefined } as unknown as Summary;
    host.runWith = async () => finished({ summary: broken });
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      renderApp(host);
      fireEvent.click(await screen.findByRole('button', { name: 'Run' }));
      expect(await screen.findByText('The pane hit a problem.')).toBeTruthy();
      expect(screen.getByText(/Something unexpected went wrong/)).toBeTruthy();
      // The rest of the pane is still there.
      expect(screen.getByRole('heading', { name: 'Input tables' })).toBeTruthy();
      expect(screen.getByRole('button', { name: 'About and compatibility' })).toBeTruthy();
    } finally {
      quiet.mockRestore();
    }
  });
});

describe('starter tables', () => {
  it('offers them at once in a workbook with no inputs, and says what it added', async () => {
    const host = new MemoryHost();
    host.inputs = [];
    host.starterWith = async () => {
      host.inputs = everyInput;
      return { added: ['Localities', 'Indicators', 'Parameters', 'Costs', 'Funding'], skipped: [] };
    };
    renderApp(host);
    expect(await screen.findByRole('heading', { name: 'New workbook?' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Insert starter tables' }));
    expect(await screen.findByText('Added Localities, Indicators, Parameters, Costs and Funding with example rows: replace them with your own figures.')).toBeTruthy();
    await waitFor(() => expect(host.findCalls).toBe(2));
    expect(screen.queryByRole('button', { name: 'Insert starter tables' })).toBeNull();
  });

  it('asks first when some inputs exist, naming what it adds and what it leaves, and never offers Indicators beside the user\u2019s own Localities', async () => {
    const host = new MemoryHost();
    host.inputs = [
      { name: 'Localities', source: 'table', sheet: 'Areas', rows: 56 },
      { name: 'Parameters', source: 'table', sheet: 'Parameters', rows: 9 },
    ];
    let inserted = 0;
    host.starterWith = async () => {
      inserted++;
      return { added: ['Costs', 'Funding'], skipped: [{ name: 'Localities', reason: 'exists' }, { name: 'Parameters', reason: 'exists' }, { name: 'Indicators', reason: 'own-localities' }] };
    };
    renderApp(host);
    expect(await screen.findByText(/Costs and Funding are not in this workbook/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add missing tables…' }));
    const question = screen.getByRole('group', { name: 'Add Costs and Funding?' });
    expect(document.activeElement).toBe(within(question).getByText('Add Costs and Funding?'));
    expect(question.textContent).toContain('Your Localities and Parameters stay exactly as they are.');
    fireEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group', { name: 'Add Costs and Funding?' })).toBeNull();
    expect(inserted).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Add missing tables…' }));
    fireEvent.click(within(screen.getByRole('group', { name: 'Add Costs and Funding?' })).getByRole('button', { name: 'Add tables' }));
    expect(await screen.findByText(/Added Costs and Funding with example rows.*Left out Localities and Parameters: already in the workbook\. Left out Indicators: your own Localities table decides the indicator/)).toBeTruthy();
    expect(inserted).toBe(1);
  });

  it('does not offer them when every input is there (Indicators is optional beside Localities)', async () => {
    const host = new MemoryHost();
    host.inputs = everyInput.filter((i) => i.name !== 'Indicators');
    renderApp(host);
    await screen.findByRole('list', { name: 'Input tables found' });
    expect(screen.queryByRole('button', { name: /starter|missing/i })).toBeNull();
  });

  it('cannot be inserted during a run, and Run waits while they are inserted', async () => {
    const host = new MemoryHost();
    host.inputs = [];
    const finish = deferred<RunReport>();
    host.runWith = () => finish.promise;
    const inserting = deferred<StarterTablesResult>();
    host.starterWith = () => inserting.promise;
    renderApp(host);
    const insert = await screen.findByRole('button', { name: 'Insert starter tables' });
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    expect(insert.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(insert);
    await act(async () => finish.resolve({ ok: false, ranAt, issues: [] }));
    expect(insert.getAttribute('aria-disabled')).toBeNull();
    fireEvent.click(insert);
    expect(screen.getByRole('button', { name: 'Run' }).getAttribute('aria-disabled')).toBe('true');
    await act(async () => inserting.resolve({ added: [], skipped: [] }));
    expect(screen.getByRole('button', { name: 'Run' }).getAttribute('aria-disabled')).toBeNull();
  });

  it('reports a failure without losing the pane', async () => {
    const host = new MemoryHost();
    host.inputs = [];
    host.starterWith = () => Promise.reject(new HostError('The workbook is protected, so no sheets can be added.'));
    renderApp(host);
    fireEvent.click(await screen.findByRole('button', { name: 'Insert starter tables' }));
    expect(await screen.findByText('The workbook is protected, so no sheets can be added.')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Insert starter tables' }).getAttribute('aria-disabled')).toBeNull());
  });
});

describe('About and the footer', () => {
  it('checks this Excel and lists what passed and what was refused, with the budget it keeps', async () => {
    const host = new MemoryHost();
    host.checkWith = async () => ({
      checks: [
        { id: 'text', label: 'Text that looks like a formula stays text', passed: true, detail: 'All 8 came back exactly as written.' },
        { id: 'unfreeze-hidden', label: 'Unfreezing panes on a very hidden sheet', passed: false, detail: 'Refused (GeneralException).' },
      ],
      requestBudgetBytes: 900_000,
    });
    renderApp(host);
    const about = await screen.findByRole('button', { name: 'About and compatibility' });
    expect(about.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(about);
    expect(screen.getByText(new RegExp(`Locality Planner ${packageJson.version.replace(/\./g, '\\.')}\\.`))).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Check this Excel' }));
    const found = await screen.findByRole('list', { name: 'What Check this Excel found' });
    expect(within(found).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'PassedText that looks like a formula stays text. All 8 came back exactly as written.',
      'RefusedUnfreezing panes on a very hidden sheet. Refused (GeneralException).',
    ]);
    expect(screen.getByText('The planner will keep each request to Excel under 0.90 MB in this workbook.')).toBeTruthy();
  });

  it('links to help, the privacy and accessibility statements, and shows the version', async () => {
    renderApp(new MemoryHost());
    const footer = await screen.findByRole('contentinfo');
    expect(within(footer).getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('target')])).toEqual([
      ['Help', 'help.html', '_blank'],
      ['Privacy', 'help.html#privacy', '_blank'],
      ['Accessibility', 'help.html#accessibility', '_blank'],
    ]);
    expect(footer.textContent).toContain(`Version ${packageJson.version}`);
  });
});
