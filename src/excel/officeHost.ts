import { runPlanner, starterSheetPlan, starterTables } from '../engine';
import packageJson from '../../package.json';
import { applyPlan, decorate, prepareSheet } from './applyPlan';
import { probeExcel } from './compatibilityProbe';
import type { CompatibilityReport, FoundInput, PlannerHost, RunProgress, RunReport, StarterTablesResult } from './host';
import { watchInputs } from './inputWatcher';
import { writeIssuesSheet } from './issuesSheet';
import { saveScenario } from './saveScenario';
import { toHostError } from './officeErrors';
import { findInputs, listWorkbook, readWorkbook } from './readWorkbook';
import {
  DEFAULT_REQUEST_BUDGET_BYTES,
  DEFAULT_SYNC_TIMEOUTS,
  MAX_REQUEST_BUDGET_BYTES,
  MIN_REQUEST_BUDGET_BYTES,
  type SyncTimeouts,
  loadStoredBudget,
  storeBudget,
  syncTimeoutFor,
} from './requestBudget';
import { ExcelSession } from './session';
import { writeCells } from './textCells';
import { namesTakenByUnlistedSheets, sheetsToAdd } from './unlistedSheets';

/**
 * Runs a batch against Excel: `Excel.run(options, batch)` in the add-in, a fake Excel in
 * tests. Every batch asks Excel to wait while a cell is being edited (`delayForCellEdit`)
 * rather than fail or hang (office-js #4805, #6678).
 */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>, options: Excel.RunOptions) => Promise<T>;

export interface OfficeHostOptions {
  /** How long a sync may take before the run gives up: a base, and more per megabyte of request. */
  readonly syncTimeouts?: Partial<SyncTimeouts>;
  /** The clock, for Run info; injected so tests are reproducible. */
  readonly now?: () => Date;
  /** Which API sets this Excel supports (Office.context.requirements.isSetSupported in the add-in). */
  readonly isSetSupported?: (name: string, version: string) => boolean;
  /** Lets the pane repaint between stages; a test may pass one that returns at once. */
  readonly yieldToPaint?: () => Promise<void>;
}

const defaultRunner: ExcelRunner = (batch, options) => Excel.run(options, batch);

const officeSupports = (name: string, version: string): boolean => {
  try {
    return Office.context.requirements.isSetSupported(name, version);
  } catch {
    return false;
  }
};

/**
 * Gives the browser a chance to paint (the next animation frame, then a task), or goes on
 * after 50 ms if frames are not coming (a hidden pane): `runPlanner` holds the thread, so
 * without this "Checking…" would never be seen.
 */
const yieldToPaintInBrowser = (): Promise<void> =>
  new Promise((resolve) => {
    const done = setTimeout(resolve, 50);
    const next = () => {
      clearTimeout(done);
      setTimeout(resolve, 0);
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(next);
    else next();
  });

/** `23 November 2026 at 14:32`, as a finance officer writes a time. */
const inWords = (date: Date): string =>
  `${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })} at ${date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`;

/**
 * The task pane's host in Excel. Everything goes through `run` (Excel.run by default),
 * and every failure reaches the pane as a plain-English HostError.
 */
export function createOfficeHost(run: ExcelRunner = defaultRunner, options: OfficeHostOptions = {}): PlannerHost {
  const timeouts: SyncTimeouts = { ...DEFAULT_SYNC_TIMEOUTS, ...options.syncTimeouts };
  const now = options.now ?? (() => new Date());
  const supports = options.isSetSupported ?? officeSupports;
  const yieldToPaint = options.yieldToPaint ?? yieldToPaintInBrowser;
  const batch = async <T>(work: (session: ExcelSession) => Promise<T>): Promise<T> => {
    try {
      return await run((context) => work(new ExcelSession(context, { timeouts })), { delayForCellEdit: true });
    } catch (error) {
      throw toHostError(error);
    }
  };

  return {
    findInputs(): Promise<readonly FoundInput[]> {
      return batch((session) => findInputs(session));
    },

    run(onProgress: (progress: RunProgress) => void): Promise<RunReport> {
      return batch(async (session) => {
        onProgress({ stage: 'reading' });
        await yieldToPaint();
        // Travels with the first read: a budget "Check this Excel" (or an earlier run) learned.
        const stored = loadStoredBudget(session.context);
        const input = await readWorkbook(session, undefined, { mergedAreas: supports('ExcelApi', '1.13') });
        session.budgetBytes = stored() ?? DEFAULT_REQUEST_BUDGET_BYTES;
        const startingBudget = session.budgetBytes;
        onProgress({ stage: 'checking' });
        await yieldToPaint();
        const ranAt = now();
        const context = { now: ranAt, toolVersion: packageJson.version, host: 'Excel add-in' };
        let outcome = runPlanner(input, context);
        if (outcome.ok) {
          // A chart sheet taking a name the run would add is invisible to Office.js: find out before writing anything.
          const unlisted = await namesTakenByUnlistedSheets(session, sheetsToAdd(outcome.plan, input.sheetNames));
          if (unlisted.length > 0) outcome = runPlanner({ ...input, otherSheets: unlisted.map((name) => ({ name, kind: 'sheet' as const })) }, context);
        }
        if (!outcome.ok) return { ok: false, issues: outcome.issues, ranAt: ranAt.toISOString() };
        await applyPlan(session, outcome.plan, input, (progress) => onProgress(progress));
        if (session.budgetBytes < startingBudget) {
          // Excel refused a request for its size: start the next run where this one ended.
          storeBudget(session.context, session.budgetBytes);
          await session.sync();
        }
        onProgress({ stage: 'done' });
        // Whole pence from the engine's results, added as integers (exact), then pounds to the penny.
        const byYear = outcome.results.funding.byYear;
        const pounds = (of: (year: (typeof byYear)[number]) => number) => byYear.reduce((sum, year) => sum + of(year), 0) / 100;
        return {
          ok: true,
          issues: outcome.issues,
          summary: outcome.summary,
          totals: { cost: pounds((y) => y.cost), funding: pounds((y) => y.funding), shortfall: pounds((y) => y.shortfall) },
          sheets: outcome.plan.sheets.map((s) => s.name),
          affordability: outcome.results.whatIf.analysis?.sentences ?? null,
          input,
          changes: outcome.changes,
          amountsShown: outcome.results.parameters.showAmountsIn,
          syncs: session.syncs,
          ranAt: ranAt.toISOString(),
        };
      });
    },

    selectCells(sheet: string, areas: readonly string[]): Promise<{ readonly selected: string }> {
      return batch(async (session) => {
        const worksheet = session.context.workbook.worksheets.getItem(sheet);
        worksheet.activate();
        // Several areas at once need RangeAreas.select (ExcelApi 1.18); before that, the first area.
        const together = areas.length > 1 && supports('ExcelApi', '1.18');
        const selected = together ? areas.join(',') : areas[0];
        if (together) worksheet.getRanges(selected).select();
        else worksheet.getRange(selected).select();
        await session.sync();
        return { selected };
      });
    },

    showSheet(sheet: string): Promise<void> {
      return batch(async (session) => {
        session.context.workbook.worksheets.getItem(sheet).activate();
        await session.sync();
      });
    },

    insertStarterTables(): Promise<StarterTablesResult> {
      return batch(async (session) => {
        const { sheetNames, tableNames, located } = await listWorkbook(session);
        const added: string[] = [];
        const skipped: { name: string; reason: 'exists' | 'own-localities' }[] = [];
        const hasOwnLocalities = located.some((l) => l.name === 'Localities');
        for (const table of starterTables) {
          // Never over an existing input, a sheet of that name, or a table name taken elsewhere.
          const taken =
            located.some((l) => l.name === table.name) ||
            sheetNames.some((s) => s.toLowerCase() === table.name.toLowerCase()) ||
            tableNames.some((t) => t.name.toLowerCase() === table.name.toLowerCase());
          if (taken) {
            skipped.push({ name: table.name, reason: 'exists' });
            continue;
          }
          // The starter Indicators names the starter Localities' columns (IMD Score); a workbook's
          // own Localities may not have them, and the next run would fail on it.
          if (table.name === 'Indicators' && hasOwnLocalities) {
            skipped.push({ name: table.name, reason: 'own-localities' });
            continue;
          }
          const plan = starterSheetPlan(table);
          await prepareSheet(session, plan, { sheetNames, tableNames, chartNames: [] });
          await writeCells(session, plan);
          await decorate(session, plan);
          added.push(table.name);
        }
        if (added.length > 0) {
          await session.write({ bytes: 200, replayable: true, queue: () => session.context.workbook.worksheets.getItem(added[0]).activate() });
          await session.sync();
        }
        return { added, skipped };
      });
    },

    saveScenario(name, changes, input) {
      return batch((session) => saveScenario(session, name, changes, input));
    },

    writeIssuesSheet(issues): Promise<{ readonly sheet: string }> {
      return batch(async (session) => ({ sheet: await writeIssuesSheet(session, issues, inWords(now())) }));
    },

    checkExcel(): Promise<CompatibilityReport> {
      return batch(async (session) => {
        const result = await probeExcel(session.context, {
          maxBudgetBytes: MAX_REQUEST_BUDGET_BYTES,
          minBudgetBytes: MIN_REQUEST_BUDGET_BYTES,
          timeoutMs: (bytes) => syncTimeoutFor(bytes, timeouts),
        });
        storeBudget(session.context, result.requestBudgetBytes);
        await session.sync();
        return { checks: result.checks, requestBudgetBytes: result.requestBudgetBytes };
      });
    },

    async watchInputs(onChange: () => void): Promise<() => void> {
      try {
        const stop = await watchInputs(run, onChange);
        return () => {
          stop().catch(() => undefined);
        };
      } catch (error) {
        throw toHostError(error);
      }
    },
  };
}
