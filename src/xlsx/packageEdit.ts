import { type ZlibOptions, createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';
import { once } from 'node:events';
import { type WorkbookPackage } from './package';
import { type ZipOutputEntry, partKey, writeZip } from './zip';

/**
 * Deflate level for the parts the tool writes. Level 2 packs the results' XML to within
 * about a sixth of level 6 in a third of the time; on England's 17 MB Priorities sheet
 * that is the difference between a quarter and a twelfth of a second.
 */
export const DEFLATE_LEVEL = 2;

/** A part already deflated, with what its zip entry needs. */
export interface DeflatedPart {
  readonly crc: number;
  readonly size: number;
  readonly compressed: readonly Uint8Array[];
}

/** Text is encoded straight into buffers of this size, each handed to zlib once full. */
const BUFFER = 512 * 1024;

/**
 * A part's bytes as a zip entry: XML deflated (it shrinks tenfold), anything else (images
 * and the like, compressed already) stored. Deflated here, on the main thread, in one call:
 * for the small parts this is used for, zlib's sync call costs less than handing the work
 * to zlib's thread and waiting for it.
 */
export function zipEntryOf(name: string, data: Uint8Array): ZipOutputEntry {
  const deflate = /\.(xml|rels|vml)$/i.test(name);
  return { name, method: deflate ? 8 : 0, crc: crc32(data), size: data.length, compressed: [deflate ? deflateRawSync(data, { level: DEFLATE_LEVEL }) : data] };
}

/**
 * Deflates text produced a piece at a time, so a part of any size is never held whole:
 * each piece is encoded into a buffer as it comes. A part that fits in one buffer (every
 * sheet of a council's usual workbook) is deflated there in one sync call, since the main
 * thread would only sit idle waiting for zlib's thread; a bigger one (England's Priorities
 * sheet) is streamed, zlib working on one full buffer on its own thread while the next is
 * being filled, so it never holds the whole text.
 */
export async function deflateText(pieces: Iterable<string>): Promise<DeflatedPart> {
  let deflater: ReturnType<typeof createDeflateRaw> | undefined;
  const compressed: Uint8Array[] = [];
  let done: Promise<unknown> = Promise.resolve();
  /** Starts streaming: called when the text first outgrows one buffer. */
  const streaming = (): ReturnType<typeof createDeflateRaw> => {
    if (deflater) return deflater;
    // Room for two buffers before write asks to wait: with the default 16 KB every buffer
    // waited to be deflated before the next was filled, and the two threads took turns.
    // (Node passes a stream option on to the stream; its zlib types do not list them.)
    const options: ZlibOptions & { writableHighWaterMark: number } = { level: DEFLATE_LEVEL, chunkSize: BUFFER, writableHighWaterMark: 2 * BUFFER };
    const made = createDeflateRaw(options);
    made.on('data', (chunk: Buffer) => compressed.push(chunk));
    done = once(made, 'end');
    deflater = made;
    return made;
  };
  let crc = 0;
  let size = 0;
  let buffer = Buffer.allocUnsafe(BUFFER);
  let used = 0;
  const send = async (bytes: Uint8Array): Promise<void> => {
    crc = crc32(bytes, crc);
    size += bytes.length;
    const d = streaming();
    if (!d.write(bytes)) await once(d, 'drain');
  };
  const flush = async (): Promise<void> => {
    if (used === 0) return;
    const full = buffer.subarray(0, used);
    buffer = Buffer.allocUnsafe(BUFFER);
    used = 0;
    await send(full);
  };
  for (const piece of pieces) {
    // A UTF-16 code unit is at most three bytes of UTF-8.
    if (used + piece.length * 3 > BUFFER) {
      await flush();
      if (piece.length * 3 > BUFFER) {
        await send(Buffer.from(piece, 'utf8'));
        continue;
      }
    }
    used += buffer.write(piece, used, 'utf8');
  }
  if (!deflater) {
    // The whole part is in the one buffer: deflate it here, with nothing to wait for.
    const whole = buffer.subarray(0, used);
    return { crc: crc32(whole), size: used, compressed: [deflateRawSync(whole, { level: DEFLATE_LEVEL })] };
  }
  await flush();
  deflater.end();
  await done;
  return { crc, size, compressed };
}

type Change = { readonly name: string; readonly data: Uint8Array } | { readonly name: string; readonly deflated: DeflatedPart } | null;

/**
 * The changes a run makes to a package, over the package as it was read: parts written,
 * parts removed, everything else copied as it was stored, byte for byte, without being
 * inflated. Part names compare as Excel compares them (case and %-escapes ignored).
 */
export class PackageEdit {
  private readonly changes = new Map<string, Change>();
  /** Parts new to the package, in the order they were first written. */
  private readonly added: string[] = [];

  constructor(readonly pkg: WorkbookPackage) {}

  private existing(part: string): string | undefined {
    return this.pkg.entry(part)?.name;
  }

  /** A part's current content. */
  read(part: string): Uint8Array | undefined {
    const change = this.changes.get(partKey(part));
    if (change === null) return undefined;
    if (change) {
      if ('data' in change) return change.data;
      throw new Error(`${part} was written deflated and cannot be read back`);
    }
    return this.pkg.bytes(part);
  }

  has(part: string): boolean {
    const change = this.changes.get(partKey(part));
    return change === undefined ? this.existing(part) !== undefined : change !== null;
  }

  /** Every part name now in the package (not folders). */
  paths(): string[] {
    const out: string[] = [];
    for (const e of this.pkg.entries()) if (!e.folder && this.changes.get(partKey(e.name)) !== null) out.push(e.name);
    for (const key of this.added) {
      const change = this.changes.get(key);
      if (change) out.push(change.name);
    }
    return out;
  }

  private set(part: string, change: Exclude<Change, null>): void {
    const key = partKey(part);
    const name = this.existing(part) ?? part;
    if (this.existing(part) === undefined && !this.added.includes(key)) this.added.push(key);
    this.changes.set(key, { ...change, name });
  }

  write(part: string, data: Uint8Array | string): void {
    this.set(part, { name: part, data: typeof data === 'string' ? Buffer.from(data, 'utf8') : data });
  }

  writeDeflated(part: string, deflated: DeflatedPart): void {
    this.set(part, { name: part, deflated });
  }

  remove(part: string): void {
    if (this.has(part)) this.changes.set(partKey(part), null);
  }

  /** The new package: changed parts deflated, unchanged ones copied as stored, new ones at the end. */
  toBytes(): Uint8Array {
    const entries: ZipOutputEntry[] = [];
    const changed = (name: string, change: Exclude<Change, null>): ZipOutputEntry => {
      if ('deflated' in change) return { name, method: 8, ...change.deflated };
      return zipEntryOf(name, change.data);
    };
    for (const e of this.pkg.entries()) {
      const change = this.changes.get(partKey(e.name));
      if (change === null) continue;
      if (change && !e.folder) entries.push(changed(e.name, change));
      else entries.push({ name: e.name, method: e.method, crc: e.crc, size: e.size, compressed: [this.pkg.stored(e)] });
    }
    for (const key of this.added) {
      const change = this.changes.get(key);
      if (change) entries.push(changed(change.name, change));
    }
    return writeZip(entries);
  }
}
