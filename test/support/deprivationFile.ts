import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { imdDir } from './requires';

/** England's IoD2019 File_1, read from ../shared at test time (never copied into the repository). */
export const imdFile1 = path.join(imdDir, 'File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz');

/** Splits CSV text into rows of fields (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * File_1 as published: the government's headers (the first with its byte-order mark) and
 * every field as the text in the file, ranks such as "29,199" included; the first `limit`
 * data rows if given.
 */
export function readImdFile1(limit?: number): { header: string[]; rows: string[][] } {
  const [header, ...rows] = parseCsv(gunzipSync(readFileSync(imdFile1)).toString('utf8'));
  return { header, rows: limit === undefined ? rows : rows.slice(0, limit) };
}
