import { strToU8, zipSync } from 'fflate';
import { cellAddress } from '../../src/engine';

/**
 * Workbooks written as raw SpreadsheetML, the way programs other than Excel write them
 * (openpyxl: inline strings, formulas with an empty `<v/>`, absolute relationship
 * targets, `fullCalcOnLoad`; LibreOffice: `date1904="true"`), so a test states the exact
 * XML a reader must cope with. Nothing here goes through ExcelJS.
 */

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PR = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A cell: text (an inline string), a number, TRUE/FALSE, blank, or the raw XML inside `<c>` with its type and style. */
export type RawCell = string | number | boolean | null | { readonly t?: string; readonly s?: number; readonly inner: string };

export interface RawTable {
  readonly name: string;
  readonly ref: string;
  readonly columns: readonly string[];
  readonly displayName?: string;
  readonly headerRowCount?: number;
  readonly totalsRowCount?: number;
}

export interface RawSheet {
  readonly name: string;
  /** Rows from A1 (or from `at`), as cells. */
  readonly rows?: readonly (readonly RawCell[])[];
  readonly at?: { readonly row: number; readonly column: number };
  /** The whole `<sheetData>` content instead of `rows`. */
  readonly sheetData?: string;
  /** XML between `<worksheet>` and `<sheetData>` (sheetFormatPr …) and after it (mergeCells …). */
  readonly before?: string;
  readonly after?: string;
  readonly tables?: readonly RawTable[];
  /** Extra attributes on each `<row>`, by 1-based row number (`hidden="1"`). */
  readonly rowAttributes?: Readonly<Record<number, string>>;
}

export interface RawWorkbook {
  readonly sheets: readonly RawSheet[];
  /** `<si>` contents, in order (plain text is wrapped in `<t>`). */
  readonly sharedStrings?: readonly string[];
  /** A whole styles part. */
  readonly styles?: string;
  readonly workbookPr?: string;
  readonly calcPr?: string;
  /** openpyxl writes relationship targets from the package root: `/xl/worksheets/sheet1.xml`. */
  readonly absoluteTargets?: boolean;
  readonly mainContentType?: string;
  /** Last changes to the parts before zipping, to damage or extend the package. */
  readonly edit?: (parts: Record<string, Uint8Array>) => void;
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function cellXml(ref: string, cell: RawCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return `<c r="${ref}" t="inlineStr"><is><t>${escape(cell)}</t></is></c>`;
  if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
  if (typeof cell === 'boolean') return `<c r="${ref}" t="b"><v>${cell ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${cell.t ? ` t="${cell.t}"` : ''}${cell.s !== undefined ? ` s="${cell.s}"` : ''}>${cell.inner}</c>`;
}

/** `<sheetData>` content for rows of cells starting at a cell. */
export function sheetDataXml(rows: readonly (readonly RawCell[])[], at = { row: 0, column: 0 }, rowAttributes: Readonly<Record<number, string>> = {}): string {
  return rows
    .map((line, r) => {
      const n = at.row + r + 1;
      const extra = rowAttributes[n] ? ` ${rowAttributes[n]}` : '';
      return `<row r="${n}"${extra}>${line.map((c, i) => cellXml(cellAddress(at.row + r, at.column + i), c)).join('')}</row>`;
    })
    .join('');
}

/** A formula cell as openpyxl writes it: the formula and an empty value. */
export const uncached = (formula: string): RawCell => ({ inner: `<f>${escape(formula)}</f><v/>` });
/** A formula cell as Excel writes it: the formula and its saved result. */
export const cached = (formula: string, value: number): RawCell => ({ inner: `<f>${escape(formula)}</f><v>${value}</v>` });

/** A styles part whose cell style 1 shows dates (built-in format 14) and style 2 a custom `dd/mm/yyyy`. */
export const dateStyles = `${DECL}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** The parts of a workbook, before zipping. */
export function rawParts(spec: RawWorkbook): Record<string, Uint8Array> {
  const target = (path: string, from: string) => (spec.absoluteTargets ? `/${path}` : path.slice(from.length));
  const parts: Record<string, string> = {};
  const overrides: string[] = [];
  const wbRels: string[] = [];
  let tableNumber = 0;
  spec.sheets.forEach((sheet, i) => {
    const path = `xl/worksheets/sheet${i + 1}.xml`;
    wbRels.push(`<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="${target(path, 'xl/')}"/>`);
    overrides.push(`<Override PartName="/${path}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
    const data = sheet.sheetData ?? sheetDataXml(sheet.rows ?? [], sheet.at, sheet.rowAttributes);
    const rels: string[] = [];
    const tableParts: string[] = [];
    for (const t of sheet.tables ?? []) {
      const tPath = `xl/tables/table${++tableNumber}.xml`;
      const id = `rId${rels.length + 1}`;
      rels.push(`<Relationship Id="${id}" Type="${R}/table" Target="${spec.absoluteTargets ? `/${tPath}` : `../tables/table${tableNumber}.xml`}"/>`);
      tableParts.push(`<tablePart r:id="${id}"/>`);
      overrides.push(`<Override PartName="/${tPath}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`);
      const counts = `${t.headerRowCount !== undefined ? ` headerRowCount="${t.headerRowCount}"` : ''}${t.totalsRowCount !== undefined ? ` totalsRowCount="${t.totalsRowCount}"` : ''}`;
      parts[tPath] = `${DECL}<table xmlns="${MAIN}" id="${tableNumber}" name="${escape(t.name)}" displayName="${escape(t.displayName ?? t.name)}" ref="${t.ref}"${counts}><autoFilter ref="${t.ref}"/><tableColumns count="${t.columns.length}">${t.columns.map((c, k) => `<tableColumn id="${k + 1}" name="${escape(c)}"/>`).join('')}</tableColumns><tableStyleInfo name="TableStyleMedium9" showRowStripes="1"/></table>`;
    }
    parts[path] = `${DECL}<worksheet xmlns="${MAIN}" xmlns:r="${R}">${sheet.before ?? ''}<sheetData>${data}</sheetData>${sheet.after ?? ''}${tableParts.length ? `<tableParts count="${tableParts.length}">${tableParts.join('')}</tableParts>` : ''}</worksheet>`;
    if (rels.length) parts[`xl/worksheets/_rels/sheet${i + 1}.xml.rels`] = `${DECL}<Relationships xmlns="${PR}">${rels.join('')}</Relationships>`;
  });
  let next = spec.sheets.length + 1;
  if (spec.sharedStrings) {
    parts['xl/sharedStrings.xml'] = `${DECL}<sst xmlns="${MAIN}" count="${spec.sharedStrings.length}" uniqueCount="${spec.sharedStrings.length}">${spec.sharedStrings.map((s) => `<si>${s.startsWith('<') ? s : `<t>${escape(s)}</t>`}</si>`).join('')}</sst>`;
    wbRels.push(`<Relationship Id="rId${next++}" Type="${R}/sharedStrings" Target="${target('xl/sharedStrings.xml', 'xl/')}"/>`);
    overrides.push('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>');
  }
  if (spec.styles) {
    parts['xl/styles.xml'] = spec.styles;
    wbRels.push(`<Relationship Id="rId${next++}" Type="${R}/styles" Target="${target('xl/styles.xml', 'xl/')}"/>`);
    overrides.push('<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>');
  }
  const sheetsXml = spec.sheets.map((s, i) => `<sheet name="${escape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  parts['xl/workbook.xml'] = `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${R}">${spec.workbookPr ?? '<workbookPr/>'}<bookViews><workbookView/></bookViews><sheets>${sheetsXml}</sheets>${spec.calcPr ?? ''}</workbook>`;
  parts['xl/_rels/workbook.xml.rels'] = `${DECL}<Relationships xmlns="${PR}">${wbRels.join('')}</Relationships>`;
  parts['_rels/.rels'] = `${DECL}<Relationships xmlns="${PR}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  parts['[Content_Types].xml'] =
    `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="${spec.mainContentType ?? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'}"/>${overrides.join('')}</Types>`;
  const bytes: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(parts)) bytes[k] = strToU8(v);
  spec.edit?.(bytes);
  return bytes;
}

/** The workbook's .xlsx bytes. */
export function rawWorkbook(spec: RawWorkbook): Uint8Array {
  return zipSync(rawParts(spec));
}

/** The smallest inputs that run, as raw sheets: Parameters with First year, one cost line. */
export const rawParameters = (...rows: RawCell[][]): RawSheet => ({ name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', '2012/13'], ...rows] });
export const rawCosts = (...rows: RawCell[][]): RawSheet => ({ name: 'Costs', rows: [['Cost line', 'Unit cost'], ...(rows.length ? rows : [['Locality Manager', 40000]])] });
