import { FakeExcel, type SheetSpec, type WorkbookSpec } from '../fakes/fakeExcel';
import { asExcelValue, sampleReadMe, sampleTables, sheetOf } from '../../scripts/sample/sampleWorkbook';
import { columnLetters } from '../../src/engine';

/**
 * What the browser test serves in place of office.js: a small `Office` that says "this is
 * Excel" and an `Excel` whose `run` hands out the fake Excel's context, over the sample
 * workbook (scripts/sample/sampleWorkbook.ts) laid out as `npm run sample` lays it out.
 * The built pane then runs its real Office adapter against it. Bundled for the page by
 * pane.test.ts; never part of the add-in.
 */

/** Set by the test (page.addInitScript) before this script runs: the theme, cells to spoil, tables to leave out. */
export interface StubOptions {
  readonly isDarkTheme?: boolean;
  /** Overwrites data cells of a sample table (row 0 = first row under the header). */
  readonly spoil?: { readonly table: string; readonly rows: readonly number[]; readonly column: number; readonly value: string };
  /** Sample tables to leave out of the workbook (to see the pane offer starter tables). */
  readonly drop?: readonly string[];
}

/** The sample workbook as the fake Excel's spec: an About sheet, then one sheet and table per input. */
export function sampleWorkbookSpec(spoil?: StubOptions['spoil'], drop: readonly string[] = []): WorkbookSpec {
  const about: SheetSpec = { name: 'About', cells: sampleReadMe.map((line) => [line]) };
  const inputs = sampleTables.filter((table) => !drop.includes(table.name)).map((table): SheetSpec => {
    const rows = table.rows.map((row, r) =>
      (spoil?.table === table.name && spoil.rows.includes(r) ? row.map((cell, c) => (c === spoil.column ? spoil.value : cell)) : row).map(asExcelValue),
    );
    const lastColumn = columnLetters(table.header.length - 1);
    const lastRow = table.rows.length + 1;
    const numberFormats: Record<string, string> = {};
    for (const [column, format] of Object.entries(table.formats ?? {})) {
      const letter = columnLetters(Number(column));
      numberFormats[`${letter}2:${letter}${lastRow}`] = format;
    }
    return {
      name: sheetOf(table),
      cells: [table.header, ...rows],
      numberFormats,
      tables: [{ name: table.name, range: `A1:${lastColumn}${lastRow}` }],
    };
  });
  return { sheets: [about, ...inputs], active: 'About' };
}

const page = globalThis as unknown as { __lpStub?: StubOptions; Buffer?: { byteLength(text: string): number } };

// The fake sizes requests with Buffer.byteLength, which Node has and browsers do not.
if (page.Buffer === undefined) {
  page.Buffer = { byteLength: (text: string) => new TextEncoder().encode(text).length };
}

const fake = new FakeExcel(sampleWorkbookSpec(page.__lpStub?.spoil, page.__lpStub?.drop));
const dark = page.__lpStub?.isDarkTheme ?? false;

Object.assign(page, {
  __lpFake: fake,
  Excel: {
    // Excel.run(batch) or Excel.run(options, batch), as office.js takes either.
    run: <T>(...args: [(context: Excel.RequestContext) => Promise<T>] | [Excel.RunOptions, (context: Excel.RequestContext) => Promise<T>]): Promise<T> =>
      args.length === 1 ? fake.run(args[0]) : fake.run(args[1], args[0]),
  },
  Office: {
    HostType: { Excel: 'Excel', Word: 'Word', PowerPoint: 'PowerPoint', Outlook: 'Outlook', OneNote: 'OneNote' },
    PlatformType: { OfficeOnline: 'OfficeOnline' },
    onReady: () => Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' }),
    context: {
      // The sets the manifest requires (ExcelApi up to 1.9), no more: optional newer features stay off.
      requirements: {
        isSetSupported: (name: string, version = '1.1') => fake.isSetSupported(name, version),
      },
      officeTheme: {
        isDarkTheme: dark,
        bodyBackgroundColor: dark ? '#292929' : '#FFFFFF',
        bodyForegroundColor: dark ? '#FFFFFF' : '#000000',
        controlBackgroundColor: dark ? '#3B3B3B' : '#FFFFFF',
        controlForegroundColor: dark ? '#FFFFFF' : '#000000',
      },
    },
  },
});
