import { MARK_NAME, type OutputPlan, type SheetPlan } from '../engine';
import { sheetChartParts } from './chartXml';
import { WorkbookFileError } from './fileErrors';
import {
  CONTENT_TYPES_NS,
  CONTENT_TYPES_PART,
  PACKAGE_REL_NS,
  REL_NS,
  WorkbookPackage,
  type WorkbookKind,
  relationshipType,
  relativeTarget,
  relsPartOf,
  workbookContentType,
} from './package';
import { PackageEdit, deflateText, zipEntryOf } from './packageEdit';
import { sheetXml, tableXml } from './sheetXml';
import { StyleRegistry } from './styles';
import { setActiveTab, setPrintNames, withTabUnselected } from './workbookViews';
import { child, children, escapeAttr, parseXml, serializeXml, type XmlDocument, type XmlElement } from './xml';
import { partKey, writeZip } from './zip';

const WORKSHEET_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const TABLE_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml';
const STYLES_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

/** How the results are written. */
export interface WriteOptions {
  /** The output file's name, whose extension decides the workbook's kind. */
  readonly outputName?: string;
  /** Write the `_LocalityPlanner` record (default); a results-only copy for partners goes without it. */
  readonly ownershipRecord?: boolean;
}

/** A package that cannot be refreshed safely: nothing is written. */
export class PackageError extends Error {
  override readonly name = 'PackageError';
}

interface Rel {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

function relsXml(rels: readonly Rel[]): string {
  const one = (r: Rel) => `<Relationship Id="${escapeAttr(r.id)}" Type="${escapeAttr(r.type)}" Target="${escapeAttr(r.target)}"${r.external ? ' TargetMode="External"' : ''}/>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_REL_NS}">${rels.map(one).join('')}</Relationships>`;
}

/** The next free number N for parts named like `xl/tables/tableN.xml`, compared as Excel compares part names. */
function nextNumber(files: PackageEdit, prefix: string, suffix: string): () => number {
  let n = 0;
  const p = partKey(prefix);
  const s = partKey(suffix);
  for (const path of files.paths()) {
    const key = partKey(path);
    if (key.startsWith(p) && key.endsWith(s)) {
      const k = Number(key.slice(p.length, -s.length));
      if (Number.isInteger(k)) n = Math.max(n, k);
    }
  }
  return () => ++n;
}

/** The kind of workbook an output file name calls for: Excel refuses a file whose content type does not match its extension. */
export function kindForName(fileName: string | undefined, input: WorkbookKind): WorkbookKind {
  const ext = /\.([^./\\]+)$/.exec(fileName ?? '')?.[1]?.toLowerCase();
  return ext === 'xlsx' || ext === 'xlsm' || ext === 'xltx' || ext === 'xltm' ? ext : input;
}

const macroEnabled = (kind: WorkbookKind): boolean => kind === 'xlsm' || kind === 'xltm';

/** True when writing the results under this name leaves out the input's macros (a .xlsm refreshed into a .xlsx). */
export function dropsMacros(pkg: WorkbookPackage, outputName: string): boolean {
  return !macroEnabled(kindForName(outputName, pkg.kind)) && pkg.related(pkg.workbookPart, relationshipType.vbaProject) !== undefined;
}

/**
 * Writes a plan's sheets into a workbook package and gives the new package. Only the
 * output sheets and what hangs off them (tables, drawings, charts), the sheet list, the
 * content types and the stylesheet (appended to, never reindexed) change; every other
 * part — the user's sheets, charts, pivot tables, names, validation, comments — is
 * carried over byte for byte. A sheet the plan names that already exists is one the
 * engine has checked the tool owns: it is rewritten where it stands, so references to
 * it from the user's formulas keep working.
 */
export async function writeResultsWorkbook(input: WorkbookPackage | Uint8Array, plan: OutputPlan, options: WriteOptions = {}): Promise<Uint8Array> {
  const withRecord = options.ownershipRecord ?? true;
  const pkg = input instanceof WorkbookPackage ? input : WorkbookPackage.open(input);
  const files = new PackageEdit(pkg);
  const workbookPart = pkg.workbookPart;
  const workbookDoc = pkg.xml(workbookPart);
  const wbRoot = workbookDoc?.documentElement;
  if (!workbookDoc || !wbRoot) throw new WorkbookFileError({ kind: 'damaged', detail: 'its workbook part is missing' });
  const sheetsEl = child(wbRoot, 'sheets');
  if (!sheetsEl) throw new PackageError('the workbook part lists no sheets');
  const protection = child(wbRoot, 'workbookProtection');
  if (protection && /^(1|true)$/.test(protection.getAttribute('lockStructure') ?? '')) {
    throw new PackageError("the workbook's structure is protected, so sheets cannot be added or changed; unprotect the workbook (Review > Protect Workbook) and run again");
  }
  const wbRelsPath = relsPartOf(workbookPart);
  const wbRels: Rel[] = pkg.relationships(workbookPart).map(({ id, type, target, external }) => ({ id, type, target, external }));
  const ctDoc = pkg.xml(CONTENT_TYPES_PART) ?? parseXml(`<Types xmlns="${CONTENT_TYPES_NS}"/>`);
  const ctRoot = ctDoc.documentElement!;
  const overrides = new Map(children(ctRoot, 'Override').map((o) => [partKey((o.getAttribute('PartName') ?? '').replace(/^\//, '')), o]));
  const removePart = (part: string) => {
    files.remove(part);
    files.remove(relsPartOf(part));
    const key = partKey(part);
    const o = overrides.get(key);
    if (o) {
      ctRoot.removeChild(o);
      overrides.delete(key);
    }
  };
  const setOverride = (part: string, contentType: string) => {
    const existing = overrides.get(partKey(part));
    if (existing) {
      existing.setAttribute('ContentType', contentType);
      return;
    }
    const el = ctDoc.createElementNS(CONTENT_TYPES_NS, 'Override');
    el.setAttribute('PartName', `/${part}`);
    el.setAttribute('ContentType', contentType);
    ctRoot.appendChild(el);
    overrides.set(partKey(part), el);
  };
  /** Workbook relationships this write drops (the macros under an .xlsx name, a stale calculation chain), by id. */
  const droppedRels = new Set<string>();
  const dropRel = (rel: Rel) => {
    droppedRels.add(rel.id);
    wbRels.splice(wbRels.indexOf(rel), 1);
  };

  // The output's name decides its kind: macros and the macro-enabled content type only under .xlsm (or .xltm).
  const kind = kindForName(options.outputName, pkg.kind);
  if (kind !== pkg.kind) setOverride(workbookPart, workbookContentType[kind]);
  if (!macroEnabled(kind)) for (const rel of wbRels.filter((r) => r.type === relationshipType.vbaProject)) dropRel(rel);

  const stylesRel = pkg.related(workbookPart, relationshipType.styles);
  const stylesPath = stylesRel?.part ?? 'xl/styles.xml';
  const styles = new StyleRegistry(pkg.text(stylesPath));

  const sheetEls = children(sheetsEl, 'sheet');
  let nextSheetId = 1;
  for (const s of sheetEls) nextSheetId = Math.max(nextSheetId, (Number(s.getAttribute('sheetId')) || 0) + 1);
  const relIds = new Set(wbRels.map((r) => r.id));
  const nextRelId = () => {
    let k = relIds.size + 1;
    while (relIds.has(`rId${k}`)) k++;
    relIds.add(`rId${k}`);
    return `rId${k}`;
  };
  const existingSheet = (name: string) => sheetEls.find((s) => (s.getAttribute('name') ?? '').toLowerCase() === name.toLowerCase());
  const partOfAnySheet = (sheetEl: XmlElement): string | undefined => {
    const rid = sheetEl.getAttributeNS(REL_NS, 'id') ?? sheetEl.getAttribute('r:id');
    return pkg.relationships(workbookPart).find((r) => r.id === rid)?.part;
  };
  const partOf = (sheetEl: XmlElement): string => {
    const rid = sheetEl.getAttributeNS(REL_NS, 'id') ?? sheetEl.getAttribute('r:id');
    const rel = pkg.relationships(workbookPart).find((r) => r.id === rid);
    if (!rel?.part) throw new PackageError(`the sheet "${sheetEl.getAttribute('name')}" has no part`);
    // The engine places outputs only on worksheets it proved the tool's; anything else here is a bug, never a sheet to write over.
    if (rel.type !== relationshipType.worksheet) throw new PackageError(`the sheet "${sheetEl.getAttribute('name')}" is not a worksheet`);
    return rel.part;
  };
  // Clear what the tool's own sheets hang on to first, so a re-run numbers its new parts
  // exactly as the last run did.
  const owned = [...plan.sheets, ...(withRecord ? [plan.ownership] : [])].flatMap((sheet) => {
    const el = existingSheet(sheet.name);
    return el ? [{ el, part: partOf(el) }] : [];
  });
  const calcChain = staleCalcChain(pkg, wbRels, owned.map(({ el }) => el.getAttribute('sheetId') ?? ''));
  if (calcChain) dropRel(calcChain);
  for (const part of unreferencedDependents(pkg, owned.map((o) => o.part), droppedRels)) removePart(part);

  const nextSheetPart = nextNumber(files, 'xl/worksheets/sheet', '.xml');
  const nextTable = nextNumber(files, 'xl/tables/table', '.xml');
  const nextDrawing = nextNumber(files, 'xl/drawings/drawing', '.xml');
  const nextChart = nextNumber(files, 'xl/charts/chart', '.xml');
  // Table ids are unique across the workbook, whatever their part names.
  let tableId = 0;
  for (const path of files.paths()) {
    if (/^xl\/tables\/[^/]+\.xml$/i.test(path)) {
      const m = /<table[^>]*\sid="(\d+)"/.exec(new TextDecoder().decode(files.read(path)!.subarray(0, 600)));
      if (m) tableId = Math.max(tableId, Number(m[1]));
    }
  }

  const write = async (sheet: SheetPlan): Promise<XmlElement> => {
    const existing = existingSheet(sheet.name);
    let part: string;
    let sheetEl: XmlElement;
    if (existing) {
      part = partOf(existing);
      sheetEl = existing;
    } else {
      part = `xl/worksheets/sheet${nextSheetPart()}.xml`;
      const rid = nextRelId();
      wbRels.push({ id: rid, type: relationshipType.worksheet, target: relativeTarget(workbookPart, part), external: false });
      sheetEl = workbookDoc.createElementNS(wbRoot.namespaceURI, 'sheet');
      sheetEl.setAttribute('name', sheet.name);
      sheetEl.setAttribute('sheetId', String(nextSheetId++));
      sheetEl.setAttributeNS(REL_NS, 'r:id', rid);
      sheetsEl.appendChild(sheetEl);
    }
    if (sheet.visibility === 'very-hidden') sheetEl.setAttribute('state', 'veryHidden');
    else sheetEl.removeAttribute('state');
    const sheetRels: Rel[] = [];
    let drawingRel: string | undefined;
    if (sheet.charts.length > 0) {
      const first = nextChart();
      for (let i = 1; i < sheet.charts.length; i++) nextChart();
      const d = nextDrawing();
      const chartParts = sheetChartParts(sheet, { drawing: d, firstChart: first });
      for (const [path, xml] of Object.entries(chartParts.parts)) files.write(path, xml);
      for (const { part: chartPart, contentType } of chartParts.contentTypes) setOverride(chartPart, contentType);
      drawingRel = `rId${sheetRels.length + 1}`;
      sheetRels.push({ id: drawingRel, type: chartParts.drawingRelationship.type, target: chartParts.drawingRelationship.target, external: false });
    }
    const tableRels: string[] = [];
    for (const t of sheet.tables) {
      const n = nextTable();
      const path = `xl/tables/table${n}.xml`;
      files.write(path, tableXml(++tableId, t.name, t.range, sheet.cells[t.range.row] ?? [], t.style, t.showBandedRows));
      setOverride(path, TABLE_CT);
      const id = `rId${sheetRels.length + 1}`;
      sheetRels.push({ id, type: relationshipType.table, target: relativeTarget(part, path), external: false });
      tableRels.push(id);
    }
    files.writeDeflated(part, await deflateText(sheetXml(sheet, styles, { ...(drawingRel ? { drawing: drawingRel } : {}), tables: tableRels, selected: sheet.name === plan.activeSheet })));
    if (sheetRels.length > 0) files.write(relsPartOf(part), relsXml(sheetRels));
    else files.remove(relsPartOf(part));
    setOverride(part, WORKSHEET_CT);
    return sheetEl;
  };
  for (const sheet of plan.sheets) {
    const sheetEl = await write(sheet);
    // A copy without the record carries no marks: nothing there could prove them.
    if (withRecord && sheet.mark !== undefined) markSheet(workbookDoc, sheetsEl, sheetEl, sheet.mark);
  }
  if (withRecord) await write(plan.ownership);

  // The results open on the plan's active sheet (the Summary), with its tab the only one selected.
  setPrintNames(workbookDoc, wbRoot, plan.sheets);
  setActiveTab(workbookDoc, wbRoot, plan.activeSheet);
  const rewritten = new Set([...plan.sheets, plan.ownership].map((s) => s.name.toLowerCase()));
  for (const el of sheetEls) {
    if (rewritten.has((el.getAttribute('name') ?? '').toLowerCase())) continue;
    // Any kind of sheet (a chart sheet's view can be selected too), never written otherwise.
    const part = partOfAnySheet(el);
    // A part the reader streamed and found without the word is not inflated again to look.
    const text = part === undefined || !pkg.mayHoldTabSelected(part) ? undefined : pkg.text(part);
    const unselected = text === undefined ? undefined : withTabUnselected(text);
    if (part !== undefined && unselected !== undefined) files.write(part, unselected);
  }

  if (!stylesRel) {
    wbRels.push({ id: nextRelId(), type: relationshipType.styles, target: relativeTarget(workbookPart, stylesPath), external: false });
    setOverride(stylesPath, STYLES_CT);
  }
  files.write(stylesPath, styles.toXml());
  files.write(wbRelsPath, relsXml(wbRels));
  files.write(workbookPart, serializeXml(workbookDoc));
  files.write(CONTENT_TYPES_PART, serializeXml(ctDoc));
  return files.toBytes();
}

/**
 * A copy of the results for partners (`--results-only`): a new workbook holding only the
 * output sheets, with their values, formats, tables, charts and print set-up, and no input
 * tables and no ownership record. It opens on the Summary like the full results.
 */
export async function writeResultsOnlyWorkbook(plan: OutputPlan, options: Pick<WriteOptions, 'outputName'> = {}): Promise<Uint8Array> {
  const empty: Record<string, string> = {
    [CONTENT_TYPES_PART]: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="${CONTENT_TYPES_NS}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${workbookContentType.xlsx}"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_REL_NS}"><Relationship Id="rId1" Type="${relationshipType.officeDocument}" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets/></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_REL_NS}"/>`,
  };
  // Zipped by the same writer as every results workbook (Node's zlib), not a second zip library.
  const zipped = writeZip(Object.entries(empty).map(([name, xml]) => zipEntryOf(name, Buffer.from(xml, 'utf8'))));
  return writeResultsWorkbook(zipped, plan, { ...options, ownershipRecord: false });
}

/**
 * The calculation chain lists formula cells by sheet. If it lists any cell on a sheet the
 * tool rewrites (someone typed a formula there), the chain would point at formulas that
 * no longer exist and Excel would offer to repair the file; it is dropped instead (this
 * gives its relationship), and Excel rebuilds it on the next calculation. Otherwise it is
 * kept as it is.
 */
function staleCalcChain(pkg: WorkbookPackage, wbRels: readonly Rel[], ownedSheetIds: readonly string[]): Rel | undefined {
  const rel = pkg.related(pkg.workbookPart, relationshipType.calcChain);
  if (!rel?.part || ownedSheetIds.length === 0) return undefined;
  const text = pkg.text(rel.part);
  if (text === undefined) return undefined;
  let sheetId = '';
  for (const m of text.matchAll(/<c\b[^>]*?(?:\si="(\d+)")?[^>]*\/?>/g)) {
    if (m[1]) sheetId = m[1];
    if (ownedSheetIds.includes(sheetId)) return wbRels.find((r) => r.id === rel.id);
  }
  return undefined;
}

/**
 * The parts a write can remove: what the tool's own sheets hang on to (tables, drawings,
 * charts, images, pivot tables, printer settings, and what those hang on to), and the
 * targets of the workbook relationships it drops, less every part anything else in the
 * package still reaches. Reachability from the package's root, through every
 * relationship but those being replaced, is the reference count: a pivot cache a user's
 * pivot table uses, an image a user's sheet shows, a drawing or an external link shared
 * with a user's part all stay, byte for byte. If a part's relationships cannot be read,
 * nothing is removed (a few orphaned parts, which Excel ignores, rather than a lost one).
 */
export function unreferencedDependents(pkg: WorkbookPackage, replaced: readonly string[], droppedWorkbookRels: ReadonlySet<string>): string[] {
  const replacedKeys = new Set(replaced.map(partKey));
  const follow = (part: string): readonly { readonly id: string; readonly part: string | undefined; readonly external: boolean }[] => {
    const rels = pkg.relationships(part);
    return partKey(part) === partKey(pkg.workbookPart) ? rels.filter((r) => !droppedWorkbookRels.has(r.id)) : rels;
  };
  const walk = (starts: readonly string[], skip: (part: string) => boolean): Map<string, string> => {
    const seen = new Map<string, string>();
    const queue = [...starts];
    while (queue.length > 0) {
      const part = queue.pop()!;
      if (skip(part)) continue;
      for (const rel of follow(part)) {
        if (rel.external || rel.part === undefined || seen.has(partKey(rel.part))) continue;
        seen.set(partKey(rel.part), rel.part);
        queue.push(rel.part);
      }
    }
    return seen;
  };
  const droppedTargets = pkg.relationships(pkg.workbookPart).filter((r) => droppedWorkbookRels.has(r.id) && r.part !== undefined && !r.external).map((r) => r.part!);
  const candidates = walk(replaced, () => false);
  for (const part of droppedTargets) {
    candidates.set(partKey(part), part);
    for (const [key, name] of walk([part], () => false)) candidates.set(key, name);
  }
  if (candidates.size === 0) return [];
  let reached: Map<string, string>;
  try {
    reached = walk([''], (part) => replacedKeys.has(partKey(part)));
  } catch {
    return [];
  }
  return [...candidates].filter(([key]) => !reached.has(key) && !replacedKeys.has(key)).map(([, part]) => part);
}

/** Where `definedNames` goes among the workbook's children: before the first of these (ECMA-376's order). */
const afterDefinedNames = ['calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst'];

/**
 * Gives a sheet the tool's mark: the hidden defined name `_LocalityPlannerSheet`, scoped
 * to the sheet (`localSheetId`, its place among every kind of sheet), holding the mark as
 * a string constant. A mark already there is kept (and hidden again); a different one is replaced.
 */
function markSheet(doc: XmlDocument, sheetsEl: XmlElement, sheetEl: XmlElement, mark: string): void {
  const root = doc.documentElement!;
  const index = String(children(sheetsEl, 'sheet').indexOf(sheetEl));
  const text = `"${mark}"`;
  let names = child(root, 'definedNames');
  if (!names) {
    names = doc.createElementNS(root.namespaceURI, 'definedNames');
    const before = afterDefinedNames.map((n) => child(root, n)).find((e) => e !== undefined);
    if (before) root.insertBefore(names, before);
    else root.appendChild(names);
  }
  const mine = children(names, 'definedName').filter((n) => (n.getAttribute('name') ?? '').toLowerCase() === MARK_NAME.toLowerCase() && n.getAttribute('localSheetId') === index);
  if (mine.length === 1 && mine[0].textContent === text) {
    // Kept as it is, hidden again if another program showed it (LibreOffice saves names with hidden="false").
    if (mine[0].getAttribute('hidden') !== '1') mine[0].setAttribute('hidden', '1');
    return;
  }
  for (const n of mine) names.removeChild(n);
  const el = doc.createElementNS(root.namespaceURI, 'definedName');
  el.setAttribute('name', MARK_NAME);
  el.setAttribute('localSheetId', index);
  el.setAttribute('hidden', '1');
  el.appendChild(doc.createTextNode(text));
  names.appendChild(el);
}
