import { numberFormats, type NumberFormatName, type RangeStyle } from '../engine';
import { damaged } from './fileErrors';
import { argb, escapeAttr } from './xml';

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

/** A section of the stylesheet (fonts, cellXfs, …): the user's element if it has one, and what the tool appends to it. */
interface Section {
  readonly name: string;
  /** The section in the user's stylesheet; undefined for one the tool adds. */
  readonly el: XmlEl | undefined;
  /** The entries the tool appends, as XML text, in order. */
  readonly added: string[];
  /** Its entries (of the section's entry tag) by canonical XML, first index of each; made when first needed. */
  keys?: Map<string, number>;
  /** How many entries it holds, the tool's included. */
  count: number;
  /** Whether the count attribute is to be written (the tool changed or made the section). */
  touched: boolean;
  /** Whether Excel's reserved defaults are known to be in place. */
  defaulted: boolean;
}

/**
 * Adds the styles our sheets need to a workbook's own stylesheet, appending only, so
 * every style index the user's sheets use keeps its meaning. The stylesheet is edited as
 * text: its elements are located once, and the tool's entries (and a section it lacks)
 * are spliced in with the counts updated, so every byte of the user's stylesheet is kept
 * as it was. (A DOM, parsed and serialised again, cost a sample run about 15 ms, most of it
 * building each new entry node by node.)
 */
export class StyleRegistry {
  private readonly text: string;
  private readonly root: XmlEl;
  /** `x:` when the stylesheet writes its elements with a prefix, so the tool's entries match. */
  private readonly prefix: string;
  /** A namespace declaration each element the tool adds at the top of a section needs: only when the stylesheet's root is not in SpreadsheetML's namespace. */
  private readonly ownNamespace: string;
  private readonly sections = new Map<string, Section>();
  private readonly xfIndex = new Map<string, number>();
  private readonly fontIndex = new Map<string, number>();
  private readonly fillIndex = new Map<string, number>();
  private readonly borderIndex = new Map<string, number>();
  private readonly numFmtIndex = new Map<string, number>();
  private readonly dxfIndex = new Map<string, number>();
  private nextNumFmt = 164;

  constructor(stylesXml: string | undefined) {
    this.text = stylesXml ?? `<styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
    this.root = parseDocument(this.text);
    const rootPrefix = this.root.prefix;
    const rootNs = attribute(this.root, rootPrefix === '' ? 'xmlns' : `xmlns:${rootPrefix}`);
    const inMain = rootNs === MAIN_NS;
    this.prefix = inMain && rootPrefix !== '' ? `${rootPrefix}:` : '';
    this.ownNamespace = inMain ? '' : ` xmlns="${MAIN_NS}"`;
    for (const f of elements(this.section('numFmts').el, 'numFmt')) {
      const id = Number(attribute(f, 'numFmtId') ?? 0);
      if (Number.isSafeInteger(id)) this.nextNumFmt = Math.max(this.nextNumFmt, id + 1);
      this.numFmtIndex.set(attribute(f, 'formatCode') ?? '', id);
    }
  }

  /** A section, made (empty, in its schema position) the first time it is asked for if the workbook lacks it. */
  private section(name: string): Section {
    let s = this.sections.get(name);
    if (!s) {
      const el = this.root.kids.find((k): k is XmlEl => k.kind === 'element' && k.local === name);
      s = { name, el, added: [], count: 0, touched: el === undefined, defaulted: false };
      this.sections.set(name, s);
    }
    return s;
  }

  /** The section's entries by canonical XML, and its count, read from the user's entries the first time. */
  private keys(s: Section, tag: string): Map<string, number> {
    if (!s.keys) {
      const keys = new Map<string, number>();
      const entries = [...elements(s.el, tag), ...s.added.map(parseFragment)];
      entries.forEach((el, i) => {
        const key = canonical(el);
        if (!keys.has(key)) keys.set(key, i);
      });
      s.keys = keys;
      s.count = entries.length;
    }
    return s.keys;
  }

  /** Appends an entry's XML to a section; gives its index. */
  private push(s: Section, tag: string, xml: string, key = canonical(parseFragment(xml))): number {
    const keys = this.keys(s, tag);
    s.added.push(xml);
    s.touched = true;
    if (!keys.has(key)) keys.set(key, s.count);
    return s.count++;
  }

  /**
   * Index 0 of fonts, fills, borders and the two xf lists is what every cell without a style
   * of its own shows, and Excel keeps fills 0 and 1 for none and gray125. A stylesheet may
   * lack a section (the schema allows it; some generators write only cellXfs): before the
   * tool's first entry goes in, the defaults Excel would assume are put first, so that entry
   * never becomes the look of the user's unstyled cells (bold text, a fill, a border).
   */
  private withDefaults(s: Section, tag: string): void {
    // Once per section: only the tool appends to it after this, so what holds now holds later.
    if (s.defaulted) return;
    s.defaulted = true;
    // The tool's xfs point into cellStyleXfs (xfId 0): that list needs its default too.
    if (s.name === 'cellXfs') this.withDefaults(this.section('cellStyleXfs'), 'xf');
    const defaults = reservedDefaults[s.name];
    if (!defaults) return;
    this.keys(s, tag);
    for (const spec of defaults.slice(s.count)) this.push(s, tag, this.xml(spec));
  }

  /** Adds an entry to a section, or finds the identical one already there. */
  private append(sectionName: string, xml: string): number {
    const s = this.section(sectionName);
    const el = parseFragment(xml);
    this.withDefaults(s, el.local);
    const key = canonical(el);
    return this.keys(s, el.local).get(key) ?? this.push(s, el.local, xml, key);
  }

  /** An entry as XML, with the stylesheet's prefix; the top element declares the namespace if the stylesheet's root is not in it. */
  private xml(spec: ElementSpec, top = true): string {
    const [tag, attrs, ...kids] = spec;
    let open = `<${this.prefix}${tag}${top ? this.ownNamespace : ''}`;
    for (const [k, v] of Object.entries(attrs)) open += ` ${k}="${escapeAttr(v)}"`;
    return kids.length === 0 ? `${open}/>` : `${open}>${kids.map((k) => this.xml(k, false)).join('')}</${this.prefix}${tag}>`;
  }

  private numFmtId(name: NumberFormatName | undefined): number {
    const code: string = numberFormats[name ?? 'general'];
    if (builtIn[code] !== undefined) return builtIn[code];
    let id = this.numFmtIndex.get(code);
    if (id === undefined) {
      id = this.nextNumFmt++;
      const s = this.section('numFmts');
      this.keys(s, 'numFmt');
      this.push(s, 'numFmt', this.xml(['numFmt', { numFmtId: String(id), formatCode: code }]));
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
      this.withDefaults(fonts, 'font');
      const first = elements(fonts.el, 'font')[0];
      const base = first ? { el: first, text: this.text } : fonts.added.length > 0 ? { el: parseFragment(fonts.added[0]), text: fonts.added[0] } : undefined;
      const kids: string[] = [];
      if (s.bold) kids.push(this.xml(['b', {}], false));
      if (s.italic) kids.push(this.xml(['i', {}], false));
      if (s.fontSize) kids.push(this.xml(['sz', { val: String(s.fontSize) }], false));
      if (s.fontColor) kids.push(this.xml(['color', { rgb: argb(s.fontColor) }], false));
      id = this.append('fonts', base ? copyWithout(base.el, base.text, ['b', 'i', 'color', ...(s.fontSize ? ['sz'] : [])], kids.join('')) : this.xml(['font', {}, ['sz', { val: '11' }], ['name', { val: 'Calibri' }]]));
      this.fontIndex.set(key, id);
    }
    return id;
  }

  private fillId(fill: string | undefined): number {
    if (!fill) return 0;
    let id = this.fillIndex.get(fill);
    if (id === undefined) {
      id = this.append('fills', this.xml(['fill', {}, ['patternFill', { patternType: 'solid' }, ['fgColor', { rgb: argb(fill) }], ['bgColor', { indexed: '64' }]]]));
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
      id = this.append('borders', this.xml(['border', {}, edge('left'), edge('right'), edge('top'), edge('bottom'), ['diagonal', {}]]));
      this.borderIndex.set(key, id);
    }
    return id;
  }

  /** The cellXfs index for a style, adding it the first time. */
  xf(style: CellStyle): number {
    // Every field that decides the entry, in a fixed order (JSON.stringify cost each of a sample run's thousands of calls more, and told key orders apart).
    const b = style.border;
    const key = `${style.numberFormat ?? ''}|${style.bold ? 1 : 0}|${style.italic ? 1 : 0}|${style.fontColor ?? ''}|${style.fontSize ?? ''}|${style.fill ?? ''}|${style.wrap ? 1 : 0}|${style.horizontalAlignment ?? ''}|${b ? `${b.edge} ${b.color}` : ''}`;
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
      id = this.append('cellXfs', this.xml(alignment ? ['xf', { ...ids, ...applies }, alignment] : ['xf', { ...ids, ...applies }]));
      this.xfIndex.set(key, id);
    }
    return id;
  }

  /** A differential format for a conditional format's highlight. */
  dxf(fill: string, fontColor: string): number {
    const key = `${fill}|${fontColor}`;
    let id = this.dxfIndex.get(key);
    if (id === undefined) {
      id = this.append('dxfs', this.xml(['dxf', {}, ['font', {}, ['color', { rgb: argb(fontColor) }]], ['fill', {}, ['patternFill', {}, ['bgColor', { rgb: argb(fill) }]]]]));
      this.dxfIndex.set(key, id);
    }
    return id;
  }

  /** The stylesheet with the tool's entries in: the user's text unchanged around them. */
  toXml(): string {
    const edits: { at: number; to: number; text: string; order: number }[] = [];
    const root = this.root;
    for (const s of this.sections.values()) {
      if (!s.touched) continue;
      const entries = s.added.join('');
      const el = s.el;
      if (el) {
        const count = el.attrs.find((a) => a.name === 'count');
        // The count in place of the old one, or added after the last attribute.
        if (count) edits.push({ at: count.valueStart, to: count.valueEnd, text: String(s.count), order: 0 });
        const countAttr = count ? '' : ` count="${s.count}"`;
        if (el.selfClosing) edits.push({ at: el.attrsEnd, to: el.openEnd, text: entries === '' ? `${countAttr}/>` : `${countAttr}>${entries}</${el.name}>`, order: 0 });
        else {
          if (countAttr) edits.push({ at: el.attrsEnd, to: el.attrsEnd, text: countAttr, order: 0 });
          if (entries) edits.push({ at: el.closeStart, to: el.closeStart, text: entries, order: 0 });
        }
      } else {
        // A section the stylesheet lacks goes before the first one that follows it in the schema.
        const order = stylesheetOrder.indexOf(s.name);
        const after = stylesheetOrder.slice(order + 1);
        const next = root.kids.find((k): k is XmlEl => k.kind === 'element' && after.includes(k.local));
        const name = `${this.prefix}${s.name}`;
        const text = entries === '' ? `<${name}${this.ownNamespace} count="${s.count}"/>` : `<${name}${this.ownNamespace} count="${s.count}">${entries}</${name}>`;
        if (next) edits.push({ at: next.start, to: next.start, text, order: 1 + order });
        else if (!root.selfClosing) edits.push({ at: root.closeStart, to: root.closeStart, text, order: 1 + order });
        else {
          // A root written as <styleSheet/> is opened, given the sections, and closed.
          if (!edits.some((e) => e.at === root.attrsEnd)) edits.push({ at: root.attrsEnd, to: root.openEnd, text: '>', order: 0 }, { at: root.openEnd, to: root.openEnd, text: `</${root.name}>`, order: stylesheetOrder.length + 1 });
          edits.push({ at: root.openEnd, to: root.openEnd, text, order: 1 + order });
        }
      }
    }
    edits.sort((a, b) => a.at - b.at || a.order - b.order);
    let out = '';
    let from = 0;
    for (const e of edits) {
      out += this.text.slice(from, e.at) + e.text;
      from = e.to;
    }
    out += this.text.slice(from);
    // A byte-order mark is the file's business, not the text's: the part is written as UTF-8 without one.
    if (out.startsWith('\uFEFF')) out = out.slice(1);
    return out.startsWith('<?xml') ? out : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${out}`;
  }
}

/** What index 0 (and for fills, 1) of each section means to Excel when the stylesheet does not say. */
const reservedDefaults: Readonly<Record<string, readonly ElementSpec[]>> = {
  fonts: [['font', {}, ['sz', { val: '11' }], ['name', { val: 'Calibri' }], ['family', { val: '2' }]]],
  fills: [['fill', {}, ['patternFill', { patternType: 'none' }]], ['fill', {}, ['patternFill', { patternType: 'gray125' }]]],
  borders: [['border', {}, ['left', {}], ['right', {}], ['top', {}], ['bottom', {}], ['diagonal', {}]]],
  cellStyleXfs: [['xf', { numFmtId: '0', fontId: '0', fillId: '0', borderId: '0' }]],
  cellXfs: [['xf', { numFmtId: '0', fontId: '0', fillId: '0', borderId: '0', xfId: '0' }]],
};

// --- The stylesheet's elements, located in its text ---------------------------------------

interface XmlAttr {
  /** As written, prefix included. */
  readonly name: string;
  readonly local: string;
  /** With its entities replaced. */
  readonly value: string;
  /** Where the value is written, inside the quotes. */
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** An element: its names and attributes, and where its parts are in the text. */
interface XmlEl {
  readonly kind: 'element';
  /** As written, prefix included. */
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
  readonly attrs: readonly XmlAttr[];
  /** The `<` of its start tag. */
  readonly start: number;
  /** Just after its last attribute (after its name if it has none). */
  readonly attrsEnd: number;
  /** Just after its start tag's `>` (for an empty element, its `/>`). */
  readonly openEnd: number;
  /** The `<` of its end tag; for an empty element, openEnd. */
  readonly closeStart: number;
  /** Just after its end tag. */
  readonly end: number;
  readonly selfClosing: boolean;
  readonly kids: readonly XmlNode[];
}

/** Text (entities replaced), or anything else a canonical form passes over (comments, CDATA, processing instructions). */
type XmlNode = XmlEl | { readonly kind: 'text'; readonly value: string; readonly start: number; readonly end: number } | { readonly kind: 'other'; readonly start: number; readonly end: number };

const notWellFormed = (what: string): Error => damaged(`its stylesheet is not well-formed XML (${what})`);

/** XML's names, loosely: what may follow `<` or `</` or start an attribute. */
const NAME = /[A-Za-z_:\u00C0-\uFFFF][\w.:\-\u00B7\u00C0-\uFFFF]*/y;
const SPACE = /[ \t\r\n]*/y;
const entities: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw notWellFormed('an ampersand that starts no entity');
    if (name in entities) return entities[name];
    const code = /^#x[0-9a-fA-F]+$/.test(name) ? parseInt(name.slice(2), 16) : /^#[0-9]+$/.test(name) ? parseInt(name.slice(1), 10) : NaN;
    if (!Number.isInteger(code) || code > 0x10ffff) throw notWellFormed(`the entity &${name};`);
    return String.fromCodePoint(code);
  });
}

const localOf = (name: string): string => name.slice(name.indexOf(':') + 1);
const prefixOf = (name: string): string => (name.includes(':') ? name.slice(0, name.indexOf(':')) : '');

/** Reads the name at i, or throws. */
function nameAt(text: string, i: number): string {
  NAME.lastIndex = i;
  const m = NAME.exec(text);
  if (!m) throw notWellFormed(`no name at character ${i}`);
  return m[0];
}

function skipSpace(text: string, i: number): number {
  SPACE.lastIndex = i;
  SPACE.exec(text);
  return SPACE.lastIndex;
}

/** Where a construct that runs to `close` ends, or throws. */
function past(text: string, i: number, close: string, what: string): number {
  const at = text.indexOf(close, i);
  if (at < 0) throw notWellFormed(`${what} not closed`);
  return at + close.length;
}

/** Parses the element whose `<` is at `start`, its content included. Iterative, so no nesting depth overflows the stack. */
function parseElement(text: string, start: number): XmlEl {
  type Open = { name: string; attrs: XmlAttr[]; start: number; attrsEnd: number; openEnd: number; kids: XmlNode[] };
  const stack: Open[] = [];
  let i = start;
  for (;;) {
    // At a start tag.
    const name = nameAt(text, i + 1);
    let j = i + 1 + name.length;
    const attrs: XmlAttr[] = [];
    let attrsEnd = j;
    for (;;) {
      const k = skipSpace(text, j);
      const c = text[k];
      if (c === '>' || (c === '/' && text[k + 1] === '>')) {
        j = k;
        break;
      }
      if (k === j) throw notWellFormed(`no space before an attribute of <${name}>`);
      const attr = nameAt(text, k);
      let v = skipSpace(text, k + attr.length);
      if (text[v] !== '=') throw notWellFormed(`no value for the attribute ${attr} of <${name}>`);
      v = skipSpace(text, v + 1);
      const quote = text[v];
      if (quote !== '"' && quote !== "'") throw notWellFormed(`an unquoted value of ${attr}`);
      const close = text.indexOf(quote, v + 1);
      if (close < 0) throw notWellFormed(`the value of ${attr} not closed`);
      const raw = text.slice(v + 1, close);
      if (raw.includes('<')) throw notWellFormed(`a < in the value of ${attr}`);
      if (attrs.some((a) => a.name === attr)) throw notWellFormed(`the attribute ${attr} twice on <${name}>`);
      attrs.push({ name: attr, local: localOf(attr), value: decode(raw), valueStart: v + 1, valueEnd: close });
      j = close + 1;
      attrsEnd = j;
    }
    const selfClosing = text[j] === '/';
    const openEnd = j + (selfClosing ? 2 : 1);
    let done: XmlEl | undefined;
    if (selfClosing) {
      done = { kind: 'element', name, prefix: prefixOf(name), local: localOf(name), attrs, start: i, attrsEnd, openEnd, closeStart: openEnd, end: openEnd, selfClosing, kids: [] };
      i = openEnd;
    } else {
      stack.push({ name, attrs, start: i, attrsEnd, openEnd, kids: [] });
      i = openEnd;
    }
    // Content, until the next start tag or the last end tag.
    for (;;) {
      if (done) {
        if (stack.length === 0) return done;
        stack[stack.length - 1].kids.push(done);
        done = undefined;
      }
      const top = stack[stack.length - 1];
      const lt = text.indexOf('<', i);
      if (lt < 0) throw notWellFormed(`<${top.name}> not closed`);
      if (lt > i) top.kids.push({ kind: 'text', value: decode(text.slice(i, lt)), start: i, end: lt });
      i = lt;
      if (text.startsWith('</', i)) {
        const name = nameAt(text, i + 2);
        if (name !== top.name) throw notWellFormed(`</${name}> closes <${top.name}>`);
        const gt = skipSpace(text, i + 2 + name.length);
        if (text[gt] !== '>') throw notWellFormed(`</${name} not closed`);
        stack.pop();
        done = { kind: 'element', name: top.name, prefix: prefixOf(top.name), local: localOf(top.name), attrs: top.attrs, start: top.start, attrsEnd: top.attrsEnd, openEnd: top.openEnd, closeStart: i, end: gt + 1, selfClosing: false, kids: top.kids };
        i = gt + 1;
      } else if (text.startsWith('<!--', i)) {
        const end = past(text, i + 4, '-->', 'a comment');
        top.kids.push({ kind: 'other', start: i, end });
        i = end;
      } else if (text.startsWith('<![CDATA[', i)) {
        const end = past(text, i + 9, ']]>', 'a CDATA section');
        top.kids.push({ kind: 'other', start: i, end });
        i = end;
      } else if (text.startsWith('<?', i)) {
        const end = past(text, i + 2, '?>', 'a processing instruction');
        top.kids.push({ kind: 'other', start: i, end });
        i = end;
      } else if (text.startsWith('<!', i)) {
        throw notWellFormed('a declaration inside an element');
      } else break; // a child's start tag
    }
  }
}

/** The root element of a whole part: the declaration, comments and processing instructions around it are passed over. */
function parseDocument(text: string): XmlEl {
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  let root: XmlEl | undefined;
  for (;;) {
    i = skipSpace(text, i);
    if (i >= text.length) break;
    if (text.startsWith('<?', i)) i = past(text, i + 2, '?>', 'a processing instruction');
    else if (text.startsWith('<!--', i)) i = past(text, i + 4, '-->', 'a comment');
    else if (text[i] === '<' && text[i + 1] !== '!' && root === undefined) {
      root = parseElement(text, i);
      i = root.end;
    } else throw notWellFormed(root ? 'text after the root element' : 'no root element');
  }
  if (!root) throw notWellFormed('no root element');
  return root;
}

/** One element written by the tool (or copied from the stylesheet), on its own. */
function parseFragment(xml: string): XmlEl {
  return parseElement(xml, 0);
}

/** An element's child elements with a local name (none for an element not there). */
function elements(parent: XmlEl | undefined, local: string): XmlEl[] {
  return parent ? parent.kids.filter((k): k is XmlEl => k.kind === 'element' && k.local === local) : [];
}

/** An attribute's value by its name as written, or undefined. */
function attribute(el: XmlEl, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** A copy of an element, as text, without its children of some local names and with `first` put before the rest. */
function copyWithout(el: XmlEl, text: string, drop: readonly string[], first: string): string {
  let inner = first;
  for (const k of el.kids) if (k.kind !== 'element' || !drop.includes(k.local)) inner += text.slice(k.start, k.end);
  return `${text.slice(el.start, el.attrsEnd)}>${inner}</${el.name}>`;
}

/**
 * An element by local names, attributes and children, without prefixes or namespace
 * declarations, to compare entries written at different times and by different programs: a
 * stylesheet written with a prefix (`<x:font>`) holds the same entries as one without, and a
 * re-run must find them rather than append them again.
 */
function canonical(el: XmlEl): string {
  const attrs: string[] = [];
  for (const a of el.attrs) {
    if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
    attrs.push(`${a.local}=${JSON.stringify(a.value)}`);
  }
  let inner = '';
  for (const k of el.kids) {
    if (k.kind === 'element') inner += canonical(k);
    else if (k.kind === 'text' && k.value.trim() !== '') inner += JSON.stringify(k.value);
  }
  return `<${el.local}${attrs.length ? ' ' + attrs.join(' ') : ''}>${inner}</>`;
}
