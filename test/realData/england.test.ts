import ExcelJS from 'exceljs';
import { buildXlsx, runCliOn } from '../badInput/cliRun';
import { describeWith } from '../support/requires';
import { readFile1 } from './england';

/**
 * England's 32,844 neighbourhoods (IoD2019 File_1) pasted in as published, through the
 * command-line tool: the largest locality table a user will realistically load.
 */
describeWith(['imd2019'], 'England (IoD2019 File_1) through the command-line tool', () => {
  // Read in beforeAll, not while Jest collects the tests.
  let header: string[];
  let rows: string[][];
  let name: number;
  let district: number;
  let rank: number;
  const rankOf = (row: string[]) => Number(row[rank].replace(/,/g, ''));

  /** Worked out from the CSV alone: each district's most deprived LSOA, then the next 100 by IMD rank. */
  function expectedSelection(): Set<string> {
    const best = new Map<string, string[]>();
    for (const row of rows) {
      const current = best.get(row[district]);
      if (!current || rankOf(row) < rankOf(current)) best.set(row[district], row);
    }
    const chosen = new Set([...best.values()].map((r) => r[name]));
    const rest = rows.filter((r) => !chosen.has(r[name])).sort((a, b) => rankOf(a) - rankOf(b));
    for (const r of rest.slice(0, 100)) chosen.add(r[name]);
    return chosen;
  }

  let run: Awaited<ReturnType<typeof runCliOn>>;
  beforeAll(async () => {
    ({ header, rows } = readFile1());
    const column = (title: string) => header.findIndex((h) => h.replace(/^\ufeff/, '') === title);
    name = column('LSOA name (2011)');
    district = column('Local Authority District name (2019)');
    rank = column('Index of Multiple Deprivation (IMD) Rank');
    const bytes = await buildXlsx([
      { name: 'Localities', rows: [header, ...rows] },
      { name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', '2020/21'], ['Years', 10], ['Per district', 1], ['Additional', 100], ['Cost per locality', '£75,000']] },
    ]);
    run = await runCliOn(bytes, { json: true });
  }, 300_000);

  it('reads the file exactly as published: 32,844 rows in 317 districts, ranks written "29,199"', () => {
    expect(rows).toHaveLength(32_844);
    expect(header[0].startsWith('\ufeff')).toBe(true);
    expect(new Set(rows.map((r) => r[district])).size).toBe(317);
    expect(rows.some((r) => /^\d{1,2},\d{3}$/.test(r[rank]))).toBe(true);
  });

  it('runs, writes the results and leaves the input as it was', () => {
    expect({ code: run.code, wroteOutput: run.wroteOutput, inputUnchanged: run.inputUnchanged, err: run.err }).toEqual({ code: 0, wroteOutput: true, inputUnchanged: true, err: '' });
  });

  it('selects exactly the most deprived LSOA in each of the 317 districts plus the next 100 by IMD rank', () => {
    const selected = run.summary!.selected.map((s) => s.locality);
    expect(selected).toHaveLength(417);
    expect(new Set(selected)).toEqual(expectedSelection());
  });

  it('writes a Priorities row for each of the 32,844 localities', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(run.output! as unknown as ExcelJS.Buffer);
    const priorities = wb.getWorksheet('Priorities')!;
    const headerRow = priorities.getColumn(2).values.findIndex((v) => v === 'Locality');
    let count = 0;
    priorities.eachRow((row, n) => {
      if (n > headerRow && typeof row.getCell(2).value === 'string') count++;
    });
    expect(count).toBe(32_844);
  }, 300_000);
});
