import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { imdDir } from '../support/requires';

export const file1 = path.join(imdDir, 'File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz');

/** Splits CSV text into rows of fields (RFC 4180 quoting; CRLF or LF line ends). */
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
 * England's File_1 as published: the government's headers (the first with its byte-order
 * mark) and every field as the text in the file, ranks such as "29,199" included.
 */
export function readFile1(): { header: string[]; rows: string[][] } {
  const [header, ...rows] = parseCsv(gunzipSync(readFileSync(file1)).toString('utf8'));
  return { header, rows };
}
