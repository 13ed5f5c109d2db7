import { numberFormats, type NumberFormatName, type RangeStyle } from '../engine';
import { argb, child, children, parseXml, serializeXml, type XmlDocument, type XmlElement } from './xml';

/** An element to add to the stylesheet: its local name, its attributes in order, its children. */
type ElementSpec = readonly [tag: string, attrs: Readonly<Record<string, string>>, ...kids: ElementSpec[]];

/** Everything that decides one cell's look. */
export interface CellStyle {
  readonly numberFormat?: NumberFormatName;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly fontColor?: string;
  readonly fontSize?: number;
  readonly fill?: string;
  readonly wrap?: boolean;
  readonly horizontalAlignment?: RangeStyle['horizontalAlignment'];
  readonly border?: RangeStyle['border'];
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** Built-in number format ids Excel knows without a definition. */
const builtIn: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '@': 49 };

/** The order of a stylesheet's children (ECMA-376 CT_Stylesheet). */
const stylesheetOrder = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

/**
 * Adds the styles our sheets need to a workbook's own stylesheet, appending only, so
 * every style index the user's sheets use keeps its meaning.
 */
export class StyleRegistry {
  private readonly doc: XmlDocument;
  private readonly root: XmlElement;
  private readonly xfIndex = new Map<string, number>();
  private readonly fontIndex = new Map<string, number>();
  private readonly fillIndex = new Map<string, number>();
  private readonly borderIndex = new Map<string, number>();
  private readonly numFmtIndex = new Map<string, number>();
  private readonly dxfIndex = new Map<string, number>();
  private nextNumFmt = 164;
  /** Existing entries of each section by canonical XML, so a re-run reuses what an earlier run added. */
  private readonly existing = new Map<string, Map<string, number>>();
  /** How many entries each section holds, counted once and then kept, rather than recounted at every append. */
  private readonly counts = new Map<string, number>();
  /** Sections whose reserved defaults are known to be in place. */
  private readonly defaulted = new Set<string>();

  constructor(stylesXml: string | undefined) {
    this.doc = parseXml(stylesXml ?? `<styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`);
    this.root = this.doc.documentElement!;
    for (const f of children(this.section('numFmts'), 'numFmt')) {
      const id = Number(f.getAttribute('numFmtId'));
      this.nextNumFmt = Math.max(this.nextNumFmt, id + 1);
      this.numFmtIndex.set(f.getAttribute('formatCode') ?? '', id);
    }
  }

  /** A section element, created in its schema position if the workbook lacks it. */
  private section(name: string): XmlElement {
    const existing = child(this.root, name);
    if (existing) return existing;
    const el = this.doc.createElementNS(MAIN_NS, name);
    el.setAttribute('count', '0');
    const after = stylesheetOrder.slice(stylesheetOrder.indexOf(name) + 1);
    let before: XmlElement | null = null;
    for (let n = this.root.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 1 && after.includes((n as XmlElement).localName ?? '')) {
        before = n as XmlElement;
        break;
      }
    }
    this.root.insertBefore(el, before);
    return el;
  }

  private entries(sectionName: string, section: XmlElement, tag: string): Map<string, number> {
    let map = this.existing.get(sectionName);
    if (!map) {
      map = new Map();
      const entries = children(section, tag);
      entries.forEach((el, i) => {
        const key = canonical(el);
        if (!map!.has(key)) map!.set(key, i);
      });
      this.existing.set(sectionName, map);
      this.counts.set(sectionName, entries.length);
    }
    return map;
  }

  /** Appends an entry to a section and sets the section's count; gives the entry's index. */
  private push(sectionName: string, section: XmlElement, tag: string, node: XmlElement): number {
    const count = (this.counts.get(sectionName) ?? children(section, tag).length) + 1;
    section.appendChild(node);
    section.setAttribute('count', String(count));
    this.counts.set(sectionName, count);
    return count - 1;
  }

  /**
   * Index 0 of fonts, fills, borders and the two xf lists is what every cell without a style
   * of its own shows, and Excel keeps fills 0 and 1 for none and gray125. A stylesheet may
   * lack a section (the schema allows it; some generators write only cellXfs): before the
   * tool's first entry goes in, the defaults Excel would assume are put first, so that entry
   * never becomes the look of the user's unstyled cells (bold text, a fill, a border).
   */
  private withDefaults(sectionName: string, section: XmlElement, tag: string): void {
    // Once per section: only the tool appends to it after this, so what holds now holds later.
    if (this.defaulted.has(sectionName)) return;
    this.defaulted.add(sectionName);
    // The tool's xfs point into cellStyleXfs (xfId 0): that list needs its default too.
    if (sectionName === 'cellXfs') this.withDefaults('cellStyleXfs', this.section('cellStyleXfs'), 'xf');
    const defaults = reservedDefaults[sectionName];
    if (!defaults) return;
    const have = children(section, tag).length;
    if (have >= defaults.length) return;
    for (const spec of defaults.slice(have)) section.appendChild(this.build(spec));
    section.setAttribute('count', String(children(section, tag).length));
    // The canonical index and the count of this section are rebuilt from what it now holds.
    this.existing.delete(sectionName);
    this.counts.delete(sectionName);
  }

  /** Adds an entry to a section, or finds the identical one already there. */
  private appendNode(sectionName: string, node: XmlElement): number {
    const section = this.section(sectionName);
    const tag = node.localName!;
    this.withDefaults(sectionName, section, tag);
    const map = this.entries(sectionName, section, tag);
    const key = canonical(node);
    const found = map.get(key);
    if (found !== undefined) return found;
    const index = this.push(sectionName, section, tag, node);
    map.set(key, index);
    return index;
  }

  /**
   * Adds an entry built straight in this stylesheet's document. Building it element by
   * element, rather than parsing a fragment of text and importing it, saves a parser and a
   * deep copy for each style the sheets use (a sample run's sheets use about sixty).
   */
  private append(sectionName: string, spec: ElementSpec): number {
    return this.appendNode(sectionName, this.build(spec));
  }

  private build([tag, attrs, ...kids]: ElementSpec): XmlElement {
    const el = this.doc.createElementNS(MAIN_NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    for (const kid of kids) el.appendChild(this.build(kid));
    return el;
  }

  private numFmtId(name: NumberFormatName | undefined): number {
    const code: string = numberFormats[name ?? 'general'];
    if (builtIn[code] !== undefined) return builtIn[code];
    let id = this.numFmtIndex.get(code);
    if (id === undefined) {
      id = this.nextNumFmt++;
      const el = this.doc.createElementNS(MAIN_NS, 'numFmt');
      el.setAttribute('numFmtId', String(id));
      el.setAttribute('formatCode', code);
      this.push('numFmts', this.section('numFmts'), 'numFmt', el);
      this.numFmtIndex.set(code, id);
    }
    return id;
  }

  private fontId(s: CellStyle): number {
    if (!s.bold && !s.italic && !s.fontColor && !s.fontSize) return 0;
    const key = `${s.bold}|${s.italic}|${s.fontColor}|${s.fontSize}`;
    let id = this.fontIndex.get(key);
    if (id === undefined) {
      // A copy of the workbook's default font, so our sheets match the user's typeface.
      const fonts = this.section('fonts');
      this.withDefaults('fonts', fonts, 'font');
      const base = children(fonts, 'font')[0];
      const copy = base ? (base.cloneNode(true) as XmlElement) : this.build(['font', {}, ['sz', { val: '11' }], ['name', { val: 'Calibri' }]]);
      for (const tag of ['b', 'i', 'color', ...(s.fontSize ? ['sz'] : [])]) for (const c of children(copy, tag)) copy.removeChild(c);
      const add = (tag: string, attrs: Record<string, string>) => {
        const el = this.doc.createElementNS(MAIN_NS, tag);
        for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
        copy.insertBefore(el, copy.firstChild);
      };
      if (s.fontColor) add('color', { rgb: argb(s.fontColor) });
      if (s.fontSize) add('sz', { val: String(s.fontSize) });
      if (s.italic) add('i', {});
      if (s.bold) add('b', {});
      // The copy was made in this document already: it needs no importing.
      id = this.appendNode('fonts', copy);
      this.fontIndex.set(key, id);
    }
    return id;
  }

  private fillId(fill: string | undefined): number {
    if (!fill) return 0;
    let id = this.fillIndex.get(fill);
    if (id === undefined) {
      id = this.append('fills', ['fill', {}, ['patternFill', { patternType: 'solid' }, ['fgColor', { rgb: argb(fill) }], ['bgColor', { indexed: '64' }]]]);
      this.fillIndex.set(fill, id);
    }
    return id;
  }

  private borderId(border: CellStyle['border']): number {
    if (!border) return 0;
    const key = `${border.edge}|${border.color}`;
    let id = this.borderIndex.get(key);
    if (id === undefined) {
      const edge = (name: string): ElementSpec => (name === border.edge ? [name, { style: 'thin' }, ['color', { rgb: argb(border.color) }]] : [name, {}]);
      id = this.append('borders', ['border', {}, edge('left'), edge('right'), edge('top'), edge('bottom'), ['diagonal', {}]]);
      this.borderIndex.set(key, id);
    }
    return id;
  }

  /** The cellXfs index for a style, adding it the first time. */
  xf(style: CellStyle): number {
    const key = JSON.stringify(style);
    let id = this.xfIndex.get(key);
    if (id === undefined) {
      const numFmtId = this.numFmtId(style.numberFormat);
      const fontId = this.fontId(style);
      const fillId = this.fillId(style.fill);
      const borderId = this.borderId(style.border);
      const alignment: ElementSpec | undefined = style.wrap || style.horizontalAlignment
        ? ['alignment', { ...(style.horizontalAlignment ? { horizontal: style.horizontalAlignment } : {}), ...(style.wrap ? { wrapText: '1', vertical: 'top' } : {}) }]
        : undefined;
      const ids = { numFmtId: String(numFmtId), fontId: String(fontId), fillId: String(fillId), borderId: String(borderId), xfId: '0' };
      const applies = { applyNumberFormat: '1', applyFont: '1', applyFill: '1', applyBorder: '1', ...(alignment ? { applyAlignment: '1' } : {}) };
      id = this.append('cellXfs', alignment ? ['xf', { ...ids, ...applies }, alignment] : ['xf', { ...ids, ...applies }]);
      this.xfIndex.set(key, id);
    }
    return id;
  }

  /** A differential format for a conditional format's highlight. */
  dxf(fill: string, fontColor: string): number {
    const key = `${fill}|${fontColor}`;
    let id = this.dxfIndex.get(key);
    if (id === undefined) {
      id = this.append('dxfs', ['dxf', {}, ['font', {}, ['color', { rgb: argb(fontColor) }]], ['fill', {}, ['patternFill', {}, ['bgColor', { rgb: argb(fill) }]]]]);
      this.dxfIndex.set(key, id);
    }
    return id;
  }

  toXml(): string {
    return serializeXml(this.doc);
  }
}

/**
 * An element by local names, attributes and children, without prefixes or namespace
 * declarations, to compare entries written at different times and by different programs: a
 * stylesheet written with a prefix (`<x:font>`) holds the same entries as one without, and a
 * re-run must find them rather than append them again.
 */
function canonical(el: XmlElement): string {
  const attrs: string[] = [];
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
    attrs.push(`${a.localName ?? a.name}=${JSON.stringify(a.value)}`);
  }
  let inner = '';
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1) inner += canonical(n as XmlElement);
    else if (n.nodeType === 3 && (n.nodeValue ?? '').trim() !== '') inner += JSON.stringify(n.nodeValue);
  }
  return `<${el.localName}${attrs.length ? ' ' + attrs.join(' ') : ''}>${inner}</>`;
}

/** What index 0 (and for fills, 1) of each section means to Excel when the stylesheet does not say. */
const reservedDefaults: Readonly<Record<string, readonly ElementSpec[]>> = {
  fonts: [['font', {}, ['sz', { val: '11' }], ['name', { val: 'Calibri' }], ['family', { val: '2' }]]],
  fills: [['fill', {}, ['patternFill', { patternType: 'none' }]], ['fill', {}, ['patternFill', { patternType: 'gray125' }]]],
  borders: [['border', {}, ['left', {}], ['right', {}], ['top', {}], ['bottom', {}], ['diagonal', {}]]],
  cellStyleXfs: [['xf', { numFmtId: '0', fontId: '0', fillId: '0', borderId: '0' }]],
  cellXfs: [['xf', { numFmtId: '0', fontId: '0', fillId: '0', borderId: '0', xfId: '0' }]],
};
