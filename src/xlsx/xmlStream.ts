/**
 * A streaming XML tokenizer for the parts the reader streams (worksheets, shared strings,
 * styles): element starts with their attributes, element ends, and text, fed a piece at a
 * time as the part is inflated.
 *
 * Why not a general parser: the cells of a large workbook are millions of small tags, and a
 * character-by-character state machine spent most of the reader's time on them. This one
 * finds each construct with `indexOf` and slices it out, and still refuses what is not
 * well-formed XML 1.0 (ECMA-376 parts must be), so a damaged part is never half read:
 * mismatched or unclosed elements, a second root, text or a second declaration outside the
 * root, malformed or repeated attributes, `<` in an attribute value, an undefined entity or a
 * bad character reference, characters XML does not allow, `]]>` in text, `--` in a comment,
 * and anything cut short. It does what XML asks of every parser with what it passes on:
 * line ends become `\n`, attribute values are whitespace-normalised, entities and character
 * references are replaced. Namespaces are left to the caller (names come with any prefix).
 * A DOCTYPE is handed to `doctype`, which refuses it: Excel never writes one, and expanding
 * its entities is how XML bombs work.
 */

/** What a tokenizer reports as it reads. */
export interface XmlStreamHandlers {
  /** The XML declaration's encoding, if it names one. */
  declaration(encoding: string | undefined): void;
  doctype(): void;
  open(name: string, attributes: Readonly<Record<string, string>>): void;
  close(name: string): void;
  /** Character data inside the root element, in one or more pieces; CDATA sections too. */
  text(text: string): void;
}

/** The part is not well-formed XML; `message` says where, for the developer (users see "not well-formed"). */
export class NotWellFormedXml extends Error {
  override readonly name = 'NotWellFormedXml';
}

/**
 * Characters XML 1.0 does not allow (the Char production). A surrogate that does not pair up
 * cannot reach here: the text is decoded from UTF-8 or UTF-16, which puts U+FFFD in its place.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
/** An XML Name (ASCII letters, digits and punctuation as XML allows; any character above U+007F is let through). */
const NAME = /^[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_:.\u00B7-\uFFFF]*$/;
const ENTITY = /&([^;&]*);?/g;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const EQUALS = 61;
const QUOTE = 34;
const APOSTROPHE = 39;
const AMPERSAND = 38;

/** Text up to this long is looked at character by character, for the fast path of a cell's value. */
const SHORT_TEXT = 32;

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13;
const isNameEnd = (c: number): boolean => isSpace(c) || c === GT || c === SLASH || c === EQUALS;

/** Replaces entity and character references; throws on any that XML does not define. */
function decodeReferences(text: string): string {
  return text.replace(ENTITY, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new NotWellFormedXml(`"&" not starting a reference: ${JSON.stringify(whole.slice(0, 20))}`);
    const named = PREDEFINED[ref];
    if (named !== undefined) return named;
    let code = NaN;
    if (/^#[0-9]+$/.test(ref)) code = Number(ref.slice(1));
    else if (/^#x[0-9A-Fa-f]+$/.test(ref)) code = parseInt(ref.slice(2), 16);
    else throw new NotWellFormedXml(`an undefined entity &${ref};`);
    const allowed = code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    if (!allowed) throw new NotWellFormedXml(`a character reference to a character XML does not allow: &${ref};`);
    return String.fromCodePoint(code);
  });
}

/** XML's attribute-value normalisation for CDATA attributes: each whitespace character becomes a space. */
function attributeValue(raw: string): string {
  // Most values are a cell reference or a style number: look at each character once, with no regular expression.
  let special = false;
  for (let k = 0; k < raw.length; k++) {
    const c = raw.charCodeAt(k);
    if (c === LT || c === AMPERSAND || c === 9 || c === 10) {
      special = true;
      break;
    }
  }
  if (!special) return raw;
  if (raw.includes('<')) throw new NotWellFormedXml('"<" in an attribute value');
  // Literal whitespace first, then references: `&#10;` stays a line feed, as XML says.
  const normalised = raw.includes('\n') || raw.includes('\t') ? raw.replace(/[\t\n]/g, ' ') : raw;
  return normalised.includes('&') ? decodeReferences(normalised) : normalised;
}

/**
 * What an element without attributes is given (most elements of a sheet: `<v>`, `<si>`,
 * `<t>`): one frozen object rather than a new one each time, which England's 400,000 such
 * elements made into garbage.
 */
const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});

/** Names already found good: a sheet uses a handful (`c`, `r`, `s`, `t`, `v`, `row`) millions of times. */
const goodNames = new Set<string>();

/**
 * Names already found good, by first character and length, so a name met again is recognised
 * where it stands in the text and the string kept here is reused: no new string is sliced out
 * for it, hashed to be checked, or (as an attribute's key) interned, for each of a sheet's
 * millions of tags. Seeded with SpreadsheetML's commonest names as literals, which the engine
 * has interned already.
 */
const NAME_KEY_LENGTHS = 64;
const knownNames: (string[] | undefined)[] = new Array<string[] | undefined>(128 * NAME_KEY_LENGTHS).fill(undefined);
const MAX_KNOWN_NAMES = 512;
let knownCount = 0;

function rememberName(name: string): void {
  const first = name.charCodeAt(0);
  if (knownCount >= MAX_KNOWN_NAMES || name.length >= NAME_KEY_LENGTHS || first >= 128) return;
  const key = first * NAME_KEY_LENGTHS + name.length;
  const bucket = (knownNames[key] ??= []);
  if (!bucket.includes(name)) {
    bucket.push(name);
    knownCount++;
  }
}
for (const name of ['c', 'r', 's', 't', 'v', 'f', 'row', 'spans', 'ht', 'customHeight', 'hidden', 'si', 'is', 'sheetData', 'x14ac:dyDescent']) {
  goodNames.add(name);
  rememberName(name);
}

/** The known name that `s` holds from `start` to `end`, or undefined. */
function knownName(s: string, start: number, end: number): string | undefined {
  const length = end - start;
  const first = s.charCodeAt(start);
  if (length === 0 || length >= NAME_KEY_LENGTHS || first >= 128) return undefined;
  const bucket = knownNames[first * NAME_KEY_LENGTHS + length];
  if (bucket === undefined) return undefined;
  if (length === 1) return bucket[0];
  for (let k = 0; k < bucket.length; k++) if (s.startsWith(bucket[k], start)) return bucket[k];
  return undefined;
}

/** The name `s` holds from `start` to `end`, checked to be an XML name (see {@link checkName}). */
function nameAt(s: string, start: number, end: number, what: string, element?: string): string {
  const known = knownName(s, start, end);
  if (known !== undefined) return known;
  const name = checkName(s.slice(start, end), what, element);
  rememberName(name);
  return name;
}

/** `element` names the element an attribute is on; the message is only put together when it is needed (a sheet has millions of attributes). */
function checkName(name: string, what: string, element?: string): string {
  if (goodNames.has(name)) return name;
  if (!NAME.test(name)) throw new NotWellFormedXml(`${what}${element === undefined ? '' : ` in <${element}>`} ${JSON.stringify(name)} is not an XML name`);
  if (goodNames.size < 1024) goodNames.add(name);
  return name;
}

/** The attributes of the element being read, in order: reused from tag to tag, so nothing is made until the element is whole. */
const attributeNames: string[] = [];
const attributeValues: string[] = [];

/**
 * The first `count` gathered attributes as a plain object (fast properties; a null-prototype
 * one is a slow dictionary), keys in the order written. A cell's usual sets (`r`; `r t`;
 * `r s`; `r s t`) are made as literals, whose shape V8 knows, instead of key by key.
 */
function attributesOf(count: number): Record<string, string> {
  const a = attributeNames;
  const v = attributeValues;
  if (a[0] === 'r') {
    if (count === 1) return { r: v[0] };
    if (count === 2 && a[1] === 't') return { r: v[0], t: v[1] };
    if (count === 2 && a[1] === 's') return { r: v[0], s: v[1] };
    if (count === 3 && a[1] === 's' && a[2] === 't') return { r: v[0], s: v[1], t: v[2] };
  }
  const attributes: Record<string, string> = {};
  for (let k = 0; k < count; k++) {
    if (a[k] === '__proto__') Object.defineProperty(attributes, a[k], { value: v[k], enumerable: true, writable: true, configurable: true });
    else attributes[a[k]] = v[k];
  }
  return attributes;
}

/**
 * Feed it with {@link write} as text arrives and {@link end} once at the end. Any
 * construct cut by a piece boundary is kept until the next piece completes it.
 */
export class XmlStreamTokenizer {
  /** The unread end of what has arrived: an unfinished construct, never more. */
  private pending = '';
  private readonly open: string[] = [];
  private sawRoot = false;
  private rootClosed = false;
  /** Nothing but (possibly) a byte-order mark has been read: where the XML declaration may stand. */
  private atStart = true;
  private ended = false;

  constructor(private readonly handlers: XmlStreamHandlers) {}

  write(piece: string): void {
    if (this.ended) throw new Error('XmlStreamTokenizer: write after end');
    // Joined into one flat string (a `+` would make a rope, or keep a slice of a larger text):
    // every tag is read from it character by character, which is fastest on flat text.
    let s = [this.pending, piece].join('');
    // A piece may end between the two halves of CR LF or of a surrogate pair: keep that last character for the next.
    let carried = '';
    const last = s.charCodeAt(s.length - 1);
    if (last === 13 || (last >= 0xd800 && last <= 0xdbff)) {
      carried = s[s.length - 1];
      s = s.slice(0, -1);
    }
    this.pending = this.consume(s) + carried;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    const rest = this.consume(this.pending, true);
    if (rest !== '') throw new NotWellFormedXml(`the part ends inside ${JSON.stringify(rest.slice(0, 30))}`);
    if (this.open.length > 0) throw new NotWellFormedXml(`the part ends with <${this.open[this.open.length - 1]}> still open`);
    if (!this.sawRoot) throw new NotWellFormedXml('the part has no root element');
  }

  /** Reads every whole construct in `s`; gives back what is left (a construct not yet complete). */
  private consume(input: string, final = false): string {
    let s = input;
    if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
    if (FORBIDDEN_CHAR.test(s)) throw new NotWellFormedXml('a character XML does not allow');
    const n = s.length;
    let i = 0;
    while (i < n) {
      if (s.charCodeAt(i) !== LT) {
        // A short text inside the root with nothing to replace or check (a cell's `<v>12</v>`): passed on as it stands.
        if (this.open.length > 0) {
          const limit = i + SHORT_TEXT < n ? i + SHORT_TEXT : n;
          let k = i;
          for (; k < limit; k++) {
            const c = s.charCodeAt(k);
            if (c === LT || c === AMPERSAND || c === 93) break;
          }
          if (k < limit && s.charCodeAt(k) === LT) {
            this.handlers.text(s.slice(i, k));
            i = k;
            continue;
          }
        }
        let lt = s.indexOf('<', i);
        if (lt < 0) {
          // Text running on into the next piece: pass on what is whole, keeping back a reference that
          // may be cut, and any closing "]" that may yet be the start of a forbidden "]]>".
          const amp = s.lastIndexOf('&');
          lt = !final && amp >= i && s.indexOf(';', amp) < 0 ? amp : n;
          if (!final) while (lt > i && s.charCodeAt(lt - 1) === 93) lt--;
          if (lt === i) break;
        }
        this.characters(s.slice(i, lt));
        i = lt;
        continue;
      }
      if (i + 1 >= n) break;
      const next = s.charCodeAt(i + 1);
      let after: number;
      if (next === SLASH) after = this.closeTag(s, i);
      else if (next === BANG) after = this.markup(s, i, final);
      else if (next === QUESTION) after = this.instruction(s, i);
      else after = this.openTag(s, i);
      if (after < 0) break;
      i = after;
    }
    return s.slice(i);
  }

  private characters(text: string): void {
    if (this.open.length === 0) {
      // Outside the root only whitespace may stand.
      if (/[^ \n\t]/.test(text)) throw new NotWellFormedXml(`text outside the root element: ${JSON.stringify(text.trim().slice(0, 30))}`);
      if (text !== '') this.atStart = false;
      return;
    }
    if (text.includes(']]>')) throw new NotWellFormedXml('"]]>" in text');
    this.handlers.text(text.includes('&') ? decodeReferences(text) : text);
  }

  /** `<name attr="value" …>` or `<name …/>` at `start`; gives the index after it, or -1 if it is not all here. */
  private openTag(s: string, start: number): number {
    const n = s.length;
    let j = start + 1;
    while (j < n && !isNameEnd(s.charCodeAt(j))) j++;
    if (j >= n) return -1;
    const name = nameAt(s, start + 1, j, 'an element name');
    if (this.rootClosed) throw new NotWellFormedXml(`a second root element <${name}>`);
    // The attributes are gathered first and their object made at the end (see attributesOf).
    let count = 0;
    for (;;) {
      const before = j;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (j >= n) return -1;
      const c = s.charCodeAt(j);
      if (c === GT || c === SLASH) {
        let selfClosing = false;
        if (c === SLASH) {
          if (j + 1 >= n) return -1;
          if (s.charCodeAt(j + 1) !== GT) throw new NotWellFormedXml(`"/" not followed by ">" in <${name}>`);
          selfClosing = true;
          j++;
        }
        this.sawRoot = true;
        this.atStart = false;
        this.handlers.open(name, count === 0 ? NO_ATTRIBUTES : attributesOf(count));
        if (selfClosing) {
          this.handlers.close(name);
          if (this.open.length === 0) this.rootClosed = true;
        } else this.open.push(name);
        return j + 1;
      }
      if (j === before) throw new NotWellFormedXml(`no space before an attribute in <${name}>`);
      const nameStart = j;
      while (j < n && !isNameEnd(s.charCodeAt(j))) j++;
      if (j >= n) return -1;
      const attribute = nameAt(s, nameStart, j, 'an attribute name', name);
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (j >= n) return -1;
      if (s.charCodeAt(j) !== EQUALS) throw new NotWellFormedXml(`the attribute ${attribute} of <${name}> has no value`);
      j++;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (j >= n) return -1;
      const quote = s.charCodeAt(j);
      if (quote !== QUOTE && quote !== APOSTROPHE) throw new NotWellFormedXml(`the attribute ${attribute} of <${name}> is not quoted`);
      // One pass to the closing quote, noting whether the value needs more than slicing out
      // (most are a cell reference or a style number).
      let close = j + 1;
      let special = false;
      for (; close < n; close++) {
        const c = s.charCodeAt(close);
        if (c === quote) break;
        if (c === LT || c === AMPERSAND || c === 9 || c === 10) special = true;
      }
      if (close >= n) return -1;
      for (let k = 0; k < count; k++) if (attributeNames[k] === attribute) throw new NotWellFormedXml(`the attribute ${attribute} appears twice in <${name}>`);
      attributeNames[count] = attribute;
      const raw = s.slice(j + 1, close);
      attributeValues[count] = special ? attributeValue(raw) : raw;
      count++;
      j = close + 1;
    }
  }

  /** `</name>` at `start`. */
  private closeTag(s: string, start: number): number {
    const gt = s.indexOf('>', start + 2);
    if (gt < 0) return -1;
    // The usual case, `</name>` closing the element last opened, is matched where it stands, without a new string.
    const last = this.open.length - 1;
    if (last >= 0) {
      const expected = this.open[last];
      if (gt - start - 2 === expected.length && s.startsWith(expected, start + 2)) {
        this.open.pop();
        this.handlers.close(expected);
        if (last === 0) this.rootClosed = true;
        return gt + 1;
      }
    }
    let name = s.slice(start + 2, gt);
    if (isSpace(name.charCodeAt(name.length - 1))) name = name.replace(/[ \n\t]+$/, '');
    const expected = this.open.pop();
    if (expected === undefined) throw new NotWellFormedXml(`</${name}> closes nothing`);
    if (name !== expected) throw new NotWellFormedXml(`</${name}> closes <${expected}>`);
    this.handlers.close(name);
    if (this.open.length === 0) this.rootClosed = true;
    return gt + 1;
  }

  /** `<!-- … -->`, `<![CDATA[ … ]]>` or `<!DOCTYPE` at `start`. */
  private markup(s: string, start: number, final: boolean): number {
    if (s.startsWith('<!--', start)) {
      const end = s.indexOf('--', start + 4);
      if (end < 0) return -1;
      if (end + 2 >= s.length) return -1;
      if (s.charCodeAt(end + 2) !== GT) throw new NotWellFormedXml('"--" inside a comment');
      this.atStart = false;
      return end + 3;
    }
    if (s.startsWith('<![CDATA[', start)) {
      if (this.open.length === 0) throw new NotWellFormedXml('a CDATA section outside the root element');
      const end = s.indexOf(']]>', start + 9);
      if (end < 0) return -1;
      const text = s.slice(start + 9, end);
      if (text !== '') this.handlers.text(text);
      return end + 3;
    }
    if (s.startsWith('<!DOCTYPE', start)) {
      this.handlers.doctype();
      throw new NotWellFormedXml('a DOCTYPE');
    }
    // Could still become one of the above when the next piece arrives.
    if (!final && s.length - start < 9 && ('<![CDATA['.startsWith(s.slice(start)) || '<!DOCTYPE'.startsWith(s.slice(start)) || '<!--'.startsWith(s.slice(start)))) return -1;
    throw new NotWellFormedXml(`unknown markup ${JSON.stringify(s.slice(start, start + 12))}`);
  }

  /** `<?target …?>` at `start`: the XML declaration (only first), or a processing instruction (passed over). */
  private instruction(s: string, start: number): number {
    const end = s.indexOf('?>', start + 2);
    if (end < 0) return -1;
    const body = s.slice(start + 2, end);
    const target = /^[^ \n\t]*/.exec(body)![0];
    if (target.toLowerCase() === 'xml') {
      if (target !== 'xml' || !this.atStart) throw new NotWellFormedXml('an XML declaration that is not at the start of the part');
      const declaration = /^xml[ \n\t]+version[ \n\t]*=[ \n\t]*(["'])1\.[0-9]+\1(?:[ \n\t]+encoding[ \n\t]*=[ \n\t]*(["'])([A-Za-z][-A-Za-z0-9._]*)\2)?(?:[ \n\t]+standalone[ \n\t]*=[ \n\t]*(["'])(?:yes|no)\4)?[ \n\t]*$/.exec(body);
      if (!declaration) throw new NotWellFormedXml(`a malformed XML declaration <?${body}?>`);
      this.atStart = false;
      this.handlers.declaration(declaration[3]);
      return end + 2;
    }
    checkName(target, 'a processing instruction target');
    this.atStart = false;
    return end + 2;
  }
}
