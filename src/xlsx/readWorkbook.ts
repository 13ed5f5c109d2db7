import { type CellValue, MARK_NAME, type OtherSheetKind, type SourceTable, type WorkbookInput, columnsNeeded, findOwnershipSheet, inputTableNames, locateInputs, sheetsToProveByOpening, stringConstant } from '../engine';
import { readDateStyles } from './dateStyles';
import { WorkbookFileError, damaged } from './fileErrors';
import { REL_NS, WorkbookPackage, attributeOf, childElements, relationshipType } from './package';
import { decodeXstring, readSharedStrings } from './sharedStrings';
import { type BlockSpec, type ColumnChoice, SourceBlock } from './sourceBlock';
import { type CellRect, type SheetTail, type WorkbookCellContext, parseRangeRef, streamWorksheet } from './worksheet';
import { child, children, type XmlElement } from './xml';

export { WorkbookFileError } from './fileErrors';

/** A sheet as the workbook part lists it. */
interface SheetEntry {
  readonly name: string;
  /** Its part, for a worksheet; chart, dialog and macro sheets hold no inputs. */
  readonly part: string | undefined;
  /** What kind of sheet it is, by its relationship's type. */
  readonly kind: 'worksheet' | OtherSheetKind;
  /** The text of its `_LocalityPlannerSheet` defined name, if it has one. */
  readonly mark: string | undefined;
}

/** Each kind of sheet by its relationship's type; any other type is a sheet of a kind the planner does not know. */
const sheetKinds: Readonly<Record<string, 'worksheet' | OtherSheetKind>> = {
  [relationshipType.worksheet]: 'worksheet',
  [relationshipType.chartsheet]: 'chart sheet',
  [relationshipType.dialogsheet]: 'dialog sheet',
  [relationshipType.macrosheet]: 'macro sheet',
  [relationshipType.internationalMacrosheet]: 'macro sheet',
};


/** Each sheet's mark: the `_LocalityPlannerSheet` name scoped to it (`localSheetId` counts every kind of sheet, from 0). */
function readMarks(root: XmlElement, sheetCount: number): (string | undefined)[] {
  const marks: (string | undefined)[] = new Array(sheetCount).fill(undefined);
  const names = child(root, 'definedNames');
  for (const n of names ? children(names, 'definedName') : []) {
    const local = n.getAttribute('localSheetId');
    if ((n.getAttribute('name') ?? '').toLowerCase() !== MARK_NAME.toLowerCase() || local === null || !/^\d+$/.test(local)) continue;
    const index = Number(local);
    if (index < sheetCount) marks[index] = stringConstant(n.textContent ?? '');
  }
  return marks;
}

/** An Excel table as its table part describes it. */
interface TableEntry {
  /** The name users see and formulas use (`displayName`; `name` if there is none). */
  readonly name: string;
  readonly sheet: SheetEntry;
  readonly range: CellRect;
  readonly headerRow: boolean;
  readonly totalsRows: number;
  readonly columnNames: readonly string[];
}

const isTrue = (v: string | null | undefined): boolean => v === '1' || v === 'true';

/** The workbook part: its sheets, date system and calculation setting. */
function readWorkbookPart(pkg: WorkbookPackage): { sheets: SheetEntry[]; date1904: boolean; recalculateOnLoad: boolean } {
  const root = pkg.xml(pkg.workbookPart)?.documentElement;
  if (!root) throw damaged('its workbook part is missing');
  if ((root.namespaceURI ?? '').startsWith('http://purl.oclc.org/ooxml/')) throw new WorkbookFileError({ kind: 'strict' });
  const sheetsEl = child(root, 'sheets');
  if (!sheetsEl) throw new WorkbookFileError({ kind: 'not-a-workbook', detail: 'its workbook part lists no sheets' });
  const rels = pkg.relationships(pkg.workbookPart);
  const listed = children(sheetsEl, 'sheet');
  const marks = readMarks(root, listed.length);
  const sheets = listed.map((el, i): SheetEntry => {
    const name = el.getAttribute('name') ?? '';
    const id = el.getAttributeNS(REL_NS, 'id') ?? el.getAttribute('r:id');
    const rel = rels.find((r) => r.id === id);
    // A sheet Excel lists but cannot find would be silently missing from the inputs: refuse instead.
    if (!rel || (!rel.external && rel.part === undefined)) throw damaged(`the sheet "${name}" is missing from the package`);
    const kind = sheetKinds[rel.type] ?? 'sheet';
    return { name, part: kind === 'worksheet' ? rel.part : undefined, kind, mark: marks[i] };
  });
  if (sheets.length === 0) throw new WorkbookFileError({ kind: 'not-a-workbook', detail: 'it has no worksheets' });
  const properties = child(root, 'workbookPr');
  const calculation = child(root, 'calcPr');
  return { sheets, date1904: isTrue(properties?.getAttribute('date1904')), recalculateOnLoad: isTrue(calculation?.getAttribute('fullCalcOnLoad')) };
}

/** Every table on every worksheet, found through each sheet's relationships as Excel finds them. */
function readTables(pkg: WorkbookPackage, sheets: readonly SheetEntry[]): TableEntry[] {
  const tables: TableEntry[] = [];
  for (const sheet of sheets) {
    if (sheet.part === undefined) continue;
    for (const rel of pkg.relationships(sheet.part)) {
      if (rel.type !== relationshipType.table) continue;
      const table = rel.part === undefined ? undefined : pkg.elements(rel.part);
      if (!table) throw damaged(`a table on the sheet "${sheet.name}" is missing from the package`);
      const name = attributeOf(table, 'displayName') || attributeOf(table, 'name') || '';
      const ref = attributeOf(table, 'ref') ?? '';
      const range = parseRangeRef(ref);
      if (!range) throw damaged(`the table ${name || rel.part} has the range "${ref}", which is not a range of cells`);
      const columns = childElements(table, 'tableColumns')[0];
      tables.push({
        name,
        sheet,
        range,
        headerRow: attributeOf(table, 'headerRowCount') !== '0',
        totalsRows: Number(attributeOf(table, 'totalsRowCount') ?? 0) || 0,
        columnNames: columns ? childElements(columns, 'tableColumn').map((c) => decodeXstring(attributeOf(c, 'name') ?? '')) : [],
      });
    }
  }
  return tables;
}

/** A header cell with nothing a user can see in it: the engine keeps such a column to note data under it. */
const isBlankHeader = (h: CellValue): boolean => h === null || (typeof h === 'string' && h.trim() === '');

/** The inputs that name Localities columns beyond the contract's fields: Indicators, and `Per <column>` methods in Costs or Parameters. */
const namesLocalitiesColumns = ['Indicators', 'Costs', 'Parameters'] as const;
type NamesLocalitiesColumns = (typeof namesLocalitiesColumns)[number];
const isNamer = (name: string): name is NamesLocalitiesColumns => (namesLocalitiesColumns as readonly string[]).includes(name);

/**
 * Which Localities columns to keep: those the engine reads (`columnsNeeded`, given the
 * inputs that name further columns), and any column without a header (the engine warns
 * about data under a blank header). England's other columns, and a wide sheet's dozens,
 * are never stored.
 */
function localitiesColumns(namers: () => ReadonlyMap<NamesLocalitiesColumns, SourceTable>): ColumnChoice {
  return (header, first) => {
    const read = namers();
    const needed = new Set(columnsNeeded(header, read.get('Indicators'), { costs: read.get('Costs'), parameters: read.get('Parameters') }).map((i) => first + i));
    return (column) => needed.has(column) || isBlankHeader(header[column - first] ?? null);
  };
}

interface Located {
  readonly block: SourceBlock;
  readonly part: string;
}

/**
 * Reads a workbook package into what the engine takes: each contract input as an Excel
 * table or, failing that, a sheet of that name (contract §1); every sheet and table name;
 * and the ownership record. Each sheet is streamed once, keeping only the cells of the
 * inputs on it; Localities keeps only the columns the engine uses.
 */
export async function readWorkbook(pkg: WorkbookPackage): Promise<WorkbookInput> {
  const { sheets, date1904, recalculateOnLoad } = readWorkbookPart(pkg);
  const tables = readTables(pkg, sheets);

  const located = new Map<string, Located>();
  // Indicators, Costs and Parameters as soon as each is complete, so Localities' columns can be chosen from them.
  const namerBlocks = new Map<SourceBlock, NamesLocalitiesColumns>();
  const namers = new Map<NamesLocalitiesColumns, SourceTable>();
  const worksheets = sheets.filter((s) => s.part !== undefined);
  // The engine's one rule for where each input is, as the add-in uses it too.
  for (const at of locateInputs({ sheetNames: worksheets.map((s) => s.name), tableNames: tables.map((t) => ({ name: t.name, sheet: t.sheet.name })) })) {
    const table = at.source === 'table' ? tables.find((t) => t.name === at.actualName && t.sheet.name === at.sheet) : undefined;
    const sheet = at.source === 'sheet' ? worksheets.find((s) => s.name === at.actualName) : undefined;
    const spec: BlockSpec | undefined = table
      ? { kind: 'table', name: table.name, sheet: table.sheet.name, range: table.range, headerRow: table.headerRow, totalsRows: table.totalsRows, columnNames: table.columnNames }
      : sheet
        ? { kind: 'sheet', name: sheet.name, sheet: sheet.name }
        : undefined;
    const part = table?.sheet.part ?? sheet?.part;
    if (!spec || part === undefined) continue;
    const choose = at.name === 'Localities' ? localitiesColumns(() => namers) : undefined;
    const block = new SourceBlock(spec, choose);
    if (isNamer(at.name)) namerBlocks.set(block, at.name);
    located.set(at.name, { block, part });
  }

  const localities = located.get('Localities');
  if (localities) {
    // A namer on Localities' own sheet is complete by the time Localities' header is read
    // only if it is a table ending above that header; otherwise every column is kept.
    const late = namesLocalitiesColumns.some((name) => {
      const namer = located.get(name);
      if (!namer || namer.part !== localities.part) return false;
      const ends = namer.block.spec.kind === 'table' && localities.block.spec.kind === 'table' && namer.block.lastPossibleRow < localities.block.spec.range.top;
      return !ends;
    });
    if (late) located.set('Localities', { block: new SourceBlock(localities.block.spec), part: localities.part });
  }

  const ownershipName = findOwnershipSheet(worksheets.map((s) => s.name));
  const ownershipSheet = worksheets.find((s) => s.name === ownershipName);
  const sharedStrings = await readSharedStrings(pkg, pkg.related(pkg.workbookPart, relationshipType.sharedStrings)?.part);
  const dateStyles = await readDateStyles(pkg, pkg.related(pkg.workbookPart, relationshipType.styles)?.part);
  const ctx: WorkbookCellContext = { sharedStrings, dateStyles, date1904, recalculateOnLoad };

  // Every part once, Localities' last so the inputs naming its columns are read first.
  const byPart = new Map<string, { sheet: string; blocks: SourceBlock[] }>();
  // Their rows are handed over before Localities', so a table of them above Localities is complete in time.
  const inputs = [...located.entries()].sort(([a], [b]) => Number(isNamer(b)) - Number(isNamer(a))).map(([, l]) => l);
  for (const { block, part } of inputs) {
    const entry = byPart.get(part) ?? { sheet: block.spec.sheet, blocks: [] };
    entry.blocks.push(block);
    byPart.set(part, entry);
  }
  const order = [...byPart.keys()].sort((a, b) => Number(a === located.get('Localities')?.part) - Number(b === located.get('Localities')?.part));
  const found = new Map<SourceBlock, SourceTable>();
  for (const part of order) {
    const { sheet, blocks } = byPart.get(part)!;
    const tail = await streamWorksheet(pkg, part, sheet, ctx, {
      cell(row, column, value) {
        for (const b of blocks) b.cell(row, column, value);
      },
      endRow(row, hidden) {
        for (const b of blocks) {
          b.endRow(row, hidden);
          const name = namerBlocks.get(b);
          if (name && !namers.has(name) && row >= b.lastPossibleRow) namers.set(name, b.finish(noTail));
        }
      },
    });
    const anchors = await missingAnchorValues(pkg, part, sheet, ctx, blocks, tail);
    for (const b of blocks) {
      const t = b.finish(tail, anchors);
      found.set(b, t);
      const name = namerBlocks.get(b);
      if (name) namers.set(name, t);
    }
  }

  const record = ownershipSheet ? await readRecord(pkg, ownershipSheet, ctx) : undefined;
  const sheetNames = worksheets.map((s) => s.name);
  const sheetMarks = worksheets.flatMap((s) => (s.mark === undefined ? [] : [{ sheet: s.name, mark: s.mark }]));
  // Sheets the record names that no mark proves: the engine proves them by how they open (a record from before marks).
  const toOpen = sheetsToProveByOpening({ sheetNames, sheetMarks, ...(record ? { ownershipRecord: record } : {}) });
  const openingCells = [];
  for (const name of toOpen) {
    const sheet = worksheets.find((s) => s.name === name)!;
    const top = await readRows(pkg, sheet, ctx, 2);
    openingCells.push({ sheet: name, a1: top[0]?.[0] ?? null, a2: top[1]?.[0] ?? null });
  }
  return {
    tables: inputTableNames.flatMap((n) => {
      const l = located.get(n);
      const t = l && found.get(l.block);
      return t ? [t] : [];
    }),
    sheetNames,
    // Every sheet that holds no cells to read still takes its name (a worksheet without a part of its own too).
    otherSheets: sheets.flatMap((s) => (s.part !== undefined ? [] : [{ name: s.name, kind: s.kind === 'worksheet' ? ('sheet' as const) : s.kind }])),
    tableNames: tables.map((t) => ({ name: t.name, sheet: t.sheet.name })),
    ...(record ? { ownershipRecord: record } : {}),
    sheetMarks,
    ...(openingCells.length > 0 ? { openingCells } : {}),
  };
}

/** No merged areas or unsaved arrays: what a block is finished with before its sheet's end has been read. */
const noTail: SheetTail = { merges: [], unsavedArrays: [] };

/**
 * The values of merged areas' first cells that a block skipped (see
 * {@link SourceBlock.missingAnchors}); read in a second pass over the sheet, which only a
 * contrived file needs.
 */
async function missingAnchorValues(pkg: WorkbookPackage, part: string, sheet: string, ctx: WorkbookCellContext, blocks: readonly SourceBlock[], tail: SheetTail): Promise<Map<string, Exclude<CellValue, null>>> {
  const wanted = new Set(blocks.flatMap((b) => b.missingAnchors(tail)).map((c) => `${c.row},${c.column}`));
  const values = new Map<string, Exclude<CellValue, null>>();
  if (wanted.size === 0) return values;
  await streamWorksheet(pkg, part, sheet, ctx, {
    cell(row, column, value) {
      const key = `${row},${column}`;
      if (wanted.has(key)) values.set(key, value);
    },
    endRow() {},
  });
  return values;
}

/** The ownership sheet's rows as from A1, as the add-in reads them. */
function readRecord(pkg: WorkbookPackage, sheet: SheetEntry, ctx: WorkbookCellContext): Promise<CellValue[][]> {
  return readRows(pkg, sheet, ctx, Infinity);
}

/** A worksheet's first `rowCount` rows as from A1. */
async function readRows(pkg: WorkbookPackage, sheet: SheetEntry, ctx: WorkbookCellContext, rowCount: number): Promise<CellValue[][]> {
  const rows: CellValue[][] = [];
  await streamWorksheet(pkg, sheet.part!, sheet.name, ctx, {
    cell(row, column, value) {
      if (row >= rowCount) return;
      while (rows.length <= row) rows.push([]);
      const line = rows[row];
      while (line.length < column) line.push(null);
      line[column] = value;
    },
    endRow() {},
  });
  return rows;
}

/** Opens a file's bytes and reads them (see {@link readWorkbook}); throws {@link WorkbookFileError} for a file that is not a readable workbook. */
export async function readWorkbookFile(bytes: Uint8Array): Promise<WorkbookInput> {
  return readWorkbook(WorkbookPackage.open(bytes));
}
