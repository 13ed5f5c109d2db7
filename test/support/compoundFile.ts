/**
 * A minimal OLE compound document ([MS-CFB], version 3, 512-byte sectors) whose directory
 * holds streams of the given names: the container of .xls files and of password-protected
 * .xlsx files (`EncryptionInfo`, `EncryptedPackage`). The streams are empty; only their
 * names tell those files apart, which is all a test of "say why not" needs.
 */
export function compoundFile(streamNames: readonly string[]): Uint8Array {
  const entries = ['Root Entry', ...streamNames];
  const directorySectors = Math.ceil(entries.length / 4);
  const sectors = 1 + directorySectors; // one FAT sector, then the directory
  const out = Buffer.alloc(512 * (1 + sectors));
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(out, 0);
  out.writeUInt16LE(0x3e, 0x18); // minor version
  out.writeUInt16LE(3, 0x1a); // major version
  out.writeUInt16LE(0xfffe, 0x1c); // byte order
  out.writeUInt16LE(9, 0x1e); // 512-byte sectors
  out.writeUInt16LE(6, 0x20); // 64-byte mini sectors
  out.writeUInt32LE(1, 0x2c); // one FAT sector
  out.writeUInt32LE(1, 0x30); // the directory starts at sector 1
  out.writeUInt32LE(4096, 0x38); // mini stream cutoff
  out.writeUInt32LE(0xfffffffe, 0x3c); // no mini FAT
  out.writeUInt32LE(0xfffffffe, 0x44); // no DIFAT sectors
  out.writeUInt32LE(0, 0x4c); // the FAT is sector 0
  for (let i = 1; i < 109; i++) out.writeUInt32LE(0xffffffff, 0x4c + i * 4);
  const fat = 512;
  out.fill(0xff, fat, fat + 512);
  out.writeUInt32LE(0xfffffffd, fat); // sector 0 holds the FAT
  for (let s = 1; s <= directorySectors; s++) out.writeUInt32LE(s === directorySectors ? 0xfffffffe : s + 1, fat + s * 4);
  entries.forEach((name, i) => {
    const at = 512 * 2 + i * 128;
    const units = Buffer.from(`${name}\u0000`, 'utf16le');
    units.copy(out, at);
    out.writeUInt16LE(units.length, at + 0x40);
    out[at + 0x42] = i === 0 ? 5 : 2; // root storage, then streams
    out.writeUInt32LE(0xffffffff, at + 0x44); // left sibling
    out.writeUInt32LE(0xffffffff, at + 0x48); // right sibling
    out.writeUInt32LE(i === 0 && entries.length > 1 ? 1 : 0xffffffff, at + 0x4c); // child
    out.writeUInt32LE(0xfffffffe, at + 0x74); // starting sector: none
  });
  return new Uint8Array(out);
}
