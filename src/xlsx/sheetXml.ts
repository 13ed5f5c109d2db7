import { type HeaderFooterPlan, type OutputCell, type PagePlan, type RangeFormat, type RangeStyle, type Rect, type SheetPlan, cellAddress, columnLetters, rangeAddress } from '../engine';
import type { CellStyle, StyleRegistry } from './styles';
import { argb, escapeAttr, escapeText } from './xml';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const rectRef = (r: Rect): string => rangeAddress(r.row, r.column, r.rows, r.columns);
const covers = (r: Rect, row: number, column: number): boolean => row >= r.row && row < r.row + r.rows && column >= r.column && column < r.column + r.columns;

/** About how many characters of rows are handed on at a time. */
const ROWS_BATCH = 32_768;

/** The extent of a sheet: its cells and every formatted range. */
function extent(sheet: SheetPlan): { rows: number; columns: number } {
  let rows = sheet.cells.length;
  // A loop, not Math.max(...rows): 130,000 rows spread into one call overflow the stack.
  let columns = 0;
  for (const r of sheet.cells) if (r.length > columns) columns = r.length;
  for (const list of [sheet.numberFormats, sheet.styles]) {
    for (const { range } of list) {
      rows = Math.max(rows, range.row + range.rows);
      columns = Math.max(columns, range.column + range.columns);
    }
  }
  return { rows, columns };
}

/** Leading or trailing white space (space, tab, line breaks), which XML parsers may drop unless told to keep it. */
const isSpace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13 || code === 160;
const edgeSpace = (text: string): boolean => text.length > 0 && (isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1)));

function cellXml(ref: string, value: OutputCell, style: number): string {
  const s = style > 0 ? ` s="${style}"` : '';
  if (value === null || value === undefined) return style > 0 ? `<c r="${ref}"${s}/>` : '';
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : `<c r="${ref}"${s}/>`;
  if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  // Inline strings are always text: a value from the inputs starting with = + - @ can
  // never become a formula here.
  // xml:space="preserve" only where it matters: a fifth of England's Priorities sheet otherwise.
  const preserve = edgeSpace(value) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${preserve}>${escapeText(value)}</t></is></c>`;
}

export interface SheetRelIds {
  readonly drawing?: string;
  readonly tables: readonly string[];
  /** True for the sheet the workbook opens on: its tab is the selected one. */
  readonly selected?: boolean;
}

/** A4 in SpreadsheetML's paper sizes. */
const paperSizes = { A4: 9 } as const satisfies Record<PagePlan['paper'], number>;

/** `&L…&C…&R…`: the three sections of a header or footer, each already in Excel's header codes. */
function headerFooterCode(h: HeaderFooterPlan): string {
  return [['&L', h.left], ['&C', h.center], ['&R', h.right]].filter(([, text]) => text !== '').map(([code, text]) => `${code}${text}`).join('');
}

/**
 * How the sheet prints, in the schema's order after the conditional formats: margins
 * (Excel's Normal ones where the plan sets none), paper, orientation and fitting, the
 * header and footer, and the manual page breaks. The print area and the repeated header
 * rows are defined names in the workbook part (see workbookViews.ts).
 */
export function pageXml(page: PagePlan | null): string {
  const m = page?.margins ?? { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };
  const margins = `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`;
  if (page === null) return margins;
  const parts = [margins];
  parts.push(`<pageSetup paperSize="${paperSizes[page.paper]}" orientation="${page.orientation}" fitToWidth="${page.fitTo.across}" fitToHeight="${page.fitTo.down ?? 0}"/>`);
  parts.push(`<headerFooter><oddHeader>${escapeText(headerFooterCode(page.header))}</oddHeader><oddFooter>${escapeText(headerFooterCode(page.footer))}</oddFooter></headerFooter>`);
  if (page.breaksBefore.length > 0) {
    // A break's id is the zero-based row that starts the next page; max spans every column.
    parts.push(`<rowBreaks count="${page.breaksBefore.length}" manualBreakCount="${page.breaksBefore.length}">${page.breaksBefore.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join('')}</rowBreaks>`);
  }
  return parts.join('');
}

/**
 * A worksheet part for an output sheet: values as inline strings and numbers, a style
 * per cell from the plan's formats, widths, frozen panes, conditional formats, and the
 * references to its drawing (charts) and table parts. Given in pieces, a row at a time,
 * so England's Priorities sheet is deflated as it is written rather than held whole.
 */
export function* sheetXml(sheet: SheetPlan, styles: StyleRegistry, rels: SheetRelIds): Generator<string> {
  const { rows, columns } = extent(sheet);
  const parts: string[] = [];
  parts.push(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`);
  // fitToPage makes Excel honour pageSetup's fitToWidth and fitToHeight.
  parts.push(`<sheetPr>${sheet.tabColor ? `<tabColor rgb="${argb(sheet.tabColor)}"/>` : ''}${sheet.page ? '<pageSetUpPr fitToPage="1"/>' : ''}</sheetPr>`);
  parts.push(`<dimension ref="${rows > 0 && columns > 0 ? rangeAddress(0, 0, rows, columns) : 'A1'}"/>`);
  const { rows: fr, columns: fc } = sheet.freeze;
  let pane = '';
  if (fr > 0 || fc > 0) {
    const active = fr > 0 && fc > 0 ? 'bottomRight' : fr > 0 ? 'bottomLeft' : 'topRight';
    pane = `<pane${fc > 0 ? ` xSplit="${fc}"` : ''}${fr > 0 ? ` ySplit="${fr}"` : ''} topLeftCell="${cellAddress(fr, fc)}" activePane="${active}" state="frozen"/><selection pane="${active}" activeCell="${cellAddress(fr, fc)}" sqref="${cellAddress(fr, fc)}"/>`;
  }
  parts.push(`<sheetViews><sheetView${rels.selected ? ' tabSelected="1"' : ''} workbookViewId="0">${pane}</sheetView></sheetViews>`);
  parts.push('<sheetFormatPr defaultRowHeight="15"/>');
  if (sheet.columnWidths.length > 0) {
    parts.push(`<cols>${sheet.columnWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`);
  }
  parts.push('<sheetData>');
  yield parts.join('');
  parts.length = 0;
  // Ranges that touch each row. Rows touched by the same ranges (a table's body, say)
  // share one list of per-column style indexes, so a long sheet styles each column once.
  const touching: number[][] = Array.from({ length: rows }, () => []);
  type Layer = { readonly kind: 'format'; readonly range: Rect; readonly format: RangeFormat } | { readonly kind: 'style'; readonly range: Rect; readonly style: RangeStyle };
  const ranges: Layer[] = [...sheet.numberFormats.map((format) => ({ kind: 'format' as const, range: format.range, format })), ...sheet.styles.map((style) => ({ kind: 'style' as const, range: style.range, style }))];
  ranges.forEach((x, i) => {
    for (let r = x.range.row; r < x.range.row + x.range.rows; r++) touching[r].push(i);
  });
  const columnStyles = new Map<string, (CellStyle | undefined)[]>();
  // The last row's ranges and styling: a long table's rows, one after another, touch the same
  // ranges, which is found by comparing the lists without making a key for each row.
  let lastTouching: readonly number[] | undefined;
  let lastStyles: (CellStyle | undefined)[] = [];
  const stylesFor = (r: number): (CellStyle | undefined)[] => {
    const list = touching[r];
    if (lastTouching !== undefined && lastTouching.length === list.length && list.every((x, k) => x === lastTouching![k])) return lastStyles;
    lastTouching = list;
    lastStyles = stylesByKey(r);
    return lastStyles;
  };
  const stylesByKey = (r: number): (CellStyle | undefined)[] => {
    const key = touching[r].join(',');
    let byColumn = columnStyles.get(key);
    if (!byColumn) {
      byColumn = Array.from({ length: columns }, (_, c) => {
        let style: CellStyle | undefined;
        // Number formats first, then styles, each in plan order: later ranges win, as in the plan.
        for (const i of touching[r]) {
          const x = ranges[i];
          if (!covers(x.range, r, c)) continue;
          if (x.kind === 'format') style = { ...style, numberFormat: x.format.numberFormat };
          else {
            const { range: _range, ...rest } = x.style;
            style = { ...style, ...rest };
          }
        }
        return style;
      });
      columnStyles.set(key, byColumn);
    }
    return byColumn;
  };
  const xfCache = new Map<CellStyle | undefined, number>();
  const xfOf = (style: CellStyle | undefined): number => {
    let id = xfCache.get(style);
    if (id === undefined) {
      id = style ? styles.xf(style) : 0;
      xfCache.set(style, id);
    }
    return id;
  };
  // Each distinct column styling's style indexes, looked up the first time a cell needs one,
  // so styles are added to the stylesheet in the order cells use them.
  const xfIds = new Map<(CellStyle | undefined)[], number[]>();
  const letters = Array.from({ length: columns }, (_, c) => columnLetters(c));
  const heights = new Map(sheet.rowHeights.map((h) => [h.row, h.points]));
  // Rows are handed on some 32,000 characters at a time: each piece costs a call into the encoder.
  let batch = '';
  for (let r = 0; r < rows; r++) {
    const rowNumber = String(r + 1);
    const values = sheet.cells[r] ?? [];
    const byColumn = stylesFor(r);
    let ids = xfIds.get(byColumn);
    if (!ids) {
      ids = new Array<number>(columns).fill(-1);
      xfIds.set(byColumn, ids);
    }
    // One string per row, appended to (no array of cells to join): England's Priorities sheet has 262,760 cells.
    let cells = '';
    for (let c = 0; c < columns; c++) {
      if (ids[c] < 0) ids[c] = xfOf(byColumn[c]);
      // The plan formats every text cell as Text; here it is only printed.
      cells += cellXml(letters[c] + rowNumber, values[c] ?? null, ids[c]);
    }
    const height = heights.get(r);
    const ht = height === undefined ? '' : ` ht="${height}" customHeight="1"`;
    if (cells !== '') batch += `<row r="${rowNumber}"${ht}>${cells}</row>`;
    else if (ht) batch += `<row r="${rowNumber}"${ht}/>`;
    if (batch.length >= ROWS_BATCH) {
      yield batch;
      batch = '';
    }
  }
  if (batch !== '') yield batch;
  parts.push('</sheetData>');
  let priority = 1;
  for (const cf of sheet.conditionalFormats) {
    const ref = rectRef(cf.range);
    switch (cf.kind) {
      case 'cell-value':
        parts.push(`<conditionalFormatting sqref="${ref}"><cfRule type="cellIs" dxfId="${styles.dxf(cf.fill, cf.fontColor)}" priority="${priority++}" operator="greaterThan"><formula>${cf.greaterThan}</formula></cfRule></conditionalFormatting>`);
        break;
      case 'data-bar':
        parts.push(`<conditionalFormatting sqref="${ref}"><cfRule type="dataBar" priority="${priority++}"><dataBar><cfvo type="num" val="${cf.min}"/><cfvo type="num" val="${cf.max}"/><color rgb="${argb(cf.color)}"/></dataBar></cfRule></conditionalFormatting>`);
        break;
      default: {
        const never: never = cf;
        throw new Error(`Unknown conditional format ${JSON.stringify(never)}`);
      }
    }
  }
  parts.push(pageXml(sheet.page));
  if (rels.drawing) parts.push(`<drawing r:id="${escapeAttr(rels.drawing)}"/>`);
  if (rels.tables.length > 0) parts.push(`<tableParts count="${rels.tables.length}">${rels.tables.map((id) => `<tablePart r:id="${id}"/>`).join('')}</tableParts>`);
  parts.push('</worksheet>');
  yield parts.join('');
}

/** A table part over a range whose header row holds the column names. */
export function tableXml(id: number, name: string, range: Rect, header: readonly OutputCell[], style: string, banded: boolean): string {
  const ref = rectRef(range);
  const names: string[] = [];
  for (let c = 0; c < range.columns; c++) {
    let n = String(header[range.column + c] ?? `Column${c + 1}`);
    while (names.includes(n)) n += ' ';
    names.push(n);
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="${MAIN_NS}" id="${id}" name="${escapeAttr(name)}" displayName="${escapeAttr(name)}" ref="${ref}" totalsRowShown="0"><autoFilter ref="${ref}"/><tableColumns count="${range.columns}">${names.map((n, i) => `<tableColumn id="${i + 1}" name="${escapeAttr(n)}"/>`).join('')}</tableColumns><tableStyleInfo name="${escapeAttr(style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="${banded ? 1 : 0}" showColumnStripes="0"/></table>`;
}
