import { FakeExcel, PAYLOAD_LIMIT_BYTES } from '../fakes/fakeExcel';

/** The fake is only worth testing against if it keeps Excel's rules; these pin them down. */

const codeOf = async (promise: Promise<unknown>): Promise<string | undefined> => {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('the fake Excel', () => {
  it('throws PropertyNotLoaded when a property is read before load and sync', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data', cells: [['a', 1]] }] });
    const range = fake.context.workbook.worksheets.getItem('Data').getRange('A1:B1');
    range.load('values');
    expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    await fake.context.sync();
    expect(range.values).toEqual([['a', 1]]);
    expect(() => range.numberFormat).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
  });

  it('applies writes only at sync, in the order they were queued', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data' }] });
    const sheet = fake.context.workbook.worksheets.getItem('Data');
    sheet.getRange('A1').values = [[1]];
    sheet.getRange('A1').values = [[2]];
    expect(fake.values('Data', 'A1')).toEqual([[null]]);
    await fake.context.sync();
    expect(fake.values('Data', 'A1')).toEqual([[2]]);
  });

  it('keeps operations before a failing one and drops those after it', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data' }] });
    const sheets = fake.context.workbook.worksheets;
    sheets.getItem('Data').getRange('A1').values = [['before']];
    sheets.getItem('Missing').getRange('A1').values = [['never']];
    sheets.getItem('Data').getRange('A2').values = [['after']];
    const error = await fake.context.sync().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ItemNotFound', debugInfo: { code: 'ItemNotFound' } });
    expect((error as Error).message).toEqual(expect.any(String));
    expect(fake.values('Data', 'A1:A2')).toEqual([['before'], [null]]);
  });

  it('gives null objects for missing items and tells them apart after sync', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data' }] });
    const missing = fake.context.workbook.worksheets.getItemOrNullObject('Nope').load('name');
    const present = fake.context.workbook.worksheets.getItemOrNullObject('data').load('name');
    await fake.context.sync();
    expect(missing.isNullObject).toBe(true);
    expect(present.isNullObject).toBe(false);
    expect(present.name).toBe('Data');
  });

  it.each`
    name                     | code
    ${''}                    | ${'InvalidArgument'}
    ${'x'.repeat(32)}        | ${'InvalidArgument'}
    ${'Q1/Q2'}               | ${'InvalidArgument'}
    ${'a[b]'}                | ${'InvalidArgument'}
    ${'What?'}               | ${'InvalidArgument'}
    ${"'quoted"}             | ${'InvalidArgument'}
    ${'quoted\''}            | ${'InvalidArgument'}
    ${'history'}             | ${'InvalidArgument'}
    ${'DATA'}                | ${'ItemAlreadyExists'}
    ${'Run info'}            | ${undefined}
    ${'x'.repeat(31)}        | ${undefined}
  `('refuses or accepts the sheet name "$name" ($code)', async ({ name, code }: { name: string; code: string | undefined }) => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data' }] });
    fake.context.workbook.worksheets.add(name);
    expect(await codeOf(fake.context.sync())).toBe(code);
  });

  it.each`
    name               | code
    ${'A1'}            | ${'InvalidArgument'}
    ${'xfd1048576'}    | ${'InvalidArgument'}
    ${'R1C1'}          | ${'InvalidArgument'}
    ${'R'}             | ${'InvalidArgument'}
    ${'1Table'}        | ${'InvalidArgument'}
    ${'My Table'}      | ${'InvalidArgument'}
    ${'localities'}    | ${'InvalidArgument'}
    ${'LP_Priorities'} | ${undefined}
    ${'_private'}      | ${undefined}
    ${'\\backslash'}   | ${undefined}
    ${'ABCD1'}         | ${undefined}
  `('refuses or accepts the table name "$name" ($code)', async ({ name, code }: { name: string; code: string | undefined }) => {
    const fake = new FakeExcel({
      sheets: [
        { name: 'Inputs', cells: [['Locality'], ['Tamworth 007D']], tables: [{ name: 'Localities', range: 'A1:A2' }] },
        { name: 'Other', cells: [['Head'], [1]] },
      ],
    });
    const other = fake.context.workbook.worksheets.getItem('Other');
    const table = other.tables.add(other.getRange('A1:A2'), true);
    table.name = name;
    expect(await codeOf(fake.context.sync())).toBe(code);
  });

  it.each`
    written          | format       | value             | formula           | quotePrefix
    ${'=SUM(1,2)'}   | ${undefined} | ${0}              | ${'=SUM(1,2)'}    | ${undefined}
    ${'=SUM(1,2)'}   | ${'@'}       | ${'=SUM(1,2)'}    | ${undefined}      | ${undefined}
    ${"'=SUM(1,2)"}  | ${undefined} | ${'=SUM(1,2)'}    | ${undefined}      | ${true}
    ${'-Admin'}      | ${undefined} | ${0}              | ${'=-Admin'}      | ${undefined}
    ${'@risk'}       | ${undefined} | ${0}              | ${'=@risk'}       | ${undefined}
    ${'29,199'}      | ${undefined} | ${29199}          | ${undefined}      | ${undefined}
    ${'29,199'}      | ${'@'}       | ${'29,199'}       | ${undefined}      | ${undefined}
    ${'-12.5'}       | ${undefined} | ${-12.5}          | ${undefined}      | ${undefined}
    ${'007'}         | ${undefined} | ${7}              | ${undefined}      | ${undefined}
    ${'TRUE'}        | ${undefined} | ${true}           | ${undefined}      | ${undefined}
    ${'Tamworth'}    | ${undefined} | ${'Tamworth'}     | ${undefined}      | ${undefined}
    ${42}            | ${undefined} | ${42}             | ${undefined}      | ${undefined}
  `('stores $written typed into a cell formatted $format as $value', async ({ written, format, value, formula, quotePrefix }) => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data', numberFormats: format ? { A1: format } : {} }] });
    fake.context.workbook.worksheets.getItem('Data').getRange('A1').values = [[written]];
    await fake.context.sync();
    const cell = fake.cell('Data', 'A1')!;
    expect(cell.value).toBe(value);
    expect(cell.formula).toBe(formula);
    expect(cell.quotePrefix).toBe(quotePrefix);
  });

  it('broadcasts one number format to every cell of a range', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data' }] });
    const range = fake.context.workbook.worksheets.getItem('Data').getRange('B2:C3');
    range.numberFormat = '0.0%' as unknown as string[][];
    range.load('numberFormat');
    await fake.context.sync();
    expect(range.numberFormat).toEqual([['0.0%', '0.0%'], ['0.0%', '0.0%']]);
  });

  it('refuses a values array whose shape does not match the range', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data' }] });
    fake.context.workbook.worksheets.getItem('Data').getRange('A1:B2').values = [[1, 2]];
    expect(await codeOf(fake.context.sync())).toBe('InvalidArgument');
  });

  it('reports errors, blanks and types as Excel does, and hidden rows as true, false or mixed', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data', cells: [[{ error: '#N/A' }, null, 'x', 3, true]], hiddenRows: [2] }] });
    const sheet = fake.context.workbook.worksheets.getItem('Data');
    const row = sheet.getRange('A1:E1').load('values,valueTypes');
    const mixed = sheet.getRange('A1:A3').load('rowHidden');
    const hidden = sheet.getRange('A2').load('rowHidden');
    await fake.context.sync();
    expect(row.values).toEqual([['#N/A', '', 'x', 3, true]]);
    expect(row.valueTypes).toEqual([['Error', 'Empty', 'String', 'Double', 'Boolean']]);
    expect(mixed.rowHidden).toBeNull();
    expect(hidden.rowHidden).toBe(true);
  });

  it('finds the used range from the first value, or a null object on a blank sheet', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data', at: 'C3', cells: [['h1', 'h2'], [1, 2]] }, { name: 'Blank' }] });
    const used = fake.context.workbook.worksheets.getItem('Data').getUsedRangeOrNullObject(true).load('address,rowIndex,columnIndex');
    const blank = fake.context.workbook.worksheets.getItem('Blank').getUsedRangeOrNullObject(true).load('address');
    await fake.context.sync();
    expect(used.address).toBe('Data!C3:D4');
    expect([used.rowIndex, used.columnIndex]).toEqual([2, 2]);
    expect(blank.isNullObject).toBe(true);
  });

  it('keeps table names unique across the workbook, ignoring case', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'A', cells: [['h'], [1]], tables: [{ name: 'Costs', range: 'A1:A2' }] }, { name: 'B', cells: [['h'], [1]] }] });
    const table = fake.context.workbook.worksheets.getItem('B').tables.add('B!A1:A2', true);
    table.name = 'COSTS';
    expect(await codeOf(fake.context.sync())).toBe('InvalidArgument');
    expect(fake.tables().map((t) => t.name)).toEqual(['Costs', 'Table1']);
  });

  it('refuses a table over another table', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'A', cells: [['h', 'i'], [1, 2]], tables: [{ name: 'Costs', range: 'A1:A2' }] }] });
    fake.context.workbook.worksheets.getItem('A').tables.add('A1:B2', true);
    expect(await codeOf(fake.context.sync())).toBe('InvalidArgument');
  });

  it('makes a chart with one series per column after the category column', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'C', cells: [['Year', 'Cost', 'Funding'], ['2019/20', 10, 8], ['2020/21', 11, 8]] }] });
    const sheet = fake.context.workbook.worksheets.getItem('C');
    const chart = sheet.charts.add('ColumnStacked', sheet.getRange('A1:C3'), 'Columns');
    chart.name = 'LP_Chart';
    chart.series.getItemAt(0).chartType = 'Line';
    chart.series.getItemAt(1).format.fill.setSolidColor('#FFC000');
    chart.setPosition('E1', 'L15');
    await fake.context.sync();
    const [made] = fake.charts('C');
    expect(made).toMatchObject({ name: 'LP_Chart', chartType: 'ColumnStacked', position: { from: 'E1', to: 'L15' } });
    expect(made.series.map((s) => [s.name, s.chartType, s.format.fill.color])).toEqual([['Cost', 'Line', null], ['Funding', '', '#FFC000']]);
  });

  it('refuses a series that is not there', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'C', cells: [['Year', 'Cost'], ['2019/20', 10]] }] });
    const sheet = fake.context.workbook.worksheets.getItem('C');
    sheet.charts.add('ColumnStacked', sheet.getRange('A1:B2'), 'Columns').series.getItemAt(3).chartType = 'Line';
    expect(await codeOf(fake.context.sync())).toBe('InvalidArgument');
  });

  it('keeps a name scoped to a sheet with the sheet through a rename, reads its formula back, and refuses a second of that name there', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data' }, { name: 'Other' }] });
    const sheet = fake.context.workbook.worksheets.getItem('Data');
    sheet.names.add('_Mark', '="abc"').visible = false;
    // The same name in another sheet's scope is another name.
    fake.context.workbook.worksheets.getItem('Other').names.add('_Mark', '="xyz"');
    await fake.context.sync();
    fake.renameSheet('Data', 'Data (old)');
    const item = fake.context.workbook.worksheets.getItem('Data (old)').names.getItemOrNullObject('_mark').load('formula,visible,type,value');
    const none = fake.context.workbook.worksheets.getItem('Data (old)').names.getItemOrNullObject('Other').load('formula');
    await fake.context.sync();
    expect({ formula: item.formula, visible: item.visible, type: item.type, value: item.value, missing: none.isNullObject }).toEqual({ formula: '="abc"', visible: false, type: 'String', value: 'abc', missing: true });
    fake.context.workbook.worksheets.getItem('Data (old)').names.add('_MARK', '="again"');
    expect(await codeOf(fake.context.sync())).toBe('ItemAlreadyExists');
    fake.context.workbook.worksheets.getItem('Data (old)').names.add('A1', '="cell"');
    expect(await codeOf(fake.context.sync())).toBe('InvalidArgument');
  });

  it.each`
    version | what
    ${3}    | ${'worksheet.names (ExcelApi 1.4)'}
    ${6}    | ${'NamedItem.formula (ExcelApi 1.7)'}
  `('refuses $what on an Excel that only has ExcelApi 1.$version', async ({ version }) => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data', names: [{ name: '_Mark', formula: '="abc"' }] }] });
    fake.quirks.apiMinor = version;
    const item = fake.context.workbook.worksheets.getItem('Data').names.getItemOrNullObject('_Mark');
    item.load(version === 3 ? 'name' : 'formula');
    expect(await codeOf(fake.context.sync())).toBe('ApiNotFound');
  });

  it('refuses a worksheet named as a chart sheet, which no worksheet API lists, whether added or renamed', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data' }], chartSheets: ['Charts'] });
    const list = fake.context.workbook.worksheets.load('items/name');
    await fake.context.sync();
    expect(list.items.map((s) => s.name)).toEqual(['Data']);
    fake.context.workbook.worksheets.add('charts');
    expect(await codeOf(fake.context.sync())).toBe('ItemAlreadyExists');
    fake.context.workbook.worksheets.getItem('Data').name = 'Charts';
    expect(await codeOf(fake.context.sync())).toBe('ItemAlreadyExists');
    const probe = fake.context.workbook.worksheets.getItemOrNullObject('Charts').load('name');
    await fake.context.sync();
    expect(probe.isNullObject).toBe(true);
  });

  it('will not hide or delete the last visible sheet, and cannot activate a very hidden one', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Only' }, { name: 'Secret', visibility: 'VeryHidden' }] });
    const sheets = fake.context.workbook.worksheets;
    sheets.getItem('Only').visibility = 'Hidden';
    expect(await codeOf(fake.context.sync())).toBe('InvalidOperation');
    sheets.getItem('Only').delete();
    expect(await codeOf(fake.context.sync())).toBe('InvalidOperation');
    sheets.getItem('Secret').activate();
    expect(await codeOf(fake.context.sync())).toBe('InvalidOperation');
  });

  it('counts syncs and the bytes of each request and response', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data', cells: [['abc']] }] });
    const sheet = fake.context.workbook.worksheets.getItem('Data');
    sheet.getRange('B1').values = [['x'.repeat(1000)]];
    await fake.context.sync();
    const read = sheet.getRange('B1').load('values');
    await fake.context.sync();
    expect(fake.syncCount).toBe(2);
    expect(fake.syncLog[0].requestBytes).toBeGreaterThan(1000);
    expect(fake.syncLog[0].responseBytes).toBeLessThan(100);
    expect(fake.syncLog[1].responseBytes).toBeGreaterThan(1000);
    expect(read.values[0][0]).toHaveLength(1000);
  });

  it('refuses a request over 5 MB, as Excel on the web does, and applies none of it', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data' }] });
    const sheet = fake.context.workbook.worksheets.getItem('Data');
    sheet.getRange('A1').values = [['kept?']];
    sheet.getRange('A2:A6').values = Array.from({ length: 5 }, () => ['y'.repeat(PAYLOAD_LIMIT_BYTES / 5)]);
    expect(await codeOf(fake.context.sync())).toBe('RequestPayloadSizeLimitExceeded');
    expect(fake.values('Data', 'A1')).toEqual([[null]]);
  });

  it('refuses a response over 5 MB and delivers none of the loaded values', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data', cells: Array.from({ length: 6 }, () => ['z'.repeat(1024 * 1024)]) }] });
    const range = fake.context.workbook.worksheets.getItem('Data').getRange('A1:A6').load('values');
    expect(await codeOf(fake.context.sync())).toBe('ResponsePayloadSizeLimitExceeded');
    expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
  });

  it('finds tables and charts by name, or gives null objects', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'C', cells: [['Year', 'Cost'], ['2019/20', 10]], tables: [{ name: 'Costs', range: 'A1:B2' }] }] });
    const sheet = fake.context.workbook.worksheets.getItem('C');
    sheet.charts.add('BarStacked', sheet.getRange('A1:B2'), 'Columns').name = 'LP_Chart';
    await fake.context.sync();
    const chart = sheet.charts.getItemOrNullObject('LP_Chart').load('name');
    const noChart = sheet.charts.getItemOrNullObject('Other').load('name');
    const table = fake.context.workbook.tables.getItemOrNullObject('COSTS').load('name,worksheet/name');
    const noTable = fake.context.workbook.tables.getItemOrNullObject('Funding').load('name');
    const series = sheet.charts.getItem('LP_Chart').series.load('count');
    await fake.context.sync();
    expect([chart.isNullObject, noChart.isNullObject, table.isNullObject, noTable.isNullObject]).toEqual([false, true, false, true]);
    expect([chart.name, table.name, table.worksheet.name, series.count]).toEqual(['LP_Chart', 'Costs', 'C', 1]);
  });

  it('deletes a table and a chart', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'C', cells: [['Year', 'Cost'], ['2019/20', 10]], tables: [{ name: 'Costs', range: 'A1:B2' }] }] });
    const sheet = fake.context.workbook.worksheets.getItem('C');
    sheet.charts.add('BarStacked', sheet.getRange('A1:B2'), 'Columns').name = 'LP_Chart';
    await fake.context.sync();
    fake.context.workbook.tables.getItem('Costs').delete();
    sheet.charts.getItem('LP_Chart').delete();
    await fake.context.sync();
    expect(fake.tables()).toEqual([]);
    expect(fake.charts('C')).toEqual([]);
  });

  it('navigates from a range by cell, offset, resize and row, relative to the range', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data' }] });
    const base = fake.context.workbook.worksheets.getItem('Data').getRange('B2:D5');
    const addresses = [base.getCell(1, 2), base.getOffsetRange(1, -1), base.getResizedRange(-2, 1), base.getRow(3), base.getColumn(0)].map((r) => r.load('address'));
    await fake.context.sync();
    expect(addresses.map((r) => r.address)).toEqual(['Data!D3', 'Data!A3:C6', 'Data!B2:E3', 'Data!B5:D5', 'Data!B2:B5']);
  });

  it('lists sheets in tab order with their visibility, very hidden ones included', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'One' }, { name: '_LocalityPlanner', visibility: 'VeryHidden' }, { name: 'Three' }] });
    const sheets = fake.context.workbook.worksheets.load('items/name,items/visibility,items/position');
    await fake.context.sync();
    expect(sheets.items.map((s) => [s.name, s.visibility, s.position])).toEqual([['One', 'Visible', 0], ['_LocalityPlanner', 'VeryHidden', 1], ['Three', 'Visible', 2]]);
  });

  it('freezes panes at a range and unfreezes them', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data' }] });
    const sheet = fake.context.workbook.worksheets.getItem('Data');
    sheet.freezePanes.freezeAt(sheet.getRange('A1:B3'));
    await fake.context.sync();
    expect(fake.sheet('Data').freeze).toEqual({ rows: 3, columns: 2 });
    sheet.freezePanes.unfreeze();
    await fake.context.sync();
    expect(fake.sheet('Data').freeze).toEqual({ rows: 0, columns: 0 });
  });

  it('records whether calculation and screen updating were suspended for each sync', async () => {
    const fake = new FakeExcel();
    fake.context.workbook.application.suspendApiCalculationUntilNextSync();
    fake.context.workbook.application.suspendScreenUpdatingUntilNextSync();
    await fake.context.sync();
    await fake.context.sync();
    expect(fake.syncLog.map((s) => [s.calculationSuspended, s.screenUpdatingSuspended])).toEqual([[true, true], [false, false]]);
  });

  it('clears contents, formats and conditional formats but leaves tables to be deleted', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Out', cells: [['h'], [1]], numberFormats: { A2: '0.0' }, tables: [{ name: 'LP_Out', range: 'A1:A2' }] }] });
    const sheet = fake.context.workbook.worksheets.getItem('Out');
    sheet.getRange('A2').conditionalFormats.add('DataBar');
    await fake.context.sync();
    sheet.getRange().clear('All');
    await fake.context.sync();
    expect(fake.values('Out', 'A1:A2')).toEqual([[null], [null]]);
    expect(fake.cell('Out', 'A2')).toBeUndefined();
    expect(fake.conditionalFormats('Out')).toHaveLength(0);
    expect(fake.tables()).toHaveLength(1);
  });
});

/**
 * Where real Excel is known to throw or misbehave (each case names its source), the fake
 * does too, so the adapter's tests prove it copes with the Excel users may have.
 */
describe('the fake Excel, strict where real Excel is known to be', () => {
  it.each`
    oversizeError                          | factor
    ${'RequestPayloadSizeLimitExceeded'}   | ${1}
    ${'GeneralException'}                  | ${1}
    ${'RequestPayloadSizeLimitExceeded'}   | ${3}
  `('refuses an oversize request whole as $oversizeError when the host counts $factor times the bytes (office-js #1314, #1012)', async ({ oversizeError, factor }) => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data' }] });
    fake.quirks.oversizeError = oversizeError;
    fake.quirks.requestSizeFactor = factor;
    const sheet = fake.context.workbook.worksheets.getItem('Data');
    sheet.getRange('A1').values = [['kept?']];
    sheet.getRange('A2:A3').values = [['y'.repeat(PAYLOAD_LIMIT_BYTES / factor / 2)], ['y'.repeat(PAYLOAD_LIMIT_BYTES / factor / 2)]];
    expect(await codeOf(fake.context.sync())).toBe(oversizeError);
    expect(fake.values('Data', 'A1')).toEqual([[null]]);
  });

  it('takes longer over a large request when the host is slow, so a fixed timeout would fire', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data' }] });
    fake.quirks.msPerRequestMegabyte = 200;
    fake.context.workbook.worksheets.getItem('Data').getRange('A1').values = [['z'.repeat(500_000)]];
    const started = Date.now();
    await fake.context.sync();
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('fails a request made while a cell is being edited, unless the batch asked to wait (Excel.RunOptions.delayForCellEdit)', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data' }] });
    fake.enterCellEditMode();
    const impatient = fake.run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRange('A1').values = [[1]];
      await context.sync();
    });
    expect(await codeOf(impatient)).toBe('InvalidOperationInCellEditMode');
    let landed = false;
    const patient = fake.run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRange('A2').values = [[2]];
      await context.sync();
      landed = true;
    }, { delayForCellEdit: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(landed).toBe(false);
    fake.exitCellEditMode();
    await patient;
    expect(fake.values('Data', 'A1:A2')).toEqual([[null], [2]]);
  });

  it.each`
    visibility      | code
    ${'Visible'}    | ${undefined}
    ${'Hidden'}     | ${'GeneralException'}
    ${'VeryHidden'} | ${'GeneralException'}
  `('unfreezes panes on a $visibility sheet: $code (office-js #1463, in builds before its fix)', async ({ visibility, code }) => {
    const fake = new FakeExcel({ sheets: [{ name: 'Shown' }, { name: 'Sheet', visibility }] });
    fake.context.workbook.worksheets.getItem('Sheet').freezePanes.unfreeze();
    expect(await codeOf(fake.context.sync())).toBe(code);
  });

  it('will not delete a very hidden sheet until it is made merely hidden (office-js #365)', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Shown' }, { name: 'Secret', visibility: 'VeryHidden' }] });
    const sheets = fake.context.workbook.worksheets;
    sheets.getItem('Secret').delete();
    expect(await codeOf(fake.context.sync())).toBe('GeneralException');
    sheets.getItem('Secret').visibility = 'Hidden';
    sheets.getItem('Secret').delete();
    await fake.context.sync();
    expect(fake.sheetNames()).toEqual(['Shown']);
  });

  it('adds a table given an address without a sheet name on the active sheet, even through another sheet\u2019s tables (TableCollection.add)', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Looking', cells: [['h'], [1]] }, { name: 'Target', cells: [['h'], [1]] }], active: 'Looking' });
    const target = fake.context.workbook.worksheets.getItem('Target');
    target.tables.add('A1:A2', true).name = 'ByAddress';
    target.tables.add(target.getRange('A1:A2'), true).name = 'ByRange';
    await fake.context.sync();
    expect(fake.tables().map((t) => [t.name, t.sheet])).toEqual([['ByAddress', 'Looking'], ['ByRange', 'Target']]);
  });

  it.each`
    rule                                                 | code
    ${{ formula1: '=0', operator: 'GreaterThan' }}       | ${undefined}
    ${{ formula1: '0', operator: 'GreaterThan' }}        | ${'InvalidArgument'}
  `('takes conditional-format formulas only as Microsoft\u2019s samples write them: $rule.formula1 gives $code', async ({ rule, code }) => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data', cells: [[1]] }] });
    fake.context.workbook.worksheets.getItem('Data').getRange('A1').conditionalFormats.add('CellValue').cellValue.rule = rule;
    expect(await codeOf(fake.context.sync())).toBe(code);
  });

  it('raises EmptyChartSeries when a series with no values is formatted or given blank values', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'C', cells: [['Locality', 'Selected', 'Not selected'], ['Alpha', 80, null], ['Beta', 60, null]] }] });
    const sheet = fake.context.workbook.worksheets.getItem('C');
    const chart = sheet.charts.add('BarStacked', sheet.getRange('A1:C3'), 'Columns');
    chart.name = 'LP_Chart';
    await fake.context.sync();
    sheet.charts.getItem('LP_Chart').series.getItemAt(1).format.fill.setSolidColor('#BFBFBF');
    expect(await codeOf(fake.context.sync())).toBe('EmptyChartSeries');
    sheet.charts.getItem('LP_Chart').series.add('Empty').setValues(sheet.getRange('C2:C3'));
    expect(await codeOf(fake.context.sync())).toBe('EmptyChartSeries');
    sheet.charts.getItem('LP_Chart').series.getItemAt(0).format.fill.setSolidColor('#2E75B6');
    expect(await codeOf(fake.context.sync())).toBeUndefined();
  });

  it('shows Excel\u2019s placeholder for an axis title set to "", and nothing for one hidden', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'C', cells: [['Year', 'Cost'], ['2019/20', 10]] }] });
    const sheet = fake.context.workbook.worksheets.getItem('C');
    const chart = sheet.charts.add('ColumnStacked', sheet.getRange('A1:B2'), 'Columns');
    chart.axes.valueAxis.title.text = '';
    chart.axes.categoryAxis.title.visible = false;
    await fake.context.sync();
    expect(fake.charts('C')[0].axes.valueAxis.title).toEqual({ text: 'Axis Title', visible: true });
    expect(fake.charts('C')[0].axes.categoryAxis.title).toEqual({ text: '', visible: false });
  });

  it('refuses calls newer than the ExcelApi version the host supports (1.9 by default) with ApiNotFound', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data' }] });
    fake.context.workbook.worksheets.getItem('Data').getRanges('A1:A2,C3').select();
    expect(await codeOf(fake.context.sync())).toBe('ApiNotFound');
    fake.quirks.apiMinor = 18;
    fake.context.workbook.worksheets.getItem('Data').getRanges('A1:A2,C3').select();
    await fake.context.sync();
    expect(fake.model.selection).toEqual({ sheet: 'Data', address: 'A1:A2,C3' });
    expect([fake.isSetSupported('ExcelApi', '1.18'), fake.isSetSupported('ExcelApi', '1.19')]).toEqual([true, false]);
  });

  it('keeps add-in settings with the workbook, and gives a null object for one never set', async () => {
    const fake = new FakeExcel();
    const settings = fake.context.workbook.settings;
    const missing = settings.getItemOrNullObject('LocalityPlanner.requestBudgetBytes').load('value');
    await fake.context.sync();
    expect(missing.isNullObject).toBe(true);
    settings.add('LocalityPlanner.requestBudgetBytes', 900_000);
    const present = fake.context.workbook.settings.getItemOrNullObject('LocalityPlanner.requestBudgetBytes').load('value');
    await fake.context.sync();
    expect([present.isNullObject, present.value]).toEqual([false, 900_000]);
  });

  it('raises events after the request that made the change: cells changed, sheets and tables added, sheets deleted', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data' }, { name: 'Old' }] });
    const heard: unknown[] = [];
    const context = fake.context;
    for (const event of [context.workbook.worksheets.onChanged, context.workbook.worksheets.onAdded, context.workbook.worksheets.onDeleted, context.workbook.tables.onAdded]) {
      event.add(async (args) => void heard.push((args as { type: string }).type));
    }
    await context.sync();
    context.workbook.worksheets.getItem('Data').getRange('A1:A2').values = [['h'], [1]];
    context.workbook.worksheets.add('New');
    context.workbook.worksheets.getItem('Old').delete();
    const data = context.workbook.worksheets.getItem('Data');
    data.tables.add(data.getRange('A1:A2'), true);
    await context.sync();
    expect(heard).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(heard).toEqual(['WorksheetChanged', 'WorksheetAdded', 'WorksheetDeleted', 'TableAdded']);
    await fake.userTypes('Data', 'B1', [['typed']]);
    expect(heard[heard.length - 1]).toBe('WorksheetChanged');
  });

  it('keeps each Excel.run batch\u2019s queued operations to itself, as each has its own request', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data' }] });
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = fake.run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRange('A1').values = [['slow']];
      await held;
      await context.sync();
    });
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRange('A2').values = [['quick']];
      await context.sync();
    });
    expect(fake.values('Data', 'A1:A2')).toEqual([[null], ['quick']]);
    release();
    await slow;
    expect(fake.values('Data', 'A1:A2')).toEqual([['slow'], ['quick']]);
    expect(fake.syncLog.map((s) => s.operations)).toEqual([1, 1]);
  });

  it.each`
    keeps    | stored
    ${true}  | ${{ value: '=SUM(1,2)', formula: undefined }}
    ${false} | ${{ value: 0, formula: '=SUM(1,2)' }}
  `('in a Text cell, a formula-like string written through values is kept as text: $keeps (undocumented, so both are modelled)', async ({ keeps, stored }) => {
    const fake = new FakeExcel({ sheets: [{ name: 'Data', numberFormats: { A1: '@' } }] });
    fake.quirks.textFormatKeepsTyping = keeps;
    fake.context.workbook.worksheets.getItem('Data').getRange('A1').values = [['=SUM(1,2)']];
    await fake.context.sync();
    expect({ value: fake.cell('Data', 'A1')!.value, formula: fake.cell('Data', 'A1')!.formula }).toEqual(stored);
  });
});

