import { runPlanner, starterSheetPlan, starterTables } from '../engine';
import packageJson from '../../package.json';
import { applyPlan, decorate, prepareSheet, writeCells } from './applyPlan';
import type { FoundInput, PlannerHost, RunReport, RunStage } from './host';
import { DEFAULT_SYNC_TIMEOUT_MS, toHostError } from './officeErrors';
import { findInputs, listWorkbook, readWorkbook } from './readWorkbook';
import { ExcelSession } from './session';

/** Runs a batch against Excel: `Excel.run` in the add-in, a fake Excel in tests. */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficeHostOptions {
  /** How long one sync may take before the run gives up (default 60 s). */
  readonly syncTimeoutMs?: number;
  /** The clock, for Run info; injected so tests are reproducible. */
  readonly now?: () => Date;
}

const defaultRunner: ExcelRunner = (batch) => Excel.run(batch);

/**
 * The task pane's host in Excel. Everything goes through `run` (Excel.run by default),
 * and every failure reaches the pane as a plain-English HostError.
 */
export function createOfficeHost(run: ExcelRunner = defaultRunner, options: OfficeHostOptions = {}): PlannerHost {
  const timeoutMs = options.syncTimeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());
  const batch = async <T>(work: (session: ExcelSession) => Promise<T>): Promise<T> => {
    try {
      return await run((context) => work(new ExcelSession(context, timeoutMs)));
    } catch (error) {
      throw toHostError(error);
    }
  };

  return {
    findInputs(): Promise<readonly FoundInput[]> {
      return batch((session) => findInputs(session));
    },

    run(onStage: (stage: RunStage) => void): Promise<RunReport> {
      return batch(async (session) => {
        onStage('reading');
        const input = await readWorkbook(session);
        onStage('checking');
        const outcome = runPlanner(input, { now: now(), toolVersion: packageJson.version, host: 'Excel add-in' });
        if (!outcome.ok) return { ok: false, issues: outcome.issues };
        await applyPlan(session, outcome.plan, input, onStage);
        onStage('done');
        return { ok: true, issues: outcome.issues, summary: outcome.summary, syncs: session.syncs };
      });
    },

    selectCell(sheet: string, cell: string): Promise<void> {
      return batch(async (session) => {
        const worksheet = session.context.workbook.worksheets.getItem(sheet);
        worksheet.activate();
        worksheet.getRange(cell).select();
        await session.sync();
      });
    },

    insertStarterTables(): Promise<{ readonly added: readonly string[]; readonly skipped: readonly string[] }> {
      return batch(async (session) => {
        const { sheetNames, tableNames, located } = await listWorkbook(session);
        const workbook = session.context.workbook;
        const added: string[] = [];
        const skipped: string[] = [];
        for (const table of starterTables) {
          // Never over an existing input, a sheet of that name, or a table name taken elsewhere.
          const taken =
            located.some((l) => l.name === table.name) ||
            sheetNames.some((s) => s.toLowerCase() === table.name.toLowerCase()) ||
            tableNames.some((t) => t.name.toLowerCase() === table.name.toLowerCase());
          if (taken) {
            skipped.push(table.name);
            continue;
          }
          const plan = starterSheetPlan(table);
          const sheet = prepareSheet(workbook, plan, { sheetNames, tableNames, chartNames: [] });
          await writeCells(session, sheet, plan);
          await decorate(session, sheet, plan);
          added.push(table.name);
        }
        if (added.length > 0) {
          workbook.worksheets.getItem(added[0]).activate();
          await session.sync();
        }
        return { added, skipped };
      });
    },
  };
}
