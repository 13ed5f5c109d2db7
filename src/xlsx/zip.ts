import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';

/**
 * The workbook package as zip entries. Parts the writer does not change keep their
 * compressed bytes exactly as they came (no inflate, no re-deflate): faster on a large
 * input sheet, and the user's parts stay identical down to the zip stream.
 */
interface Entry {
  /** The stored entry, when the part is unchanged. */
  raw?: { readonly method: number; readonly crc: number; readonly size: number; readonly compressed: Uint8Array };
  /** The part's content, once read or written. */
  data?: Uint8Array;
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;

/** A zip that holds nothing we can read as a package. */
export class ZipError extends Error {
  override readonly name = 'ZipError';
}

export class Package {
  private readonly entries = new Map<string, Entry>();

  /** Opens a zip; anything unusual (zip64, encryption) is read through fflate and rewritten in full. */
  constructor(bytes: Uint8Array) {
    if (!this.readDirectory(bytes)) {
      let files: Record<string, Uint8Array>;
      try {
        files = unzipSync(bytes);
      } catch (e) {
        throw new ZipError(e instanceof Error ? e.message : String(e));
      }
      for (const [name, data] of Object.entries(files)) this.entries.set(name, { data });
    }
  }

  private readDirectory(b: Uint8Array): boolean {
    let eocd = -1;
    for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65_535); i--) {
      if (u32(b, i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return false;
    const count = u16(b, eocd + 10);
    let p = u32(b, eocd + 16);
    if (count === 0xffff || p === 0xffffffff) return false;
    const found = new Map<string, Entry>();
    for (let n = 0; n < count; n++) {
      if (p + 46 > b.length || u32(b, p) !== 0x02014b50) return false;
      const flags = u16(b, p + 8);
      const method = u16(b, p + 10);
      const crc = u32(b, p + 16);
      const compressedSize = u32(b, p + 20);
      const size = u32(b, p + 24);
      const nameLength = u16(b, p + 28);
      const extraLength = u16(b, p + 30);
      const commentLength = u16(b, p + 32);
      const local = u32(b, p + 42);
      const name = new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLength));
      if (flags & 1 || (method !== 0 && method !== 8) || compressedSize === 0xffffffff || local + 30 > b.length || u32(b, local) !== 0x04034b50) return false;
      const start = local + 30 + u16(b, local + 26) + u16(b, local + 28);
      if (start + compressedSize > b.length) return false;
      found.set(name, { raw: { method, crc, size, compressed: b.subarray(start, start + compressedSize) } });
      p += 46 + nameLength + extraLength + commentLength;
    }
    for (const [name, entry] of found) this.entries.set(name, entry);
    return true;
  }

  paths(): string[] {
    return [...this.entries.keys()];
  }

  has(path: string): boolean {
    return this.entries.has(path);
  }

  /** A part's bytes, or undefined if there is no such part. */
  read(path: string): Uint8Array | undefined {
    const entry = this.entries.get(path);
    if (!entry) return undefined;
    if (!entry.data && entry.raw) {
      entry.data = entry.raw.method === 0 ? entry.raw.compressed : new Uint8Array(inflateRawSync(entry.raw.compressed));
    }
    return entry.data;
  }

  write(path: string, data: Uint8Array): void {
    this.entries.set(path, { data });
  }

  remove(path: string): void {
    this.entries.delete(path);
  }

  /** The package as zip bytes: new parts deflated, unchanged ones copied as they were. */
  toBytes(): Uint8Array {
    const chunks: Uint8Array[] = [];
    const central: Uint8Array[] = [];
    let offset = 0;
    const encoder = new TextEncoder();
    for (const [path, entry] of this.entries) {
      let method: number;
      let crc: number;
      let size: number;
      let compressed: Uint8Array;
      if (entry.raw) {
        ({ method, crc, size, compressed } = entry.raw);
      } else {
        const data = entry.data!;
        size = data.length;
        crc = crc32(data);
        // Images and the like are compressed already; XML shrinks tenfold.
        method = /\.(xml|rels|vml)$/i.test(path) ? 8 : 0;
        compressed = method === 8 ? new Uint8Array(deflateRawSync(data, { level: 6 })) : data;
      }
      const name = encoder.encode(path);
      const local = new Uint8Array(30 + name.length);
      const lv = new DataView(local.buffer);
      lv.setUint32(0, 0x04034b50, true);
      lv.setUint16(4, 20, true);
      lv.setUint16(6, 0x0800, true); // names are UTF-8
      lv.setUint16(8, method, true);
      lv.setUint16(10, 0, true);
      lv.setUint16(12, 0x21, true); // 1980-01-01: a fixed date keeps output reproducible
      lv.setUint32(14, crc, true);
      lv.setUint32(18, compressed.length, true);
      lv.setUint32(22, size, true);
      lv.setUint16(26, name.length, true);
      local.set(name, 30);
      const header = new Uint8Array(46 + name.length);
      const cv = new DataView(header.buffer);
      cv.setUint32(0, 0x02014b50, true);
      cv.setUint16(4, 20, true);
      cv.setUint16(6, 20, true);
      cv.setUint16(8, 0x0800, true);
      cv.setUint16(10, method, true);
      cv.setUint16(14, 0x21, true);
      cv.setUint32(16, crc, true);
      cv.setUint32(20, compressed.length, true);
      cv.setUint32(24, size, true);
      cv.setUint16(28, name.length, true);
      cv.setUint32(42, offset, true);
      header.set(name, 46);
      chunks.push(local, compressed);
      central.push(header);
      offset += local.length + compressed.length;
    }
    const centralSize = central.reduce((a, c) => a + c.length, 0);
    const end = new Uint8Array(22);
    const ev = new DataView(end.buffer);
    ev.setUint32(0, 0x06054b50, true);
    ev.setUint16(8, central.length, true);
    ev.setUint16(10, central.length, true);
    ev.setUint32(12, centralSize, true);
    ev.setUint32(16, offset, true);
    const out = new Uint8Array(offset + centralSize + 22);
    let p = 0;
    for (const c of [...chunks, ...central, end]) {
      out.set(c, p);
      p += c.length;
    }
    return out;
  }
}
