import { type SheetPlan, quoteSheetName, rangeAddress } from '../engine';
import { child, children, type XmlDocument, type XmlElement } from './xml';

/**
 * What the workbook part says about printing and opening, for the output sheets: each
 * sheet's print area and repeated header rows (Excel keeps them as the built-in defined
 * names `_xlnm.Print_Area` and `_xlnm.Print_Titles`, scoped to the sheet by its position),
 * and which tab the workbook opens on.
 */

const PRINT_AREA = '_xlnm.Print_Area';
const PRINT_TITLES = '_xlnm.Print_Titles';

/** The workbook's children after which `definedNames` may stand (ECMA-376 CT_Workbook). */
const beforeDefinedNames = ['fileVersion', 'fileSharing', 'workbookPr', 'workbookProtection', 'bookViews', 'sheets', 'functionGroups', 'externalReferences'];
/** The workbook's children after which `bookViews` may stand. */
const beforeBookViews = ['fileVersion', 'fileSharing', 'workbookPr', 'workbookProtection'];

/** A child of the workbook element, made where the schema puts it if the workbook lacks one. */
function section(doc: XmlDocument, root: XmlElement, name: string, after: readonly string[]): XmlElement {
  const existing = child(root, name);
  if (existing) return existing;
  const el = doc.createElementNS(root.namespaceURI, name);
  let before: XmlElement | null = null;
  for (let n = root.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && !after.includes((n as XmlElement).localName ?? '')) {
      before = n as XmlElement;
      break;
    }
  }
  root.insertBefore(el, before);
  return el;
}

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Sets each output sheet's print area and print titles from its page plan, replacing
 * what an earlier run set on that sheet. Every other defined name, the user's own
 * included, is left exactly as it was.
 */
export function setPrintNames(doc: XmlDocument, root: XmlElement, plans: readonly SheetPlan[]): void {
  const sheets = children(child(root, 'sheets')!, 'sheet').map((s) => s.getAttribute('name') ?? '');
  const ours = plans.flatMap((plan) => {
    const index = sheets.findIndex((n) => sameName(n, plan.name));
    return index < 0 ? [] : [{ plan, index }];
  });
  if (ours.length === 0) return;
  const names = section(doc, root, 'definedNames', beforeDefinedNames);
  const ourIndexes = new Set(ours.map((o) => String(o.index)));
  for (const n of children(names, 'definedName')) {
    const name = n.getAttribute('name') ?? '';
    if ((name === PRINT_AREA || name === PRINT_TITLES) && ourIndexes.has(n.getAttribute('localSheetId') ?? '')) names.removeChild(n);
  }
  const add = (name: string, index: number, ref: string) => {
    const el = doc.createElementNS(root.namespaceURI, 'definedName');
    el.setAttribute('name', name);
    el.setAttribute('localSheetId', String(index));
    el.appendChild(doc.createTextNode(ref));
    names.appendChild(el);
  };
  for (const { plan, index } of ours) {
    const page = plan.page;
    if (!page) continue;
    const sheet = quoteSheetName(plan.name);
    const a = page.printArea;
    const [start, end = start] = rangeAddress(a.row, a.column, a.rows, a.columns).split(':');
    const absolute = (cell: string) => cell.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
    add(PRINT_AREA, index, `${sheet}!${absolute(start)}:${absolute(end)}`);
    if (page.titleRows) add(PRINT_TITLES, index, `${sheet}!$${page.titleRows.first + 1}:$${page.titleRows.last + 1}`);
  }
  if (children(names, 'definedName').length === 0) root.removeChild(names);
}

/**
 * Makes the named sheet the tab the workbook opens on (the first workbook view's
 * `activeTab`, its position among the sheets), with the tab bar scrolled to show it.
 * Gives the position.
 */
export function setActiveTab(doc: XmlDocument, root: XmlElement, sheetName: string): number {
  const sheets = children(child(root, 'sheets')!, 'sheet');
  const index = sheets.findIndex((s) => sameName(s.getAttribute('name') ?? '', sheetName));
  if (index < 0) throw new Error(`The sheet to open on, ${sheetName}, is not in the workbook`);
  const views = section(doc, root, 'bookViews', beforeBookViews);
  let view = child(views, 'workbookView');
  if (!view) {
    view = doc.createElementNS(root.namespaceURI, 'workbookView');
    views.appendChild(view);
  }
  view.setAttribute('activeTab', String(index));
  if (Number(view.getAttribute('firstSheet') ?? 0) > index) view.setAttribute('firstSheet', String(index));
  return index;
}

/**
 * A sheet part with its tab no longer selected, or undefined when it was not. Excel
 * treats every sheet whose view says `tabSelected` as selected with the active one, so
 * a workbook opening on the Summary while the user's last sheet kept the flag would open
 * with the two grouped, and typing would change both. Only that attribute of the sheet
 * views is taken out; every other byte of the part stays as it was.
 */
export function withTabUnselected(xml: string): string | undefined {
  const next = xml.replace(/(<(?:\w+:)?sheetView\b[^>]*?)\s+tabSelected="(?:1|true)"/g, '$1');
  return next === xml ? undefined : next;
}
