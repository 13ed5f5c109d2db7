import { strToU8 } from 'fflate';
import { type CellValue, type SourceTable, type WorkbookInput, excelDate, excelError, unsavedFormula } from '../../src/engine';
import { WorkbookFileError } from '../../src/xlsx/fileErrors';
import { readWorkbookFile } from '../../src/xlsx/readWorkbook';
import { type RawCell, type RawSheet, type RawTable, type RawWorkbook, cached, dateStyles, rawWorkbook, sheetDataXml, uncached } from './rawWorkbook';

/** The file reader on workbooks written as raw XML, the way other programs write them. */

const read = (spec: RawWorkbook): Promise<WorkbookInput> => readWorkbookFile(rawWorkbook(spec));
const tableOf = (input: WorkbookInput, name: string): SourceTable => {
  const t = input.tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!t) throw new Error(`no ${name} in ${input.tables.map((x) => x.name).join(', ')}`);
  return t;
};
/** The value of one Costs cell: the sheet has a header row and this cell under "Unit cost". */
async function costCell(cell: RawCell, spec: Partial<RawWorkbook> = {}): Promise<CellValue> {
  const input = await read({ ...spec, sheets: [{ name: 'Costs', rows: [['Cost line', 'Unit cost'], ['Manager', cell]] }] });
  return tableOf(input, 'Costs').rows[0][1] ?? null;
}
const dateCell = (serial: number, style = 1): RawCell => ({ s: style, inner: `<v>${serial}</v>` });

describe('dates reach the engine as 1900-system serials, whatever the workbook counts from', () => {
  it.each`
    what                                                     | cell                                                  | workbookPr                          | value
    ${'a date in a 1900 workbook'}                           | ${dateCell(41365)}                                    | ${'<workbookPr/>'}                  | ${excelDate(41365)}
    ${'1 April 2013 in a 1904 workbook (date1904="true")'}   | ${dateCell(39903)}                                    | ${'<workbookPr date1904="true"/>'}  | ${excelDate(41365)}
    ${'1 April 2013 in a 1904 workbook (date1904="1")'}      | ${dateCell(39903)}                                    | ${'<workbookPr date1904="1"/>'}     | ${excelDate(41365)}
    ${'a custom dd/mm/yyyy format in a 1904 workbook'}       | ${dateCell(39903, 2)}                                 | ${'<workbookPr date1904="true"/>'}  | ${excelDate(41365)}
    ${'a plain number in a 1904 workbook (no date format)'} | ${dateCell(39903, 0)}                                 | ${'<workbookPr date1904="true"/>'}  | ${39903}
    ${'an ISO date (t="d")'}                                 | ${{ t: 'd', inner: '<v>2013-04-01T00:00:00</v>' }}    | ${'<workbookPr date1904="true"/>'}  | ${excelDate(41365)}
    ${'an ISO date and time'}                                | ${{ t: 'd', inner: '<v>2013-04-01T12:00:00Z</v>' }}   | ${'<workbookPr/>'}                  | ${excelDate(41365.5)}
    ${'28 February 1900 (before Excel\'s 29 February 1900)'} | ${{ t: 'd', inner: '<v>1900-02-28</v>' }}             | ${'<workbookPr/>'}                  | ${excelDate(59)}
    ${'1 March 1900'}                                        | ${{ t: 'd', inner: '<v>1900-03-01</v>' }}             | ${'<workbookPr/>'}                  | ${excelDate(61)}
    ${'an ISO date Excel could not read stays text'}         | ${{ t: 'd', inner: '<v>first of April</v>' }}         | ${'<workbookPr/>'}                  | ${'first of April'}
  `('reads $what', async ({ cell, workbookPr, value }) => {
    expect(await costCell(cell, { styles: dateStyles, workbookPr })).toEqual(value);
  });
});

describe('strings, booleans and errors read as Excel shows them', () => {
  const shared = ['Plain', '<r><t>Rich </t></r><r><rPr><b/></rPr><t>text</t></r>', '<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh>', '<t>Line_x000D__x000A_break</t>', '<t></t>', '<t xml:space="preserve">  spaced  </t>'];
  it.each`
    what                                               | cell                                                                        | value
    ${'a shared string'}                               | ${{ t: 's', inner: '<v>0</v>' }}                                            | ${'Plain'}
    ${'a rich shared string: its runs joined'}         | ${{ t: 's', inner: '<v>1</v>' }}                                            | ${'Rich text'}
    ${'a shared string with a phonetic guide left out'} | ${{ t: 's', inner: '<v>2</v>' }}                                            | ${'東京'}
    ${'an escaped character (_x000D_)'}                | ${{ t: 's', inner: '<v>3</v>' }}                                            | ${'Line\r\nbreak'}
    ${'an empty shared string as blank'}               | ${{ t: 's', inner: '<v>4</v>' }}                                            | ${null}
    ${'spaces kept as written'}                        | ${{ t: 's', inner: '<v>5</v>' }}                                            | ${'  spaced  '}
    ${'an inline string'}                              | ${{ t: 'inlineStr', inner: '<is><t>Inline</t></is>' }}                      | ${'Inline'}
    ${'a rich inline string'}                          | ${{ t: 'inlineStr', inner: '<is><r><t>In</t></r><r><t>line</t></r></is>' }} | ${'Inline'}
    ${'TRUE'}                                          | ${{ t: 'b', inner: '<v>1</v>' }}                                            | ${true}
    ${'FALSE'}                                         | ${{ t: 'b', inner: '<v>0</v>' }}                                            | ${false}
    ${'#N/A'}                                          | ${{ t: 'e', inner: '<v>#N/A</v>' }}                                         | ${excelError('#N/A')}
    ${'a number in exponent form'}                     | ${{ inner: '<v>7.5E4</v>' }}                                                | ${75000}
    ${'a styled cell with no value as blank'}          | ${{ s: 0, inner: '' }}                                                      | ${null}
  `('reads $what', async ({ cell, value }) => {
    expect(await costCell(cell, { sharedStrings: shared })).toEqual(value);
  });
});

describe('formulas read as their saved results, and never as blank when there is none', () => {
  it.each`
    what                                                            | cell                                                                   | calcPr                                   | value
    ${'a number result'}                                            | ${cached('B1*2', 80000)}                                               | ${''}                                    | ${80000}
    ${'a text result (t="str")'}                                    | ${{ t: 'str', inner: '<f>"tb"&amp;"c"</f><v>tbc</v>' }}                | ${''}                                    | ${'tbc'}
    ${'an empty text result as blank'}                              | ${{ t: 'str', inner: '<f>""</f><v></v>' }}                              | ${''}                                    | ${null}
    ${'an error result'}                                            | ${{ t: 'e', inner: '<f>1/0</f><v>#DIV/0!</v>' }}                       | ${''}                                    | ${excelError('#DIV/0!')}
    ${'a shared formula\'s result'}                                 | ${{ inner: '<f t="shared" ref="B2:B3" si="0">A2*2</f><v>12</v>' }}     | ${''}                                    | ${12}
    ${'an array formula\'s result'}                                 | ${{ inner: '<f t="array" ref="B2">SUM(A1:A2)</f><v>3</v>' }}           | ${''}                                    | ${3}
    ${'openpyxl\'s formula with an empty <v/>'}                     | ${uncached('B1*2')}                                                    | ${''}                                    | ${unsavedFormula('B1*2')}
    ${'a formula with no <v> at all'}                               | ${{ inner: '<f>SUM(C1:C9)</f>' }}                                      | ${''}                                    | ${unsavedFormula('SUM(C1:C9)')}
    ${'a placeholder 0 in a workbook that recalculates on opening'} | ${cached('B1*2', 0)}                                                   | ${'<calcPr fullCalcOnLoad="1"/>'}        | ${unsavedFormula('B1*2')}
  `('reads $what', async ({ cell, calcPr, value }) => {
    expect(await costCell(cell, { calcPr })).toEqual(value);
  });

  it('gives every cell of a shared formula the first cell\'s formula when none is saved', async () => {
    const rows: RawCell[][] = [['Cost line', 'Unit cost'], ['A', { inner: '<f t="shared" ref="B2:B3" si="0">C2*2</f><v/>' }], ['B', { inner: '<f t="shared" si="0"/><v/>' }]];
    const costs = tableOf(await read({ sheets: [{ name: 'Costs', rows }] }), 'Costs');
    expect(costs.rows.map((r) => r[1])).toEqual([unsavedFormula('C2*2'), unsavedFormula('C2*2')]);
  });

  it('makes every cell of an unsaved array formula an unsaved formula, even those the file leaves out', async () => {
    const rows: RawCell[][] = [['Cost line', 'Unit cost'], ['A', { inner: '<f t="array" ref="B2:B3">C2:C3*2</f><v/>' }], ['B']];
    const costs = tableOf(await read({ sheets: [{ name: 'Costs', rows }] }), 'Costs');
    expect(costs.rows.map((r) => r[1] ?? null)).toEqual([unsavedFormula('C2:C3*2'), unsavedFormula('C2:C3*2')]);
  });
});

/** A Localities sheet with a District merged down B2:B4, the usual council layout. */
const mergedDistricts: RawSheet = {
  name: 'Localities',
  rows: [['Locality', 'District', 'IMD Rank'], ['A', 'North', 1], ['B', null, 2], ['C', null, 3], ['D', 'South', 4]],
  after: '<mergeCells count="1"><mergeCell ref="B2:B4"/></mergeCells>',
};

describe('merged cells count for every cell they cover, and are listed', () => {
  it('reads a merged District as its value on every row of the merge', async () => {
    const localities = tableOf(await read({ sheets: [mergedDistricts] }), 'Localities');
    expect(localities.rows.map((r) => r[1])).toEqual(['North', 'North', 'North', 'South']);
    expect(localities.mergedRanges).toEqual(['B2:B4']);
  });

  it('fills only as far as the data goes: a merge running below the last row adds no rows', async () => {
    const sheet: RawSheet = { ...mergedDistricts, after: '<mergeCells count="1"><mergeCell ref="B4:B20"/></mergeCells>' };
    const localities = tableOf(await read({ sheets: [sheet] }), 'Localities');
    expect(localities.rows).toHaveLength(4);
    expect(localities.rows.map((r) => r[1] ?? null)).toEqual(['North', null, null, 'South']);
    expect(localities.mergedRanges).toBeUndefined();
  });

  it('reads a merged header as its text over every column it covers', async () => {
    const sheet: RawSheet = { name: 'Localities', rows: [['Locality', 'IMD Rank', null], ['A', 1, 5]], after: '<mergeCells count="1"><mergeCell ref="B1:C1"/></mergeCells>' };
    const localities = tableOf(await read({ sheets: [sheet] }), 'Localities');
    expect(localities.header).toEqual(['Locality', 'IMD Rank', 'IMD Rank']);
    expect(localities.mergedRanges).toEqual(['B1:C1']);
  });

  it('finds the value of a merge that starts in a column the planner does not read', async () => {
    // Notes (C) is not read, but its merge C2:D2 covers IMD Rank (D): D2 is the merge's value.
    const sheet: RawSheet = { name: 'Localities', rows: [['Locality', 'District', 'Notes', 'IMD Rank'], ['A', 'North', 7, null], ['B', 'North', 'x', 2]], after: '<mergeCells count="1"><mergeCell ref="C2:D2"/></mergeCells>' };
    const localities = tableOf(await read({ sheets: [sheet] }), 'Localities');
    expect(localities.rows.map((r) => r[3])).toEqual([7, 2]);
    expect(localities.rows.map((r) => r[2] ?? null)).toEqual([null, null]);
  });
});

describe('the used range is bounded by the values present', () => {
  it('reads a stray note far to the right of the Localities header as one cell, not a grid', async () => {
    const rows: RawCell[][] = [['Locality', 'IMD Rank'], ...Array.from({ length: 500 }, (_, i) => [`L${i}`, i + 1])];
    const sheetData = sheetDataXml(rows).replace('</row>', '<c r="XFD1" t="inlineStr"><is><t>Checked by JB</t></is></c></row>');
    const localities = tableOf(await read({ sheets: [{ name: 'Localities', sheetData }] }), 'Localities');
    expect(localities.header).toHaveLength(16_384);
    expect(localities.header[16_383]).toBe('Checked by JB');
    expect(localities.rows).toHaveLength(500);
    expect(localities.rows.every((r) => r.length <= 2)).toBe(true);
    expect(localities.rows[499]).toEqual(['L499', 500]);
  });

  it('reads a table whose range is the whole sheet as far as its data goes', async () => {
    const sheet: RawSheet = { name: 'Data', rows: [['Cost line', 'Unit cost'], ['Manager', 40000], ['Officer', 30000]], tables: [{ name: 'Costs', ref: 'A1:XFD1048576', columns: ['Cost line', 'Unit cost'] }] };
    const costs = tableOf(await read({ sheets: [sheet] }), 'Costs');
    expect({ header: costs.header, rows: costs.rows }).toEqual({ header: ['Cost line', 'Unit cost'], rows: [['Manager', 40000], ['Officer', 30000]] });
  });

  it('reads sheet names as long as the file says (LibreOffice writes them past 31 characters)', async () => {
    const long = 'Notes on the neighbourhood management pilot, 2024 to 2026';
    const input = await read({ sheets: [{ name: long, rows: [['x']] }, { name: 'Costs', rows: [['Cost line', 'Unit cost'], ['A', 1]] }] });
    expect(input.sheetNames).toEqual([long, 'Costs']);
  });
});

describe('tables as any program writes them', () => {
  const costsTable = (extra: Partial<RawTable> = {}): RawSheet => ({
    name: 'Data',
    at: { row: 3, column: 2 },
    rows: [['Cost line', 'Unit cost'], ['Manager', 40000], ['Officer', 30000], ['Total', 70000]],
    tables: [{ name: 'Costs', ref: 'C4:D7', columns: ['Cost line', 'Unit cost'], ...extra }],
  });

  it.each`
    what                                                          | spec                                                                                         | rows
    ${'by Excel (relative targets)'}                              | ${{ sheets: [costsTable()] }}                                                                | ${[['Manager', 40000], ['Officer', 30000], ['Total', 70000]]}
    ${'by openpyxl (targets from the package root)'}              | ${{ absoluteTargets: true, sheets: [costsTable()] }}                                         | ${[['Manager', 40000], ['Officer', 30000], ['Total', 70000]]}
    ${'with a totals row, which is not data'}                     | ${{ sheets: [costsTable({ totalsRowCount: 1 })] }}                                           | ${[['Manager', 40000], ['Officer', 30000]]}
    ${'named by displayName where name differs'}                  | ${{ sheets: [costsTable({ name: 'Table1', displayName: 'Costs' })] }}                       | ${[['Manager', 40000], ['Officer', 30000], ['Total', 70000]]}
  `('reads a table written $what', async ({ spec, rows }) => {
    const costs = tableOf(await read(spec), 'Costs');
    expect({ source: costs.source, sheet: costs.sheet, origin: costs.origin, header: costs.header, rows: costs.rows }).toEqual({ source: 'table', sheet: 'Data', origin: { row: 3, column: 2 }, header: ['Cost line', 'Unit cost'], rows });
  });

  it('takes a header from the table\'s column names where its header cell is empty', async () => {
    const sheet: RawSheet = { name: 'Data', rows: [['Cost line', null], ['Manager', 40000]], tables: [{ name: 'Costs', ref: 'A1:B2', columns: ['Cost line', 'Unit cost'] }] };
    expect(tableOf(await read({ sheets: [sheet] }), 'Costs').header).toEqual(['Cost line', 'Unit cost']);
  });

  it('lists every table with its sheet, and prefers a table to a sheet of the same name', async () => {
    const input = await read({ sheets: [{ name: 'Costs', rows: [['Not', 'this']] }, costsTable()] });
    expect(input.tableNames).toEqual([{ name: 'Costs', sheet: 'Data' }]);
    expect(tableOf(input, 'Costs').source).toBe('table');
  });
});

describe('Localities keeps only the columns the engine reads', () => {
  const localities: RawSheet = { name: 'Localities', rows: [['LSOA code', 'Locality', 'Notes', 'IMD Rank', 'Crime', null], ['E01', 'A', 'n', 3, 9, 'stray'], ['E02', 'B', 'n', 1, 8, null]] };

  it('leaves unused columns blank and keeps the fields, the indicators and any column without a header', async () => {
    const t = tableOf(await read({ sheets: [localities] }), 'Localities');
    expect(t.header).toEqual(['LSOA code', 'Locality', 'Notes', 'IMD Rank', 'Crime', null]);
    expect(t.rows).toEqual([[null, 'A', null, 3, null, 'stray'], [null, 'B', null, 1]]);
  });

  it.each`
    where                                            | sheets
    ${'on a sheet of its own'}                       | ${() => [localities, { name: 'Indicators', rows: [['Indicator'], ['Crime']] }]}
    ${'as a table above Localities on its sheet'}    | ${() => [withIndicatorsAbove()]}
  `('keeps a column an Indicators table names $where', async ({ sheets }) => {
    const t = tableOf(await read({ sheets: sheets() }), 'Localities');
    const column = (name: string) => t.rows.map((r) => r[t.header.indexOf(name)] ?? null);
    expect({ crime: column('Crime'), notes: column('Notes') }).toEqual({ crime: [9, 8], notes: [null, null] });
  });

  it('keeps every column when Indicators, on the same sheet, is not read before the Localities header', async () => {
    const below = withIndicatorsAbove();
    const moved: RawSheet = { ...below, sheetData: below.sheetData!.replace(/H1/g, 'H9').replace(/H2/g, 'H10').replace('<row r="1">', '<row r="9">').replace('<row r="2">', '<row r="10">'), tables: [{ name: 'Indicators', ref: 'H9:H10', columns: ['Indicator'] }, below.tables![1]] };
    const sorted: RawSheet = { ...moved, sheetData: moved.sheetData!.replace(/(<row r="9">.*?<\/row>)(<row r="10">.*?<\/row>)(.*)$/, '$3$1$2') };
    const t = tableOf(await read({ sheets: [sorted] }), 'Localities');
    expect(t.rows).toEqual([['A', 'n', 9], ['B', 'n', 8]]);
  });
});

/** Localities as a table from row 4, with an Indicators table in H1:H2 above its header. */
function withIndicatorsAbove(): RawSheet {
  const sheetData = [
    '<row r="1"><c r="H1" t="inlineStr"><is><t>Indicator</t></is></c></row>',
    '<row r="2"><c r="H2" t="inlineStr"><is><t>Crime</t></is></c></row>',
    '<row r="4"><c r="A4" t="inlineStr"><is><t>Locality</t></is></c><c r="B4" t="inlineStr"><is><t>Notes</t></is></c><c r="C4" t="inlineStr"><is><t>Crime</t></is></c></row>',
    '<row r="5"><c r="A5" t="inlineStr"><is><t>A</t></is></c><c r="B5" t="inlineStr"><is><t>n</t></is></c><c r="C5"><v>9</v></c></row>',
    '<row r="6"><c r="A6" t="inlineStr"><is><t>B</t></is></c><c r="B6" t="inlineStr"><is><t>n</t></is></c><c r="C6"><v>8</v></c></row>',
  ].join('');
  return {
    name: 'Inputs',
    sheetData,
    tables: [
      { name: 'Indicators', ref: 'H1:H2', columns: ['Indicator'] },
      { name: 'Localities', ref: 'A4:C6', columns: ['Locality', 'Notes', 'Crime'] },
    ],
  };
}

describe('rows and cells as any program writes them', () => {
  it('places rows and cells that give no reference after the previous one', async () => {
    const sheetData = '<row><c t="inlineStr"><is><t>Cost line</t></is></c><c t="inlineStr"><is><t>Unit cost</t></is></c></row><row><c t="inlineStr"><is><t>A</t></is></c><c><v>5</v></c></row>';
    const costs = tableOf(await read({ sheets: [{ name: 'Costs', sheetData }] }), 'Costs');
    expect(costs.rows).toEqual([['A', 5]]);
  });

  it('reads SpreadsheetML written with a namespace prefix (x:c)', async () => {
    const costs = tableOf(
      await read({
        sheets: [{ name: 'Costs', rows: [['Cost line', 'Unit cost'], ['A', 5]] }],
        edit: (parts) => {
          const xml = new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']);
          parts['xl/worksheets/sheet1.xml'] = strToU8(xml.replace(/<(\/?)(worksheet|sheetData|row|c|is|t|v)\b/g, '<$1x:$2').replace('xmlns="', 'xmlns:x="'));
        },
      }),
      'Costs',
    );
    expect(costs.rows).toEqual([['A', 5]]);
  });

  it('reads a part saved as UTF-16', async () => {
    const costs = tableOf(
      await read({
        sheets: [{ name: 'Costs', rows: [['Cost line', 'Unit cost'], ['Ynys Môn', 5]] }],
        edit: (parts) => {
          const xml = new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']).replace('encoding="UTF-8"', 'encoding="UTF-16"');
          parts['xl/worksheets/sheet1.xml'] = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]));
        },
      }),
      'Costs',
    );
    expect(costs.rows).toEqual([['Ynys Môn', 5]]);
  });

  it.each`
    what                                  | attributes
    ${'hidden="1"'}                       | ${'hidden="1"'}
    ${'a height of 0'}                    | ${'ht="0" customHeight="1"'}
  `('notes hidden rows ($what)', async ({ attributes }) => {
    const costs = tableOf(await read({ sheets: [{ name: 'Costs', rows: [['Cost line', 'Unit cost'], ['A', 5], ['B', 6]], rowAttributes: { 3: attributes } }] }), 'Costs');
    expect(costs.hasHiddenRows).toBe(true);
  });

  it('refuses rows stored out of order, which Excel never writes', async () => {
    const sheetData = '<row r="2"><c r="A2"><v>1</v></c></row><row r="1"><c r="A1"><v>2</v></c></row>';
    await expect(read({ sheets: [{ name: 'Costs', sheetData }] })).rejects.toThrow(WorkbookFileError);
    await expect(read({ sheets: [{ name: 'Costs', sheetData }] })).rejects.toThrow('the rows of the sheet "Costs" are out of order at row 1');
  });

  it('reads the ownership record from A1', async () => {
    const input = await read({ sheets: [{ name: 'Costs', rows: [['Cost line', 'Unit cost'], ['A', 5]] }, { name: '_LocalityPlanner', rows: [['Locality Planner ownership record'], ['Kind', 'Name', 'Sheet'], ['sheet', 'Summary', 'Summary']] }] });
    expect(input.ownershipRecord).toEqual([['Locality Planner ownership record'], ['Kind', 'Name', 'Sheet'], ['sheet', 'Summary', 'Summary']]);
  });
});
