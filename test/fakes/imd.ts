import type { CellSpec, SheetSpec } from './fakeExcel';

/**
 * The IoD2019 File_1 as a user would paste it into a Localities sheet: every cell
 * text, numbers with thousands separators ("29,199"), the published headers as they are.
 */

export { imdFile1, parseCsv, readImdFile1 } from '../support/deprivationFile';

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
