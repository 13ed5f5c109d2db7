import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { App } from '../../src/taskpane/App';
import { HostError, type CompatibilityReport, type FoundInput, type PlannerHost, type RunProgress, type RunReport, type RunStage, type StarterTablesResult } from '../../src/excel/host';
import type { Issue, CellAddress, Summary } from '../../src/engine';
import { intentBySeverity } from '../../src/taskpane/components/ResultSummary/ResultSummary';
import { fillJsdomGaps } from './jsdomGaps';

beforeAll(fillJsdomGaps);

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

/**
 * An in-memory PlannerHost: a workbook reduced to what the pane asks about. Each method
 * records its calls; `runWith` decides what a run does.
 */
class MemoryHost implements PlannerHost {
  inputs: FoundInput[] = [];
  findCalls = 0;
  selections: { sheet: string; cell: string }[] = [];
  runWith: (onStage: (stage: RunStage) => void) => Promise<RunReport> = async () => ({ ok: false, issues: [], ranAt: '2026-03-31T09:00:00Z' });
  selectWith: () => Promise<void> = async () => {};
  starterWith: () => Promise<StarterTablesResult> = async () => ({ added: [], skipped: [] });
  findWith: () => Promise<readonly FoundInput[]> = async () => this.inputs;

  findInputs(): Promise<readonly FoundInput[]> {
    this.findCalls += 1;
    return this.findWith();
  }
  run(onProgress: (progress: RunProgress) => void): Promise<RunReport> {
    return this.runWith((stage) => onProgress({ stage }));
  }
  async selectCells(sheet: string, areas: readonly string[]): Promise<{ selected: string }> {
    this.selections.push({ sheet, cell: areas[0] });
    await this.selectWith();
    return { selected: areas[0] };
  }
  async showSheet(): Promise<void> {}
  insertStarterTables(): Promise<StarterTablesResult> {
    return this.starterWith();
  }
  async writeIssuesSheet(): Promise<{ sheet: string }> {
    return { sheet: 'Input problems' };
  }
  async checkExcel(): Promise<CompatibilityReport> {
    return { checks: [], requestBudgetBytes: 1_800_000 };
  }
  async watchInputs(): Promise<() => void> {
    return () => undefined;
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
    { year: '2025/26', cost: 225000, recurringFunding: 225000, drawdown: 0, funding: 225000, shortfall: 0, surplus: 0 },
    { year: '2026/27', cost: 231750.5, recurringFunding: 200000, drawdown: 0, funding: 200000, shortfall: 31750.5, surplus: 0 },
    { year: '2027/28', cost: 238702.99, recurringFunding: 100000, drawdown: 0, funding: 100000, shortfall: 138702.99, surplus: 0 },
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
};

const totals = { cost: 695_453.49, funding: 525_000, shortfall: 170_453.49 };

const issue = (over: Partial<Issue> & Pick<Issue, 'message'>): Issue => ({
  code: 'BAD_AMOUNT',
  severity: 'error',
  table: 'Funding',
  ...over,
});

function renderApp(host: PlannerHost) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} />
    </FluentProvider>,
  );
}

describe('warning message bars', () => {
  it('take their intent from the total severity map: High is an error, Medium a warning, Low information', () => {
    expect(intentBySeverity).toEqual({ High: 'error', Medium: 'warning', Low: 'info' });
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
    expect(items).toEqual([
      'Localities1,204 rows (table on Areas)',
      'Indicatorsnot found',
      'Parametersnot found',
      'Costsnot found',
      'Funding1 row (sheet Funding)',
    ]);
  });

  it('names each stage while running, then shows the summary', async () => {
    const host = new MemoryHost();
    const finish = deferred<RunReport>();
    let report!: (stage: RunStage) => void;
    host.runWith = (onStage) => {
      report = onStage;
      return finish.promise;
    };
    renderApp(host);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));

    expect(screen.getByRole('status')).toHaveProperty('textContent', 'Reading the input tables…');
    act(() => report('writing'));
    expect(screen.getByRole('status')).toHaveProperty('textContent', 'Writing the results sheets…');
    expect(screen.getByRole('progressbar', { name: 'Run progress' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Results' })).toBeNull();

    await act(async () => finish.resolve({ ok: true, issues: [], summary, syncs: 6, totals, sheets: [], ranAt: '2026-03-31T09:00:00Z' }));

    expect(screen.getByRole('status')).toHaveProperty('textContent', 'Finished.');
    expect(screen.queryByRole('progressbar')).toBeNull();
    const results = screen.getByRole('region', { name: 'Results' });
    expect(screen.getByTestId('selected-count').textContent).toBe('3: Tamworth 007D, Cannock Chase 010A and Stafford 014B');
    expect(results.textContent).toContain('Total cost, 2025/26 to 2027/28£695,453');
    expect(results.textContent).toContain('In 2026/27 and 2027/28');
    // Top three warnings, loudest first; the fourth is counted, not shown.
    const bars = within(results).getAllByRole('group').map((bar) => bar.textContent);
    expect(bars).toEqual([
      'Shortfall: Funding falls £31,750.50 short in 2026/27.',
      'Shortfall: Funding falls £138,702.99 short in 2027/28.',
      'Funding ends: Cohesion grant ends in 2026/27.',
    ]);
    expect(results.textContent).toContain('1 more warning is on the Warnings sheet.');
    // Keyboard users land on the results.
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Results' }));
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
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    fireEvent.click(screen.getByRole('button', { name: 'Running…' }));
    await act(async () => finish.resolve({ ok: false, issues: [], ranAt: '2026-03-31T09:00:00Z' }));
    expect(runs).toBe(1);
  });

  it('lists the issues, errors first, and selects the offending cell when one is activated', async () => {
    const host = new MemoryHost();
    host.runWith = async () => ({
      ok: false,
      ranAt: '2026-03-31T09:00:00Z',
      issues: [
        issue({ severity: 'warning', code: 'HIDDEN_ROWS', table: 'Localities', message: 'Some rows are hidden.' }),
        issue({ sheet: 'Money in', cell: 'C4' as CellAddress, message: 'Pot must be an amount such as £75,000; found "tbc".' }),
        issue({ table: 'Costs', cell: 'B7' as CellAddress, message: 'Unit cost is blank.' }),
      ],
    });
    renderApp(host);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));

    const region = await screen.findByRole('region', { name: '2 problems to fix before the run can finish' });
    expect(within(region).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'ErrorMoney in!C4: Pot must be an amount such as £75,000; found "tbc".',
      'ErrorCosts!B7: Unit cost is blank.',
      'WarningLocalities: Some rows are hidden.',
    ]);
    expect(screen.getByRole('status').textContent).toContain('Nothing was written');
    expect(screen.queryByRole('region', { name: 'Results' })).toBeNull();

    // Real buttons, so Tab reaches them and Enter or Space activates them.
    const goTo = screen.getByRole('button', { name: 'Go to Money in!C4' });
    expect(goTo.tagName).toBe('BUTTON');
    goTo.focus();
    expect(document.activeElement).toBe(goTo);
    fireEvent.click(goTo);
    fireEvent.click(screen.getByRole('button', { name: 'Go to Costs!B7' }));
    expect(host.selections).toEqual([
      { sheet: 'Money in', cell: 'C4' },
      { sheet: 'Costs', cell: 'B7' },
    ]);
    // A whole-table issue has no cell to go to.
    expect(screen.queryByRole('button', { name: /Go to Localities/ })).toBeNull();
  });

  it('says so when Excel cannot select the cell', async () => {
    const host = new MemoryHost();
    host.runWith = async () => ({ ok: false, ranAt: '2026-03-31T09:00:00Z', issues: [issue({ sheet: 'Funding', cell: 'C4' as CellAddress, message: 'Bad pot.' })] });
    host.selectWith = () => Promise.reject(new HostError('The sheet Funding has been deleted or renamed since the run.'));
    renderApp(host);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Go to Funding!C4' }));
    expect(await screen.findByText('The sheet Funding has been deleted or renamed since the run.')).toBeTruthy();
  });

  it('shows a host failure during a run as a plain message and keeps the pane usable', async () => {
    const host = new MemoryHost();
    host.runWith = async (onStage) => {
      onStage('writing');
      throw new HostError('Excel did not answer for 60 seconds. Nothing more was written; press Run to try again.', 'Timeout');
    };
    renderApp(host);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    expect(await screen.findByText(/Excel did not answer for 60 seconds/)).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('The run did not finish.');
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
    host.runWith = async () => ({ ok: true, issues: [], summary: broken, syncs: 6, totals, sheets: [], ranAt: '2026-03-31T09:00:00Z' });
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      renderApp(host);
      fireEvent.click(screen.getByRole('button', { name: 'Run' }));
      expect(await screen.findByText('The pane hit a problem.')).toBeTruthy();
      expect(screen.getByText(/Something unexpected went wrong/)).toBeTruthy();
      // The rest of the pane is still there.
      expect(screen.getByRole('heading', { name: 'Input tables' })).toBeTruthy();
      expect(screen.getByRole('button', { name: 'Insert starter tables' })).toBeTruthy();
    } finally {
      quiet.mockRestore();
    }
  });

  it('inserts the starter tables, says what it added and skipped, and looks for inputs again', async () => {
    const host = new MemoryHost();
    host.inputs = [{ name: 'Localities', source: 'table', sheet: 'Localities', rows: 30 }];
    host.starterWith = async () => {
      host.inputs = [
        ...host.inputs,
        { name: 'Parameters', source: 'table', sheet: 'Parameters', rows: 4 },
        { name: 'Costs', source: 'table', sheet: 'Costs', rows: 3 },
      ];
      return { added: ['Parameters', 'Costs'], skipped: [{ name: 'Localities', reason: 'exists' as const }] };
    };
    renderApp(host);
    await screen.findByText('30 rows');
    expect(host.findCalls).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: 'Insert starter tables' }));
    expect(await screen.findByText('Added Parameters, Costs. Left Localities as it was: already in the workbook.')).toBeTruthy();
    await screen.findByText('4 rows');
    expect(host.findCalls).toBe(2);
  });

  it('reports a starter-table failure without losing the pane', async () => {
    const host = new MemoryHost();
    host.starterWith = () => Promise.reject(new HostError('The workbook is protected, so no sheets can be added.'));
    renderApp(host);
    fireEvent.click(screen.getByRole('button', { name: 'Insert starter tables' }));
    expect(await screen.findByText('The workbook is protected, so no sheets can be added.')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Insert starter tables' })).toHaveProperty('disabled', false));
  });
});
