import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import { WorkbookFileError, damaged } from './fileErrors';

/**
 * The zip layer of a workbook package, read once with Node's zlib: the central directory
 * is parsed and checked up front, and each entry is inflated only when asked for. Excel
 * finds entries through the central directory, so that is the only index believed; an
 * entry whose local header disagrees with it is damage, never a second opinion.
 */

/** One stored entry, as the central directory describes it. */
export interface ZipEntry {
  /** The name as stored (for a workbook part: its part name without the leading `/`). */
  readonly name: string;
  /** 0 stored, 8 deflated: the only methods Excel writes or reads. */
  readonly method: 0 | 8;
  readonly crc: number;
  readonly compressedSize: number;
  /** The inflated size the directory declares; inflating never goes past it. */
  readonly size: number;
  /** Where the entry's compressed bytes start in the file. */
  readonly dataStart: number;
  /** A folder entry (`xl/`), which some writers add; it holds nothing. */
  readonly folder: boolean;
}

/** A new or copied entry for {@link writeZip}. */
export interface ZipOutputEntry {
  readonly name: string;
  readonly method: 0 | 8;
  readonly crc: number;
  readonly size: number;
  /** The compressed bytes, in pieces (a big part arrives from the deflater in chunks). */
  readonly compressed: readonly Uint8Array[];
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_END64_LOCATOR = 0x07064b50;

const u16 = (b: Uint8Array, o: number): number => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number): number => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
/** A 64-bit field as a number: exact up to 2^53, far beyond any file this tool can hold in memory. */
const u64 = (b: Uint8Array, o: number): number => u32(b, o) + u32(b, o + 4) * 2 ** 32;

/** True when the bytes start like a zip file (a local header, or the end record of an empty zip). */
export function looksLikeZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (u32(b, 0) === SIG_LOCAL || u32(b, 0) === SIG_END);
}

/**
 * Why an entry name is not a part name Excel could have written, or undefined if it is
 * fine. A name that climbs out of the package (`../`), starts at the root, or uses `\`
 * would be read differently by different programs, so the package is refused rather
 * than guessed at.
 */
export function badEntryName(name: string): string | undefined {
  if (name === '') return 'an entry has no name';
  if (name.includes('\\')) return `the entry "${name}" has a backslash in its name`;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return `the entry "${name}" has an absolute name`;
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  if (segments.some((s) => s === '..' || s === '.')) return `the entry "${name}" points outside the package`;
  if (segments.some((s) => s === '')) return `the entry "${name}" has an empty folder name`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) return 'an entry has a control character in its name';
  return undefined;
}

/**
 * The key two names are the same part by: part names compare without regard to ASCII
 * case, and `%41` is `A` (ECMA-376 Part 2, §6.2.2.3).
 */
export function partKey(name: string): string {
  let decoded = name;
  if (name.includes('%')) {
    try {
      decoded = decodeURIComponent(name);
    } catch {
      decoded = name;
    }
  }
  return decoded.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Finds the end-of-central-directory record: the last one whose comment runs exactly to the end, else the last one found. */
function findEnd(b: Uint8Array): number {
  let found = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65_535); i--) {
    if (u32(b, i) !== SIG_END) continue;
    if (i + 22 + u16(b, i + 20) === b.length) return i;
    if (found < 0) found = i;
  }
  return found;
}

/** The zip's entries, read from its central directory and checked; throws {@link WorkbookFileError}. */
export class ZipReader {
  readonly entries: readonly ZipEntry[];

  constructor(private readonly bytes: Uint8Array) {
    this.entries = this.readDirectory();
  }

  private readDirectory(): ZipEntry[] {
    const b = this.bytes;
    const end = findEnd(b);
    if (end < 0) throw new WorkbookFileError({ kind: 'not-a-zip' });
    let count = u16(b, end + 10);
    let offset = u32(b, end + 16);
    let size = u32(b, end + 12);
    if (u16(b, end + 4) !== 0 || u16(b, end + 6) !== 0 || u16(b, end + 8) !== count) throw damaged('it is split across several files');
    const locator = end - 20;
    if (locator >= 0 && u32(b, locator) === SIG_END64_LOCATOR) {
      const end64 = u64(b, locator + 8);
      if (end64 + 56 > b.length || u32(b, end64) !== SIG_END64) throw damaged('its zip64 directory is missing');
      count = u64(b, end64 + 32);
      size = u64(b, end64 + 40);
      offset = u64(b, end64 + 48);
    }
    if (offset + size > b.length) throw new WorkbookFileError({ kind: 'not-a-zip' });
    const entries: ZipEntry[] = [];
    const seen = new Map<string, string>();
    const utf8 = new TextDecoder('utf-8', { fatal: false });
    const latin1 = new TextDecoder('latin1');
    let p = offset;
    for (let n = 0; n < count; n++) {
      if (p + 46 > b.length || u32(b, p) !== SIG_CENTRAL) throw damaged('its list of entries is cut short');
      const flags = u16(b, p + 8);
      const method = u16(b, p + 10);
      const crc = u32(b, p + 16);
      let compressedSize = u32(b, p + 20);
      let entrySize = u32(b, p + 24);
      const nameLength = u16(b, p + 28);
      const extraLength = u16(b, p + 30);
      const commentLength = u16(b, p + 32);
      let local = u32(b, p + 42);
      const nameBytes = b.subarray(p + 46, p + 46 + nameLength);
      // Bit 11: the name is UTF-8; otherwise it is code page 437, which for the ASCII names workbooks use reads the same as Latin-1.
      const name = (flags & 0x800 ? utf8 : latin1).decode(nameBytes);
      const extra = b.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
      ({ compressedSize, entrySize, local } = zip64Sizes(extra, compressedSize, entrySize, local));
      p += 46 + nameLength + extraLength + commentLength;

      const why = badEntryName(name);
      if (why) throw damaged(why);
      const key = partKey(name);
      const first = seen.get(key);
      if (first !== undefined) throw damaged(first === name ? `two entries are named ${name}` : `two entries, ${first} and ${name}, name the same part`);
      seen.set(key, name);
      if (flags & 1) throw new WorkbookFileError({ kind: 'encrypted' });
      if (method !== 0 && method !== 8) throw damaged(`the entry ${name} is compressed in a way Excel does not use (method ${method})`);
      if (local + 30 > b.length || u32(b, local) !== SIG_LOCAL) throw damaged(`the entry ${name} is missing`);
      const localNameLength = u16(b, local + 26);
      const localName = b.subarray(local + 30, local + 30 + localNameLength);
      if (!sameBytes(localName, nameBytes)) throw damaged(`the entry listed as ${name} is stored under another name`);
      const dataStart = local + 30 + localNameLength + u16(b, local + 28);
      if (dataStart + compressedSize > b.length) throw damaged(`the entry ${name} is cut short`);
      entries.push({ name, method, crc, compressedSize, size: entrySize, dataStart, folder: name.endsWith('/') });
    }
    return entries;
  }

  /** An entry's bytes as stored (still compressed), for copying into a new zip unchanged. */
  stored(entry: ZipEntry): Uint8Array {
    return this.bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  }

  /**
   * An entry's content, inflated in one go. Refused with {@link WorkbookFileError} when
   * it declares more than `limit` bytes, inflates to anything but what it declares, or
   * fails its checksum.
   */
  inflate(entry: ZipEntry, limit: number): Uint8Array {
    checkDeclaredSize(entry, limit);
    const raw = this.stored(entry);
    let data: Uint8Array;
    if (entry.method === 0) {
      data = raw;
    } else {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size) });
      } catch {
        throw damaged(`the entry ${entry.name} does not unpack`);
      }
    }
    if (data.length !== entry.size || crc32(data) !== entry.crc) throw damaged(`the entry ${entry.name} does not match its checksum`);
    return data;
  }

  /**
   * Inflates an entry a piece at a time, handing each piece to `onChunk` and keeping
   * none, so a part of any size is read in a few hundred kilobytes. Checked as
   * {@link inflate} is, and stopped as soon as it passes what it declared.
   */
  async inflateChunks(entry: ZipEntry, limit: number, onChunk: (chunk: Uint8Array) => void): Promise<void> {
    checkDeclaredSize(entry, limit);
    const raw = this.stored(entry);
    if (entry.method === 0) {
      if (raw.length !== entry.size || crc32(raw) !== entry.crc) throw damaged(`the entry ${entry.name} does not match its checksum`);
      for (let i = 0; i < raw.length; i += CHUNK) onChunk(raw.subarray(i, i + CHUNK));
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const inflater = createInflateRaw({ chunkSize: CHUNK });
      let size = 0;
      let crc = 0;
      let failed = false;
      const fail = (e: unknown) => {
        if (failed) return;
        failed = true;
        inflater.destroy();
        reject(e);
      };
      inflater.on('data', (chunk: Buffer) => {
        if (failed) return;
        size += chunk.length;
        if (size > entry.size) return fail(damaged(`the entry ${entry.name} unpacks to more than it declares`));
        crc = crc32(chunk, crc);
        try {
          onChunk(chunk);
        } catch (e) {
          fail(e);
        }
      });
      inflater.on('error', () => fail(damaged(`the entry ${entry.name} does not unpack`)));
      inflater.on('end', () => {
        if (failed) return;
        if (size !== entry.size || crc !== entry.crc) fail(damaged(`the entry ${entry.name} does not match its checksum`));
        else resolve();
      });
      inflater.end(raw);
    });
  }
}

/** Pieces of 256 KB: few enough calls into the XML tokenizer, small enough to keep memory flat. */
const CHUNK = 256 * 1024;

function checkDeclaredSize(entry: ZipEntry, limit: number): void {
  if (entry.size > limit) throw new WorkbookFileError({ kind: 'too-large', part: entry.name, limitMb: Math.round(limit / 1e6) });
}

/** Sizes and offset from a zip64 extra field (id 1), for those the header marks as 0xFFFFFFFF. */
function zip64Sizes(extra: Uint8Array, compressedSize: number, entrySize: number, local: number): { compressedSize: number; entrySize: number; local: number } {
  if (compressedSize !== 0xffffffff && entrySize !== 0xffffffff && local !== 0xffffffff) return { compressedSize, entrySize, local };
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = u16(extra, i);
    const length = u16(extra, i + 2);
    if (id === 1) {
      let q = i + 4;
      const next = (): number => {
        const v = u64(extra, q);
        q += 8;
        return v;
      };
      if (entrySize === 0xffffffff) entrySize = next();
      if (compressedSize === 0xffffffff) compressedSize = next();
      if (local === 0xffffffff) local = next();
      return { compressedSize, entrySize, local };
    }
    i += 4 + length;
  }
  throw damaged('an entry is missing its zip64 sizes');
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A zip file of the given entries, in order. Every entry is dated 1980-01-01, so the
 * same workbook and plan give the same bytes.
 */
export function writeZip(entries: readonly ZipOutputEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const names = entries.map((e) => encoder.encode(e.name));
  const compressedLength = entries.map((e) => e.compressed.reduce((n, c) => n + c.length, 0));
  let total = 22;
  for (let i = 0; i < entries.length; i++) total += 30 + names[i].length + compressedLength[i] + 46 + names[i].length;
  if (total > 0xffffffff || entries.length > 0xffff) throw new RangeError('The results workbook would be larger than a zip file without zip64 can hold.');
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let p = 0;
  const offsets: number[] = [];
  entries.forEach((e, i) => {
    offsets.push(p);
    view.setUint32(p, SIG_LOCAL, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, 0x0800, true); // names are UTF-8
    view.setUint16(p + 8, e.method, true);
    view.setUint16(p + 10, 0, true);
    view.setUint16(p + 12, 0x21, true); // 1980-01-01: a fixed date keeps output reproducible
    view.setUint32(p + 14, e.crc, true);
    view.setUint32(p + 18, compressedLength[i], true);
    view.setUint32(p + 22, e.size, true);
    view.setUint16(p + 26, names[i].length, true);
    out.set(names[i], p + 30);
    p += 30 + names[i].length;
    for (const piece of e.compressed) {
      out.set(piece, p);
      p += piece.length;
    }
  });
  const centralStart = p;
  entries.forEach((e, i) => {
    view.setUint32(p, SIG_CENTRAL, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, 20, true);
    view.setUint16(p + 8, 0x0800, true);
    view.setUint16(p + 10, e.method, true);
    view.setUint16(p + 14, 0x21, true);
    view.setUint32(p + 16, e.crc, true);
    view.setUint32(p + 20, compressedLength[i], true);
    view.setUint32(p + 24, e.size, true);
    view.setUint16(p + 28, names[i].length, true);
    view.setUint32(p + 42, offsets[i], true);
    out.set(names[i], p + 46);
    p += 46 + names[i].length;
  });
  view.setUint32(p, SIG_END, true);
  view.setUint16(p + 8, entries.length, true);
  view.setUint16(p + 10, entries.length, true);
  view.setUint32(p + 12, p - centralStart, true);
  view.setUint32(p + 16, centralStart, true);
  return out;
}
