import { identifyNonZip } from './fileKind';
import { WorkbookFileError, damaged } from './fileErrors';
import { parseXml, type XmlDocument } from './xml';
import { NotWellFormedXml, XmlStreamTokenizer } from './xmlStream';
import { ZipReader, looksLikeZip, partKey, type ZipEntry } from './zip';

/**
 * One workbook package per run, shared by the reader and the writer (ECMA-376 Part 2,
 * Open Packaging Conventions). The zip is read once; each part is inflated at most once,
 * and only when something asks for it; parts are found through the relationships, as
 * Excel finds them, never by guessing a path. A part holding a DOCTYPE is refused: Excel
 * refuses it too, and an XML parser would expand its entities.
 */

export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const STRICT_REL_NS = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
export const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const CONTENT_TYPES_NS = 'http://schemas.openxmlformats.org/package/2006/content-types';
export const CONTENT_TYPES_PART = '[Content_Types].xml';

/** Relationship types the planner follows (transitional OOXML, as Excel writes it). */
export const relationshipType = {
  officeDocument: `${REL_NS}/officeDocument`,
  worksheet: `${REL_NS}/worksheet`,
  chartsheet: `${REL_NS}/chartsheet`,
  dialogsheet: `${REL_NS}/dialogsheet`,
  macrosheet: 'http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet',
  internationalMacrosheet: 'http://schemas.microsoft.com/office/2006/relationships/xlIntlMacrosheet',
  sharedStrings: `${REL_NS}/sharedStrings`,
  styles: `${REL_NS}/styles`,
  table: `${REL_NS}/table`,
  calcChain: `${REL_NS}/calcChain`,
  vbaProject: 'http://schemas.microsoft.com/office/2006/relationships/vbaProject',
} as const;

/** Workbook content types: the main part's type is what makes a file .xlsx, .xlsm, .xltx or .xltm to Excel. */
export const workbookContentType = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  xlsm: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
  xltx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml',
  xltm: 'application/vnd.ms-excel.template.macroEnabled.main+xml',
} as const;
export type WorkbookKind = keyof typeof workbookContentType;

/** A relationship from one part to another (or to something outside the package). */
export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** The target as written, relative to the source part's folder. */
  readonly target: string;
  /** The part it points to, as named in the zip; undefined for an external target or a part that is not there. */
  readonly part: string | undefined;
  readonly external: boolean;
}

/** Above this a part is a zip bomb, not a workbook: 200 times the file, and never less than 500 MB. */
export function inflateLimit(fileBytes: number): number {
  return Math.max(500_000_000, 200 * fileBytes);
}

/** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`; the package's own rels for ''. */
export function relsPartOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/**
 * Resolves a relationship target against the folder of the part that holds it: `/x` is
 * from the package root (openpyxl writes targets so), `../x` climbs a folder. Undefined
 * if it climbs out of the package.
 */
export function resolveTarget(fromPart: string, target: string): string | undefined {
  const clean = target.replace(/[#?].*$/, '');
  const base = clean.startsWith('/') ? [] : fromPart.split('/').slice(0, -1);
  for (const seg of clean.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (base.length === 0) return undefined;
      base.pop();
    } else base.push(seg);
  }
  return base.join('/');
}

/** Relative path from one part's folder to another part, for a new relationship's target. */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split('/').slice(0, -1);
  const to = toPart.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

/** Parts up to this size are kept once inflated; larger ones (the big sheets) are only ever streamed. */
const SMALL_PART = 4_000_000;

/** The attribute that selects a sheet's tab (see `mayHoldTabSelected`). */
const TAB_SELECTED = 'tabSelected';

/** UTF-8 unless the part starts with a UTF-16 byte-order mark (OPC allows both). */
function encodingOf(head: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** Throws if the text declares a DOCTYPE before its root element, or an encoding OPC does not allow. */
export function refuseDoctype(part: string, text: string): void {
  const root = text.search(/<[A-Za-z_]/);
  const prolog = root < 0 ? text : text.slice(0, root);
  if (prolog.includes('<!DOCTYPE')) throw new WorkbookFileError({ kind: 'doctype', part });
  const encoding = /<\?xml[^>]*\sencoding\s*=\s*["']([^"']+)["']/.exec(prolog)?.[1];
  if (encoding !== undefined) refuseEncoding(part, encoding);
}

/** Parts are UTF-8 or UTF-16 (ECMA-376 Part 2, §8.1.4); text in any other encoding would be misread. */
export function refuseEncoding(part: string, encoding: string): void {
  if (!/^utf-?(8|16)$/i.test(encoding.trim())) throw damaged(`its part ${part} is in the ${encoding} encoding, which a workbook part cannot be`);
}

export class WorkbookPackage {
  /** Entries by part key (case and %-escapes ignored), in the zip's order. */
  private readonly byKey = new Map<string, ZipEntry>();
  private readonly inflated = new Map<string, Uint8Array>();
  private readonly rels = new Map<string, readonly Relationship[]>();
  /** The most any one part may unpack to. */
  readonly limit: number;
  /** The workbook part, as named in the zip (usually `xl/workbook.xml`). */
  readonly workbookPart: string;
  /** What the main part's content type makes the file. */
  readonly kind: WorkbookKind;

  private constructor(
    private readonly zip: ZipReader,
    fileBytes: number,
  ) {
    this.limit = inflateLimit(fileBytes);
    for (const entry of zip.entries) {
      if (entry.size > this.limit) throw new WorkbookFileError({ kind: 'too-large', part: entry.name, limitMb: Math.round(this.limit / 1e6) });
      if (!entry.folder) this.byKey.set(partKey(entry.name), entry);
    }
    this.workbookPart = this.findWorkbookPart();
    this.kind = this.kindOfWorkbook();
  }

  /**
   * Opens a file's bytes as a workbook package. Throws {@link WorkbookFileError} for
   * anything else, saying what it is (a password-protected file, an .xls, a CSV, an .ods,
   * a damaged package …).
   */
  static open(bytes: Uint8Array): WorkbookPackage {
    if (!looksLikeZip(bytes)) throw new WorkbookFileError(identifyNonZip(bytes));
    return new WorkbookPackage(new ZipReader(bytes), bytes.length);
  }

  private findWorkbookPart(): string {
    const mimetype = this.entry('mimetype');
    if (mimetype && mimetype.size < 200) {
      const type = new TextDecoder().decode(this.bytes('mimetype'));
      if (type.trim() === 'application/vnd.oasis.opendocument.spreadsheet') throw new WorkbookFileError({ kind: 'ods' });
      if (type.startsWith('application/vnd.oasis.opendocument')) throw new WorkbookFileError({ kind: 'not-a-workbook', detail: 'it is an OpenDocument file that is not a spreadsheet' });
    }
    if (!this.entry(CONTENT_TYPES_PART)) throw new WorkbookFileError({ kind: 'not-a-workbook', detail: 'it is a zip file that holds no workbook' });
    const root = this.relationships('');
    if (root.some((r) => r.type === `${STRICT_REL_NS}/officeDocument`)) throw new WorkbookFileError({ kind: 'strict' });
    const main = root.find((r) => r.type === relationshipType.officeDocument);
    if (!main?.part) throw new WorkbookFileError({ kind: 'not-a-workbook', detail: 'it is a zip file that holds no workbook' });
    return main.part;
  }

  private kindOfWorkbook(): WorkbookKind {
    const type = this.contentTypeOf(this.workbookPart) ?? '';
    for (const [kind, ct] of Object.entries(workbookContentType) as [WorkbookKind, string][]) if (type === ct) return kind;
    if (type === 'application/vnd.ms-excel.sheet.binary.macroEnabled.main') throw new WorkbookFileError({ kind: 'xlsb' });
    if (type === 'application/vnd.ms-excel.addin.macroEnabled.main+xml') throw new WorkbookFileError({ kind: 'not-a-workbook', detail: 'it is an Excel add-in (.xlam), not a workbook' });
    if (type.includes('wordprocessingml')) throw new WorkbookFileError({ kind: 'not-a-workbook', detail: 'it is a Word document' });
    if (type.includes('presentationml')) throw new WorkbookFileError({ kind: 'not-a-workbook', detail: 'it is a PowerPoint presentation' });
    throw new WorkbookFileError({ kind: 'not-a-workbook', detail: 'its main part is not an Excel workbook' });
  }

  /** Every entry in the zip's order, folders included, for the writer to copy. */
  entries(): readonly ZipEntry[] {
    return this.zip.entries;
  }

  /** The entry holding a part, found as Excel finds it (case and %-escapes ignored). */
  entry(part: string): ZipEntry | undefined {
    return this.byKey.get(partKey(part));
  }

  /** A part's bytes as stored (compressed), for copying an unchanged part into the results. */
  stored(entry: ZipEntry): Uint8Array {
    return this.zip.stored(entry);
  }

  /** A part's content, inflated the first time it is asked for and kept; undefined if there is no such part. */
  bytes(part: string): Uint8Array | undefined {
    const entry = this.entry(part);
    if (!entry) return undefined;
    let data = this.inflated.get(entry.name);
    if (!data) {
      data = this.zip.inflate(entry, this.limit);
      this.inflated.set(entry.name, data);
    }
    return data;
  }

  /** A part as text (UTF-8 or UTF-16 by its byte-order mark), refused if it declares a DOCTYPE. */
  text(part: string): string | undefined {
    const data = this.bytes(part);
    if (!data) return undefined;
    const text = new TextDecoder(encodingOf(data)).decode(data);
    refuseDoctype(this.entry(part)!.name, text);
    return text;
  }

  /** A small part parsed into a fresh DOM (the writer changes its copy); refused if not well-formed. */
  xml(part: string): XmlDocument | undefined {
    const text = this.text(part);
    if (text === undefined) return undefined;
    try {
      return parseXml(text);
    } catch {
      throw damaged(`its part ${this.entry(part)!.name} is not well-formed XML`);
    }
  }

  /**
   * A small part's elements, read with the reader's tokenizer into a light tree: the root, or
   * undefined if there is no such part; refused if not well-formed. For the parts only read
   * (relationships, content types, tables), which a DOM cost a sample run several
   * milliseconds to build.
   */
  elements(part: string): PartElement | undefined {
    const text = this.text(part);
    if (text === undefined) return undefined;
    const name = this.entry(part)!.name;
    const open: PartElement[] = [];
    let root: PartElement | undefined;
    const tokenizer = new XmlStreamTokenizer({
      declaration(encoding) {
        if (encoding !== undefined) refuseEncoding(name, encoding);
      },
      doctype() {
        throw new WorkbookFileError({ kind: 'doctype', part: name });
      },
      open(qualified, attributes) {
        const el: PartElement = { name: qualified.slice(qualified.indexOf(':') + 1), attributes, children: [] };
        if (open.length > 0) (open[open.length - 1].children as PartElement[]).push(el);
        else root = el;
        open.push(el);
      },
      close() {
        open.pop();
      },
      text() {},
    });
    try {
      tokenizer.write(text);
      tokenizer.end();
    } catch (e) {
      if (e instanceof NotWellFormedXml) throw damaged(`its part ${name} is not well-formed XML`);
      throw e;
    }
    return root;
  }

  /**
   * A large part's text in pieces, inflated as it goes and never kept, for a streaming
   * parser. Gives false if there is no such part. The caller's parser refuses a DOCTYPE.
   */
  async streamText(part: string, onText: (text: string) => void): Promise<boolean> {
    const entry = this.entry(part);
    if (!entry) return false;
    // A small part is inflated whole and kept, so the writer (styles, say) finds it inflated already.
    if (entry.size <= SMALL_PART || this.inflated.has(entry.name)) {
      const data = this.bytes(part)!;
      onText(new TextDecoder(encodingOf(data)).decode(data));
      return true;
    }
    let decoder: TextDecoder | undefined;
    // Whether the text spells `tabSelected` anywhere, a piece's end and the next one's start
    // included. Looked for in the decoded UTF-8 text (the same as in its bytes: the word is
    // ASCII, and no other character's UTF-8 holds an ASCII byte), where the search is several
    // times faster than in the bytes.
    let utf8 = false;
    let holdsWord = false;
    let tail = '';
    const look = (text: string): void => {
      if (!utf8 || holdsWord) return;
      holdsWord = text.includes(TAB_SELECTED) || (tail + text.slice(0, TAB_SELECTED.length - 1)).includes(TAB_SELECTED);
      tail = (tail + text.slice(-(TAB_SELECTED.length - 1))).slice(-(TAB_SELECTED.length - 1));
    };
    await this.zip.inflateChunks(entry, this.limit, (chunk) => {
      if (decoder === undefined) {
        const encoding = encodingOf(chunk);
        utf8 = encoding === 'utf-8';
        decoder = new TextDecoder(encoding);
      }
      const text = decoder.decode(chunk, { stream: true });
      look(text);
      if (text !== '') onText(text);
    });
    const rest = decoder?.decode() ?? '';
    look(rest);
    if (rest !== '') onText(rest);
    // Only now is the whole part read and its checksum good.
    if (utf8 && !holdsWord) this.streamedWithoutTabSelected.add(entry.name);
    return true;
  }

  /** Parts streamed whole, in UTF-8, their checksum good, whose bytes never spell `tabSelected`. */
  private readonly streamedWithoutTabSelected = new Set<string>();

  /**
   * False only for a part known not to hold the word `tabSelected`: one the reader streamed
   * whole and found without it. The writer then need not inflate a large input sheet (England's
   * Localities, 8.7 MB of XML) again only to find its tab is not selected.
   */
  mayHoldTabSelected(part: string): boolean {
    const entry = this.entry(part);
    return entry === undefined || !this.streamedWithoutTabSelected.has(entry.name);
  }

  /** A part's relationships (the package's own for ''), read once. */
  relationships(part: string): readonly Relationship[] {
    const key = partKey(part);
    let rels = this.rels.get(key);
    if (!rels) {
      rels = this.readRelationships(part);
      this.rels.set(key, rels);
    }
    return rels;
  }

  private readRelationships(part: string): Relationship[] {
    const root = this.elements(relsPartOf(part));
    if (!root) return [];
    const source = part === '' ? '' : (this.entry(part)?.name ?? part);
    return childElements(root, 'Relationship').map((r) => {
      const target = attributeOf(r, 'Target') ?? '';
      const external = attributeOf(r, 'TargetMode') === 'External';
      const resolved = external ? undefined : resolveTarget(source, target);
      const entry = resolved === undefined ? undefined : this.entry(resolved);
      return { id: attributeOf(r, 'Id') ?? '', type: attributeOf(r, 'Type') ?? '', target, part: entry?.name, external };
    });
  }

  /** The relationship of a type from a part, if any (the first, as Excel takes it). */
  related(part: string, type: string): Relationship | undefined {
    return this.relationships(part).find((r) => r.type === type && r.part !== undefined);
  }

  /** A part's content type from `[Content_Types].xml`: its Override, else the Default for its extension. */
  contentTypeOf(part: string): string | undefined {
    const doc = this.contentTypes();
    const key = partKey(part.replace(/^\//, ''));
    for (const o of doc.overrides) if (partKey(o.part.replace(/^\//, '')) === key) return o.contentType;
    const ext = part.slice(part.lastIndexOf('.') + 1).toLowerCase();
    return doc.defaults.find((d) => d.extension.toLowerCase() === ext)?.contentType;
  }

  private types?: { readonly defaults: { extension: string; contentType: string }[]; readonly overrides: { part: string; contentType: string }[] };

  private contentTypes(): NonNullable<WorkbookPackage['types']> {
    if (!this.types) {
      const root = this.elements(CONTENT_TYPES_PART);
      this.types = {
        defaults: root ? childElements(root, 'Default').map((d) => ({ extension: attributeOf(d, 'Extension') ?? '', contentType: attributeOf(d, 'ContentType') ?? '' })) : [],
        overrides: root ? childElements(root, 'Override').map((o) => ({ part: attributeOf(o, 'PartName') ?? '', contentType: attributeOf(o, 'ContentType') ?? '' })) : [],
      };
    }
    return this.types;
  }
}

/** An element of a small part, as {@link WorkbookPackage.elements} reads it: its local name, its attributes by name as written, its child elements. */
export interface PartElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly PartElement[];
}

/** Child elements with a local name. */
export const childElements = (parent: PartElement, name: string): PartElement[] => parent.children.filter((c) => c.name === name);

/** An attribute's value by its name as written, or undefined (never a property every object has, such as `constructor`). */
export const attributeOf = (el: PartElement, name: string): string | undefined => (Object.hasOwn(el.attributes, name) ? el.attributes[name] : undefined);
