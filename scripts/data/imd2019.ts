import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * The English Indices of Deprivation 2019, File_1, as the government publishes it: the
 * government's headers (the first with its byte-order mark) and every field as the text in
 * the file, ranks such as "29,199" included. Used by the tests and the benchmark.
 */

/** England's File_1 in ../shared beside the repository (never copied into it). */
export const englandFile1 = path.resolve(__dirname, '../../../shared/data/imd2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz');

/**
 * The rows of Staffordshire's and Leicestershire's fifteen districts from File_1, byte for
 * byte as published (header row, CRLF, quoting), committed under test/data with the Open
 * Government Licence attribution beside it, so the Staffordshire seed runs everywhere.
 */
export const excerptFile1 = path.resolve(__dirname, '../../test/data/imd2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation_Staffordshire_and_Leicestershire.csv.gz');

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

/** A gzipped File_1 (England's, or the excerpt): its header and rows as text; the first `limit` rows if given. */
export function readFile1(file: string, limit?: number): { header: string[]; rows: string[][] } {
  const [header, ...rows] = parseCsv(gunzipSync(readFileSync(file)).toString('utf8'));
  return { header, rows: limit === undefined ? rows : rows.slice(0, limit) };
}
