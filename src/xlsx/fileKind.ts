import type { UnreadableFile } from './fileErrors';

/**
 * What a file that is not a zip package is, told from its first bytes, so the user hears
 * "an Excel 97-2003 workbook: save it as .xlsx" rather than a zip library's complaint.
 * Password-protected .xlsx files and .xls files are both OLE compound documents; the
 * names of the streams inside tell them apart.
 */
export function identifyNonZip(bytes: Uint8Array): UnreadableFile {
  if (bytes.length === 0) return { kind: 'empty' };
  if (isCompoundDocument(bytes)) {
    const names = compoundStreamNames(bytes);
    if (names?.has('encryptedpackage') || names?.has('encryptioninfo')) return { kind: 'encrypted' };
    if (names?.has('workbook') || names?.has('book')) return { kind: 'xls' };
    return { kind: 'compound-document' };
  }
  return identifyText(bytes) ?? { kind: 'not-a-zip' };
}

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function isCompoundDocument(b: Uint8Array): boolean {
  return b.length >= 512 && CFB_SIGNATURE.every((x, i) => b[i] === x);
}

const u16 = (b: Uint8Array, o: number): number => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number): number => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;

/**
 * The names (lower case) of the entries in a compound document's directory ([MS-CFB]),
 * or undefined if the structure cannot be followed. Every chain is bounded, so a damaged
 * file cannot loop.
 */
export function compoundStreamNames(b: Uint8Array): Set<string> | undefined {
  const shift = u16(b, 0x1e);
  if (shift !== 9 && shift !== 12) return undefined;
  const sectorSize = 1 << shift;
  const sectors = Math.floor((b.length - sectorSize) / sectorSize);
  const offsetOf = (sector: number): number => (sector + 1) * sectorSize;
  const valid = (sector: number): boolean => sector < sectors;

  // The sectors holding the allocation table: 109 listed in the header, the rest in a DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = u32(b, 0x4c + i * 4);
    if (s !== FREE && s !== END_OF_CHAIN) fatSectors.push(s);
  }
  let difat = u32(b, 0x44);
  for (let guard = 0; difat !== END_OF_CHAIN && difat !== FREE && guard < sectors; guard++) {
    if (!valid(difat)) return undefined;
    const base = offsetOf(difat);
    const perSector = sectorSize / 4 - 1;
    for (let i = 0; i < perSector; i++) {
      const s = u32(b, base + i * 4);
      if (s !== FREE && s !== END_OF_CHAIN) fatSectors.push(s);
    }
    difat = u32(b, base + perSector * 4);
  }
  const next = (sector: number): number => {
    const perSector = sectorSize / 4;
    const fat = fatSectors[Math.floor(sector / perSector)];
    if (fat === undefined || !valid(fat)) return END_OF_CHAIN;
    return u32(b, offsetOf(fat) + (sector % perSector) * 4);
  };

  const names = new Set<string>();
  let sector = u32(b, 0x30);
  for (let guard = 0; sector !== END_OF_CHAIN && guard < sectors; guard++) {
    if (!valid(sector)) return undefined;
    const base = offsetOf(sector);
    for (let e = 0; e < sectorSize / 128; e++) {
      const entry = base + e * 128;
      const length = u16(b, entry + 0x40);
      const type = b[entry + 0x42];
      if (type === 0 || length < 2 || length > 64) continue;
      let name = '';
      for (let i = 0; i < length - 2; i += 2) name += String.fromCharCode(u16(b, entry + i));
      names.add(name.toLowerCase());
    }
    sector = next(sector);
  }
  return names;
}

/**
 * A text file: CSV (or tab-separated), or XML / HTML (Excel 2003 XML spreadsheets and
 * "web page" .xls files). Binary bytes or invalid UTF-8 mean it is not text.
 */
function identifyText(b: Uint8Array): UnreadableFile | undefined {
  const head = b.subarray(0, 65_536);
  let text: string;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    text = new TextDecoder(head[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(head);
  } else {
    if (head.includes(0)) return undefined;
    try {
      // A cut at 64 KB may split a character: drop up to three bytes at the end.
      text = new TextDecoder('utf-8', { fatal: true }).decode(trimPartialCharacter(head, b.length));
    } catch {
      // Windows-1252 text (CSV from older Excel) is not UTF-8; judge it by its bytes.
      text = new TextDecoder('latin1').decode(head);
    }
  }
  text = text.replace(/^\ufeff/, '');
  // eslint-disable-next-line no-control-regex
  const control = (text.match(/[\u0000-\u0008\u000e-\u001f\u007f]/g) ?? []).length;
  if (control > text.length / 100) return undefined;
  if (/^\s*</.test(text)) return { kind: 'xml-or-web-page' };
  return { kind: 'csv' };
}

function trimPartialCharacter(head: Uint8Array, fullLength: number): Uint8Array {
  if (head.length === fullLength) return head;
  let end = head.length;
  // Step back over continuation bytes to the start of the last character, and leave it out.
  for (let back = 0; back < 3 && end > 0 && (head[end - 1] & 0xc0) === 0x80; back++) end--;
  if (end > 0 && head[end - 1] >= 0xc0) end--;
  return head.subarray(0, end);
}
