import { toHostError, withTimeout } from './officeErrors';
import {
  DEFAULT_REQUEST_BUDGET_BYTES,
  DEFAULT_SYNC_TIMEOUTS,
  LARGE_REQUEST_BYTES,
  MIN_REQUEST_BUDGET_BYTES,
  type SyncTimeouts,
  shouldSendAgainSmaller,
  syncTimeoutFor,
} from './requestBudget';

/**
 * What one queued operation costs in a request besides its values: Office.js sends each
 * call or property write as an action with object-path ids, about a couple of hundred
 * bytes of JSON.
 */
export const OPERATION_OVERHEAD_BYTES = 200;

/** The JSON size of a value as it travels in a request. */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? '';
  let bytes = text.length;
  // Characters beyond ASCII (the pound sign, accents) take two or more bytes in UTF-8.
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) bytes += text.charCodeAt(i) > 0x7ff ? 2 : 1;
  return bytes;
}

/**
 * One piece of writing: the operations `queue` puts on the request context, and what they
 * cost. A unit must find every object it touches by name (`worksheets.getItem(...)`), never
 * through a proxy an earlier unit made, because the session may queue it again in a later
 * request after a failed one.
 */
export interface WriteUnit {
  /** Estimated request bytes, erring high. */
  readonly bytes: number;
  /**
   * True when sending the unit twice leaves the workbook as sending it once (values, number
   * formats, widths, visibility): only such units are sent again after a `GeneralException`.
   * Adding a sheet, table, chart or conditional format is not.
   */
  readonly replayable: boolean;
  /** What the unit advances on the progress bar: rows of values (as many as `rows`), or one sheet decorated. */
  readonly progress?: { readonly rows: number } | 'sheet';
  readonly queue: () => void;
  /** The same work as two smaller units, when it can be divided (a block of rows): used when the budget halves. */
  readonly split?: () => readonly WriteUnit[];
}

/** A unit divided until each piece fits the budget, or cannot be divided further. */
function piecesWithin(unit: WriteUnit, budget: number): WriteUnit[] {
  if (unit.bytes <= budget || !unit.split) return [unit];
  const halves = unit.split();
  return halves.length > 1 ? halves.flatMap((half) => piecesWithin(half, budget)) : [unit];
}

export interface SessionOptions {
  readonly timeouts?: SyncTimeouts;
  /** The request budget to start from (a calibrated one from the workbook's settings, say). */
  readonly budgetBytes?: number;
}

const codeOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : undefined;

/**
 * One conversation with Excel. Reads queue their loads and call `sync()`; writes go through
 * `write(unit)`, which packs units into requests under the byte budget and, when Excel
 * refuses a request for its size, halves the budget and sends the same units again in
 * smaller requests (never anything from an earlier request, which Excel already applied).
 * Every sync has a time limit that grows with the request's size, and every Office error
 * reaches the caller as a plain-English HostError.
 */
export class ExcelSession {
  /** Syncs made so far in this session, failed ones included. */
  syncs = 0;
  /** The largest request estimated so far, in bytes. */
  largestRequestBytes = 0;
  /** The budget now; halves each time Excel refuses a request for its size. */
  budgetBytes: number;
  /** How many times the budget was halved in this session. */
  halvings = 0;
  /** Queued at the start of every write request (suspending calculation lasts one sync). */
  everyRequest: WriteUnit | undefined;
  /** Called after each write request lands, with the units it carried. */
  onSent: ((units: readonly WriteUnit[]) => void) | undefined;

  private pending: WriteUnit[] = [];
  private queuedBytes = 0;
  private holdsOneOff = false;
  private readonly timeouts: SyncTimeouts;

  constructor(
    readonly context: Excel.RequestContext,
    options: SessionOptions = {},
  ) {
    this.timeouts = options.timeouts ?? DEFAULT_SYNC_TIMEOUTS;
    this.budgetBytes = options.budgetBytes ?? DEFAULT_REQUEST_BUDGET_BYTES;
  }

  /** Bytes estimated for the request being built. */
  get pendingBytes(): number {
    return this.queuedBytes;
  }

  /**
   * Queues a unit of writing. The request so far is sent first when the unit would take it
   * over the budget, or would make a request holding work that cannot be sent twice larger
   * than LARGE_REQUEST_BYTES: so every large request is one that may safely be sent again.
   */
  async write(unit: WriteUnit): Promise<void> {
    if (this.pending.length > 0) {
      const total = this.queuedBytes + unit.bytes;
      const oneOff = this.holdsOneOff || !unit.replayable;
      if (total > this.budgetBytes || (oneOff && total > LARGE_REQUEST_BYTES)) await this.sync();
    }
    if (this.pending.length === 0 && this.everyRequest) this.enqueue(this.everyRequest);
    this.enqueue(unit);
  }

  private enqueue(unit: WriteUnit): void {
    this.pending.push(unit);
    this.queuedBytes += unit.bytes;
    if (!unit.replayable) this.holdsOneOff = true;
    unit.queue();
  }

  /** Sends what is queued and waits for Excel, within a time limit scaled to the request. */
  async sync(): Promise<void> {
    const units = this.pending;
    const bytes = this.queuedBytes;
    this.pending = [];
    this.queuedBytes = 0;
    this.holdsOneOff = false;
    this.syncs++;
    this.largestRequestBytes = Math.max(this.largestRequestBytes, bytes);
    try {
      await withTimeout(this.context.sync(), syncTimeoutFor(bytes, this.timeouts));
    } catch (error) {
      const replayable = units.every((u) => u.replayable);
      const canHalve = Math.floor(this.budgetBytes / 2) >= MIN_REQUEST_BUDGET_BYTES;
      if (units.length > 0 && canHalve && shouldSendAgainSmaller(codeOf(error), bytes, replayable)) {
        this.budgetBytes = Math.floor(this.budgetBytes / 2);
        this.halvings++;
        for (const unit of units) if (unit !== this.everyRequest) for (const piece of piecesWithin(unit, this.budgetBytes)) await this.write(piece);
        await this.sync();
        return;
      }
      throw toHostError(error);
    }
    if (units.length > 0) this.onSent?.(units);
  }
}
