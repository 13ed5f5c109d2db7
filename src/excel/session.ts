import { DEFAULT_SYNC_TIMEOUT_MS, toHostError, withTimeout } from './officeErrors';

/**
 * The largest request the adapter lets itself send. Excel on the web refuses requests
 * over 5 MB (RequestPayloadSizeLimitExceeded); the estimate below is close but not
 * exact, so the adapter keeps a megabyte in hand. Megabytes are counted as a million
 * bytes, the stricter reading of "5 MB".
 */
export const REQUEST_BUDGET_BYTES = 4_000_000;

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
 * One conversation with Excel: counts syncs, gives every sync a time limit and turns
 * Office errors into plain English, and keeps each request under the byte budget by
 * syncing early only when the next block would cross it.
 */
export class ExcelSession {
  /** Syncs made so far in this session. */
  syncs = 0;
  /** The largest request estimated so far, in bytes. */
  largestRequestBytes = 0;
  private queuedBytes = 0;
  /** Queued again at the start of every batch after a budget sync (e.g. suspending screen updating, which lasts one sync). */
  onNewBatch: (() => void) | undefined;

  constructor(
    readonly context: Excel.RequestContext,
    readonly timeoutMs: number = DEFAULT_SYNC_TIMEOUT_MS,
    readonly budgetBytes: number = REQUEST_BUDGET_BYTES,
  ) {}

  /** Sends what is queued and waits for Excel, within the time limit. */
  async sync(): Promise<void> {
    this.syncs++;
    this.largestRequestBytes = Math.max(this.largestRequestBytes, this.queuedBytes);
    this.queuedBytes = 0;
    try {
      await withTimeout(this.context.sync(), this.timeoutMs);
    } catch (error) {
      throw toHostError(error);
    }
  }

  /**
   * Accounts for a block of about `bytes` the caller is about to queue. If it would take
   * the current request over the budget (and the request is not empty), the queued work
   * is sent first: only then does the sync count grow.
   */
  async reserve(bytes: number): Promise<void> {
    if (this.queuedBytes > 0 && this.queuedBytes + bytes > this.budgetBytes) {
      await this.sync();
      this.onNewBatch?.();
    }
    this.queuedBytes += bytes;
  }

  /** Bytes estimated for the request being built. */
  get pendingBytes(): number {
    return this.queuedBytes;
  }
}
