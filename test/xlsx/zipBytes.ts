import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A zip written byte by byte, so a test can make the damaged packages no zip library
 * would write: two entries with one name, names with `../`, sizes that lie, zip64 records.
 */
export interface TestEntry {
  readonly name: string;
  readonly data: Uint8Array | string;
  /** Deflate the data (stored otherwise). */
  readonly deflate?: boolean;
  /** Declare this inflated size instead of the real one. */
  readonly declaredSize?: number;
  /** Put the name in the local header differently from the central directory. */
  readonly localName?: string;
  /** Write the sizes and offset as 0xFFFFFFFF with a zip64 extra field holding them. */
  readonly zip64?: boolean;
  /** Override the compressed bytes (after deflating, if asked). */
  readonly compressed?: Uint8Array;
  /** Override the checksum. */
  readonly crc?: number;
}

export function zipBytes(entries: readonly TestEntry[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : Buffer.from(e.data);
    const compressed = Buffer.from(e.compressed ?? (e.deflate ? deflateRawSync(data) : data));
    const method = e.deflate ? 8 : 0;
    const crc = e.crc ?? crc32(data);
    const size = e.declaredSize ?? data.length;
    const name = Buffer.from(e.name, 'utf8');
    const localName = Buffer.from(e.localName ?? e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(localName.length, 26);
    chunks.push(local, localName, compressed);
    let extra = Buffer.alloc(0);
    if (e.zip64) {
      extra = Buffer.alloc(4 + 24);
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(compressed.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(45, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(e.zip64 ? 0xffffffff : compressed.length, 20);
    header.writeUInt32LE(e.zip64 ? 0xffffffff : size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt16LE(extra.length, 30);
    header.writeUInt32LE(e.zip64 ? 0xffffffff : offset, 42);
    central.push(header, name, extra);
    offset += local.length + localName.length + compressed.length;
  }
  const centralBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, centralBytes, end]));
}
