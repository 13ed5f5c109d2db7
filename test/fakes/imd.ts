import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { imdDir } from '../support/requires';
import type { CellSpec, SheetSpec } from './fakeExcel';

/**
 * The IoD2019 File_1 as a user would paste it into a Localities sheet: every cell
 * text, numbers with thousands separators ("29,199"), the published headers as they are.
 */

/** Splits CSV text into rows: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
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

export const imdFile1 = path.join(imdDir, 'File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz');

/** File_1's header and rows (all text), the first `limit` data rows if given. */
export function readImdFile1(limit?: number): { header: string[]; rows: string[][] } {
  const [header, ...rows] = parseCsv(gunzipSync(readFileSync(imdFile1)).toString('utf8'));
  return { header, rows: limit === undefined ? rows : rows.slice(0, limit) };
}

/**
 * A workbook for a run over pasted IoD2019 rows: Localities as a plain sheet, and small
 * Parameters, Costs and Funding tables (one locality chosen per district, £75,000 each).
 */
export function imdWorkbookSheets(localities: { header: string[]; rows: string[][] }): SheetSpec[] {
  const cells: CellSpec[][] = [localities.header, ...localities.rows];
  return [
    { name: 'Localities', cells },
    {
      name: 'Inputs',
      cells: [
        ['Parameter', 'Value'],
        ['First year', '2019/20'],
        ['Per district', 1],
        ['Cost per locality', '£75,000'],
        [],
        ['Cost line', 'Applies to', 'Unit cost'],
        ['Locality Manager', 'Programme', 48000],
        [],
        ['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To'],
        ['Mainstream budget', 'Recurring', 20_000_000, null, '2019/20', null],
        ['Reward grant', 'One-off', null, 5_000_000, '2019/20', '2021/22'],
      ],
      numberFormats: { 'B2:B4': '@', 'E9:F11': '@' },
      tables: [
        { name: 'Parameters', range: 'A1:B4' },
        { name: 'Costs', range: 'A6:C7' },
        { name: 'Funding', range: 'A9:F11' },
      ],
    },
  ];
}
