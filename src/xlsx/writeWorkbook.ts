import { strFromU8, strToU8 } from 'fflate';
import { Package } from './zip';
import type { OutputPlan, SheetPlan } from '../engine';
import { sheetChartParts } from './chartXml';
import { sheetXml, tableXml } from './sheetXml';
import { StyleRegistry } from './styles';
import { child, children, escapeAttr, parseXml, serializeXml, type XmlElement } from './xml';

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT_NS = 'http://schemas.openxmlformats.org/package/2006/content-types';
const WORKSHEET_TYPE = `${REL_NS}/worksheet`;
const TABLE_TYPE = `${REL_NS}/table`;
const WORKSHEET_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const TABLE_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml';
const STYLES_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
const STYLES_TYPE = `${REL_NS}/styles`;

/** A package that cannot be refreshed safely: nothing is written. */
export class PackageError extends Error {
  override readonly name = 'PackageError';
}

/** Resolves a relationship target against the folder of the part that holds it. */
function resolve(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const base = fromPart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.') base.push(seg);
  }
  return base.join('/');
}

const relsPathOf = (part: string): string => {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
};

/** Relative path from one part's folder to another part. */
function relative(fromPart: string, toPart: string): string {
  const from = fromPart.split('/').slice(0, -1);
  const to = toPart.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

interface Rel {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

function readRels(files: Package, part: string): Rel[] {
  const data = files.read(relsPathOf(part));
  if (!data) return [];
  const root = parseXml(strFromU8(data)).documentElement!;
  return children(root, 'Relationship').map((r) => ({
    id: r.getAttribute('Id') ?? '',
    type: r.getAttribute('Type') ?? '',
    target: r.getAttribute('Target') ?? '',
    external: r.getAttribute('TargetMode') === 'External',
  }));
}

function relsXml(rels: readonly { id: string; type: string; target: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">${rels.map((r) => `<Relationship Id="${escapeAttr(r.id)}" Type="${escapeAttr(r.type)}" Target="${escapeAttr(r.target)}"/>`).join('')}</Relationships>`;
}

/** The next free number N for parts named like `xl/tables/tableN.xml`. */
function nextNumber(files: Package, prefix: string, suffix: string): () => number {
  let n = 0;
  for (const path of files.paths()) {
    if (path.startsWith(prefix) && path.endsWith(suffix)) {
      const k = Number(path.slice(prefix.length, -suffix.length));
      if (Number.isInteger(k)) n = Math.max(n, k);
    }
  }
  return () => ++n;
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
export function writeResultsWorkbook(input: Uint8Array, plan: OutputPlan): Uint8Array {
  let files: Package;
  try {
    files = new Package(input);
  } catch (e) {
    throw new PackageError(`the file is not a readable workbook package (${e instanceof Error ? e.message : String(e)})`);
  }
  const rootRels = files.read('_rels/.rels');
  const pkgRels = rootRels ? children(parseXml(strFromU8(rootRels)).documentElement!, 'Relationship') : [];
  const officeDoc = pkgRels.find((r) => (r.getAttribute('Type') ?? '').endsWith('/officeDocument'));
  const workbookPart = officeDoc ? resolve('', officeDoc.getAttribute('Target') ?? '') : 'xl/workbook.xml';
  const workbookXml = files.read(workbookPart);
  if (!workbookXml) throw new PackageError('the package has no workbook part');
  if (files.has('xl/vbaProject.bin') && !workbookPart.endsWith('.xml')) throw new PackageError('binary workbooks (.xlsb) cannot be refreshed');

  const workbookDoc = parseXml(strFromU8(workbookXml));
  const wbRoot = workbookDoc.documentElement!;
  const sheetsEl = child(wbRoot, 'sheets');
  if (!sheetsEl) throw new PackageError('the workbook part lists no sheets');
  const protection = child(wbRoot, 'workbookProtection');
  if (protection && /^(1|true)$/.test(protection.getAttribute('lockStructure') ?? '')) {
    throw new PackageError("the workbook's structure is protected, so sheets cannot be added or changed; unprotect the workbook (Review > Protect Workbook) and run again");
  }
  const wbRelsPath = relsPathOf(workbookPart);
  const wbRels = readRels(files, workbookPart);
  const ctDoc = parseXml(strFromU8(files.read('[Content_Types].xml') ?? strToU8(`<Types xmlns="${CT_NS}"/>`)));
  const ctRoot = ctDoc.documentElement!;
  const overrides = new Map(children(ctRoot, 'Override').map((o) => [(o.getAttribute('PartName') ?? '').replace(/^\//, ''), o]));

  const removePart = (part: string) => {
    files.remove(part);
    files.remove(relsPathOf(part));
    const o = overrides.get(part);
    if (o) {
      ctRoot.removeChild(o);
      overrides.delete(part);
    }
  };
  const setOverride = (part: string, contentType: string) => {
    const existing = overrides.get(part);
    if (existing) {
      existing.setAttribute('ContentType', contentType);
      return;
    }
    const el = ctDoc.createElementNS(CT_NS, 'Override');
    el.setAttribute('PartName', `/${part}`);
    el.setAttribute('ContentType', contentType);
    ctRoot.appendChild(el);
    overrides.set(part, el);
  };
  /** Deletes what an output sheet's part refers to (tables, drawings and their charts), before it is rewritten. */
  const removeDependents = (part: string, seen = new Set<string>()) => {
    for (const rel of readRels(files, part)) {
      if (rel.external) continue;
      const target = resolve(part, rel.target);
      if (seen.has(target) || !files.has(target)) continue;
      seen.add(target);
      removeDependents(target, seen);
      removePart(target);
    }
  };

  let stylesPart = wbRels.find((r) => r.type === STYLES_TYPE);
  const stylesPath = stylesPart ? resolve(workbookPart, stylesPart.target) : 'xl/styles.xml';
  const stylesXml = files.read(stylesPath);
  const styles = new StyleRegistry(stylesXml ? strFromU8(stylesXml) : undefined);

  const sheetEls = children(sheetsEl, 'sheet');
  let nextSheetId = Math.max(0, ...sheetEls.map((s) => Number(s.getAttribute('sheetId')) || 0)) + 1;
  const relIds = new Set(wbRels.map((r) => r.id));
  const newWbRels = [...wbRels];
  const nextRelId = () => {
    let k = relIds.size + 1;
    while (relIds.has(`rId${k}`)) k++;
    relIds.add(`rId${k}`);
    return `rId${k}`;
  };
  const existingSheet = (name: string) => sheetEls.find((s) => (s.getAttribute('name') ?? '').toLowerCase() === name.toLowerCase());
  const partOf = (sheetEl: XmlElement): string => {
    const rid = sheetEl.getAttributeNS(REL_NS, 'id') ?? sheetEl.getAttribute('r:id');
    const rel = wbRels.find((r) => r.id === rid);
    if (!rel) throw new PackageError(`the sheet "${sheetEl.getAttribute('name')}" has no part`);
    return resolve(workbookPart, rel.target);
  };
  // Clear what the tool's own sheets hang on to first, so a re-run numbers its new parts
  // exactly as the last run did.
  const owned = [...plan.sheets, plan.ownership].flatMap((sheet) => {
    const el = existingSheet(sheet.name);
    return el ? [{ el, part: partOf(el) }] : [];
  });
  for (const { part } of owned) removeDependents(part);
  dropStaleCalcChain(files, workbookPart, newWbRels, owned.map(({ el }) => el.getAttribute('sheetId') ?? ''), removePart);

  const nextSheetPart = nextNumber(files, 'xl/worksheets/sheet', '.xml');
  const nextTable = nextNumber(files, 'xl/tables/table', '.xml');
  const nextDrawing = nextNumber(files, 'xl/drawings/drawing', '.xml');
  const nextChart = nextNumber(files, 'xl/charts/chart', '.xml');
  // Table ids are unique across the workbook, whatever their part names.
  let tableId = 0;
  for (const path of files.paths()) {
    if (/^xl\/tables\/[^/]+\.xml$/.test(path)) {
      const m = /<table[^>]*\sid="(\d+)"/.exec(strFromU8(files.read(path)!.subarray(0, 600)));
      if (m) tableId = Math.max(tableId, Number(m[1]));
    }
  }

  const write = (sheet: SheetPlan) => {
    const existing = existingSheet(sheet.name);
    let part: string;
    let sheetEl: XmlElement;
    if (existing) {
      part = partOf(existing);
      sheetEl = existing;
    } else {
      part = `xl/worksheets/sheet${nextSheetPart()}.xml`;
      const rid = nextRelId();
      newWbRels.push({ id: rid, type: WORKSHEET_TYPE, target: relative(workbookPart, part), external: false });
      sheetEl = workbookDoc.createElementNS(wbRoot.namespaceURI, 'sheet');
      sheetEl.setAttribute('name', sheet.name);
      sheetEl.setAttribute('sheetId', String(nextSheetId++));
      sheetEl.setAttributeNS(REL_NS, 'r:id', rid);
      sheetsEl.appendChild(sheetEl);
    }
    if (sheet.visibility === 'very-hidden') sheetEl.setAttribute('state', 'veryHidden');
    else sheetEl.removeAttribute('state');
    const sheetRels: { id: string; type: string; target: string }[] = [];
    let drawingRel: string | undefined;
    if (sheet.charts.length > 0) {
      const first = nextChart();
      for (let i = 1; i < sheet.charts.length; i++) nextChart();
      const d = nextDrawing();
      const chartParts = sheetChartParts(sheet, { drawing: d, firstChart: first });
      for (const [path, xml] of Object.entries(chartParts.parts)) files.write(path, strToU8(xml));
      for (const { part: chartPart, contentType } of chartParts.contentTypes) setOverride(chartPart, contentType);
      drawingRel = `rId${sheetRels.length + 1}`;
      sheetRels.push({ id: drawingRel, type: chartParts.drawingRelationship.type, target: chartParts.drawingRelationship.target });
    }
    const tableRels: string[] = [];
    for (const t of sheet.tables) {
      const n = nextTable();
      const path = `xl/tables/table${n}.xml`;
      files.write(path, strToU8(tableXml(++tableId, t.name, t.range, sheet.cells[t.range.row] ?? [], t.style, t.showBandedRows)));
      setOverride(path, TABLE_CT);
      const id = `rId${sheetRels.length + 1}`;
      sheetRels.push({ id, type: TABLE_TYPE, target: relative(part, path) });
      tableRels.push(id);
    }
    files.write(part, strToU8(sheetXml(sheet, styles, { ...(drawingRel ? { drawing: drawingRel } : {}), tables: tableRels })));
    if (sheetRels.length > 0) files.write(relsPathOf(part), strToU8(relsXml(sheetRels)));
    else files.remove(relsPathOf(part));
    setOverride(part, WORKSHEET_CT);
  };
  for (const sheet of plan.sheets) write(sheet);
  write(plan.ownership);

  if (!stylesPart) {
    stylesPart = { id: nextRelId(), type: STYLES_TYPE, target: relative(workbookPart, stylesPath), external: false };
    newWbRels.push(stylesPart);
    setOverride(stylesPath, STYLES_CT);
  }
  files.write(stylesPath, strToU8(styles.toXml()));
  files.write(wbRelsPath, strToU8(relsXml(newWbRels)));
  files.write(workbookPart, strToU8(serializeXml(workbookDoc)));
  files.write('[Content_Types].xml', strToU8(serializeXml(ctDoc)));
  return files.toBytes();
}

const CALC_CHAIN_TYPE = `${REL_NS}/calcChain`;

/**
 * The calculation chain lists formula cells by sheet. If it lists any cell on a sheet the
 * tool rewrites (someone typed a formula there), the chain would point at formulas that
 * no longer exist and Excel would offer to repair the file; it is dropped instead, and
 * Excel rebuilds it on the next calculation. Otherwise it is kept as it is.
 */
function dropStaleCalcChain(files: Package, workbookPart: string, wbRels: Rel[], ownedSheetIds: readonly string[], removePart: (part: string) => void): void {
  const rel = wbRels.find((r) => r.type === CALC_CHAIN_TYPE);
  if (!rel || ownedSheetIds.length === 0) return;
  const part = resolve(workbookPart, rel.target);
  const data = files.read(part);
  if (!data) return;
  let sheetId = '';
  let stale = false;
  for (const m of strFromU8(data).matchAll(/<c\b[^>]*?(?:\si="(\d+)")?[^>]*\/?>/g)) {
    if (m[1]) sheetId = m[1];
    if (ownedSheetIds.includes(sheetId)) {
      stale = true;
      break;
    }
  }
  if (stale) {
    removePart(part);
    wbRels.splice(wbRels.indexOf(rel), 1);
  }
}
