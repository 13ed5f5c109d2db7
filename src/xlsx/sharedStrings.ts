import type { WorkbookPackage } from './package';
import { readPartStreaming } from './sax';

/**
 * `_x000D_` is how SpreadsheetML writes a character XML cannot carry (ECMA-376 Part 1,
 * ST_Xstring); `_x005F_` escapes a literal underscore. Excel shows the character.
 */
export function decodeXstring(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The workbook's shared strings, in order, read streaming. A rich-text string is its
 * runs joined; phonetic guides (`<rPh>`, Japanese readings) are not part of the value and
 * are left out, as Excel leaves them out of the cell's value.
 */
export async function readSharedStrings(pkg: WorkbookPackage, part: string | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (part === undefined) return strings;
  let current = '';
  let inText = false;
  let phonetic = 0;
  await readPartStreaming(pkg, part, {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 't') inText = phonetic === 0;
      else if (name === 'rPh') phonetic++;
    },
    close(name) {
      if (name === 'si') strings.push(decodeXstring(current));
      else if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
    },
    text(text) {
      if (inText) current += text;
    },
  });
  return strings;
}
