import { screen } from '@testing-library/react';
import type { FoundInput, PlannerHost } from '../../src/excel/host';
import { fillJsdomGaps } from './jsdomGaps';

/**
 * The pane's front door (src/taskpane/index.tsx) with the Office global as each host gives
 * it. The Office adapter is replaced by an in-memory host: this checks which screen the pane
 * chooses, not the adapter.
 */
const found: FoundInput[] = [{ name: 'Costs', source: 'table', sheet: 'Costs', rows: 7 }];
const memoryHost: PlannerHost = {
  findInputs: async () => found,
  run: async () => ({ ok: false, issues: [], ranAt: '2026-03-31T09:00:00Z' }),
  selectCells: async (_sheet, areas) => ({ selected: areas[0] }),
  showSheet: async () => {},
  insertStarterTables: async () => ({ added: [], skipped: [] }),
  saveScenario: async () => ({ ok: false, message: 'not in this test' }),
  writeIssuesSheet: async () => ({ sheet: 'Input problems' }),
  checkExcel: async () => ({ checks: [], requestBudgetBytes: 1_800_000 }),
  watchInputs: async () => () => undefined,
};
const createOfficeHost = jest.fn(() => memoryHost);
jest.mock('../../src/excel/officeHost', () => ({ createOfficeHost: () => createOfficeHost() }));

type OnReadyInfo = { host: string | null; platform: string | null };

function fakeOffice(info: OnReadyInfo | Error, officeTheme?: { isDarkTheme: boolean }): unknown {
  return {
    onReady: () => (info instanceof Error ? Promise.reject(info) : Promise.resolve(info)),
    HostType: { Excel: 'Excel', Word: 'Word' },
    context: { officeTheme },
  };
}

async function startPane(office: unknown): Promise<void> {
  document.body.innerHTML = '<div id="container"></div>';
  const global = globalThis as { Office?: unknown };
  if (office === undefined) delete global.Office;
  else global.Office = office;
  // A fresh module registry per start, as a page load gives: index.tsx runs on import.
  await jest.isolateModulesAsync(async () => {
    await import('../../src/taskpane/index');
  });
}

beforeAll(fillJsdomGaps);
beforeEach(() => {
  createOfficeHost.mockClear();
  // The isolated copy of React the pane starts with is not the one act() from the testing
  // library drives, so run as a browser does (no act environment) and wait on the DOM instead.
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
});
afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

describe('the pane at start-up', () => {
  it('in Excel, shows the planner over the Office host', async () => {
    await startPane(fakeOffice({ host: 'Excel', platform: 'PC' }, { isDarkTheme: false }));
    expect(await screen.findByRole('button', { name: 'Run' })).toBeTruthy();
    expect(await screen.findByText('7 rows')).toBeTruthy();
    expect(createOfficeHost).toHaveBeenCalledTimes(1);
  });

  it('in a browser tab (Office.onReady gives no host), says it runs inside Excel', async () => {
    await startPane(fakeOffice({ host: null, platform: null }));
    expect(await screen.findByRole('heading', { name: 'Locality Planner runs inside Excel' })).toBeTruthy();
    expect(screen.getByText('This page is open in a web browser, not in Excel.')).toBeTruthy();
    expect(createOfficeHost).not.toHaveBeenCalled();
  });

  it('in Word, says it runs inside Excel', async () => {
    await startPane(fakeOffice({ host: 'Word', platform: 'PC' }));
    expect(await screen.findByText('This page is open in an Office application other than Excel.')).toBeTruthy();
    expect(createOfficeHost).not.toHaveBeenCalled();
  });

  it('without office.js at all (the CDN script failed), says so instead of a blank pane', async () => {
    await startPane(undefined);
    expect(await screen.findByRole('heading', { name: 'Locality Planner cannot reach Excel' })).toBeTruthy();
    expect(screen.getByText(/add-in script did not load/)).toBeTruthy();
    expect(screen.getByText(window.location.origin)).toBeTruthy();
  });

  it('starts nothing when the page\u2019s own check found the webview too old (its message stays)', async () => {
    (window as { __lpTooOld?: boolean }).__lpTooOld = true;
    try {
      await startPane(fakeOffice({ host: 'Excel', platform: 'PC' }));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(createOfficeHost).not.toHaveBeenCalled();
      expect(document.getElementById('container')?.textContent).toBe('');
    } finally {
      delete (window as { __lpTooOld?: boolean }).__lpTooOld;
    }
  });

  it('says it could not start, rather than staying on "Starting…", when Office fails to start it', async () => {
    await startPane(fakeOffice(new Error('Office.js has not fully loaded')));
    expect(await screen.findByText('Locality Planner could not start.')).toBeTruthy();
    expect(screen.getByText(/Office\.js has not fully loaded/)).toBeTruthy();
  });

  it('says it could not start when the Office host cannot be created', async () => {
    createOfficeHost.mockImplementationOnce(() => {
      throw new Error('Excel is not defined');
    });
    await startPane(fakeOffice({ host: 'Excel', platform: 'PC' }));
    expect(await screen.findByText('Locality Planner could not start.')).toBeTruthy();
  });
});
