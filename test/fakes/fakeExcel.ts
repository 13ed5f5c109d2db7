import {
  type CellModel,
  type ChartModel,
  type ChartSeriesModel,
  type ConditionalFormatModel,
  type PageModel,
  type NameModel,
  type Rect,
  type SheetModel,
  type TableModel,
  type TitleModel,
  type WorkbookModel,
  AXIS_TITLE_PLACEHOLDER,
  DEFAULT_COLUMN_WIDTH,
  FakeOfficeError,
  STANDARD_ROW_HEIGHT,
  MAX_COLUMNS,
  MAX_ROWS,
  cellValue,
  cellValueType,
  cellsIn,
  checkDefinedName,
  checkSheetName,
  checkTableName,
  contains,
  dateSerial,
  ensureCell,
  fail,
  findSheet,
  findTable,
  fixTableHeaders,
  getCell,
  hasValue,
  intersects,
  liveSheets,
  liveTables,
  newSheet,
  parseRangeReference,
  positions,
  qualifiedAddress,
  rectAddress,
  typeIntoCell,
  usedRect,
} from './fakeModel';

/**
 * An in-memory Excel that behaves like the Excel JavaScript API where the adapter
 * depends on it: proxies whose properties can be read only after `load()` and
 * `sync()`, writes and method calls queued and applied in order at `sync()`, a failing
 * operation rejecting the sync with an OfficeExtension-shaped error (operations before
 * it stay applied), Excel's naming rules, Excel's typed-input rule for `values`, and
 * the 5 MB request and response limits of Excel on the web. It counts syncs and the
 * bytes each request and response would carry (JSON of the queued operations, written
 * values included, and of the loaded values).
 *
 * Hand `fake.context` to the adapter: it is typed as `Excel.RequestContext`, so the
 * adapter compiles against the real API and only this boundary is a cast.
 */

/** One sync as the fake saw it. */
export interface SyncRecord {
  readonly index: number;
  readonly operations: number;
  readonly requestBytes: number;
  responseBytes: number;
  calculationSuspended: boolean;
  screenUpdatingSuspended: boolean;
  error?: string;
  /** The request's operations as they travel, when `keepOperations` is on. */
  wire?: readonly unknown[];
}

type Commit = () => void;
interface Operation {
  /** What travels in the request, for byte counting. */
  readonly wire: unknown;
  /** Applies the operation; a load returns its response data and how to hand it to the proxy. */
  readonly run: () => void | { data: unknown; commit: Commit };
}

const byteLength = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/**
 * Where an operation failed, shaped as Excel's `debugInfo.errorLocation` is (`Range.values`,
 * `ChartFill.setSolidColor`): the last object on its path and what was done to it.
 */
function locationOf(wire: unknown): string {
  const { o, call, set } = wire as { o?: string; call?: string; set?: string };
  const object = (o ?? '').replace(/\([^)]*\)/g, '').split('.').filter(Boolean).pop() ?? 'workbook';
  return `${object}.${call ?? set ?? 'load'}`;
}

/** Excel on the web's limit for one request and for one response (5 MB, read strictly as 5,000,000 bytes). */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;

const notLoaded = (what: string): never => {
  throw new FakeOfficeError('PropertyNotLoaded', `The property '${what}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`, what);
};

function parsePaths(props?: string | string[] | { select?: string }): string[] | undefined {
  if (props === undefined) return undefined;
  const text = typeof props === 'string' ? props : Array.isArray(props) ? props.join(',') : (props.select ?? '');
  return text.split(',').map((p) => p.trim()).filter((p) => p !== '');
}

/** Groups `a`, `b/c`, `b/d` into scalars [a] and navigations {b: [c, d]}. */
function groupPaths(paths: readonly string[]): { scalars: string[]; navs: Map<string, string[]> } {
  const scalars: string[] = [];
  const navs = new Map<string, string[]>();
  for (const path of paths) {
    const slash = path.indexOf('/');
    if (slash < 0) scalars.push(path);
    else {
      const head = path.slice(0, slash);
      navs.set(head, [...(navs.get(head) ?? []), path.slice(slash + 1)]);
    }
  }
  return { scalars, navs };
}

/**
 * A proxy for one object in the workbook. It resolves to its model object only while a
 * sync runs, in order, so it can refer to something an earlier queued operation made.
 */
abstract class FakeObject<M> {
  private readonly loaded = new Map<string, unknown>();
  private nullState: boolean | undefined;
  private cache: M | undefined;
  private cachedIn = -1;
  private readonly children = new Map<string, FakeObject<unknown>>();

  constructor(
    readonly excel: FakeExcel,
    readonly path: string,
    private readonly resolver: () => M | null,
    private readonly nullable = false,
  ) {}

  /** Properties `load()` with no argument fetches. */
  protected abstract readonly scalarProperties: readonly string[];
  /** Reads a property from the model, at sync time. */
  protected abstract snapshot(model: M, property: string): unknown;
  /** Writes a property to the model, at sync time. */
  protected assign(_model: M, property: string, _value: unknown): void {
    fail('InvalidArgument', `The property '${property}' is read-only.`, `${this.path}.${property}`);
  }
  /** Navigation properties (objects reached through this one). */
  protected navigation(_name: string): FakeObject<unknown> | undefined {
    return undefined;
  }

  /** Resolves to the model object or raises ItemNotFound, as Excel does for a missing item. */
  resolve(): M {
    const model = this.tryResolve();
    if (model === null) return fail('ItemNotFound', 'The requested resource doesn\u2019t exist.', this.path);
    return model;
  }

  /**
   * Resolves once per request, as Excel binds an object path when the request first
   * uses it; the next request resolves afresh (a collection may have grown).
   */
  tryResolve(): M | null {
    if (this.cache !== undefined && this.cachedIn === this.excel.epoch && !(this.cache as { deleted?: boolean }).deleted) return this.cache;
    const model = this.resolver();
    if (model === null || (model as { deleted?: boolean }).deleted) return null;
    this.cache = model;
    this.cachedIn = this.excel.epoch;
    return model;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) return notLoaded(`${this.path}.isNullObject`);
    return this.nullState;
  }

  load(properties?: string | string[] | { select?: string }): this {
    const paths = parsePaths(properties) ?? [...this.scalarProperties];
    this.excel.enqueue({ wire: { o: this.path, load: paths }, run: () => this.collect(paths) });
    return this;
  }

  /** The data a load returns, and how to store it in this proxy (and its children) once the response arrives. */
  collect(paths: readonly string[]): { data: unknown; commit: Commit } {
    const model = this.tryResolve();
    if (model === null) {
      if (!this.nullable) fail('ItemNotFound', 'The requested resource doesn\u2019t exist.', this.path);
      return { data: { isNullObject: true }, commit: () => { this.nullState = true; } };
    }
    const { scalars, navs } = groupPaths(paths.length > 0 ? paths : this.scalarProperties);
    const data: Record<string, unknown> = {};
    const commits: Commit[] = [];
    for (const name of scalars) {
      const nav = this.child(name);
      if (nav) {
        const sub = nav.collect([]);
        data[name] = sub.data;
        commits.push(sub.commit);
      } else {
        if (!this.scalarProperties.includes(name)) fail('InvalidArgument', `The property '${name}' does not exist on this object.`, this.path);
        data[name] = this.snapshot(model, name);
      }
    }
    for (const [name, sub] of navs) {
      const nav = this.child(name);
      if (!nav) return fail('InvalidArgument', `The property '${name}' does not exist on this object.`, this.path);
      const part = nav.collect(sub);
      data[name] = part.data;
      commits.push(part.commit);
    }
    return {
      data,
      commit: () => {
        this.nullState = false;
        for (const name of scalars) if (!this.child(name)) this.loaded.set(name, data[name]);
        for (const commit of commits) commit();
      },
    };
  }

  /** A navigation property, the same proxy every time so loads through it stay visible. */
  protected child(name: string): FakeObject<unknown> | undefined {
    let nav = this.children.get(name);
    if (!nav) {
      nav = this.navigation(name);
      if (nav) this.children.set(name, nav);
    }
    return nav;
  }

  protected read(property: string): unknown {
    if (!this.loaded.has(property)) return notLoaded(`${this.path}.${property}`);
    return this.loaded.get(property);
  }

  protected write(property: string, value: unknown): void {
    this.excel.enqueue({ wire: { o: this.path, set: property, v: value }, run: () => this.assign(this.resolve(), property, value) });
  }

  protected call(method: string, args: readonly unknown[], run: (model: M) => void): void {
    this.excel.enqueue({ wire: { o: this.path, call: method, a: args.map((a) => (a instanceof FakeObject ? a.path : a)) }, run: () => {
        run(this.resolve());
      },
    });
  }
}

/** Defines `get`/`set` pairs on a proxy class's prototype that go through load and the queue. */
function properties(cls: { prototype: object }, readWrite: readonly string[], readOnly: readonly string[] = []): void {
  for (const name of readWrite) {
    Object.defineProperty(cls.prototype, name, {
      get(this: FakeObject<unknown>) {
        return (this as unknown as { read(p: string): unknown }).read(name);
      },
      set(this: FakeObject<unknown>, value: unknown) {
        (this as unknown as { write(p: string, v: unknown): void }).write(name, value);
      },
      configurable: true,
    });
  }
  for (const name of readOnly) {
    Object.defineProperty(cls.prototype, name, {
      get(this: FakeObject<unknown>) {
        return (this as unknown as { read(p: string): unknown }).read(name);
      },
      configurable: true,
    });
  }
}

/** A plain sub-object (chart title, axis, legend, conditional-format parts) whose fields are its properties. */
class FakeBag extends FakeObject<Record<string, unknown>> {
  protected readonly scalarProperties: readonly string[];
  constructor(
    excel: FakeExcel,
    path: string,
    resolver: () => Record<string, unknown> | null,
    fields: readonly string[],
    private readonly navs: Record<string, (parent: FakeBag) => FakeObject<unknown>> = {},
    methods: Record<string, (model: Record<string, unknown>, ...args: unknown[]) => void> = {},
    private readonly check: (field: string, value: unknown) => void = () => undefined,
    private readonly store: (model: Record<string, unknown>, field: string, value: unknown) => void = (model, field, value) => {
      model[field] = value;
    },
  ) {
    super(excel, path, resolver);
    this.scalarProperties = fields;
    for (const field of fields) {
      Object.defineProperty(this, field, {
        get: () => this.read(field),
        set: (value: unknown) => this.write(field, value),
      });
    }
    for (const [name, apply] of Object.entries(methods)) {
      Object.defineProperty(this, name, { value: (...args: unknown[]) => this.call(name, args, (model) => apply(model, ...args)) });
    }
    for (const name of Object.keys(navs)) Object.defineProperty(this, name, { get: () => this.child(name) });
  }
  protected snapshot(model: Record<string, unknown>, property: string): unknown {
    return model[property];
  }
  protected override assign(model: Record<string, unknown>, property: string, value: unknown): void {
    this.check(property, value);
    this.store(model, property, value);
  }
  protected override navigation(name: string): FakeObject<unknown> | undefined {
    return this.navs[name]?.(this);
  }
}

const isColor = (value: unknown): boolean => typeof value === 'string' && /^#[0-9A-Fa-f]{6}$/.test(value);
const checkColor = (field: string, value: unknown): void => {
  if (/color$/i.test(field) && !isColor(value)) fail('InvalidArgument', `"${String(value)}" is not a colour Excel accepts here.`);
};

// ---------------------------------------------------------------- ranges

interface RangeRef {
  readonly sheet: SheetModel;
  readonly rect: Rect;
}

const READ_LIMIT_CELLS = 5_000_000;

function grid<T>(ref: RangeRef, cell: (c: CellModel | undefined, row: number, column: number) => T): T[][] {
  if (ref.rect.rows * ref.rect.columns > READ_LIMIT_CELLS) fail('RangeExceedsLimit', 'The range is larger than Excel returns in one read.');
  const out: T[][] = [];
  for (let r = 0; r < ref.rect.rows; r++) {
    const line = ref.sheet.cells.get(ref.rect.row + r);
    const row: T[] = [];
    for (let c = 0; c < ref.rect.columns; c++) row.push(cell(line?.get(ref.rect.column + c), ref.rect.row + r, ref.rect.column + c));
    out.push(row);
  }
  return out;
}

/** Writes a 2-D array of the range's size, or one value to every cell. */
function writeGrid(ref: RangeRef, value: unknown, put: (row: number, column: number, v: unknown) => void): void {
  if (Array.isArray(value)) {
    if (value.length !== ref.rect.rows || value.some((line) => !Array.isArray(line) || line.length !== ref.rect.columns)) {
      fail('InvalidArgument', 'The number of rows or columns in the input array doesn\u2019t match the size or dimensions of the range.');
    }
    value.forEach((line: unknown[], r) => line.forEach((v, c) => put(ref.rect.row + r, ref.rect.column + c, v)));
  } else {
    for (const [row, column] of positions(ref.rect)) put(row, column, value);
  }
}

/** One value if every cell agrees, else null (as Excel reports mixed formats). */
function uniform<T>(ref: RangeRef, pick: (cell: CellModel | undefined) => T): T | null {
  let first: T | undefined;
  let seen = false;
  const bounded = { ...ref.rect, rows: Math.min(ref.rect.rows, 100_000), columns: Math.min(ref.rect.columns, 1_000) };
  for (const [row, column] of positions(bounded)) {
    const v = pick(getCell(ref.sheet, row, column));
    if (!seen) {
      first = v;
      seen = true;
    } else if (v !== first) return null;
  }
  return first ?? null;
}

function styleOf(sheet: SheetModel, row: number, column: number) {
  const cell = ensureCell(sheet, row, column);
  return (cell.style ??= {});
}

class FakeRange extends FakeObject<RangeRef> {
  protected readonly scalarProperties = ['address', 'values', 'formulas', 'numberFormat', 'valueTypes', 'rowCount', 'columnCount', 'rowIndex', 'columnIndex', 'rowHidden', 'text'] as const;
  declare readonly format: FakeRangeFormat;
  declare readonly conditionalFormats: FakeConditionalFormatCollection;
  declare readonly worksheet: FakeWorksheet;

  protected snapshot(ref: RangeRef, property: string): unknown {
    switch (property) {
      case 'address':
        return qualifiedAddress(ref.sheet, ref.rect);
      case 'values':
        return grid(ref, (c) => cellValue(c));
      case 'formulas':
        return grid(ref, (c) => c?.formula ?? cellValue(c));
      case 'text':
        return grid(ref, (c) => String(cellValue(c)));
      case 'numberFormat':
        return grid(ref, (c) => c?.numberFormat ?? 'General');
      case 'valueTypes':
        return grid(ref, (c) => cellValueType(c));
      case 'rowCount':
        return ref.rect.rows;
      case 'columnCount':
        return ref.rect.columns;
      case 'rowIndex':
        return ref.rect.row;
      case 'columnIndex':
        return ref.rect.column;
      case 'rowHidden': {
        let hidden = 0;
        for (const row of ref.sheet.hiddenRows) if (row >= ref.rect.row && row < ref.rect.row + ref.rect.rows) hidden++;
        return hidden === 0 ? false : hidden === ref.rect.rows ? true : null;
      }
      default:
        return fail('InvalidArgument', `Unknown property ${property}`);
    }
  }

  protected override assign(ref: RangeRef, property: string, value: unknown): void {
    switch (property) {
      case 'values':
      case 'formulas':
        if (ref.rect.rows === MAX_ROWS || ref.rect.columns === MAX_COLUMNS) fail('InvalidArgument', 'Whole rows or columns cannot be written.');
        this.excel.noteChange('changed', ref.sheet);
        return writeGrid(ref, value, (row, column, v) => typeIntoCell(ref.sheet, row, column, v, this.excel.quirks.textFormatKeepsTyping));
      case 'numberFormat':
        return writeGrid(ref, value, (row, column, v) => {
          if (v === null) return;
          if (typeof v !== 'string') fail('InvalidArgument', 'A number format must be text.');
          ensureCell(ref.sheet, row, column).numberFormat = v as string;
        });
      case 'rowHidden':
        for (let r = 0; r < ref.rect.rows; r++) {
          if (value) ref.sheet.hiddenRows.add(ref.rect.row + r);
          else ref.sheet.hiddenRows.delete(ref.rect.row + r);
        }
        return;
      default:
        return super.assign(ref, property, value);
    }
  }

  protected override navigation(name: string): FakeObject<unknown> | undefined {
    if (name === 'format') return new FakeRangeFormat(this.excel, `${this.path}.format`, () => this.tryResolve());
    if (name === 'conditionalFormats') return new FakeConditionalFormatCollection(this.excel, `${this.path}.conditionalFormats`, () => this.tryResolve());
    if (name === 'worksheet') return new FakeWorksheet(this.excel, `${this.path}.worksheet`, () => this.tryResolve()?.sheet ?? null);
    return undefined;
  }

  private derived(name: string, args: readonly unknown[], rect: (r: Rect) => Rect): FakeRange {
    return new FakeRange(this.excel, `${this.path}.${name}(${args.join(',')})`, () => {
      const ref = this.resolve();
      const next = rect(ref.rect);
      if (next.rows < 1 || next.columns < 1 || next.row < 0 || next.column < 0 || next.row + next.rows > MAX_ROWS || next.column + next.columns > MAX_COLUMNS) {
        fail('InvalidArgument', `${name}(${args.join(', ')}) would reach outside the sheet.`, this.path);
      }
      return { sheet: ref.sheet, rect: next };
    });
  }

  getCell(row: number, column: number): FakeRange {
    return this.derived('getCell', [row, column], (r) => ({ row: r.row + row, column: r.column + column, rows: 1, columns: 1 }));
  }
  getRow(row: number): FakeRange {
    return this.derived('getRow', [row], (r) => ({ row: r.row + row, column: r.column, rows: 1, columns: r.columns }));
  }
  getColumn(column: number): FakeRange {
    return this.derived('getColumn', [column], (r) => ({ row: r.row, column: r.column + column, rows: r.rows, columns: 1 }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derived('getResizedRange', [deltaRows, deltaColumns], (r) => ({ ...r, rows: r.rows + deltaRows, columns: r.columns + deltaColumns }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derived('getOffsetRange', [rowOffset, columnOffset], (r) => ({ ...r, row: r.row + rowOffset, column: r.column + columnOffset }));
  }

  clear(applyTo: string = 'All'): void {
    this.call('clear', [applyTo], (ref) => {
      if (applyTo !== 'Formats') this.excel.noteChange('changed', ref.sheet);
      clearRange(ref, applyTo);
    });
  }

  /** ExcelApi 1.4: the used part of this range (values only, or with formats too), or a null object when none of it is used. */
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.excel, `${this.path}.getUsedRangeOrNullObject(${valuesOnly})`, () => {
      const ref = this.resolve();
      const rect = usedRect(ref.sheet, valuesOnly, ref.rect);
      return rect === null ? null : { sheet: ref.sheet, rect };
    }, true);
  }

  /** ExcelApi 1.13: the merged areas that meet this range, or a null object; Excel refuses to list more than 512. */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(this.excel, `${this.path}.getMergedAreasOrNullObject()`, () => {
      this.excel.requireApi(13, 'Range.getMergedAreasOrNullObject');
      const ref = this.resolve();
      const meets = (m: Rect) => m.row < ref.rect.row + ref.rect.rows && ref.rect.row < m.row + m.rows && m.column < ref.rect.column + ref.rect.columns && ref.rect.column < m.column + m.columns;
      const rects = (ref.sheet.merges ?? []).filter(meets);
      if (rects.length > 512) fail('GeneralException', 'There are more than 512 merged areas in the range.');
      return rects.length === 0 ? null : { sheet: ref.sheet, rects };
    }, true);
  }

  select(): void {
    this.call('select', [], (ref) => {
      if (ref.sheet.visibility !== 'Visible') fail('InvalidOperation', 'A range on a hidden sheet cannot be selected.');
      this.excel.model.active = ref.sheet;
      this.excel.model.selection = { sheet: ref.sheet.name, address: rectAddress(ref.rect) };
    });
  }
}
properties(FakeRange, ['values', 'formulas', 'numberFormat', 'rowHidden'], ['address', 'valueTypes', 'rowCount', 'columnCount', 'rowIndex', 'columnIndex', 'text']);
for (const nav of ['format', 'conditionalFormats', 'worksheet']) {
  Object.defineProperty(FakeRange.prototype, nav, {
    get(this: FakeRange) {
      return (this as unknown as { child(n: string): unknown }).child(nav);
    },
  });
}

function clearRange(ref: RangeRef, applyTo: string): void {
  const contents = applyTo === 'All' || applyTo === 'Contents';
  const formats = applyTo === 'All' || applyTo === 'Formats';
  if (!contents && !formats) fail('InvalidArgument', `clear("${applyTo}") is not supported.`);
  for (const [row, column, cell] of [...cellsIn(ref.sheet, ref.rect)]) {
    if (contents) {
      cell.value = null;
      delete cell.formula;
      delete cell.error;
      delete cell.quotePrefix;
    }
    if (formats) {
      delete cell.numberFormat;
      delete cell.style;
    }
    if (cell.value === null && cell.formula === undefined && cell.error === undefined && cell.numberFormat === undefined && cell.style === undefined) {
      ref.sheet.cells.get(row)?.delete(column);
    }
  }
  if (formats) ref.sheet.conditionalFormats = ref.sheet.conditionalFormats.filter((cf) => !intersects(cf.rect, ref.rect));
}

/** Excel's tallest row, in points. */
const MAX_ROW_HEIGHT = 409;

class FakeRangeFormat extends FakeObject<RangeRef> {
  protected readonly scalarProperties = ['columnWidth', 'rowHeight', 'useStandardHeight', 'horizontalAlignment', 'wrapText'];
  declare readonly font: FakeObject<RangeRef>;
  declare readonly fill: FakeObject<RangeRef>;
  declare readonly borders: FakeBorders;

  protected snapshot(ref: RangeRef, property: string): unknown {
    if (property === 'columnWidth') {
      const widths = new Set<number>();
      for (let c = 0; c < Math.min(ref.rect.columns, 1000); c++) widths.add(ref.sheet.columnWidths.get(ref.rect.column + c) ?? DEFAULT_COLUMN_WIDTH);
      return widths.size === 1 ? [...widths][0] : null;
    }
    if (property === 'rowHeight' || property === 'useStandardHeight') {
      const heights = new Set<number | undefined>();
      for (let r = 0; r < Math.min(ref.rect.rows, 100_000); r++) heights.add(ref.sheet.rowHeights.get(ref.rect.row + r));
      if (property === 'useStandardHeight') return heights.size === 1 && heights.has(undefined);
      return heights.size === 1 ? ([...heights][0] ?? STANDARD_ROW_HEIGHT) : null;
    }
    if (property === 'horizontalAlignment') return uniform(ref, (c) => c?.style?.horizontalAlignment ?? 'General');
    return uniform(ref, (c) => c?.style?.wrapText ?? false);
  }
  protected override assign(ref: RangeRef, property: string, value: unknown): void {
    if (property === 'columnWidth') {
      if (typeof value !== 'number' || value < 0 || value > 255 * 7.5) fail('InvalidArgument', `${String(value)} is not a column width.`);
      for (let c = 0; c < ref.rect.columns; c++) ref.sheet.columnWidths.set(ref.rect.column + c, value as number);
      return;
    }
    if (property === 'rowHeight') {
      if (typeof value !== 'number' || value < 0 || value > MAX_ROW_HEIGHT) fail('InvalidArgument', `${String(value)} is not a row height.`);
      for (let r = 0; r < ref.rect.rows; r++) ref.sheet.rowHeights.set(ref.rect.row + r, value as number);
      return;
    }
    if (property === 'useStandardHeight') {
      // Only true is meaningful to set: it gives the rows back Excel's own height.
      if (value !== true) fail('InvalidArgument', 'useStandardHeight can only be set to true.');
      for (const row of [...ref.sheet.rowHeights.keys()]) if (row >= ref.rect.row && row < ref.rect.row + ref.rect.rows) ref.sheet.rowHeights.delete(row);
      return;
    }
    if (property === 'horizontalAlignment' && !horizontalAlignments.includes(value as string)) {
      fail('InvalidArgument', `"${String(value)}" is not a horizontal alignment.`);
    }
    for (const [row, column] of positions(ref.rect)) (styleOf(ref.sheet, row, column) as Record<string, unknown>)[property] = value;
  }
  protected override navigation(name: string): FakeObject<unknown> | undefined {
    const resolver = () => this.tryResolve();
    if (name === 'font') return new FakeStyle(this.excel, `${this.path}.font`, resolver, { bold: 'bold', italic: 'italic', color: 'fontColor', size: 'fontSize' });
    if (name === 'fill') return new FakeStyle(this.excel, `${this.path}.fill`, resolver, { color: 'fill' });
    if (name === 'borders') return new FakeBorders(this.excel, `${this.path}.borders`, resolver);
    return undefined;
  }
}
properties(FakeRangeFormat, ['columnWidth', 'rowHeight', 'useStandardHeight', 'horizontalAlignment', 'wrapText']);
for (const nav of ['font', 'fill', 'borders']) {
  Object.defineProperty(FakeRangeFormat.prototype, nav, {
    get(this: FakeRangeFormat) {
      return (this as unknown as { child(n: string): unknown }).child(nav);
    },
  });
}

const styleDefaults: Record<string, unknown> = { bold: false, italic: false, fontColor: '#000000', fontSize: 11, fill: '#FFFFFF' };

/** Font or fill of a range: each property maps to a per-cell style field. */
class FakeStyle extends FakeObject<RangeRef> {
  protected readonly scalarProperties: readonly string[];
  constructor(excel: FakeExcel, path: string, resolver: () => RangeRef | null, private readonly fields: Record<string, string>) {
    super(excel, path, resolver);
    this.scalarProperties = Object.keys(fields);
    for (const property of this.scalarProperties) {
      Object.defineProperty(this, property, { get: () => this.read(property), set: (v: unknown) => this.write(property, v) });
    }
  }
  protected snapshot(ref: RangeRef, property: string): unknown {
    const field = this.fields[property];
    return uniform(ref, (c) => (c?.style as Record<string, unknown> | undefined)?.[field] ?? styleDefaults[field]);
  }
  protected override assign(ref: RangeRef, property: string, value: unknown): void {
    const field = this.fields[property];
    if (!field) return super.assign(ref, property, value);
    checkColor(property, value);
    for (const [row, column] of positions(ref.rect)) (styleOf(ref.sheet, row, column) as Record<string, unknown>)[field] = value;
  }
  clear(): void {
    this.call('clear', [], (ref) => {
      for (const [row, column] of positions(ref.rect)) delete (styleOf(ref.sheet, row, column) as Record<string, unknown>).fill;
    });
  }
}

const borderIndexes: readonly string[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal', 'DiagonalDown', 'DiagonalUp'] as const satisfies readonly `${Excel.BorderIndex}`[];
const borderStyles: readonly string[] = ['None', 'Continuous', 'Dash', 'DashDot', 'DashDotDot', 'Dot', 'Double', 'SlantDashDot'] as const satisfies readonly `${Excel.BorderLineStyle}`[];
const horizontalAlignments: readonly string[] = ['General', 'Left', 'Center', 'Right', 'Fill', 'Justify', 'CenterAcrossSelection', 'Distributed'] as const satisfies readonly `${Excel.HorizontalAlignment}`[];
const conditionalFormatTypes: readonly string[] = ['CellValue', 'DataBar', 'ColorScale', 'IconSet', 'TopBottom', 'PresetCriteria', 'ContainsText', 'Custom'] as const satisfies readonly `${Excel.ConditionalFormatType}`[];

class FakeBorders extends FakeObject<RangeRef> {
  protected readonly scalarProperties = [];
  protected snapshot(): unknown {
    return undefined;
  }
  getItem(index: string): FakeObject<RangeRef> {
    return new (class extends FakeObject<RangeRef> {
      protected readonly scalarProperties = ['style', 'color'];
      protected snapshot(ref: RangeRef, property: string): unknown {
        return uniform(ref, (c) => c?.style?.borders?.[index]?.[property as 'style' | 'color'] ?? (property === 'style' ? 'None' : '#000000'));
      }
      protected override assign(ref: RangeRef, property: string, value: unknown): void {
        if (!borderIndexes.includes(index)) fail('InvalidArgument', `"${index}" is not a border.`);
        if (property === 'style' && !borderStyles.includes(value as string)) fail('InvalidArgument', `"${String(value)}" is not a border style.`);
        checkColor(property, value);
        // An edge belongs to the cells along it.
        const end = { row: ref.rect.row + ref.rect.rows - 1, column: ref.rect.column + ref.rect.columns - 1 };
        for (const [row, column] of positions(ref.rect)) {
          const onEdge =
            (index === 'EdgeTop' && row === ref.rect.row) ||
            (index === 'EdgeBottom' && row === end.row) ||
            (index === 'EdgeLeft' && column === ref.rect.column) ||
            (index === 'EdgeRight' && column === end.column) ||
            index.startsWith('Inside') ||
            index.startsWith('Diagonal');
          if (!onEdge) continue;
          const style = styleOf(ref.sheet, row, column);
          const borders = (style.borders ??= {});
          const border = (borders[index] ??= { style: 'None', color: '#000000' });
          border[property as 'style' | 'color'] = value as string;
        }
      }
      get style(): unknown {
        return this.read('style');
      }
      set style(v: unknown) {
        this.write('style', v);
      }
      get color(): unknown {
        return this.read('color');
      }
      set color(v: unknown) {
        this.write('color', v);
      }
    })(this.excel, `${this.path}.getItem(${index})`, () => this.tryResolve());
  }
}

// ---------------------------------------------------------------- conditional formats

class FakeConditionalFormatCollection extends FakeObject<RangeRef> {
  protected readonly scalarProperties = ['count'];
  protected snapshot(ref: RangeRef): unknown {
    return ref.sheet.conditionalFormats.filter((cf) => intersects(cf.rect, ref.rect)).length;
  }
  declare readonly count: number;

  add(type: string): FakeObject<ConditionalFormatModel> {
    let made: ConditionalFormatModel | null = null;
    this.call('add', [type], (ref) => {
      if (!conditionalFormatTypes.includes(type)) fail('InvalidArgument', `"${type}" is not a conditional format type.`);
      made = {
        id: this.excel.model.nextId++,
        type,
        rect: ref.rect,
        cellValue: { rule: null, format: { fill: { color: null }, font: { color: null } } },
        dataBar: { lowerBoundRule: { type: 'LowestValue' }, upperBoundRule: { type: 'HighestValue' }, positiveFormat: { fillColor: '#638EC6', gradientFill: true } },
      };
      ref.sheet.conditionalFormats.push(made);
    });
    return new FakeConditionalFormat(this.excel, `${this.path}.add(${type})`, () => made);
  }

  clearAll(): void {
    this.call('clearAll', [], (ref) => {
      ref.sheet.conditionalFormats = ref.sheet.conditionalFormats.filter((cf) => !intersects(cf.rect, ref.rect));
    });
  }
}
properties(FakeConditionalFormatCollection, [], ['count']);

/**
 * Conditional-format formulas as Microsoft's samples write them, starting with "="
 * (`cellValue.rule = { formula1: "=0", operator: "LessThan" }`, ConditionalCellValueRule).
 * A bare "0" is undocumented and may be read differently by another host, so the fake
 * refuses it: the adapter must use the documented form.
 */
const checkFormula = (formula: unknown, what: string): void => {
  if (typeof formula !== 'string' || !formula.startsWith('=')) fail('InvalidArgument', `${what} must be a formula starting with "=", as in Microsoft's samples; got ${JSON.stringify(formula)}.`);
};

const checkRule = (field: string, value: unknown): void => {
  if (field === 'rule') {
    const rule = value as { formula1?: unknown; operator?: unknown };
    if (typeof rule?.formula1 !== 'string' || typeof rule.operator !== 'string') fail('InvalidArgument', 'A cell-value rule needs formula1 and operator.');
    checkFormula(rule.formula1, 'formula1');
  }
  if (field === 'lowerBoundRule' || field === 'upperBoundRule') {
    const rule = value as { type?: unknown; formula?: unknown };
    if (typeof rule?.type !== 'string') fail('InvalidArgument', 'A data-bar bound needs a type.');
    if (['Number', 'Percent', 'Formula', 'Percentile'].includes(rule.type as string)) {
      if (typeof rule.formula !== 'string') fail('InvalidArgument', `A ${String(rule.type)} bound needs a formula.`);
      checkFormula(rule.formula, `A ${String(rule.type)} bound`);
    }
  }
  checkColor(field, value);
};

class FakeConditionalFormat extends FakeObject<ConditionalFormatModel> {
  protected readonly scalarProperties = ['type'];
  declare readonly type: string;
  declare readonly cellValue: FakeBag;
  declare readonly dataBar: FakeBag;
  protected snapshot(model: ConditionalFormatModel, property: string): unknown {
    return model[property as 'type'];
  }
  protected override navigation(name: string): FakeObject<unknown> | undefined {
    const excel = this.excel;
    if (name === 'cellValue') {
      const part = () => this.tryResolve()?.cellValue ?? null;
      return new FakeBag(excel, `${this.path}.cellValue`, part as () => Record<string, unknown> | null, ['rule'], {
        format: (bag) =>
          new FakeBag(excel, `${bag.path}.format`, () => part()?.format ?? null, [], {
            fill: (f) => new FakeBag(excel, `${f.path}.fill`, () => part()?.format.fill ?? null, ['color'], {}, {}, checkColor),
            font: (f) => new FakeBag(excel, `${f.path}.font`, () => part()?.format.font ?? null, ['color'], {}, {}, checkColor),
          }),
      }, {}, checkRule);
    }
    if (name === 'dataBar') {
      const part = () => this.tryResolve()?.dataBar ?? null;
      return new FakeBag(excel, `${this.path}.dataBar`, part as () => Record<string, unknown> | null, ['lowerBoundRule', 'upperBoundRule'], {
        positiveFormat: (bag) => new FakeBag(excel, `${bag.path}.positiveFormat`, () => part()?.positiveFormat ?? null, ['fillColor', 'gradientFill'], {}, {}, checkColor),
      }, {}, checkRule);
    }
    return undefined;
  }
}
properties(FakeConditionalFormat, [], ['type']);
for (const nav of ['cellValue', 'dataBar']) {
  Object.defineProperty(FakeConditionalFormat.prototype, nav, {
    get(this: FakeConditionalFormat) {
      return (this as unknown as { child(n: string): unknown }).child(nav);
    },
  });
}

// ---------------------------------------------------------------- collections

/** A collection proxy: `items` after a load, each item a proxy bound to one model object. */
abstract class FakeCollection<M, P extends FakeObject<M>> extends FakeObject<M[]> {
  protected readonly scalarProperties = ['count'];
  private loadedItems: P[] | undefined;
  protected abstract item(model: M): P;

  get items(): P[] {
    if (!this.loadedItems) return notLoaded(`${this.path}.items`);
    return this.loadedItems;
  }
  get count(): number {
    return this.read('count') as number;
  }
  protected snapshot(models: M[]): unknown {
    return models.length;
  }
  override collect(paths: readonly string[]): { data: unknown; commit: Commit } {
    const models = this.resolve();
    const itemPaths = paths.filter((p) => p !== 'count').map((p) => (p.startsWith('items/') ? p.slice('items/'.length) : p)).filter((p) => p !== 'items');
    const wantsItems = paths.length === 0 || paths.some((p) => p !== 'count');
    const wantsCount = paths.includes('count');
    const items = wantsItems ? models.map((m) => this.item(m)) : [];
    const parts = items.map((item) => item.collect(itemPaths));
    const own = wantsCount ? super.collect(['count']) : undefined;
    return {
      data: { ...(own ? { count: models.length } : {}), ...(wantsItems ? { items: parts.map((p) => p.data) } : {}) },
      commit: () => {
        own?.commit();
        if (wantsItems) {
          this.loadedItems = items;
          for (const part of parts) part.commit();
        }
      },
    };
  }
}

// ---------------------------------------------------------------- tables

class FakeTable extends FakeObject<TableModel> {
  protected readonly scalarProperties = ['name', 'style', 'showBandedRows', 'showHeaders', 'id'];
  declare name: string;
  declare style: string;
  declare showBandedRows: boolean;
  declare readonly worksheet: FakeWorksheet;

  protected snapshot(table: TableModel, property: string): unknown {
    if (property === 'showHeaders') return true;
    if (property === 'id') return `{${table.id}}`;
    return table[property as 'name' | 'style' | 'showBandedRows'];
  }
  protected override assign(table: TableModel, property: string, value: unknown): void {
    if (property === 'name') {
      checkTableName(this.excel.model, value as string, table);
      table.name = value as string;
    } else if (property === 'style') {
      if (typeof value !== 'string' || !/^TableStyle(Light([1-9]|1\d|2[01])|Medium([1-9]|1\d|2[0-8])|Dark([1-9]|1[01]))$/.test(value)) fail('InvalidArgument', `"${String(value)}" is not a table style.`);
      table.style = value as string;
    } else if (property === 'showBandedRows') table.showBandedRows = Boolean(value);
    else super.assign(table, property, value);
  }
  protected override navigation(name: string): FakeObject<unknown> | undefined {
    if (name === 'worksheet') return new FakeWorksheet(this.excel, `${this.path}.worksheet`, () => this.tryResolve()?.sheet ?? null);
    if (name === 'columns') return new FakeTableColumns(this.excel, `${this.path}.columns`, () => this.resolve());
    if (name === 'rows') return new FakeTableRows(this.excel, `${this.path}.rows`, () => this.resolve());
    return undefined;
  }
  private part(name: string, rect: (t: TableModel) => Rect): FakeRange {
    return new FakeRange(this.excel, `${this.path}.${name}()`, () => {
      const table = this.resolve();
      return { sheet: table.sheet, rect: rect(table) };
    });
  }
  getRange(): FakeRange {
    return this.part('getRange', (t) => t.rect);
  }
  getHeaderRowRange(): FakeRange {
    return this.part('getHeaderRowRange', (t) => ({ ...t.rect, rows: 1 }));
  }
  getDataBodyRange(): FakeRange {
    return this.part('getDataBodyRange', (t) => ({ ...t.rect, row: t.rect.row + 1, rows: t.rect.rows - 1 }));
  }
  delete(): void {
    // Deleting a table removes it and its cells' contents and formats, as Table.delete does.
    this.call('delete', [], (table) => {
      clearRange({ sheet: table.sheet, rect: table.rect }, 'All');
      table.deleted = true;
    });
  }
}
properties(FakeTable, ['name', 'style', 'showBandedRows'], ['showHeaders', 'id']);
Object.defineProperty(FakeTable.prototype, 'worksheet', {
  get(this: FakeTable) {
    return (this as unknown as { child(n: string): unknown }).child('worksheet');
  },
});

for (const nav of ['columns', 'rows']) {
  Object.defineProperty(FakeTable.prototype, nav, {
    get(this: FakeTable) {
      return (this as unknown as { child(n: string): unknown }).child(nav);
    },
  });
}

/**
 * Grows a table by `grown` (a column at its right or rows at its foot) and writes `values`
 * there. Excel shifts cells out of the way; the fake refuses instead when the cells are not
 * empty or another table is there, so a test cannot pass by writing over something.
 */
function growTable(model: WorkbookModel, table: TableModel, grown: Rect, values: unknown[][]): void {
  if (values.length !== grown.rows || values.some((line) => !Array.isArray(line) || line.length !== grown.columns)) {
    fail('InvalidArgument', 'The number of rows or columns in the input array doesn\u2019t match the size or dimensions of the range.');
  }
  if (grown.row + grown.rows > MAX_ROWS || grown.column + grown.columns > MAX_COLUMNS) fail('InvalidOperation', 'The table cannot grow past the edge of the sheet.');
  const busy = [...positions(grown)].some(([r, c]) => { const cell = getCell(table.sheet, r, c); return cell !== undefined && (cell.value !== null || cell.formula !== undefined); });
  if (busy || liveTables(model).some((t) => t !== table && t.sheet === table.sheet && intersects(t.rect, grown))) {
    fail('InvalidOperation', 'The fake does not shift cells: the cells the table would grow into are not empty.');
  }
  values.forEach((line, r) => line.forEach((v, c) => typeIntoCell(table.sheet, grown.row + r, grown.column + c, v)));
}

/** `table.columns`: adding a column at the table's right (TableColumnCollection.add, index null). */
class FakeTableColumns extends FakeObject<TableModel> {
  protected readonly scalarProperties = [];
  protected snapshot(): unknown {
    return undefined;
  }
  add(index?: number | null, values?: unknown[][], name?: string): void {
    this.call('add', [index ?? null, values ?? null, name ?? null], (table) => {
      if (index !== undefined && index !== null && index !== table.rect.columns) fail('NotImplemented', 'The fake adds table columns at the right only.');
      const header = name ?? (values ? values[0]?.[0] : undefined);
      const lines = values ?? [[header ?? `Column${table.rect.columns + 1}`], ...Array.from({ length: table.rect.rows - 1 }, () => [null])];
      const headers = grid({ sheet: table.sheet, rect: { ...table.rect, rows: 1 } }, (cell) => String(cell?.value ?? '').toLowerCase())[0];
      // Excel refuses a header the table already has rather than renaming it (the fake models that).
      if (header !== undefined && headers.includes(String(header).toLowerCase())) fail('InvalidArgument', `The table already has a column named "${String(header)}".`);
      growTable(this.excel.model, table, { row: table.rect.row, column: table.rect.column + table.rect.columns, rows: table.rect.rows, columns: 1 }, name !== undefined ? [[name], ...lines.slice(1)] : lines);
      table.rect = { ...table.rect, columns: table.rect.columns + 1 };
      this.excel.noteChange('changed', table.sheet);
    });
  }
}

/** `table.rows`: adding rows at the table's foot (TableRowCollection.add, index null). */
class FakeTableRows extends FakeObject<TableModel> {
  protected readonly scalarProperties = [];
  protected snapshot(): unknown {
    return undefined;
  }
  add(index?: number | null, values?: unknown[][]): void {
    this.call('add', [index ?? null, values ?? null], (table) => {
      if (index !== undefined && index !== null && index !== table.rect.rows - 1) fail('NotImplemented', 'The fake adds table rows at the foot only.');
      const lines = values ?? [Array.from({ length: table.rect.columns }, () => null)];
      growTable(this.excel.model, table, { row: table.rect.row + table.rect.rows, column: table.rect.column, rows: lines.length, columns: table.rect.columns }, lines);
      table.rect = { ...table.rect, rows: table.rect.rows + lines.length };
      this.excel.noteChange('changed', table.sheet);
    });
  }
}

class FakeTableCollection extends FakeCollection<TableModel, FakeTable> {
  /** Only the workbook's collection has it (ExcelApi 1.9). */
  onAdded: FakeEvent | undefined;
  constructor(excel: FakeExcel, path: string, private readonly scope: () => SheetModel | null | 'workbook') {
    super(excel, path, () => {
      const sheet = scope();
      if (sheet === null) return null;
      return liveTables(excel.model).filter((t) => sheet === 'workbook' || t.sheet === sheet);
    });
  }
  protected item(table: TableModel): FakeTable {
    return new FakeTable(this.excel, `${this.path}.items[${table.id}]`, () => table);
  }
  private lookup(name: string): TableModel | null {
    const table = findTable(this.excel.model, name);
    const sheet = this.scope();
    return table && (sheet === 'workbook' || table.sheet === sheet) ? table : null;
  }
  getItem(name: string): FakeTable {
    return new FakeTable(this.excel, `${this.path}.getItem(${JSON.stringify(name)})`, () => this.lookup(name));
  }
  getItemOrNullObject(name: string): FakeTable {
    return new FakeTable(this.excel, `${this.path}.getItemOrNullObject(${JSON.stringify(name)})`, () => this.lookup(name), true);
  }
  add(address: string | FakeRange, hasHeaders: boolean): FakeTable {
    let made: TableModel | null = null;
    this.call('add', [address, hasHeaders], () => {
      const model = this.excel.model;
      let ref: RangeRef;
      if (typeof address === 'string') {
        // "If the address does not contain a sheet name, the currently-active sheet is used"
        // (TableCollection.add), even through a worksheet's own tables: the table lands on
        // whichever sheet the user is looking at. Pass a Range to be sure of the sheet.
        const parsed = parseRangeReference(address);
        const sheet = parsed.sheet !== undefined ? findSheet(model, parsed.sheet) : model.active;
        if (!sheet) return fail('ItemNotFound', `The sheet in "${address}" does not exist.`);
        const scope = this.scope();
        if (parsed.sheet !== undefined && scope !== 'workbook' && scope !== sheet) fail('InvalidArgument', 'The address is on another sheet.');
        ref = { sheet, rect: parsed.rect };
      } else ref = address.resolve();
      if (!hasHeaders) fail('NotImplemented', 'The fake models tables.add with hasHeaders = true only.');
      if (ref.rect.rows < 2) fail('InvalidArgument', 'A table needs a header row and at least one data row.');
      if (liveTables(model).some((t) => t.sheet === ref.sheet && intersects(t.rect, ref.rect))) fail('InvalidArgument', 'A table can\u2019t overlap another table.');
      fixTableHeaders(ref.sheet, ref.rect);
      let n = 1;
      while (findTable(model, `Table${n}`)) n++;
      made = { id: model.nextId++, name: `Table${n}`, sheet: ref.sheet, rect: ref.rect, style: 'TableStyleMedium2', showBandedRows: true };
      model.tables.push(made);
      this.excel.noteChange('table-added', ref.sheet, made);
    });
    return new FakeTable(this.excel, `${this.path}.add()`, () => made);
  }
}

// ---------------------------------------------------------------- charts

/** The chart types the fake draws; `satisfies` keeps them spelled as @types/office-js spells them. */
const chartTypes: readonly string[] = ['ColumnClustered', 'ColumnStacked', 'ColumnStacked100', 'BarClustered', 'BarStacked', 'BarStacked100', 'Line', 'LineMarkers', 'Pie', 'Area', 'XYScatter'] as const satisfies readonly `${Excel.ChartType}`[];

/** A new series' formats and labels, as Excel gives them: automatic line, no labels. */
function newSeriesParts(): Pick<ChartModel['series'][number], 'format' | 'hasDataLabels' | 'dataLabels'> {
  return {
    format: { fill: { color: null }, line: { color: null, lineStyle: 'Continuous' } },
    hasDataLabels: false,
    dataLabels: { showValue: false, numberFormat: 'General', position: 'Center', format: { font: { bold: false, size: 10, color: '#404040' } } },
  };
}

/** The line styles and data-label positions Office.js spells (`satisfies` keeps the spelling honest). */
const lineStyles: readonly string[] = ['None', 'Continuous', 'Dash', 'DashDot', 'DashDotDot', 'Dot', 'Grey25', 'Grey50', 'Grey75', 'Automatic', 'RoundDot'] as const satisfies readonly `${Excel.ChartLineStyle}`[];
/** Where a label may sit on a stacked bar: Excel refuses the others there (OutsideEnd, Top, …). */
const stackedLabelPositions: readonly string[] = ['Center', 'InsideEnd', 'InsideBase'] as const satisfies readonly `${Excel.ChartDataLabelPosition}`[];

function buildSeries(source: Rect, seriesBy: string, sheet: SheetModel): { categories: Rect | null; series: ChartModel['series'] } {
  const byColumns = seriesBy === 'Columns' || (seriesBy === 'Auto' && source.rows >= source.columns);
  const label = (row: number, column: number) => String(cellValue(getCell(sheet, row, column)));
  const series: ChartModel['series'] = [];
  if (byColumns && source.columns === 1) {
    // One column: its header names the only series, and the categories are 1, 2, 3...
    series.push({ name: label(source.row, source.column), chartType: '', values: { ...source, row: source.row + 1, rows: source.rows - 1 }, ...newSeriesParts() });
    return { categories: null, series };
  }
  if (byColumns) {
    for (let c = 1; c < source.columns; c++) {
      series.push({ name: label(source.row, source.column + c), chartType: '', values: { row: source.row + 1, column: source.column + c, rows: source.rows - 1, columns: 1 }, ...newSeriesParts() });
    }
    return { categories: { row: source.row + 1, column: source.column, rows: source.rows - 1, columns: 1 }, series };
  }
  for (let r = 1; r < source.rows; r++) {
    series.push({ name: label(source.row + r, source.column), chartType: '', values: { row: source.row + r, column: source.column + 1, rows: 1, columns: source.columns - 1 }, ...newSeriesParts() });
  }
  return { categories: { row: source.row, column: source.column + 1, rows: 1, columns: source.columns - 1 }, series };
}

/** True when a range holds no value at all (what Excel calls an empty chart series). */
function blankRange(sheet: SheetModel | null, rect: Rect | null): boolean {
  if (!sheet || !rect) return true;
  for (const [, , cell] of cellsIn(sheet, rect)) if (hasValue(cell)) return false;
  return true;
}

/**
 * Formatting a series with no values, or giving a series an all-blank range, raises
 * EmptyChartSeries ("The attempted operation failed because the chart series is empty":
 * Microsoft's table of Excel error codes).
 */
function refuseEmptySeries(excel: FakeExcel, series: ChartSeriesModel, sheet: SheetModel | null): void {
  if (excel.quirks.emptyChartSeriesRefused && blankRange(sheet, series.values)) fail('EmptyChartSeries', 'The attempted operation failed because the chart series is empty.');
}

class FakeChartSeries extends FakeObject<ChartModel['series'][number]> {
  protected readonly scalarProperties = ['name', 'chartType', 'hasDataLabels'];
  declare name: string;
  declare chartType: string;
  declare hasDataLabels: boolean;
  declare readonly format: FakeBag;
  declare readonly dataLabels: FakeBag;
  constructor(
    excel: FakeExcel,
    path: string,
    resolver: () => ChartModel['series'][number] | null,
    private readonly chart: () => ChartModel | null,
    private readonly sheet: () => SheetModel | null,
  ) {
    super(excel, path, resolver);
  }
  /** Where the values come from (ExcelApi 1.7); an all-blank range is refused. */
  setValues(source: FakeRange): void {
    this.call('setValues', [source], (series) => {
      this.excel.requireApi(7, 'ChartSeries.setValues');
      const ref = source.resolve();
      if (this.excel.quirks.emptyChartSeriesRefused && blankRange(ref.sheet, ref.rect)) fail('EmptyChartSeries', 'The attempted operation failed because the chart series is empty.');
      series.values = ref.rect;
    });
  }
  /** The series' categories (ExcelApi 1.7). */
  setXAxisValues(source: FakeRange): void {
    this.call('setXAxisValues', [source], (series) => {
      this.excel.requireApi(7, 'ChartSeries.setXAxisValues');
      series.categories = source.resolve().rect;
    });
  }
  protected snapshot(series: ChartModel['series'][number], property: string): unknown {
    if (property === 'chartType') return series.chartType || this.chart()?.chartType;
    if (property === 'hasDataLabels') return series.hasDataLabels;
    return series.name;
  }
  protected override assign(series: ChartModel['series'][number], property: string, value: unknown): void {
    if (property === 'chartType') {
      if (!chartTypes.includes(value as string)) fail('InvalidArgument', `"${String(value)}" is not a chart type.`);
      refuseEmptySeries(this.excel, series, this.sheet());
      series.chartType = value as string;
    } else if (property === 'name') series.name = String(value);
    else if (property === 'hasDataLabels') {
      if (typeof value !== 'boolean') fail('InvalidArgument', 'hasDataLabels must be true or false.');
      series.hasDataLabels = value as boolean;
    } else super.assign(series, property, value);
  }
  protected override navigation(name: string): FakeObject<unknown> | undefined {
    const excel = this.excel;
    if (name === 'dataLabels') {
      const labels = () => this.tryResolve()?.dataLabels ?? null;
      const stacked = () => /Stacked/.test(this.chart()?.chartType ?? '');
      return new FakeBag(excel, `${this.path}.dataLabels`, labels as () => Record<string, unknown> | null, ['showValue', 'numberFormat', 'position'], {
        format: (bag) =>
          new FakeBag(excel, `${bag.path}.format`, () => labels()?.format ?? null, [], {
            font: (f) => new FakeBag(excel, `${f.path}.font`, () => labels()?.format.font ?? null, ['bold', 'size', 'color'], {}, {}, (field, value) => {
              checkColor(field, value);
              if (field === 'size' && (typeof value !== 'number' || value < 1 || value > 409)) fail('InvalidArgument', `${String(value)} is not a font size.`);
            }),
          }),
      }, {}, (field, value) => {
        if (field === 'position' && stacked() && !stackedLabelPositions.includes(value as string)) fail('InvalidArgument', `A label on a stacked bar cannot sit at "${String(value)}".`);
        if (field === 'numberFormat' && typeof value !== 'string') fail('InvalidArgument', 'A number format must be text.');
      });
    }
    if (name !== 'format') return undefined;
    const format = () => this.tryResolve()?.format ?? null;
    const notEmpty = () => {
      const series = this.tryResolve();
      if (series) refuseEmptySeries(this.excel, series, this.sheet());
    };
    return new FakeBag(excel, `${this.path}.format`, format as () => Record<string, unknown> | null, [], {
      fill: (bag) =>
        new FakeBag(excel, `${bag.path}.fill`, () => format()?.fill ?? null, [], {}, {
          setSolidColor: (model, color) => {
            notEmpty();
            checkColor('color', color);
            model.color = color;
          },
          clear: (model) => {
            model.color = null;
          },
        }),
      line: (bag) =>
        new FakeBag(excel, `${bag.path}.line`, () => format()?.line ?? null, ['color', 'lineStyle'], {}, {}, (field, value) => {
          notEmpty();
          checkColor(field, value);
          if (field === 'lineStyle' && !lineStyles.includes(value as string)) fail('InvalidArgument', `"${String(value)}" is not a line style.`);
        }),
    });
  }
}
properties(FakeChartSeries, ['name', 'chartType', 'hasDataLabels']);
for (const nav of ['format', 'dataLabels']) {
  Object.defineProperty(FakeChartSeries.prototype, nav, {
    get(this: FakeChartSeries) {
      return (this as unknown as { child(n: string): unknown }).child(nav);
    },
  });
}

class FakeChartSeriesCollection extends FakeCollection<ChartModel['series'][number], FakeChartSeries> {
  constructor(excel: FakeExcel, path: string, private readonly chart: () => ChartModel | null, private readonly sheet: () => SheetModel | null) {
    super(excel, path, () => chart()?.series ?? null);
  }
  protected item(series: ChartModel['series'][number]): FakeChartSeries {
    return new FakeChartSeries(this.excel, `${this.path}.items[]`, () => series, this.chart, this.sheet);
  }
  /** A new series with a name and no values yet (ExcelApi 1.7). */
  add(name?: string): FakeChartSeries {
    let made: ChartSeriesModel | null = null;
    this.call('add', [name], (all) => {
      this.excel.requireApi(7, 'ChartSeriesCollection.add');
      made = { name: name ?? `Series${all.length + 1}`, chartType: '', values: null, ...newSeriesParts() };
      all.push(made);
    });
    return new FakeChartSeries(this.excel, `${this.path}.add(${JSON.stringify(name ?? '')})`, () => made, this.chart, this.sheet);
  }
  getItemAt(index: number): FakeChartSeries {
    return new FakeChartSeries(this.excel, `${this.path}.getItemAt(${index})`, () => {
      const all = this.resolve();
      if (index < 0 || index >= all.length) fail('InvalidArgument', `The chart has no series ${index}.`);
      return all[index];
    }, this.chart, this.sheet);
  }
}

class FakeChart extends FakeObject<ChartModel> {
  protected readonly scalarProperties = ['name', 'chartType', 'id'];
  declare name: string;
  declare chartType: string;
  declare readonly title: FakeBag;
  declare readonly legend: FakeBag;
  declare readonly axes: FakeBag;
  declare readonly series: FakeChartSeriesCollection;
  constructor(excel: FakeExcel, path: string, resolver: () => ChartModel | null, nullable: boolean, private readonly sheet: () => SheetModel | null) {
    super(excel, path, resolver, nullable);
  }
  protected snapshot(chart: ChartModel, property: string): unknown {
    if (property === 'id') return `{${chart.id}}`;
    return chart[property as 'name' | 'chartType'];
  }
  protected override assign(chart: ChartModel, property: string, value: unknown): void {
    if (property === 'name') {
      if (typeof value !== 'string' || value === '' || value.length > 255) fail('InvalidArgument', 'A chart name must be 1 to 255 characters.');
      chart.name = value as string;
    } else if (property === 'chartType') {
      if (!chartTypes.includes(value as string)) fail('InvalidArgument', `"${String(value)}" is not a chart type.`);
      chart.chartType = value as string;
    } else super.assign(chart, property, value);
  }
  protected override navigation(name: string): FakeObject<unknown> | undefined {
    const excel = this.excel;
    const chart = () => this.tryResolve();
    const bag = (path: string, get: () => object | null, fields: string[], navs: Record<string, (b: FakeBag) => FakeObject<unknown>> = {}) =>
      new FakeBag(excel, path, get as () => Record<string, unknown> | null, fields, navs);
    // A title given "" is shown with Excel's placeholder, not hidden: what a user sees is "Axis Title".
    const titleBag = (path: string, get: () => TitleModel | null) =>
      new FakeBag(excel, path, get as () => Record<string, unknown> | null, ['text', 'visible'], {}, {}, () => undefined, (model, field, value) => {
        if (field === 'text') {
          model.text = value === '' ? AXIS_TITLE_PLACEHOLDER : value;
          model.visible = true;
        } else model.visible = Boolean(value);
      });
    switch (name) {
      case 'title':
        return titleBag(`${this.path}.title`, () => chart()?.title ?? null);
      case 'legend':
        return bag(`${this.path}.legend`, () => chart()?.legend ?? null, ['visible', 'position']);
      case 'axes':
        return bag(`${this.path}.axes`, () => chart()?.axes ?? null, [], {
          valueAxis: (b) => bag(`${b.path}.valueAxis`, () => chart()?.axes.valueAxis ?? null, ['numberFormat', 'maximum'], { title: (v) => titleBag(`${v.path}.title`, () => chart()?.axes.valueAxis.title ?? null) }),
          categoryAxis: (b) => bag(`${b.path}.categoryAxis`, () => chart()?.axes.categoryAxis ?? null, ['reversePlotOrder', 'position'], { title: (v) => titleBag(`${v.path}.title`, () => chart()?.axes.categoryAxis.title ?? null) }),
        });
      case 'series':
        return new FakeChartSeriesCollection(excel, `${this.path}.series`, chart, this.sheet);
      default:
        return undefined;
    }
  }
  setPosition(startCell: string | FakeRange, endCell?: string | FakeRange): void {
    this.call('setPosition', [startCell, endCell], (chart) => {
      const where = (cell: string | FakeRange) => {
        if (typeof cell !== 'string') return rectAddress(cell.resolve().rect);
        const parsed = parseRangeReference(cell);
        return rectAddress(parsed.rect);
      };
      chart.position = { from: where(startCell), to: endCell === undefined ? null : where(endCell) };
    });
  }
  delete(): void {
    this.call('delete', [], (chart) => {
      chart.deleted = true;
      const sheet = this.sheet();
      if (sheet) sheet.charts = sheet.charts.filter((c) => c !== chart);
    });
  }
}
properties(FakeChart, ['name', 'chartType'], ['id']);
for (const nav of ['title', 'legend', 'axes', 'series']) {
  Object.defineProperty(FakeChart.prototype, nav, {
    get(this: FakeChart) {
      return (this as unknown as { child(n: string): unknown }).child(nav);
    },
  });
}

class FakeChartCollection extends FakeCollection<ChartModel, FakeChart> {
  constructor(excel: FakeExcel, path: string, private readonly sheet: () => SheetModel | null) {
    super(excel, path, () => sheet()?.charts.filter((c) => !c.deleted) ?? null);
  }
  protected item(chart: ChartModel): FakeChart {
    return new FakeChart(this.excel, `${this.path}.items[${chart.id}]`, () => chart, false, this.sheet);
  }
  private lookup(name: string): ChartModel | null {
    return this.resolve().find((c) => c.name === name) ?? null;
  }
  getItem(name: string): FakeChart {
    return new FakeChart(this.excel, `${this.path}.getItem(${JSON.stringify(name)})`, () => this.lookup(name), false, this.sheet);
  }
  getItemOrNullObject(name: string): FakeChart {
    return new FakeChart(this.excel, `${this.path}.getItemOrNullObject(${JSON.stringify(name)})`, () => this.lookup(name), true, this.sheet);
  }
  add(type: string, sourceData: FakeRange, seriesBy: string = 'Auto'): FakeChart {
    let made: ChartModel | null = null;
    this.call('add', [type, sourceData, seriesBy], () => {
      const sheet = this.sheet();
      if (!sheet) return fail('ItemNotFound', 'The sheet does not exist.');
      if (!chartTypes.includes(type)) fail('InvalidArgument', `"${type}" is not a chart type.`);
      if (!['Auto', 'Columns', 'Rows'].includes(seriesBy)) fail('InvalidArgument', `"${seriesBy}" is not a way to take series.`);
      const source = sourceData.resolve();
      if (source.sheet !== sheet) fail('InvalidArgument', 'The fake models charts over data on their own sheet only.');
      const { categories, series } = buildSeries(source.rect, seriesBy, sheet);
      const n = sheet.charts.length + 1;
      made = {
        id: this.excel.model.nextId++,
        name: `Chart ${n}`,
        chartType: type,
        source: source.rect,
        seriesBy,
        categories,
        series,
        title: { text: '', visible: true },
        legend: { visible: true, position: 'Right' },
        axes: { valueAxis: { numberFormat: 'General', maximum: null, title: { text: '', visible: false } }, categoryAxis: { reversePlotOrder: false, position: 'Automatic', title: { text: '', visible: false } } },
        position: null,
        altText: { title: '', description: '' },
      };
      sheet.charts.push(made);
    });
    return new FakeChart(this.excel, `${this.path}.add(${type})`, () => made, false, this.sheet);
  }
}

// ---------------------------------------------------------------- several areas, settings, events

class FakeRangeAreas extends FakeObject<{ sheet: SheetModel; rects: Rect[] }> {
  protected readonly scalarProperties = ['address', 'areaCount'];
  protected snapshot(ref: { sheet: SheetModel; rects: Rect[] }, property: string): unknown {
    if (property === 'areaCount') return ref.rects.length;
    return ref.rects.map((r) => qualifiedAddress(ref.sheet, r)).join(',');
  }
  /** Selects every area at once: ExcelApi 1.18, beyond the manifest's 1.9. */
  select(): void {
    this.call('select', [], (ref) => {
      this.excel.requireApi(18, 'RangeAreas.select');
      if (ref.sheet.visibility !== 'Visible') fail('InvalidOperation', 'A range on a hidden sheet cannot be selected.');
      this.excel.model.active = ref.sheet;
      this.excel.model.selection = { sheet: ref.sheet.name, address: ref.rects.map(rectAddress).join(',') };
    });
  }
}
properties(FakeRangeAreas, [], ['address', 'areaCount']);

class FakeSetting extends FakeObject<{ key: string; value: unknown }> {
  protected readonly scalarProperties = ['key', 'value'];
  protected snapshot(setting: { key: string; value: unknown }, property: string): unknown {
    return property === 'key' ? setting.key : setting.value;
  }
}
properties(FakeSetting, [], ['key', 'value']);

/** The workbook's add-in settings (ExcelApi 1.4): values kept with the file, for this add-in only. */
class FakeSettingCollection {
  constructor(private readonly excel: FakeExcel) {}
  private find(key: string): { key: string; value: unknown } | null {
    return this.excel.model.settings.find((s) => s.key === key) ?? null;
  }
  getItemOrNullObject(key: string): FakeSetting {
    return new FakeSetting(this.excel, `settings.getItemOrNullObject(${JSON.stringify(key)})`, () => {
      this.excel.requireApi(4, 'SettingCollection.getItemOrNullObject');
      return this.find(key);
    }, true);
  }
  getItem(key: string): FakeSetting {
    return new FakeSetting(this.excel, `settings.getItem(${JSON.stringify(key)})`, () => this.find(key));
  }
  add(key: string, value: unknown): FakeSetting {
    this.excel.enqueue({
      wire: { o: 'settings', call: 'add', a: [key, value] },
      run: () => {
        this.excel.requireApi(4, 'SettingCollection.add');
        // Settings hold JSON: what goes in comes back as a copy.
        const copy: unknown = JSON.parse(JSON.stringify(value));
        const existing = this.find(key);
        if (existing) existing.value = copy;
        else this.excel.model.settings.push({ key, value: copy });
      },
    });
    return this.getItem(key);
  }
}

/** An event source (`worksheets.onChanged` and the like): handlers are registered at sync, and hear of changes after the request that made them. */
class FakeEvent {
  constructor(
    private readonly excel: FakeExcel,
    private readonly key: EventKey,
    private readonly context: () => unknown,
    private readonly apiMinor: number,
  ) {}
  add(handler: (args: unknown) => Promise<unknown>): { context: unknown; remove: () => void } {
    const entry = { handler };
    this.excel.enqueue({
      wire: { o: this.key, call: 'add' },
      run: () => {
        this.excel.requireApi(this.apiMinor, this.key);
        this.excel.handlers[this.key].add(entry);
      },
    });
    return {
      context: this.context(),
      remove: () => this.excel.enqueue({ wire: { o: this.key, call: 'remove' }, run: () => void this.excel.handlers[this.key].delete(entry) }),
    };
  }
}

// ---------------------------------------------------------------- page layout, page breaks, shapes

const orientations: readonly string[] = ['Portrait', 'Landscape'] as const satisfies readonly `${Excel.PageOrientation}`[];
const paperTypes: readonly string[] = ['Letter', 'LetterSmall', 'Tabloid', 'Ledger', 'Legal', 'Statement', 'Executive', 'A3', 'A4', 'A4Small', 'A5', 'B4', 'B5', 'Folio', 'Quatro'] as const satisfies readonly `${Excel.PaperType}`[];
const marginFields = { leftMargin: 'left', rightMargin: 'right', topMargin: 'top', bottomMargin: 'bottom', headerMargin: 'header', footerMargin: 'footer' } as const;
/** Excel refuses a header or footer section longer than this. */
const MAX_HEADER_LENGTH = 255;

/** A range argument (a proxy or an address on this sheet), resolved at sync time. */
function rangeOn(sheet: SheetModel, range: FakeRange | string): Rect {
  if (typeof range === 'string') {
    const parsed = parseRangeReference(range);
    if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) fail('InvalidArgument', 'The range is on another sheet.');
    return parsed.rect;
  }
  const ref = range.resolve();
  if (ref.sheet !== sheet) fail('InvalidArgument', 'The range is on another sheet.');
  return ref.rect;
}

/** Worksheet.pageLayout (ExcelApi 1.9): what the adapter sets, with Excel's refusals. */
class FakePageLayout extends FakeObject<SheetModel> {
  protected readonly scalarProperties = ['orientation', 'paperSize', 'zoom', ...Object.keys(marginFields)];
  declare readonly headersFooters: FakeBag;
  protected snapshot(sheet: SheetModel, property: string): unknown {
    const page = sheet.page;
    if (property in marginFields) return page.margins[marginFields[property as keyof typeof marginFields]];
    if (property === 'zoom') return { ...page.zoom };
    return page[property as 'orientation' | 'paperSize'];
  }
  protected override assign(sheet: SheetModel, property: string, value: unknown): void {
    const page = sheet.page;
    if (property === 'orientation') {
      if (!orientations.includes(value as string)) fail('InvalidArgument', `"${String(value)}" is not an orientation.`);
      page.orientation = value as string;
    } else if (property === 'paperSize') {
      if (!paperTypes.includes(value as string)) fail('InvalidArgument', `"${String(value)}" is not a paper size.`);
      page.paperSize = value as string;
    } else if (property in marginFields) {
      if (typeof value !== 'number' || value < 0 || value > 1000) fail('InvalidArgument', `${String(value)} is not a margin.`);
      page.margins[marginFields[property as keyof typeof marginFields]] = value as number;
    } else if (property === 'zoom') {
      const zoom = value as PageModel['zoom'];
      const fits = [zoom?.horizontalFitToPages, zoom?.verticalFitToPages].filter((v) => v !== undefined && v !== null);
      const scale = zoom?.scale;
      // Set as one object; a scale and fitting to pages exclude each other.
      if (typeof zoom !== 'object' || zoom === null) fail('InvalidArgument', 'zoom must be set as an object.');
      if (scale !== undefined && scale !== null && fits.length > 0) fail('InvalidArgument', 'A page scale and fitting to pages cannot both be set.');
      if (scale !== undefined && scale !== null && (typeof scale !== 'number' || scale < 10 || scale > 400)) fail('InvalidArgument', `${String(scale)} is not a page scale (10 to 400).`);
      if (fits.some((v) => !Number.isInteger(v) || (v as number) < 0 || (v as number) > 32767)) fail('InvalidArgument', 'Pages to fit must be whole numbers.');
      page.zoom = { ...zoom };
    } else super.assign(sheet, property, value);
  }
  protected override navigation(name: string): FakeObject<unknown> | undefined {
    if (name !== 'headersFooters') return undefined;
    const excel = this.excel;
    const group = () => this.tryResolve()?.page.headersFooters ?? null;
    return new FakeBag(excel, `${this.path}.headersFooters`, group as () => Record<string, unknown> | null, [], {
      defaultForAllPages: (bag) =>
        new FakeBag(excel, `${bag.path}.defaultForAllPages`, group as () => Record<string, unknown> | null, ['leftHeader', 'centerHeader', 'rightHeader', 'leftFooter', 'centerFooter', 'rightFooter'], {}, {}, (field, value) => {
          if (typeof value !== 'string') fail('InvalidArgument', `${field} must be text.`);
          if ((value as string).length > MAX_HEADER_LENGTH) fail('InvalidArgument', `${field} is longer than Excel allows.`);
        }),
    });
  }
  setPrintArea(printArea: FakeRange | string): void {
    this.call('setPrintArea', [printArea], (sheet) => {
      sheet.page.printArea = rangeOn(sheet, printArea);
    });
  }
  setPrintTitleRows(printTitleRows: FakeRange | string): void {
    this.call('setPrintTitleRows', [printTitleRows], (sheet) => {
      const rect = rangeOn(sheet, printTitleRows);
      // "The range must span the entire row to be valid."
      if (rect.column !== 0 || rect.columns !== MAX_COLUMNS) fail('InvalidArgument', 'Print title rows must be whole rows.');
      sheet.page.printTitleRows = { first: rect.row, last: rect.row + rect.rows - 1 };
    });
  }
}
Object.defineProperty(FakePageLayout.prototype, 'headersFooters', {
  get(this: FakePageLayout) {
    return (this as unknown as { child(n: string): unknown }).child('headersFooters');
  },
});
for (const name of ['orientation', 'paperSize', 'zoom', ...Object.keys(marginFields)]) {
  Object.defineProperty(FakePageLayout.prototype, name, {
    get(this: FakePageLayout) {
      return (this as unknown as { read(p: string): unknown }).read(name);
    },
    set(this: FakePageLayout, value: unknown) {
      (this as unknown as { write(p: string, v: unknown): void }).write(name, value);
    },
  });
}

/** Worksheet.horizontalPageBreaks (ExcelApi 1.9): manual breaks above rows. */
class FakePageBreakCollection extends FakeObject<SheetModel> {
  protected readonly scalarProperties = [];
  protected snapshot(): unknown {
    return undefined;
  }
  add(pageBreakRange: FakeRange | string): void {
    this.call('add', [pageBreakRange], (sheet) => {
      const rect = rangeOn(sheet, pageBreakRange);
      if (rect.row === 0) fail('InvalidArgument', 'There can be no page break above the first row.');
      if (!sheet.page.breaks.includes(rect.row)) sheet.page.breaks = [...sheet.page.breaks, rect.row].sort((a, b) => a - b);
    });
  }
  removePageBreaks(): void {
    this.call('removePageBreaks', [], (sheet) => {
      sheet.page.breaks = [];
    });
  }
}

/**
 * A shape on the drawing layer. Charts are the only shapes the fake models: Excel lists
 * each one among the sheet's shapes under the chart's name, with type Unsupported
 * (ShapeType has no Chart), and its alternative text is the shape's (ExcelApi 1.9).
 */
class FakeShape extends FakeObject<ChartModel> {
  protected readonly scalarProperties = ['name', 'type', 'altTextTitle', 'altTextDescription'];
  protected snapshot(chart: ChartModel, property: string): unknown {
    if (property === 'type') return 'Unsupported';
    if (property === 'altTextTitle') return chart.altText.title;
    if (property === 'altTextDescription') return chart.altText.description;
    return chart.name;
  }
  protected override assign(chart: ChartModel, property: string, value: unknown): void {
    if (property !== 'altTextTitle' && property !== 'altTextDescription') return super.assign(chart, property, value);
    if (typeof value !== 'string') fail('InvalidArgument', `${property} must be text.`);
    if (property === 'altTextTitle') chart.altText.title = value as string;
    else chart.altText.description = value as string;
  }
}
properties(FakeShape, ['altTextTitle', 'altTextDescription'], ['name', 'type']);

class FakeShapeCollection extends FakeCollection<ChartModel, FakeShape> {
  constructor(excel: FakeExcel, path: string, private readonly sheet: () => SheetModel | null) {
    super(excel, path, () => sheet()?.charts.filter((c) => !c.deleted) ?? null);
  }
  protected item(chart: ChartModel): FakeShape {
    return new FakeShape(this.excel, `${this.path}.items[${chart.id}]`, () => chart);
  }
  getItem(key: string): FakeShape {
    // Looked up when the operation runs, so a chart added earlier in the same request is found.
    return new FakeShape(this.excel, `${this.path}.getItem(${JSON.stringify(key)})`, () => this.sheet()?.charts.find((c) => !c.deleted && (c.name === key || `{${c.id}}` === key)) ?? null);
  }
}

// ---------------------------------------------------------------- worksheets

class FakeWorksheet extends FakeObject<SheetModel> {
  protected readonly scalarProperties = ['name', 'visibility', 'position', 'tabColor', 'id'];
  declare name: string;
  declare visibility: string;
  declare position: number;
  declare tabColor: string;
  declare readonly tables: FakeTableCollection;
  declare readonly charts: FakeChartCollection;
  declare readonly freezePanes: FakeBag;
  declare readonly pageLayout: FakePageLayout;
  declare readonly horizontalPageBreaks: FakePageBreakCollection;
  declare readonly shapes: FakeShapeCollection;
  declare readonly names: FakeNamedItemCollection;

  protected snapshot(sheet: SheetModel, property: string): unknown {
    if (property === 'position') return liveSheets(this.excel.model).indexOf(sheet);
    if (property === 'id') return `{${sheet.id}}`;
    return sheet[property as 'name' | 'visibility' | 'tabColor'];
  }
  protected override assign(sheet: SheetModel, property: string, value: unknown): void {
    const model = this.excel.model;
    if (property === 'name') {
      checkSheetName(model, value as string, sheet);
      sheet.name = value as string;
    } else if (property === 'visibility') {
      if (!['Visible', 'Hidden', 'VeryHidden'].includes(value as string)) fail('InvalidArgument', `"${String(value)}" is not a sheet visibility.`);
      if (value !== 'Visible' && !liveSheets(model).some((s) => s !== sheet && s.visibility === 'Visible')) {
        fail('InvalidOperation', 'A workbook must have at least one visible sheet.');
      }
      sheet.visibility = value as SheetModel['visibility'];
      if (value !== 'Visible' && model.active === sheet) model.active = liveSheets(model).find((s) => s.visibility === 'Visible') ?? null;
    } else if (property === 'tabColor') {
      if (value !== '' && !isColor(value)) fail('InvalidArgument', `"${String(value)}" is not a colour.`);
      sheet.tabColor = value as string;
    } else if (property === 'position') {
      const sheets = model.sheets.filter((s) => s !== sheet);
      const live = sheets.filter((s) => !s.deleted);
      const at = Math.max(0, Math.min(live.length, value as number));
      const before = live[at];
      sheets.splice(before ? sheets.indexOf(before) : sheets.length, 0, sheet);
      model.sheets = sheets;
    } else super.assign(sheet, property, value);
  }
  protected override navigation(name: string): FakeObject<unknown> | undefined {
    const sheet = () => this.tryResolve();
    if (name === 'tables') return new FakeTableCollection(this.excel, `${this.path}.tables`, sheet);
    if (name === 'charts') return new FakeChartCollection(this.excel, `${this.path}.charts`, sheet);
    if (name === 'pageLayout') return new FakePageLayout(this.excel, `${this.path}.pageLayout`, sheet);
    if (name === 'horizontalPageBreaks') return new FakePageBreakCollection(this.excel, `${this.path}.horizontalPageBreaks`, sheet);
    if (name === 'shapes') return new FakeShapeCollection(this.excel, `${this.path}.shapes`, sheet);
    if (name === 'names') return new FakeNamedItemCollection(this.excel, `${this.path}.names`, sheet);
    if (name === 'freezePanes') {
      const freeze = () => sheet()?.freeze ?? null;
      const excel = this.excel;
      return new FakeBag(excel, `${this.path}.freezePanes`, freeze as () => Record<string, unknown> | null, [], {}, {
        freezeRows: (f, count) => Object.assign(f, { rows: count, columns: 0 }),
        freezeColumns: (f, count) => Object.assign(f, { rows: 0, columns: count }),
        freezeAt: (f, at) => {
          const rect = typeof at === 'string' ? parseRangeReference(at).rect : (at as FakeRange).resolve().rect;
          Object.assign(f, { rows: rect.row + rect.rows, columns: rect.column + rect.columns });
        },
        unfreeze: (f) => {
          // office-js #1463: unfreeze() on a hidden sheet throws. Fixed in current builds;
          // older and perpetual builds may still have it, so the fake does by default.
          if (excel.quirks.unfreezeOnHiddenSheetThrows && sheet()?.visibility !== 'Visible') fail('GeneralException', 'There was an internal error while processing the request.');
          Object.assign(f, { rows: 0, columns: 0 });
        },
      });
    }
    return undefined;
  }
  private range(label: string, rect: (sheet: SheetModel) => Rect | null, nullable = false): FakeRange {
    return new FakeRange(this.excel, `${this.path}.${label}`, () => {
      const sheet = this.resolve();
      const r = rect(sheet);
      return r === null ? null : { sheet, rect: r };
    }, nullable);
  }
  getRange(address?: string): FakeRange {
    return this.range(`getRange(${JSON.stringify(address ?? '')})`, () => {
      if (address === undefined || address === '') return { row: 0, column: 0, rows: MAX_ROWS, columns: MAX_COLUMNS };
      const parsed = parseRangeReference(address);
      if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== this.resolve().name.toLowerCase()) fail('InvalidArgument', 'The address is on another sheet.');
      return parsed.rect;
    });
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return this.range(`getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, () => {
      if (startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1 || startRow + rowCount > MAX_ROWS || startColumn + columnCount > MAX_COLUMNS) fail('InvalidArgument', 'The indexes are outside the sheet.');
      return { row: startRow, column: startColumn, rows: rowCount, columns: columnCount };
    });
  }
  getCell(row: number, column: number): FakeRange {
    return this.getRangeByIndexes(row, column, 1, 1);
  }
  getUsedRange(valuesOnly = false): FakeRange {
    return this.range(`getUsedRange(${valuesOnly})`, (sheet) => usedRect(sheet, valuesOnly) ?? { row: 0, column: 0, rows: 1, columns: 1 });
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return this.range(`getUsedRangeOrNullObject(${valuesOnly})`, (sheet) => usedRect(sheet, valuesOnly), true);
  }
  activate(): void {
    this.call('activate', [], (sheet) => {
      if (sheet.visibility !== 'Visible') fail('InvalidOperation', 'A hidden sheet cannot be activated.');
      this.excel.model.active = sheet;
    });
  }
  /** Several areas at once, `A1:B2,D4` (ExcelApi 1.9). */
  getRanges(address: string): FakeRangeAreas {
    return new FakeRangeAreas(this.excel, `${this.path}.getRanges(${JSON.stringify(address)})`, () => {
      const sheet = this.resolve();
      this.excel.requireApi(9, 'Worksheet.getRanges');
      return { sheet, rects: address.split(',').map((part) => parseRangeReference(part).rect) };
    });
  }
  delete(): void {
    this.call('delete', [], (sheet) => {
      const model = this.excel.model;
      // A very hidden sheet cannot be deleted until it is made visible or hidden; Excel answers
      // GeneralException, by design (office-js #365).
      if (sheet.visibility === 'VeryHidden') fail('GeneralException', 'There was an internal error while processing the request.');
      if (!liveSheets(model).some((s) => s !== sheet && s.visibility === 'Visible')) fail('InvalidOperation', 'A workbook must have at least one visible sheet.');
      this.excel.noteChange('deleted', sheet);
      sheet.deleted = true;
      if (model.active === sheet) model.active = liveSheets(model).find((s) => s.visibility === 'Visible') ?? null;
    });
  }
}
properties(FakeWorksheet, ['name', 'visibility', 'position', 'tabColor'], ['id']);
for (const nav of ['tables', 'charts', 'freezePanes', 'pageLayout', 'horizontalPageBreaks', 'shapes', 'names']) {
  Object.defineProperty(FakeWorksheet.prototype, nav, {
    get(this: FakeWorksheet) {
      return (this as unknown as { child(n: string): unknown }).child(nav);
    },
  });
}

class FakeWorksheetCollection extends FakeCollection<SheetModel, FakeWorksheet> {
  readonly onChanged: FakeEvent;
  readonly onAdded: FakeEvent;
  readonly onDeleted: FakeEvent;
  constructor(excel: FakeExcel, path: string, context: () => unknown) {
    super(excel, path, () => liveSheets(excel.model));
    this.onChanged = new FakeEvent(excel, 'worksheets.onChanged', context, 9);
    this.onAdded = new FakeEvent(excel, 'worksheets.onAdded', context, 7);
    this.onDeleted = new FakeEvent(excel, 'worksheets.onDeleted', context, 7);
  }
  protected item(sheet: SheetModel): FakeWorksheet {
    return new FakeWorksheet(this.excel, `${this.path}.items[${sheet.id}]`, () => sheet);
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.excel, `${this.path}.getItem(${JSON.stringify(name)})`, () => findSheet(this.excel.model, name) ?? null);
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.excel, `${this.path}.getItemOrNullObject(${JSON.stringify(name)})`, () => findSheet(this.excel.model, name) ?? null, true);
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.excel, `${this.path}.getActiveWorksheet()`, () => this.excel.model.active);
  }
  add(name?: string): FakeWorksheet {
    let made: SheetModel | null = null;
    this.call('add', [name], () => {
      const model = this.excel.model;
      let chosen = name;
      if (chosen === undefined) {
        let n = liveSheets(model).length + 1;
        while (findSheet(model, `Sheet${n}`)) n++;
        chosen = `Sheet${n}`;
      }
      checkSheetName(model, chosen);
      made = newSheet(model, chosen);
      model.sheets.push(made);
      this.excel.noteChange('added', made);
    });
    return new FakeWorksheet(this.excel, `${this.path}.add(${JSON.stringify(name ?? '')})`, () => made);
  }
}

// ---------------------------------------------------------------- defined names

class FakeNamedItem extends FakeObject<NameModel> {
  protected readonly scalarProperties = ['name', 'formula', 'visible', 'type', 'value', 'comment'];
  constructor(excel: FakeExcel, path: string, resolver: () => NameModel | null, nullable: boolean, private readonly sheet: () => SheetModel | null) {
    super(excel, path, resolver, nullable);
  }
  protected snapshot(item: NameModel, property: string): unknown {
    if (property === 'formula') {
      this.excel.requireApi(7, 'NamedItem.formula');
      return item.formula;
    }
    const constant = /^="((?:[^"]|"")*)"$/.exec(item.formula);
    if (property === 'type') return constant ? 'String' : 'Range';
    if (property === 'value') return constant ? constant[1].replace(/""/g, '"') : item.formula.slice(1);
    if (property === 'comment') return '';
    return item[property as 'name' | 'visible'];
  }
  protected override assign(item: NameModel, property: string, value: unknown): void {
    if (property === 'visible') {
      if (typeof value !== 'boolean') fail('InvalidArgument', 'visible must be true or false.');
      item.visible = value as boolean;
    } else if (property === 'formula') {
      this.excel.requireApi(7, 'NamedItem.formula');
      if (typeof value !== 'string' || !value.startsWith('=')) fail('InvalidArgument', 'A name\u2019s formula must start with "=".');
      item.formula = value as string;
    } else super.assign(item, property, value);
  }
  delete(): void {
    this.call('delete', [], (item) => {
      this.excel.requireApi(4, 'NamedItem.delete');
      item.deleted = true;
      const sheet = this.sheet();
      if (sheet) sheet.names = sheet.names.filter((n) => n !== item);
    });
  }
}
properties(FakeNamedItem, ['visible', 'formula'], ['name', 'type', 'value', 'comment']);

/** A sheet's names (`worksheet.names`, ExcelApi 1.4): add, find, and list. */
class FakeNamedItemCollection extends FakeCollection<NameModel, FakeNamedItem> {
  constructor(excel: FakeExcel, path: string, private readonly sheet: () => SheetModel | null) {
    super(excel, path, () => {
      excel.requireApi(4, 'Worksheet.names');
      const s = sheet();
      return s ? s.names.filter((n) => !n.deleted) : null;
    });
  }
  protected item(model: NameModel): FakeNamedItem {
    return new FakeNamedItem(this.excel, `${this.path}.items[${JSON.stringify(model.name)}]`, () => model, false, this.sheet);
  }
  private find(name: string): NameModel | null {
    this.excel.requireApi(4, 'Worksheet.names');
    const sheet = this.sheet();
    if (!sheet) return fail('ItemNotFound', 'The requested resource doesn\u2019t exist.', this.path);
    return sheet.names.find((n) => !n.deleted && n.name.toLowerCase() === name.toLowerCase()) ?? null;
  }
  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.excel, `${this.path}.getItem(${JSON.stringify(name)})`, () => this.find(name), false, this.sheet);
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.excel, `${this.path}.getItemOrNullObject(${JSON.stringify(name)})`, () => this.find(name), true, this.sheet);
  }
  /** `reference`: a formula (`="text"`, `=Sheet1!$A$1`) or a Range; a name already in this scope fails as in Excel. */
  add(name: string, reference: string | FakeRange, comment?: string): FakeNamedItem {
    let made: NameModel | null = null;
    this.call('add', [name, reference, comment], () => {
      this.excel.requireApi(4, 'NamedItemCollection.add');
      const sheet = this.sheet();
      if (!sheet) return fail('ItemNotFound', 'The requested resource doesn\u2019t exist.', this.path);
      checkDefinedName(name);
      if (this.find(name)) fail('ItemAlreadyExists', 'A resource with the same name or identifier already exists.');
      let formula: string;
      if (typeof reference === 'string') {
        if (!reference.startsWith('=')) fail('InvalidArgument', 'The reference must be a formula starting with "=".');
        formula = reference;
      } else {
        const ref = reference.resolve();
        formula = `='${ref.sheet.name.replace(/'/g, "''")}'!${rectAddress(ref.rect)}`;
      }
      made = { name, formula, visible: true };
      sheet.names.push(made);
    });
    return new FakeNamedItem(this.excel, `${this.path}.add(${JSON.stringify(name)})`, () => made, false, this.sheet);
  }
}

// ---------------------------------------------------------------- workbook and context

class FakeApplication extends FakeObject<WorkbookModel> {
  protected readonly scalarProperties = [];
  protected snapshot(): unknown {
    return undefined;
  }
  suspendApiCalculationUntilNextSync(): void {
    this.call('suspendApiCalculationUntilNextSync', [], () => {
      this.excel.current.calculationSuspended = true;
    });
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.call('suspendScreenUpdatingUntilNextSync', [], () => {
      this.excel.current.screenUpdatingSuspended = true;
    });
  }
}

class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly application: FakeApplication;
  readonly settings: FakeSettingCollection;
  constructor(excel: FakeExcel, context: () => unknown) {
    this.worksheets = new FakeWorksheetCollection(excel, 'worksheets', context);
    this.tables = new FakeTableCollection(excel, 'tables', () => 'workbook');
    this.tables.onAdded = new FakeEvent(excel, 'tables.onAdded', context, 9);
    this.application = new FakeApplication(excel, 'application', () => excel.model);
    this.settings = new FakeSettingCollection(excel);
  }
}

// ---------------------------------------------------------------- building and inspecting

/** A cell in a workbook built for a test: what the user typed or pasted, stored as is. */
export type CellSpec =
  | string
  | number
  | boolean
  | null
  | { readonly error: string }
  | { readonly formula: string }
  /** A date typed into Excel: stored as its serial number with a date format. */
  | { readonly date: string; readonly numberFormat?: string }
  | { readonly value: string | number | boolean; readonly numberFormat: string };

export interface SheetSpec {
  readonly name: string;
  readonly visibility?: 'Visible' | 'Hidden' | 'VeryHidden';
  /** Where `cells` starts, default A1. */
  readonly at?: string;
  readonly cells?: readonly (readonly CellSpec[])[];
  /** Number formats by range address, e.g. `{ 'B2:B9': '@' }`. */
  readonly numberFormats?: Readonly<Record<string, string>>;
  /** Sheet row numbers (1-based, as Excel shows them) that are hidden. */
  readonly hiddenRows?: readonly number[];
  /** Excel tables (ListObjects) over ranges of this sheet, header row included. */
  readonly tables?: readonly { readonly name: string; readonly range: string; readonly style?: string }[];
  /** Merged areas, e.g. `B2:B4`; as in Excel, only each area's top-left value is kept. */
  readonly merges?: readonly string[];
  /** Names scoped to the sheet, with their formulas (`="text"`), hidden from Name Manager unless `visible`. */
  readonly names?: readonly { readonly name: string; readonly formula: string; readonly visible?: boolean }[];
}

export interface WorkbookSpec {
  readonly sheets?: readonly SheetSpec[];
  readonly active?: string;
  /** Chart sheets (or dialog or macro sheets): their names are taken, but Office.js lists no such sheet. */
  readonly chartSheets?: readonly string[];
}

function storeCell(sheet: SheetModel, row: number, column: number, spec: CellSpec): void {
  if (spec === null) return;
  const cell = ensureCell(sheet, row, column);
  if (typeof spec !== 'object') cell.value = spec;
  else if ('error' in spec) cell.error = spec.error;
  else if ('formula' in spec) {
    cell.formula = spec.formula;
    cell.value = 0;
  } else if ('date' in spec) {
    const [y, m, d] = spec.date.split('-').map(Number);
    cell.value = dateSerial(y, m, d);
    cell.numberFormat = spec.numberFormat ?? 'dd/mm/yyyy';
  } else {
    cell.value = spec.value;
    cell.numberFormat = spec.numberFormat;
  }
}

/** The events the fake raises. */
type EventKey = 'worksheets.onChanged' | 'worksheets.onAdded' | 'worksheets.onDeleted' | 'tables.onAdded';

/**
 * Ways real Excel builds differ, each set to the stricter (or the less documented) side by
 * default, so the adapter is tested against the Excel it may meet, not the kindest one.
 */
export interface FakeQuirks {
  /**
   * How an oversize request fails: RequestPayloadSizeLimitExceeded as documented, or the plain
   * GeneralException Excel on the web often gives instead (office-js #1314, #1012).
   */
  oversizeError: 'RequestPayloadSizeLimitExceeded' | 'GeneralException';
  /**
   * How the host counts a request's size against the limit, as a multiple of the fake's JSON
   * bytes: unknown for the web host (it may count UTF-16, or its own envelope), so tests try more.
   */
  requestSizeFactor: number;
  /** How long the host takes per megabyte of request (0: at once); a big request can outlast a fixed timeout. */
  msPerRequestMegabyte: number;
  /**
   * Whether a Text (`@`) cell keeps a string written through `values` verbatim (as typing does).
   * Nothing documents it for Office.js, so tests run both ways.
   */
  textFormatKeepsTyping: boolean;
  /** office-js #1463: unfreeze() on a hidden sheet throws (fixed in current builds, not in older ones). */
  unfreezeOnHiddenSheetThrows: boolean;
  /** A series with no values raises EmptyChartSeries when formatted or given blank values (Excel's error codes). */
  emptyChartSeriesRefused: boolean;
  /** The ExcelApi minor version the host supports (1.9, the manifest's minimum, by default); newer calls fail ApiNotFound. */
  apiMinor: number;
}

/** An event as Excel hands it to a handler. */
export type FakeEventArgs =
  | { readonly type: 'WorksheetChanged'; readonly source: 'Local' | 'Remote'; readonly worksheetId: string; readonly address: string; readonly changeType: 'RangeEdited' }
  | { readonly type: 'WorksheetAdded' | 'WorksheetDeleted'; readonly source: 'Local' | 'Remote'; readonly worksheetId: string }
  | { readonly type: 'TableAdded'; readonly source: 'Local' | 'Remote'; readonly worksheetId: string; readonly tableId: string };

interface ContextOptions {
  readonly delayForCellEdit?: boolean;
}

/**
 * The fake Excel: build it from plain data, hand `context` to the adapter (or `run` as its
 * Excel.run), then look at what the adapter left behind.
 */
export class FakeExcel {
  readonly model: WorkbookModel = { sheets: [], tables: [], active: null, selection: null, settings: [], otherSheets: [], nextId: 1 };
  /** Every sync, in order. */
  readonly syncLog: SyncRecord[] = [];
  /** Lowered in tests of the limit itself. */
  requestLimitBytes = PAYLOAD_LIMIT_BYTES;
  responseLimitBytes = PAYLOAD_LIMIT_BYTES;
  /** Keep each request's operations in the sync log (for tests that check what was never asked). */
  keepOperations = false;
  readonly quirks: FakeQuirks = {
    oversizeError: 'RequestPayloadSizeLimitExceeded',
    requestSizeFactor: 1,
    msPerRequestMegabyte: 0,
    textFormatKeepsTyping: true,
    unfreezeOnHiddenSheetThrows: true,
    emptyChartSeriesRefused: true,
    apiMinor: 9,
  };
  /** Registered event handlers, by event. */
  readonly handlers: Record<EventKey, Set<{ handler: (args: unknown) => Promise<unknown> }>> = {
    'worksheets.onChanged': new Set(),
    'worksheets.onAdded': new Set(),
    'worksheets.onDeleted': new Set(),
    'tables.onAdded': new Set(),
  };
  /** Held syncs wait here (pauseSyncs), so a test can look at the pane mid-run. */
  private gate: { readonly opened: Promise<void>; readonly open: () => void } | undefined;
  /** Whether the user is editing a cell (Excel's cell-edit mode). */
  private editing: { readonly ended: Promise<void>; readonly end: () => void } | undefined;
  private changes: FakeEventArgs[] = [];
  /** The sync being applied (application suspension is recorded against it). */
  current: SyncRecord = { index: -1, operations: 0, requestBytes: 0, responseBytes: 0, calculationSuspended: false, screenUpdatingSuspended: false };
  private queue: Operation[] = [];
  /**
   * The fake itself. A context made by `run` is a view of it with a queue of its own, as each
   * Excel.run batch has its own request; the workbook and everything else is the root's.
   */
  readonly root: FakeExcel = this;
  private failures: { code: string; message: string; afterOperations: number; sync: number }[] = [];
  private hangs = 0;
  /** Counts every sync ever made (unlike the log, never reset), so proxies know a new request began. */
  epoch = 0;

  constructor(spec: WorkbookSpec = { sheets: [{ name: 'Sheet1' }] }) {
    for (const name of spec.chartSheets ?? []) {
      checkSheetName(this.model, name);
      this.model.otherSheets.push({ name });
    }
    for (const sheetSpec of spec.sheets ?? [{ name: 'Sheet1' }]) this.addSheet(sheetSpec);
    this.model.active = spec.active ? (findSheet(this.model, spec.active) ?? null) : (liveSheets(this.model).find((s) => s.visibility === 'Visible') ?? null);
  }

  private addSheet(spec: SheetSpec): void {
    checkSheetName(this.model, spec.name);
    const sheet = newSheet(this.model, spec.name);
    sheet.visibility = spec.visibility ?? 'Visible';
    this.model.sheets.push(sheet);
    const at = spec.at ? parseRangeReference(spec.at).rect : { row: 0, column: 0 };
    spec.cells?.forEach((line, r) => line.forEach((cell, c) => storeCell(sheet, at.row + r, at.column + c, cell)));
    sheet.merges = (spec.merges ?? []).map((address) => parseRangeReference(address).rect);
    for (const m of sheet.merges) for (const [row, column] of positions(m)) if (row !== m.row || column !== m.column) sheet.cells.get(row)?.delete(column);
    for (const [address, format] of Object.entries(spec.numberFormats ?? {})) {
      for (const [row, column] of positions(parseRangeReference(address).rect)) ensureCell(sheet, row, column).numberFormat = format;
    }
    for (const row of spec.hiddenRows ?? []) sheet.hiddenRows.add(row - 1);
    for (const n of spec.names ?? []) {
      checkDefinedName(n.name);
      sheet.names.push({ name: n.name, formula: n.formula, visible: n.visible ?? false });
    }
    for (const table of spec.tables ?? []) {
      checkTableName(this.model, table.name);
      const rect = parseRangeReference(table.range).rect;
      this.model.tables.push({ id: this.model.nextId++, name: table.name, sheet, rect, style: table.style ?? 'TableStyleMedium2', showBandedRows: true });
    }
  }

  /** A new request context (as Excel.run gives each batch), typed as the real one. */
  get context(): Excel.RequestContext {
    return this.contextWith({});
  }

  /**
   * A context over this fake. `fake.context` contexts share the fake's one queue (tests build
   * a request with one and sync it with another); a context from `run` is isolated, so two
   * batches going at once (a run, and the input watcher relisting sheets) never send each
   * other's operations.
   */
  private contextWith(options: ContextOptions, isolated = false): Excel.RequestContext {
    const excel: FakeExcel = isolated ? Object.assign(Object.create(this.root) as FakeExcel, { queue: [] }) : this;
    const context: Record<string, unknown> = { sync: () => excel.sync(options), trackedObjects: { add: () => undefined, remove: () => undefined } };
    const workbook = new FakeWorkbook(excel, () => context);
    Object.assign(context, { workbook, application: workbook.application });
    return context as unknown as Excel.RequestContext;
  }

  /**
   * Excel.run: a batch with a new context, or with the context of `previousObjects` (how
   * event handlers are removed). Honours `delayForCellEdit`: without it, a request made while
   * a cell is being edited fails with InvalidOperationInCellEditMode; with it, it waits until
   * the editing ends (Excel.RunOptions.delayForCellEdit).
   */
  readonly run = <T>(batch: (context: Excel.RequestContext) => Promise<T>, options: Excel.RunOptions = {}): Promise<T> => {
    const previous = options.previousObjects as unknown as { workbook?: unknown } | undefined;
    const context = previous && typeof previous === 'object' && 'workbook' in previous ? (previous as unknown as Excel.RequestContext) : this.contextWith({ delayForCellEdit: options.delayForCellEdit }, true);
    return batch(context);
  };

  /** Holds every sync from now until resumeSyncs (a test's way to see a run in progress). */
  pauseSyncs(): void {
    if (this.gate) return;
    let open!: () => void;
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    this.gate = { opened, open };
  }

  /** Lets held syncs go on. */
  resumeSyncs(): void {
    const gate = this.gate;
    this.gate = undefined;
    gate?.open();
  }

  /** The user starts editing a cell (typing into it, or F2). */
  enterCellEditMode(): void {
    if (this.editing) return;
    let end!: () => void;
    const ended = new Promise<void>((resolve) => {
      end = resolve;
    });
    this.editing = { ended, end };
  }

  /** The user presses Enter or Esc. */
  exitCellEditMode(): void {
    const editing = this.editing;
    this.editing = undefined;
    editing?.end();
  }

  /** Fails unless the host supports ExcelApi 1.`minor` (Excel rejects a newer call with ApiNotFound). */
  requireApi(minor: number, what: string): void {
    if (this.quirks.apiMinor < minor) fail('ApiNotFound', `${what} needs ExcelApi 1.${minor}; this Excel supports 1.${this.quirks.apiMinor}.`);
  }

  /** What Office.context.requirements.isSetSupported would answer for this Excel. */
  isSetSupported(name: string, version = '1.1'): boolean {
    const [major, minor = '0'] = version.split('.');
    return name === 'ExcelApi' && Number(major) === 1 && Number(minor) <= this.quirks.apiMinor;
  }

  /** Records a change for the events handlers hear after the request (operations call this). */
  noteChange(kind: 'changed' | 'added' | 'deleted' | 'table-added', sheet: SheetModel, table?: TableModel): void {
    const worksheetId = `{${sheet.id}}`;
    if (kind === 'changed') {
      if (!this.changes.some((c) => c.type === 'WorksheetChanged' && c.worksheetId === worksheetId)) this.changes.push({ type: 'WorksheetChanged', source: 'Local', worksheetId, address: '', changeType: 'RangeEdited' });
    } else if (kind === 'table-added') this.changes.push({ type: 'TableAdded', source: 'Local', worksheetId, tableId: `{${table?.id}}` });
    else this.changes.push({ type: kind === 'added' ? 'WorksheetAdded' : 'WorksheetDeleted', source: 'Local', worksheetId });
  }

  /** A user types into cells (as from the keyboard), and the events for it are raised. */
  async userTypes(sheetName: string, address: string, values: readonly (readonly unknown[])[]): Promise<void> {
    const sheet = this.sheet(sheetName);
    const { rect } = parseRangeReference(address);
    values.forEach((line, r) => line.forEach((v, c) => typeIntoCell(sheet, rect.row + r, rect.column + c, v)));
    this.noteChange('changed', sheet);
    await this.raiseEvents();
  }

  /** Hands the recorded changes to the handlers, as Excel does after a request lands. */
  private async raiseEvents(): Promise<void> {
    const root = this.root;
    const changes = root.changes;
    root.changes = [];
    const keyOf = { WorksheetChanged: 'worksheets.onChanged', WorksheetAdded: 'worksheets.onAdded', WorksheetDeleted: 'worksheets.onDeleted', TableAdded: 'tables.onAdded' } as const;
    for (const change of changes) {
      for (const { handler } of [...this.handlers[keyOf[change.type]]]) await handler(change);
    }
  }

  /** Queues an operation (proxies call this). */
  enqueue(operation: Operation): void {
    this.queue.push(operation);
  }

  /**
   * Makes a sync fail with this code after applying its first `afterOperations`
   * operations: the next sync, or the one at `sync` (its index in the sync log).
   */
  failSync(code: string, options: { readonly sync?: number; readonly afterOperations?: number; readonly message?: string } = {}): void {
    this.failures.push({ code, message: options.message ?? `Fake ${code}`, afterOperations: options.afterOperations ?? 0, sync: options.sync ?? this.syncLog.length });
  }

  /** Makes the next sync never return, as Excel on the web sometimes does (office-js#4805). */
  hangNextSync(): void {
    this.hangs++;
  }

  private async sync(options: ContextOptions = {}): Promise<void> {
    const operations = this.queue;
    this.queue = [];
    // Everything but the queue is the one workbook's, whichever context syncs.
    const root = this.root;
    const record: SyncRecord = {
      index: this.syncLog.length,
      operations: operations.length,
      requestBytes: byteLength(operations.map((o) => o.wire)),
      responseBytes: 0,
      calculationSuspended: false,
      screenUpdatingSuspended: false,
      ...(this.keepOperations ? { wire: operations.map((o) => o.wire) } : {}),
    };
    this.syncLog.push(record);
    root.current = record;
    root.epoch++;
    await Promise.resolve();
    if (root.gate) {
      await root.gate.opened;
      root.current = record;
    }
    if (root.editing) {
      if (!options.delayForCellEdit) {
        record.error = 'InvalidOperationInCellEditMode';
        throw new FakeOfficeError('InvalidOperationInCellEditMode', 'The operation isn\u2019t available while Excel is in Edit cell mode.');
      }
      await root.editing.ended;
      root.current = record;
    }
    if (root.hangs > 0) {
      root.hangs--;
      return new Promise<void>(() => undefined);
    }
    if (this.quirks.msPerRequestMegabyte > 0) {
      await new Promise((resolve) => setTimeout(resolve, (record.requestBytes / 1_000_000) * this.quirks.msPerRequestMegabyte));
      root.current = record;
    }
    if (record.requestBytes * this.quirks.requestSizeFactor > this.requestLimitBytes) {
      // Refused whole, before any of it runs.
      record.error = this.quirks.oversizeError;
      throw this.quirks.oversizeError === 'GeneralException'
        ? new FakeOfficeError('GeneralException', 'There was an internal error while processing the request.')
        : new FakeOfficeError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".');
    }
    const failure = this.failures.find((f) => f.sync === record.index);
    root.failures = root.failures.filter((f) => f !== failure);
    const responses: { data: unknown; commit: Commit }[] = [];
    for (const [i, operation] of operations.entries()) {
      if (failure && i === failure.afterOperations) {
        record.error = failure.code;
        throw new FakeOfficeError(failure.code, failure.message, locationOf(operation.wire));
      }
      try {
        const result = operation.run();
        if (result) responses.push(result);
      } catch (error) {
        record.error = error instanceof FakeOfficeError ? error.code : 'GeneralException';
        if (error instanceof FakeOfficeError) {
          error.debugInfo.errorLocation ??= locationOf(operation.wire);
          throw error;
        }
        throw new FakeOfficeError('GeneralException', `An internal error has occurred: ${(error as Error).message}`);
      }
    }
    if (failure) {
      record.error = failure.code;
      throw new FakeOfficeError(failure.code, failure.message);
    }
    record.responseBytes = byteLength(responses.map((r) => r.data));
    if (record.responseBytes > this.responseLimitBytes) {
      record.error = 'ResponsePayloadSizeLimitExceeded';
      throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
    }
    for (const response of responses) response.commit();
    // Events come after the request's own answer, as Excel raises them.
    if (root.changes.length > 0) setTimeout(() => void root.raiseEvents(), 0);
  }

  get syncCount(): number {
    return this.syncLog.length;
  }
  get largestRequestBytes(): number {
    return Math.max(0, ...this.syncLog.map((s) => s.requestBytes));
  }
  get largestResponseBytes(): number {
    return Math.max(0, ...this.syncLog.map((s) => s.responseBytes));
  }
  /** Forgets the sync log, so a test can measure one step. */
  resetCounters(): void {
    this.syncLog.length = 0;
  }

  /** Sheet names in tab order. */
  sheetNames(): string[] {
    return liveSheets(this.model).map((s) => s.name);
  }
  /** A sheet's model (throws if absent, naming what there is). */
  sheet(name: string): SheetModel {
    const sheet = findSheet(this.model, name);
    if (!sheet) throw new Error(`No sheet "${name}"; the workbook has ${this.sheetNames().join(', ')}`);
    return sheet;
  }
  /** What the cells show: numbers, text, booleans, error codes; formulas as their text; blanks as null. */
  values(sheetName: string, address?: string): (string | number | boolean | null)[][] {
    const sheet = this.sheet(sheetName);
    const rect = address ? parseRangeReference(address).rect : usedRect(sheet, true);
    if (!rect) return [];
    return grid({ sheet, rect: { ...rect, row: address ? rect.row : 0, column: address ? rect.column : 0, rows: address ? rect.rows : rect.row + rect.rows, columns: address ? rect.columns : rect.column + rect.columns } }, (c) => {
      if (!c) return null;
      if (c.formula !== undefined) return c.formula;
      const v = cellValue(c);
      return v === '' ? null : v;
    });
  }
  /** One cell's model, or undefined if it was never touched. */
  cell(sheetName: string, address: string): CellModel | undefined {
    const { rect } = parseRangeReference(address);
    return getCell(this.sheet(sheetName), rect.row, rect.column);
  }
  /** Every table in the workbook with its sheet and address. */
  tables(): { name: string; sheet: string; address: string; style: string; showBandedRows: boolean }[] {
    return liveTables(this.model).map((t) => ({ name: t.name, sheet: t.sheet.name, address: rectAddress(t.rect), style: t.style, showBandedRows: t.showBandedRows }));
  }
  charts(sheetName: string): ChartModel[] {
    return this.sheet(sheetName).charts.filter((c) => !c.deleted);
  }
  conditionalFormats(sheetName: string): ConditionalFormatModel[] {
    return this.sheet(sheetName).conditionalFormats;
  }
  /** The names scoped to a sheet, as Name Manager would list them (hidden ones too). */
  sheetScopedNames(sheetName: string): NameModel[] {
    return this.sheet(sheetName).names.filter((n) => !n.deleted);
  }
  /** The names of the sheets Office.js cannot see (chart sheets and the like). */
  otherSheetNames(): string[] {
    return this.model.otherSheets.map((o) => o.name);
  }
  /**
   * What a user does with Move or Copy > Create a copy: a new sheet with the same cells and
   * the same sheet-scoped names (Excel copies them with the sheet), placed last; its tables
   * and charts are not modelled (tests copy sheets without them). Not an
   * Office.js call the adapter makes, so it changes the model directly.
   */
  copySheet(name: string, copyName: string): void {
    const from = this.sheet(name);
    checkSheetName(this.model, copyName);
    const copy = newSheet(this.model, copyName);
    for (const [row, line] of from.cells) for (const [column, cell] of line) Object.assign(ensureCell(copy, row, column), cell);
    copy.names = from.names.filter((n) => !n.deleted).map((n) => ({ ...n }));
    this.model.sheets.push(copy);
  }
  /** What a user does by double-clicking a tab and typing a name. */
  renameSheet(name: string, newName: string): void {
    const sheet = this.sheet(name);
    checkSheetName(this.model, newName, sheet);
    sheet.name = newName;
  }
  /** Whether a cell lies inside a table. */
  tableAt(sheetName: string, address: string): string | undefined {
    const sheet = this.sheet(sheetName);
    const { rect } = parseRangeReference(address);
    return liveTables(this.model).find((t) => t.sheet === sheet && contains(t.rect, rect.row, rect.column))?.name;
  }
}

export { FakeOfficeError } from './fakeModel';
