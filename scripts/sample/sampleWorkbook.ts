/**
 * The sample workbook, as readable data: an invented county (Kestrelshire) with 8
 * districts and 56 neighbourhoods, a staff team with a post starting part way through
 * a year, a capital refurbishment paid from a capital allocation (with slippage), a
 * recurring budget with an uplift, a grant that ends, a one-off fund, a reserve, the
 * area councils' devolved pot and a Shared out locality action fund. `npm run sample`
 * writes it to assets/sample-workbook.xlsx; the browser and parity tests load the same
 * data into the fake Excel.
 */
export type SampleCell = string | number | Date | null;

/** A date cell: a calendar day (UTC midnight), written as an Excel date. */
const day = (isoDate: string): Date => new Date(`${isoDate}T00:00:00Z`);

/** The Excel serial number of a date cell (1900 date system), as Office.js hands it over. */
export function excelSerial(date: Date): number {
  return Math.round((date.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/** A sample cell as Excel's values hold it: a date is its serial number (its column carries a date format). */
export const asExcelValue = (cell: SampleCell): string | number | null => (cell instanceof Date ? excelSerial(cell) : cell);

export interface SampleTable {
  /** The Excel table's name (and its sheet's, unless `sheet` says otherwise). */
  readonly name: string;
  /** The sheet it is on, when not named after the table (the Scenarios table: a run writes a Scenarios sheet of its own). */
  readonly sheet?: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly SampleCell[])[];
  /** Column widths in characters. */
  readonly widths: readonly number[];
  /** Number formats by column index. */
  readonly formats?: Readonly<Record<number, string>>;
}

const money = '"£"#,##0;[Red]("£"#,##0)';
const date = 'd mmm yyyy';

const localities: readonly (readonly SampleCell[])[] = [
  ['Alderbrook 001A', 'Alderbrook', 9384, 2122, 3, null, null],
  ['Alderbrook 002B', 'Alderbrook', 18926, 1805, 3, null, null],
  ['Alderbrook 003C', 'Alderbrook', 9497, 2141, 2, null, null],
  ['Alderbrook 004D', 'Alderbrook', 30713, 2106, 2, null, null],
  ['Alderbrook 005A', 'Alderbrook', 3088, 1918, 1, null, null],
  ['Alderbrook 006B', 'Alderbrook', 21108, 1716, 4, null, null],
  ['Alderbrook 007C', 'Alderbrook', 2377, 1830, 4, null, null],
  ['Brackenford 001A', 'Brackenford', 15537, 1284, 2, null, null],
  ['Brackenford 002B', 'Brackenford', 26169, 2002, 3, null, null],
  ['Brackenford 003C', 'Brackenford', 15818, 1472, 1, null, null],
  ['Brackenford 004D', 'Brackenford', 24085, 2097, 2, null, null],
  ['Brackenford 005A', 'Brackenford', 20910, 1943, 1, null, null],
  ['Brackenford 006B', 'Brackenford', 7334, 1929, 1, null, null],
  ['Brackenford 007C', 'Brackenford', 163, 2134, 3, null, null],
  ['Castlemere 001A', 'Castlemere', 18376, 2158, 1, null, null],
  ['Castlemere 002B', 'Castlemere', 17322, 2368, 2, null, null],
  ['Castlemere 003C', 'Castlemere', 8842, 1934, 4, null, null],
  ['Castlemere 004D', 'Castlemere', 31734, 1260, 4, null, null],
  ['Castlemere 005A', 'Castlemere', 3133, 1476, 1, null, null],
  ['Castlemere 006B', 'Castlemere', 10660, 1213, 1, null, null],
  ['Castlemere 007C', 'Castlemere', 986, 1717, 3, null, null],
  ['Dunholt 001A', 'Dunholt', 21760, 1883, 1, null, null],
  ['Dunholt 002B', 'Dunholt', 1087, 2080, 4, null, null],
  ['Dunholt 003C', 'Dunholt', 8410, 1454, 2, null, null],
  ['Dunholt 004D', 'Dunholt', 16675, 2153, 3, null, null],
  ['Dunholt 005A', 'Dunholt', 25109, 2102, 4, null, null],
  ['Dunholt 006B', 'Dunholt', 27557, 1993, 4, null, null],
  ['Dunholt 007C', 'Dunholt', 426, 1460, 2, 'Exclude', 'Covered by the housing-led renewal scheme until 2027'],
  ['Eastwick 001A', 'Eastwick', 4904, 2170, 2, null, null],
  ['Eastwick 002B', 'Eastwick', 4071, 2110, 4, null, null],
  ['Eastwick 003C', 'Eastwick', 28004, 2167, 3, null, null],
  ['Eastwick 004D', 'Eastwick', 24205, 1348, 3, null, null],
  ['Eastwick 005A', 'Eastwick', 5790, 1541, 4, null, null],
  ['Eastwick 006B', 'Eastwick', 19806, 1693, 2, null, null],
  ['Eastwick 007C', 'Eastwick', 10322, 2011, 1, null, null],
  ['Fernley Vale 001A', 'Fernley Vale', 21257, 1518, 1, null, null],
  ['Fernley Vale 002B', 'Fernley Vale', 15605, 2104, 2, null, null],
  ['Fernley Vale 003C', 'Fernley Vale', 15961, 1980, 2, null, null],
  ['Fernley Vale 004D', 'Fernley Vale', 28886, 1426, 1, null, null],
  ['Fernley Vale 005A', 'Fernley Vale', 9472, 1997, 2, 'Include', 'District priority: new estate with no community centre'],
  ['Fernley Vale 006B', 'Fernley Vale', 15824, 2031, 2, null, null],
  ['Fernley Vale 007C', 'Fernley Vale', 17355, 2282, 1, null, null],
  ['Greyhaven 001A', 'Greyhaven', 5927, 1455, 2, null, null],
  ['Greyhaven 002B', 'Greyhaven', 21568, 1468, 2, null, null],
  ['Greyhaven 003C', 'Greyhaven', 30301, 1642, 1, null, null],
  ['Greyhaven 004D', 'Greyhaven', 30737, 1627, 2, null, null],
  ['Greyhaven 005A', 'Greyhaven', 9399, 1792, 4, null, null],
  ['Greyhaven 006B', 'Greyhaven', 20274, 2278, 3, null, null],
  ['Greyhaven 007C', 'Greyhaven', 26642, 1595, 4, null, null],
  ['Harrowby 001A', 'Harrowby', 5793, 1297, 4, null, null],
  ['Harrowby 002B', 'Harrowby', 29644, 1362, 4, null, null],
  ['Harrowby 003C', 'Harrowby', 26221, 2234, 3, null, null],
  ['Harrowby 004D', 'Harrowby', 19650, 1738, 3, null, null],
  ['Harrowby 005A', 'Harrowby', 2153, 2344, 3, null, null],
  ['Harrowby 006B', 'Harrowby', 7175, 1439, 4, null, null],
  ['Harrowby 007C', 'Harrowby', 13787, 2141, 2, null, null],
];

export const sampleTables: readonly SampleTable[] = [
  {
    name: 'Localities',
    header: ['Locality', 'District', 'IMD Rank', 'Population', 'Wards', 'Override', 'Notes'],
    rows: localities,
    widths: [22, 16, 10, 12, 8, 10, 52],
    formats: { 2: '#,##0', 3: '#,##0' },
  },
  {
    name: 'Parameters',
    header: ['Parameter', 'Value'],
    rows: [
      ['First year', '2024/25'],
      ['Years', 5],
      ['Per district', 1],
      ['Additional', 2],
      ['Cost per locality', 75000],
      ['Programme multiplier', 1],
      ['Pay inflation', '3.5%'],
      ['Non-pay inflation', '2%'],
      ['Shortfall tolerance', 5000],
      ['Allocation pot', 210000],
      ['Allocation method', 'Per ward'],
      ['Allocate to', 'Selected'],
    ],
    widths: [24, 16],
  },
  {
    name: 'Costs',
    header: ['Cost line', 'Applies to', 'Type', 'Quantity', 'Unit cost', 'Inflation', 'From', 'To', 'Method', '2024/25', '2025/26', '2026/27'],
    rows: [
      ['Programme Manager', 'Programme', 'Revenue', 1, 58000, 'Pay', null, null, null, null, null, null],
      ['Data and performance officer', 'Programme', 'Revenue', 0.5, 36000, 'Pay', null, null, null, null, null, null],
      // A post starting part way through a year counts its share of that year (5/12 from 1 November).
      ['Community development officer', 'Programme', 'Revenue', 1, 34000, 'Pay', day('2024-11-01'), null, null, null, null, null],
      ['Community chest grants', 'Each locality', 'Revenue', 1, 5000, 'Non-pay', null, null, null, null, null, null],
      ['Office and running costs', 'Programme', 'Revenue', 1, 18500, 'Non-pay', null, null, null, null, null, null],
      ['Community building rent', 'Brackenford 007C', 'Revenue', 1, 12000, 'Non-pay', null, null, null, null, null, null],
      ['Independent evaluation', 'Programme', 'Revenue', 1, null, 'None', null, null, null, null, null, 15000],
      // Capital spend slipping: less than the allocation in the first year, more in the next two.
      ['Community hub refurbishment', 'Programme', 'Capital', 1, null, 'None', null, null, null, 20000, 70000, 60000],
      ['Locality action fund', 'Shared out', 'Revenue', 1, 40000, 'Non-pay', null, null, 'Need weighted', null, null, null],
    ],
    widths: [30, 18, 10, 10, 12, 10, 14, 10, 14, 12, 12, 12],
    formats: { 4: money, 6: date, 9: money, 10: money, 11: money },
  },
  {
    name: 'Funding',
    header: ['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To', 'Status', 'Inflation'],
    rows: [
      ['Council mainstream budget', 'Recurring', 700000, null, null, null, 'Confirmed', '2%'],
      ['Safer Communities grant', 'Recurring', 150000, null, null, '2025/26', 'Confirmed', null],
      ['Health partnership contribution', 'Recurring', 60000, null, null, null, 'At risk', null],
      ['Neighbourhood renewal fund', 'One-off', null, 400000, '2024/25', '2027/28', 'Confirmed', null],
      ['Capital programme allocation', 'Capital', 50000, null, '2024/25', '2026/27', 'Confirmed', null],
      ['Locality working reserve', 'Reserve', null, 250000, null, null, 'Confirmed', null],
    ],
    widths: [32, 12, 16, 14, 10, 10, 12, 10],
    formats: { 2: money, 3: money },
  },
  {
    // Contract v1.1 §6.1: a Low / High pair on the rates, and the grant that ends in 2025/26 continuing.
    name: 'Scenarios',
    sheet: 'What if',
    header: ['Table', 'Item', 'Field', 'Low', 'High', 'Grant continues'],
    rows: [
      ['Parameters', 'Pay inflation', null, '2.5%', '4.5%', null],
      ['Parameters', 'Non-pay inflation', null, '1%', '3%', null],
      ['Parameters', 'Cost per locality', null, 70000, 80000, null],
      ['Funding', 'Safer Communities grant', 'To', null, null, '2028/29'],
    ],
    widths: [12, 26, 10, 10, 10, 16],
  },
];

/** The sheet a sample table is on. */
export const sheetOf = (t: SampleTable): string => t.sheet ?? t.name;

/** A first sheet explaining the workbook to whoever opens it. */
export const sampleReadMe: readonly string[] = [
  'Kestrelshire locality working plan (sample)',
  'An invented county with 8 districts and 56 neighbourhoods, to show Locality Planner at work.',
  'The input tables are on the sheets Localities, Parameters, Costs and Funding, and three what-if scenarios on What if. Change any figure and run the planner again:',
  '  in Excel: Home > Locality Planner > Run;  from a terminal: npm run planner -- run assets/sample-workbook.xlsx',
  'The planner writes the Summary, Projection, Priorities, Allocation, Warnings, Charts, Scenarios, Sensitivity and Run info sheets (opening on the Summary) and never changes these inputs.',
];
