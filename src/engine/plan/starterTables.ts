import { parameterKeys, parameterTable } from '../parameters';
import { SheetBuilder, rect } from './sheetBuilder';
import type { NumberFormatName, OutputCell, SheetPlan } from './types';

/**
 * The input tables "Insert starter tables" adds to a workbook that lacks them, with a
 * few example rows a finance officer will recognise from the council reports behind
 * the contract: Staffordshire's £75,000 a locality, Tamworth's Community Development
 * Officer on £35,907 in 2012/13 with a 3.816% pay uplift, and a one-off LPSA reward
 * grant pot; and where a user meets v1.1's columns, a post starting part way through a
 * year, a capital line and allocation, ward budgets Shared out, and a reserve. They are
 * ordinary Excel tables: overwrite the examples with real figures.
 */

/** 1 November 2012 as an Excel serial date: the starter new post starts part way through 2012/13 (5/12 of the year). */
const NEW_POST_STARTS = 41214;

/** One starter table: its columns, example rows, and how each column is formatted. */
export interface StarterTable {
  /** The contract name, used as both the sheet's and the table's name. */
  readonly name: 'Localities' | 'Indicators' | 'Parameters' | 'Costs' | 'Funding';
  readonly columns: readonly string[];
  readonly rows: readonly (readonly OutputCell[])[];
  /** Number format per column (index into `columns`); text columns are written as Text. */
  readonly columnFormats: Readonly<Record<number, NumberFormatName>>;
  /** Number formats for single cells where a column holds mixed kinds (Parameters' Value). */
  readonly cellFormats?: readonly { readonly row: number; readonly column: number; readonly format: NumberFormatName }[];
  /** Column widths in characters. */
  readonly widths: readonly number[];
}

/** The five inputs in contract order, each small enough to read at a glance. */
export const starterTables: readonly StarterTable[] = [
  {
    name: 'Localities',
    columns: ['Locality', 'District', 'IMD Rank', 'IMD Score', 'Population', 'Wards', 'Override'],
    rows: [
      ['Tamworth 007D', 'Tamworth', 2391, 41.2, 1620, 1, null],
      ['Tamworth 003A', 'Tamworth', 5120, 33.0, 1480, 1, null],
      ['Tamworth 010B', 'Tamworth', 14876, 17.9, 1710, 1, null],
      ['Cannock Chase 005C', 'Cannock Chase', 3012, 38.5, 1550, 1, null],
      ['Cannock Chase 011A', 'Cannock Chase', 7744, 27.6, 1690, 1, 'Include'],
      ['Cannock Chase 002B', 'Cannock Chase', 21930, 11.4, 1580, 1, 'Exclude'],
    ],
    columnFormats: { 2: 'whole', 3: 'score', 4: 'whole', 5: 'whole' },
    widths: [24, 18, 10, 10, 12, 8, 10],
  },
  {
    name: 'Indicators',
    columns: ['Indicator', 'Weight', 'Direction'],
    rows: [['IMD Score', 1, 'Higher is worse']],
    columnFormats: { 1: 'number' },
    widths: [24, 10, 18],
  },
  {
    // Each parameter's example comes from the parameter table, where the parameter is declared.
    name: 'Parameters',
    columns: ['Parameter', 'Value'],
    rows: parameterKeys.flatMap((k) => {
      const example = parameterTable[k].example;
      return example ? [[parameterTable[k].name, example.value]] : [];
    }),
    columnFormats: {},
    cellFormats: parameterKeys
      .flatMap((k) => (parameterTable[k].example ? [parameterTable[k].example!.format] : []))
      .flatMap((format, row) => (format ? [{ row, column: 1, format }] : [])),
    widths: [22, 14],
  },
  {
    // A part-year post (from a date), a capital line and a Shared out ward budget, as v1.1 reads them.
    name: 'Costs',
    columns: ['Cost line', 'Applies to', 'Type', 'Quantity', 'Unit cost', 'Inflation', 'From', 'To', 'Method'],
    rows: [
      ['Community Development Officer', 'Tamworth 007D', 'Revenue', 1, 35907, 'Pay', '2012/13', null, null],
      ['Locality Manager', 'Programme', 'Revenue', 1, 48000, 'Pay', '2012/13', null, null],
      ['Community Development Officer (new post)', 'Programme', 'Revenue', 1, 35907, 'Pay', NEW_POST_STARTS, null, null],
      ['Community events and room hire', 'Programme', 'Revenue', 1, 12000, 'Non-pay', '2012/13', '2014/15', null],
      ['Community centre refurbishment', 'Programme', 'Capital', 1, 10000, 'None', '2012/13', '2014/15', null],
      ['Ward budgets', 'Shared out', 'Revenue', 1, 30000, 'None', '2012/13', null, 'Per ward'],
    ],
    columnFormats: { 3: 'number', 4: 'money' },
    cellFormats: [{ row: 2, column: 6, format: 'date' }],
    widths: [38, 18, 10, 10, 14, 10, 14, 10, 12],
  },
  {
    name: 'Funding',
    columns: ['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To', 'Status', 'Inflation'],
    rows: [
      ['Mainstream budget', 'Recurring', 150000, null, '2012/13', null, 'Confirmed', 'Pay'],
      ['LPSA reward grant', 'One-off', null, 351000, '2012/13', '2014/15', 'Confirmed', null],
      ['Cohesion grant', 'Recurring', 90600, null, '2012/13', '2013/14', 'At risk', null],
      ['Capital allocation', 'Capital', 10000, null, '2012/13', '2014/15', 'Confirmed', null],
      ['Locality reserve', 'Reserve', null, 50000, null, null, 'Confirmed', null],
    ],
    columnFormats: { 2: 'money', 3: 'money' },
    widths: [22, 12, 16, 14, 10, 10, 12, 10],
  },
];

/** A starter table as a one-sheet plan, so the same writer that writes results writes it. */
export function starterSheetPlan(table: StarterTable): SheetPlan {
  const s = new SheetBuilder(table.name);
  s.add(table.columns);
  for (const row of table.rows) s.add(row);
  const rows = table.rows.length;
  for (const [column, format] of Object.entries(table.columnFormats)) s.format(rect(1, Number(column), rows, 1), format);
  for (const f of table.cellFormats ?? []) s.format(rect(f.row + 1, f.column, 1, 1), f.format);
  s.tables.push({ name: table.name, range: rect(0, 0, rows + 1, table.columns.length), style: 'TableStyleMedium2', showBandedRows: true });
  s.columnWidths = [...table.widths];
  s.freeze = { rows: 1, columns: 0 };
  return s.build();
}
