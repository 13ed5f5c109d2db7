import fc from 'fast-check';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { NotWellFormedXml, XmlStreamTokenizer } from '../../src/xlsx/xmlStream';

/**
 * The reader's streaming tokenizer, checked against saxes (a conforming XML parser, kept as a
 * development dependency for this comparison only): the same events for every well-formed
 * part however it is cut into pieces, and a refusal for what is not well-formed.
 */

type Event = readonly ['open', string, Record<string, string>] | readonly ['close', string] | readonly ['text', string] | readonly ['declaration', string | undefined];

/** Adjacent text events joined: how text is cut into events is not part of the contract. */
function joinText(events: Event[]): Event[] {
  const out: Event[] = [];
  for (const e of events) {
    const last = out[out.length - 1];
    if (e[0] === 'text' && last?.[0] === 'text') out[out.length - 1] = ['text', last[1] + e[1]];
    else if (!(e[0] === 'text' && e[1] === '')) out.push(e);
  }
  return out;
}

type Outcome = { readonly ok: true; readonly events: Event[] } | { readonly ok: false; readonly doctype: boolean };

class Doctype extends Error {}

function ours(xml: string, cuts: readonly number[] = []): Outcome {
  const events: Event[] = [];
  const tokenizer = new XmlStreamTokenizer({
    declaration: (encoding) => events.push(['declaration', encoding]),
    doctype: () => {
      throw new Doctype();
    },
    open: (name, attributes) => events.push(['open', name, { ...attributes }]),
    close: (name) => events.push(['close', name]),
    text: (text) => events.push(['text', text]),
  });
  try {
    let at = 0;
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      tokenizer.write(xml.slice(at, cut));
      at = cut;
    }
    tokenizer.write(xml.slice(at));
    tokenizer.end();
    return { ok: true, events: joinText(events) };
  } catch (e) {
    if (e instanceof Doctype) return { ok: false, doctype: true };
    if (e instanceof NotWellFormedXml) return { ok: false, doctype: false };
    throw e;
  }
}

/** What saxes, a conforming parser, makes of the same text. Text outside the root is whitespace, and dropped. */
function saxes(xml: string): Outcome {
  const events: Event[] = [];
  let depth = 0;
  let doctype = false;
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  parser.on('xmldecl', (decl) => events.push(['declaration', decl.encoding]));
  parser.on('doctype', () => {
    doctype = true;
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    depth++;
    events.push(['open', tag.name, { ...tag.attributes }]);
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    depth--;
    events.push(['close', tag.name]);
  });
  parser.on('text', (text) => {
    if (depth > 0) events.push(['text', text]);
  });
  parser.on('cdata', (text) => events.push(['text', text]));
  let failed = false;
  parser.on('error', () => {
    failed = true;
  });
  try {
    parser.write(xml).close();
  } catch {
    failed = true;
  }
  if (doctype) return { ok: false, doctype: true };
  return failed ? { ok: false, doctype: false } : { ok: true, events: joinText(events) };
}

describe('the streaming tokenizer reads what XML says', () => {
  it.each`
    case                                                  | xml                                                                                  | events
    ${'an element with attributes and text'}              | ${'<c r="A1" t="s"><v>12</v></c>'}                                                   | ${[['open', 'c', { r: 'A1', t: 's' }], ['open', 'v', {}], ['text', '12'], ['close', 'v'], ['close', 'c']]}
    ${'a self-closing element'}                           | ${'<row r="3"/>'}                                                                    | ${[['open', 'row', { r: '3' }], ['close', 'row']]}
    ${'the five entities and character references'}       | ${'<t>&lt;&gt;&amp;&quot;&apos;&#163;&#xA3;</t>'}                                    | ${[['open', 't', {}], ['text', '<>&"\'££'], ['close', 't']]}
    ${'CR LF and a lone CR in text become LF'}            | ${'<t>a\r\nb\rc</t>'}                                                                | ${[['open', 't', {}], ['text', 'a\nb\nc'], ['close', 't']]}
    ${'whitespace in an attribute becomes spaces'}        | ${'<a b="x\ty\r\nz"/>'}                                                              | ${[['open', 'a', { b: 'x y z' }], ['close', 'a']]}
    ${'a referenced line feed in an attribute stays'}     | ${'<a b="x&#10;y"/>'}                                                                | ${[['open', 'a', { b: 'x\ny' }], ['close', 'a']]}
    ${'single-quoted attributes holding > and "'}         | ${`<a b='1>"2'/>`}                                                                   | ${[['open', 'a', { b: '1>"2' }], ['close', 'a']]}
    ${'CDATA is text, markup and all'}                    | ${'<t><![CDATA[<b>&amp;]]></t>'}                                                     | ${[['open', 't', {}], ['text', '<b>&amp;'], ['close', 't']]}
    ${'comments and instructions are passed over'}        | ${'<?xml version="1.0"?><!-- a --><r><?pi x?><!--b-->x</r><!-- c -->'}                | ${[['declaration', undefined], ['open', 'r', {}], ['text', 'x'], ['close', 'r']]}
    ${'the declaration names its encoding'}               | ${'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<r/>'}                  | ${[['declaration', 'UTF-8'], ['open', 'r', {}], ['close', 'r']]}
    ${'prefixed names come as written'}                   | ${'<x:c xmlns:x="u"><x:v>1</x:v></x:c>'}                                             | ${[['open', 'x:c', { 'xmlns:x': 'u' }], ['open', 'x:v', {}], ['text', '1'], ['close', 'x:v'], ['close', 'x:c']]}
    ${'an astral character'}                              | ${'<t>😀&#x1F600;</t>'}                                                               | ${[['open', 't', {}], ['text', '😀😀'], ['close', 't']]}
    ${'a cell with style and type, keys as written'}      | ${'<c r="B2" s="3" t="n"><v>1</v></c>'}                                              | ${[['open', 'c', { r: 'B2', s: '3', t: 'n' }], ['open', 'v', {}], ['text', '1'], ['close', 'v'], ['close', 'c']]}
    ${'a cell with its attributes in another order'}      | ${'<c t="s" s="1" r="B2"/>'}                                                         | ${[['open', 'c', { t: 's', s: '1', r: 'B2' }], ['close', 'c']]}
    ${'names that begin like the usual ones'}             | ${'<rows><cc r="1" rr="2" rowx="3"/><c/></rows>'}                                   | ${[['open', 'rows', {}], ['open', 'cc', { r: '1', rr: '2', rowx: '3' }], ['close', 'cc'], ['open', 'c', {}], ['close', 'c'], ['close', 'rows']]}
    ${'an end tag with space before its >'}               | ${'<row><c></c ></row >'}                                                            | ${[['open', 'row', {}], ['open', 'c', {}], ['close', 'c'], ['close', 'row']]}
    ${'an attribute named __proto__'}                     | ${'<a __proto__="x" r="1"/>'}                                                        | ${[['open', 'a', { ['__proto__']: 'x', r: '1' }], ['close', 'a']]}
  `('reads $case', ({ xml, events }: { xml: string; events: Event[] }) => {
    expect(ours(xml)).toEqual({ ok: true, events });
    expect(saxes(xml)).toEqual({ ok: true, events });
  });

  it.each`
    case                                             | xml
    ${'an element left open'}                        | ${'<worksheet><sheetData><row>'}
    ${'a mismatched end tag'}                        | ${'<a><b></a></b>'}
    ${'an end tag closing nothing'}                  | ${'<a/></a>'}
    ${'two root elements'}                           | ${'<a/><b/>'}
    ${'text outside the root'}                       | ${'<a/>text'}
    ${'nothing at all'}                              | ${''}
    ${'an attribute without quotes'}                 | ${'<a b=1/>'}
    ${'an attribute without a value'}                | ${'<a b/>'}
    ${'the same attribute twice'}                    | ${'<a b="1" b="2"/>'}
    ${'a cell with the same attribute twice'}        | ${'<c r="A1" s="1" r="A2"><v>1</v></c>'}
    ${'a cell with its type twice'}                  | ${'<c r="A1" t="s" t="n"/>'}
    ${'an end tag as long as the open one'}          | ${'<row><c></v></row>'}
    ${'an end tag naming the element outside'}       | ${'<row><c></row></c>'}
    ${'attributes with no space between'}            | ${'<a b="1"c="2"/>'}
    ${'< in an attribute value'}                     | ${'<a b="<"/>'}
    ${'an undefined entity'}                         | ${'<a>&nbsp;</a>'}
    ${'a bare ampersand'}                            | ${'<a>fish & chips</a>'}
    ${'a reference to NUL'}                          | ${'<a>&#0;</a>'}
    ${'a reference past Unicode'}                    | ${'<a>&#x110000;</a>'}
    ${'a control character'}                         | ${'<a>\u0001</a>'}
    ${']]> in text'}                                 | ${'<a>]]></a>'}
    ${'-- in a comment'}                             | ${'<a><!-- a -- b --></a>'}
    ${'a declaration not at the start'}              | ${' <?xml version="1.0"?><a/>'}
    ${'a second declaration'}                        | ${'<?xml version="1.0"?><a><?xml version="1.0"?></a>'}
    ${'a malformed declaration'}                     | ${'<?xml encoding="UTF-8"?><a/>'}
    ${'an element name starting with a digit'}       | ${'<1a/>'}
    ${'a slash not closing the tag'}                 | ${'<a / >'}
    ${'an unterminated comment'}                     | ${'<a/><!-- a'}
    ${'an unterminated CDATA section'}               | ${'<a><![CDATA[x</a>'}
    ${'CDATA outside the root'}                      | ${'<![CDATA[x]]><a/>'}
    ${'unknown markup'}                              | ${'<a><!ELEMENT a ANY></a>'}
  `('refuses $case, as a conforming parser does', ({ xml }: { xml: string }) => {
    expect(ours(xml)).toEqual({ ok: false, doctype: false });
    expect(saxes(xml).ok).toBe(false);
  });

  it('hands a DOCTYPE to its caller before reading anything it declares', () => {
    expect(ours('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>')).toEqual({ ok: false, doctype: true });
  });
});

/** A random element tree written as XML, with everything a writer may legitimately vary. */
const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,6}$/).chain((n) => fc.constantFrom(n, `x:${n}`));
const textChar = fc.constantFrom('a', 'Z', '7', ' ', '\n', '\r\n', '\r', '\t', '&amp;', '&lt;', '&gt;', '&quot;', '&#163;', '&#x1F600;', '£', '😀', '>', '"', "'", ']', ']]');
// Two texts may stand side by side, so neither may end in "]" (the next could begin with ">").
const text = fc.array(textChar, { maxLength: 12 }).map((cs) => cs.join('').replace(/]]>/g, ']] >').replace(/]+$/, ''));
const attrValue = fc.array(fc.constantFrom('a', '1', ' ', '\t', '\n', '&amp;', '&#10;', '>', '£', '&quot;'), { maxLength: 8 }).map((cs) => cs.join(''));
const space = fc.constantFrom('', ' ', '\n', '\t ', '\r\n');

interface Node {
  readonly name: string;
  readonly attributes: readonly (readonly [string, string])[];
  readonly children: readonly (Node | string)[];
}

const tree: fc.Arbitrary<Node> = fc.letrec<{ node: Node; child: Node | string }>((tie) => ({
  node: fc.record({
    name,
    attributes: fc.uniqueArray(fc.tuple(name, attrValue), { maxLength: 3, selector: ([n]) => n }),
    children: fc.array(tie('child'), { maxLength: 4, depthIdentifier: 'tree' }),
  }),
  child: fc.oneof({ depthIdentifier: 'tree', maxDepth: 4 }, text, text.map((t) => `<![CDATA[${t.replace(/&/g, 'x')}]]>`), fc.constant('<!-- note -->'), fc.constant('<?pi data?>'), tie('node')),
})).node;

function write(node: Node, gaps: () => string): string {
  const attributes = node.attributes.map(([n, v], i) => `${i === 0 ? ' ' : gaps() || ' '}${n}${gaps()}=${gaps()}${v.includes('"') ? `'${v}'` : `"${v}"`}`).join('');
  if (node.children.length === 0) return `<${node.name}${attributes}${gaps()}/>`;
  return `<${node.name}${attributes}${gaps()}>${node.children.map((c) => (typeof c === 'string' ? c : write(c, gaps))).join('')}</${node.name}${gaps()}>`;
}

const document = fc.tuple(tree, fc.array(space, { minLength: 64, maxLength: 64 }), fc.boolean(), fc.boolean()).map(([root, spaces, declared, trailer]) => {
  let k = 0;
  const gaps = () => spaces[k++ % spaces.length];
  return `${declared ? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' : ''}${write(root, gaps)}${trailer ? '\n<!-- end -->\n' : ''}`;
});

const cutsOf = (xml: string) => fc.uniqueArray(fc.integer({ min: 0, max: xml.length }), { maxLength: 12 });

describe('the streaming tokenizer agrees with a conforming parser', () => {
  it('gives the same events for any well-formed part, however it is cut into pieces', () => {
    fc.assert(
      fc.property(document.chain((xml) => fc.tuple(fc.constant(xml), cutsOf(xml))), ([xml, cuts]) => {
        const expected = saxes(xml);
        expect(expected.ok).toBe(true);
        expect(ours(xml, cuts)).toEqual(expected);
      }),
      { numRuns: 1500 },
    );
  });

  // A conforming parser may be lenient where XML is not (saxes lets `<?x?ml …?>` pass); the
  // tokenizer may refuse more, but never accepts what that parser refuses, nor reads anything differently.
  it('never accepts a damaged part a conforming parser refuses, and reads what it accepts the same', () => {
    const damage = fc.constantFrom('<', '>', '&', '"', "'", '/', '=', ' ', '!', '?', '-', ']', '\u0001', '<a>', '</a>', '&x;', '');
    fc.assert(
      fc.property(
        document.chain((xml) => fc.tuple(fc.constant(xml), fc.integer({ min: 0, max: xml.length }), fc.integer({ min: 0, max: 3 }), damage, cutsOf(xml))),
        ([xml, at, cut, insert, cuts]) => {
          const damaged = xml.slice(0, at) + insert + xml.slice(Math.min(xml.length, at + cut));
          // Text decoded from UTF-8 or UTF-16 never holds half a surrogate pair (the decoder puts U+FFFD there).
          fc.pre(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(damaged));
          const expected = saxes(damaged);
          const actual = ours(damaged, cuts.filter((c) => c <= damaged.length));
          if (actual.ok) expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
