import ExcelJS from 'exceljs';
import path from 'node:path';
import { sampleReadMe, sampleTables, sheetOf } from './sample/sampleWorkbook';

/** Writes assets/sample-workbook.xlsx from scripts/sample/sampleWorkbook.ts, with each input as a real Excel table. */
export async function buildSampleWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Locality Planner';
  // A fixed date keeps the file the same from build to build.
  wb.created = new Date('2024-04-01T00:00:00Z');
  wb.modified = wb.created;
  const about = wb.addWorksheet('About');
  sampleReadMe.forEach((line, i) => {
    about.getCell(i + 1, 1).value = line;
  });
  about.getCell(1, 1).font = { bold: true, size: 14 };
  about.getColumn(1).width = 120;
  for (const t of sampleTables) {
    const ws = wb.addWorksheet(sheetOf(t), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addTable({
      name: t.name,
      ref: 'A1',
      headerRow: true,
      style: { theme: 'TableStyleMedium2', showRowStripes: true },
      columns: t.header.map((name) => ({ name, filterButton: true })),
      rows: t.rows.map((r) => [...r]),
    });
    t.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    for (const [col, fmt] of Object.entries(t.formats ?? {})) ws.getColumn(Number(col) + 1).numFmt = fmt;
  }
  await wb.xlsx.writeFile(file);
}

if (require.main === module) {
  const file = path.resolve(__dirname, '../assets/sample-workbook.xlsx');
  buildSampleWorkbook(file).then(() => console.log(`Wrote ${path.relative(process.cwd(), file)}`));
}
