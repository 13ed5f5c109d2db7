import { isDateFormat } from '../excel/readWorkbook';
import type { WorkbookPackage } from './package';
import { readPartStreaming } from './sax';

/**
 * Built-in number formats that show a date or time (ECMA-376 Part 1, §18.8.30): 14–22,
 * the East Asian date formats 27–36 and 50–58, and the times 45–47. Excel shows these
 * without a definition in the file.
 */
function builtInIsDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/**
 * For each cell style (`s` on a cell, an index into `cellXfs`), whether its number format
 * shows a date. A number in such a cell is a date, as Office.js reports it; the rule for
 * a custom format is the add-in's own ({@link isDateFormat}), so both hosts agree.
 */
export async function readDateStyles(pkg: WorkbookPackage, part: string | undefined): Promise<readonly boolean[]> {
  if (part === undefined) return [];
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await readPartStreaming(pkg, part, {
    open(name, a) {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  return xfFormats.map((id) => {
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : builtInIsDate(id);
  });
}
