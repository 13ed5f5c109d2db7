/**
 * How big a request the adapter sends Excel, and how long it waits for one.
 *
 * Excel on the web refuses a request over 5 MB (RequestPayloadSizeLimitExceeded), but
 * that limit is undocumented in detail: how the web host counts a request's size is not
 * published, and an oversize request often fails as a plain `GeneralException` instead
 * (office-js #1314, #1012). One multi-megabyte request can also outlast the sync timeout.
 * So the adapter keeps each request well under the limit as it measures it, and learns:
 * when a large request fails that way, it halves the budget and sends the same work again
 * in smaller requests (see ExcelSession). "Check this Excel" calibrates the budget on the
 * user's own Excel and keeps it in the workbook's settings, where every later run reads it.
 */

/**
 * The request budget before anything is learned: 1.8 MB as the adapter counts (JSON of the
 * values plus an allowance per operation), well under the web's 5 MB whatever the host's
 * own count turns out to be (even at two bytes a character, 3.6 MB).
 */
export const DEFAULT_REQUEST_BUDGET_BYTES = 1_800_000;

/**
 * A request at least this big counts as large: a `GeneralException` after one may be the
 * web host refusing its size, so it is worth sending again in halves. Below it, a
 * `GeneralException` is a real error and is reported as such. It is also the most a
 * request may hold when it carries work that cannot safely be sent twice (adding a sheet,
 * a table, a chart): only requests of values and formats, which land the same however often
 * they are sent, ever grow past it, so only they are ever sent again after a
 * `GeneralException`.
 */
export const LARGE_REQUEST_BYTES = 256 * 1024;

/** The budget never halves below this: a request this small that still fails is reported. */
export const MIN_REQUEST_BUDGET_BYTES = 128 * 1024;

/** The highest budget a calibration may store: above the default gains little and risks timeouts. */
export const MAX_REQUEST_BUDGET_BYTES = DEFAULT_REQUEST_BUDGET_BYTES;

/** Where the calibrated budget lives: the workbook's add-in settings (ExcelApi 1.4), saved with the file. */
export const BUDGET_SETTING = 'LocalityPlanner.requestBudgetBytes';

/** How long a sync may take: a base wait plus a wait per megabyte of request. */
export interface SyncTimeouts {
  readonly baseMs: number;
  readonly perMegabyteMs: number;
}

/**
 * A minute for any request, plus half a minute for each megabyte it carries: Excel on the
 * web sometimes never answers (office-js #4805, #6678), but a large request on a slow
 * council connection can honestly take that long to upload and apply.
 */
export const DEFAULT_SYNC_TIMEOUTS: SyncTimeouts = { baseMs: 60_000, perMegabyteMs: 30_000 };

/** The time limit for one request of `bytes` bytes. */
export function syncTimeoutFor(bytes: number, timeouts: SyncTimeouts = DEFAULT_SYNC_TIMEOUTS): number {
  return Math.round(timeouts.baseMs + (Math.max(0, bytes) / 1_000_000) * timeouts.perMegabyteMs);
}

/**
 * Whether a failed request should be sent again in smaller pieces. A request Excel refused
 * for its size (RequestPayloadSizeLimitExceeded) was refused whole, before any of it ran,
 * so sending it again duplicates nothing. A `GeneralException` after a large request may be
 * the same refusal in disguise; it is sent again only if every part of it lands the same
 * however often it is sent (`replayable`), since Excel may have applied some of it.
 */
export function shouldSendAgainSmaller(code: string | undefined, requestBytes: number, replayable: boolean): boolean {
  if (code === 'RequestPayloadSizeLimitExceeded') return true;
  return code === 'GeneralException' && requestBytes >= LARGE_REQUEST_BYTES && replayable;
}

/** A stored budget as a number within bounds, or undefined if the setting is missing or not a number. */
export function storedBudget(value: unknown): number | undefined {
  const bytes = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(bytes) || bytes <= 0) return undefined;
  return Math.round(Math.min(MAX_REQUEST_BUDGET_BYTES, Math.max(MIN_REQUEST_BUDGET_BYTES, bytes)));
}

/**
 * Queues a read of the stored budget on `context` (it travels with whatever request is sent
 * next, so it costs no round trip of its own) and returns how to get it after that sync:
 * the stored budget, or undefined when none is stored.
 */
export function loadStoredBudget(context: Excel.RequestContext): () => number | undefined {
  const setting = context.workbook.settings.getItemOrNullObject(BUDGET_SETTING).load('value');
  return () => {
    try {
      return setting.isNullObject ? undefined : storedBudget(setting.value);
    } catch {
      // Not loaded (the sync that would carry it failed first): no stored budget is known.
      return undefined;
    }
  };
}

/** Queues writing the budget to the workbook's settings (saved with the workbook). */
export function storeBudget(context: Excel.RequestContext, bytes: number): void {
  context.workbook.settings.add(BUDGET_SETTING, Math.round(bytes));
}
