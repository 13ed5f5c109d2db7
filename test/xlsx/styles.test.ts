import fc from 'fast-check';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { StyleRegistry, type CellStyle } from '../../src/xlsx/styles';

/**
 * The tool's styles are added to the workbook's own stylesheet, built in its document (no
 * fragment parsed and imported), so they carry no namespace declarations of their own, and
 * a run on the results of a run finds every one of them already there.
 */
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const excelLike = `<styleSheet xmlns="${NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`;
const cellXfsOnly = `<styleSheet xmlns="${NS}"><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`;

const styles: CellStyle[] = [
  { numberFormat: 'pounds' },
  { numberFormat: 'pounds', bold: true, fill: '#DDEBF7', border: { edge: 'top', color: '#000000' } },
  { italic: true, fontColor: '#9C0006', fontSize: 14, wrap: true, horizontalAlignment: 'left' },
  { fill: '#FFC7CE', horizontalAlignment: 'right' },
];

function withStyles(xml: string | undefined): { xml: string; ids: number[] } {
  const registry = new StyleRegistry(xml);
  const ids = styles.map((s) => registry.xf(s));
  registry.dxf('#FFC7CE', '#9C0006');
  return { xml: registry.toXml(), ids };
}

describe('the tool’s styles in the workbook’s stylesheet', () => {
  it.each`
    stylesheet                 | xml
    ${'none at all'}           | ${undefined}
    ${'one like Excel’s'}      | ${excelLike}
    ${'one with only cellXfs'} | ${cellXfsOnly}
  `('are appended to $stylesheet without namespace declarations of their own, and found again on a second run', ({ xml }: { xml: string | undefined }) => {
    const first = withStyles(xml);
    expect(first.xml.match(/xmlns=/g)).toHaveLength(1);
    expect(first.xml).toContain('<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill>');
    expect(first.xml).toContain('<border><left/><right/><top style="thin"><color rgb="FF000000"/></top><bottom/><diagonal/></border>');
    expect(first.xml).toContain('<dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf>');
    expect(first.xml).toMatch(/<xf [^>]*applyAlignment="1"><alignment horizontal="left" wrapText="1" vertical="top"\/><\/xf>/);
    const second = withStyles(first.xml);
    expect(second).toEqual(first);
  });

  it('keeps every style the user’s cells already use at its index', () => {
    const { xml } = withStyles(excelLike);
    expect(xml).toContain('<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf ');
    expect(xml).toContain('<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/>');
  });
});

describe('a stylesheet that lacks the sections Excel fills in by default', () => {
  /** The first entry of a section, as XML without namespace declarations. */
  const firstOf = (xml: string, section: string, tag: string) => {
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const entry = doc.getElementsByTagNameNS(NS, section)[0]?.getElementsByTagNameNS(NS, tag)[0];
    return entry && new XMLSerializer().serializeToString(entry).replace(/ xmlns="[^"]*"/g, '');
  };
  const countOf = (xml: string, section: string) => Number(new RegExp(`<${section} count="(\\d+)"`).exec(xml)?.[1]);

  it.each`
    stylesheet                                 | xml
    ${'only cellXfs'}                          | ${cellXfsOnly}
    ${'empty sections'}                        | ${`<styleSheet xmlns="${NS}"><fonts count="0"/><fills count="0"/><borders count="0"/><cellXfs count="0"/></styleSheet>`}
    ${'one fill, no fonts or borders'}         | ${`<styleSheet xmlns="${NS}"><fills count="1"><fill><patternFill patternType="none"/></fill></fills><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`}
  `('with $stylesheet, keeps the user’s unstyled cells plain: the tool’s bold font, fill and border never take index 0 (or fill 1)', ({ xml }: { xml: string }) => {
    const { xml: out, ids } = withStyles(xml);
    expect(firstOf(out, 'fonts', 'font')).toBe('<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>');
    expect(firstOf(out, 'fills', 'fill')).toBe('<fill><patternFill patternType="none"/></fill>');
    expect(out).toContain('<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>');
    expect(firstOf(out, 'borders', 'border')).toBe('<border><left/><right/><top/><bottom/><diagonal/></border>');
    expect(firstOf(out, 'cellXfs', 'xf')).toBe('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>');
    expect(firstOf(out, 'cellStyleXfs', 'xf')).toBe('<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>');
    expect(Math.min(...ids)).toBeGreaterThan(0);
    expect(countOf(out, 'fills')).toBe(4);
    // The sections stay in the schema's order (Excel refuses a stylesheet out of order).
    const order = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'dxfs'].map((s) => out.indexOf(`<${s} `));
    expect(order.filter((i) => i >= 0)).toEqual([...order.filter((i) => i >= 0)].sort((a, b) => a - b));
    expect(withStyles(out)).toEqual({ xml: out, ids });
  });

  it('finds its own entries again in a stylesheet written with a prefix (x:font), so a re-run adds nothing', () => {
    const prefixed = `<x:styleSheet xmlns:x="${NS}"><x:fonts count="1"><x:font><x:sz val="11"/><x:name val="Arial"/></x:font></x:fonts><x:fills count="2"><x:fill><x:patternFill patternType="none"/></x:fill><x:fill><x:patternFill patternType="gray125"/></x:fill></x:fills><x:borders count="1"><x:border><x:left/><x:right/><x:top/><x:bottom/><x:diagonal/></x:border></x:borders><x:cellXfs count="1"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></x:cellXfs></x:styleSheet>`;
    const first = withStyles(prefixed);
    const second = withStyles(first.xml);
    expect(second.ids).toEqual(first.ids);
    expect(second.xml).toBe(first.xml);
  });
});

describe('the stylesheet edited as text', () => {
  it('keeps every byte the user wrote (declaration, layout, comments, quotes, entities) and splices in only the tool’s entries and counts', () => {
    const user = [
      '<?xml version="1.0" encoding="UTF-8"?>\r\n',
      `<styleSheet xmlns="${NS}">\n`,
      '  <!-- kept as written -->\n',
      "  <numFmts count='1'><numFmt numFmtId='164' formatCode='&quot;R&amp;D&quot; 0'/></numFmts>\n",
      '  <fonts count="1">\n    <font><sz val="10"/><name val="Arial"/></font>\n  </fonts>\n',
      '  <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\n',
      '  <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\n',
      '  <cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>\n',
      '  <extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}"/></extLst>\n',
      '</styleSheet>',
    ].join('');
    const registry = new StyleRegistry(user);
    expect(registry.xf({ numberFormat: 'pounds', bold: true })).toBe(1);
    const expected = user
      .replace("<numFmts count='1'>", "<numFmts count='2'>")
      .replace("0'/></numFmts>", `0'/><numFmt numFmtId="165" formatCode="&quot;£&quot;#,##0;[Red](&quot;£&quot;#,##0);&quot;–&quot;"/></numFmts>`)
      .replace('<fonts count="1">', '<fonts count="2">')
      .replace('</font>\n  </fonts>', '</font>\n  <font><b/><sz val="10"/><name val="Arial"/></font></fonts>')
      .replace('  <cellXfs count="1">', '  <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2">')
      .replace('xfId="0"/></cellXfs>', 'xfId="0"/><xf numFmtId="165" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1"/></cellXfs>');
    expect(registry.toXml()).toBe(expected);
  });

  it.each`
    stylesheet                            | xml                                                                                      | message
    ${'an element left open'}             | ${`<styleSheet xmlns="${NS}"><fonts count="0"></styleSheet>`}                            | ${'closes <fonts>'}
    ${'an unquoted attribute'}            | ${`<styleSheet xmlns="${NS}"><fonts count=0/></styleSheet>`}                             | ${'unquoted'}
    ${'a stray ampersand'}                | ${`<styleSheet xmlns="${NS}"><numFmts><numFmt numFmtId="164" formatCode="A&B"/></numFmts></styleSheet>`} | ${'ampersand'}
    ${'text after the root'}              | ${`<styleSheet xmlns="${NS}"/>junk`}                                                      | ${'after the root'}
  `('refuses $stylesheet as a damaged package, naming what is wrong', ({ xml, message }: { xml: string; message: string }) => {
    expect(() => new StyleRegistry(xml).xf({ bold: true })).toThrow(expect.objectContaining({ name: 'WorkbookFileError', message: expect.stringContaining(message) }));
  });

  it('opens a root written empty (<styleSheet/>) to put the sections in it', () => {
    const registry = new StyleRegistry(`<styleSheet xmlns="${NS}"/>`);
    registry.xf({ bold: true, fill: '#DDEBF7' });
    const out = registry.toXml();
    expect(new DOMParser({ onError: () => { throw new Error('not well-formed'); } }).parseFromString(out, 'text/xml').documentElement?.localName).toBe('styleSheet');
    expect(out).toMatch(/<styleSheet xmlns="[^"]+"><numFmts count="0"\/><fonts count="2">.*<\/cellXfs><\/styleSheet>$/);
  });

  /** A stylesheet from parts: which sections it has, its prefix, the space between elements, and how many entries of each. */
  const sectionArb = fc.record({ has: fc.boolean(), entries: fc.integer({ min: 0, max: 3 }), selfClosing: fc.boolean(), count: fc.boolean() });
  const stylesheetArb = fc.record({
    prefix: fc.constantFrom('', 'x:'),
    space: fc.constantFrom('', '\n  ', ' '),
    comment: fc.boolean(),
    numFmts: sectionArb, fonts: sectionArb, fills: sectionArb, borders: sectionArb, cellStyleXfs: sectionArb, cellXfs: sectionArb, dxfs: sectionArb,
  });
  const entryOf: Record<string, (p: string, i: number) => string> = {
    numFmts: (p, i) => `<${p}numFmt numFmtId="${170 + i}" formatCode="0.${'0'.repeat(i + 1)}"/>`,
    fonts: (p, i) => `<${p}font><${p}sz val="${9 + i}"/><${p}name val="Arial"/></${p}font>`,
    fills: (p, i) => (i < 2 ? `<${p}fill><${p}patternFill patternType="${i === 0 ? 'none' : 'gray125'}"/></${p}fill>` : `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="FF00000${i}"/></${p}patternFill></${p}fill>`),
    borders: (p, i) => `<${p}border>${i > 0 ? `<${p}left style="thick"/>` : `<${p}left/>`}<${p}right/><${p}top/><${p}bottom/><${p}diagonal/></${p}border>`,
    cellStyleXfs: (p, i) => `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="${i}"/>`,
    cellXfs: (p, i) => `<${p}xf numFmtId="${i}" fontId="0" fillId="0" borderId="0" xfId="0"/>`,
    dxfs: (p, i) => `<${p}dxf><${p}font><${p}color rgb="FF00000${i}"/></${p}font></${p}dxf>`,
  };
  const sectionNames = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'dxfs'] as const;
  const tagOf: Record<string, string> = { numFmts: 'numFmt', fonts: 'font', fills: 'fill', borders: 'border', cellStyleXfs: 'xf', cellXfs: 'xf', dxfs: 'dxf' };
  type Sheet = typeof stylesheetArb extends fc.Arbitrary<infer T> ? T : never;
  const build = (s: Sheet): string => {
    const p = s.prefix;
    let xml = `<${p}styleSheet xmlns${p ? `:${p.slice(0, -1)}` : ''}="${NS}">${s.comment ? '<!-- a comment -->' : ''}`;
    for (const name of sectionNames) {
      const sec = s[name];
      if (!sec.has) continue;
      const entries = Array.from({ length: sec.entries }, (_, i) => entryOf[name](p, i)).join(s.space);
      const count = sec.count ? ` count="${sec.entries}"` : '';
      xml += s.space + (sec.entries === 0 && sec.selfClosing ? `<${p}${name}${count}/>` : `<${p}${name}${count}>${entries}</${p}${name}>`);
    }
    return `${xml}${s.space}</${p}styleSheet>`;
  };
  /** Each section's entries as xmldom reads them, prefixes and declarations taken off. */
  const read = (xml: string): Record<string, { count: string | null; entries: string[] }> => {
    const doc = new DOMParser({ onError: () => { throw new Error(`not well-formed: ${xml}`); } }).parseFromString(xml, 'text/xml');
    const out: Record<string, { count: string | null; entries: string[] }> = {};
    for (let n = doc.documentElement!.firstChild; n; n = n.nextSibling) {
      if (n.nodeType !== 1) continue;
      const el = n as unknown as Element;
      const entries = Array.from(el.childNodes).filter((c) => c.nodeType === 1 && (c as Element).localName === tagOf[el.localName]);
      out[el.localName] = { count: el.getAttribute('count'), entries: entries.map((e) => new XMLSerializer().serializeToString(e as never).replace(/ xmlns(:\w+)?="[^"]*"/g, '').replace(/<(\/?)\w+:/g, '<$1')) };
    }
    return out;
  };

  it('keeps every user entry at its index, counts each section truly, keeps the schema order, and adds nothing on a re-run, for stylesheets of any shape', () => {
    fc.assert(
      fc.property(stylesheetArb, fc.subarray(styles, { minLength: 1 }), (sheet, wanted) => {
        const user = build(sheet);
        const registry = new StyleRegistry(user);
        const ids = wanted.map((s) => registry.xf(s));
        registry.dxf('#FFC7CE', '#9C0006');
        const out = registry.toXml();
        const before = read(user);
        const after = read(out);
        for (const [name, { entries }] of Object.entries(before)) expect(after[name].entries.slice(0, entries.length)).toEqual(entries);
        for (const { count, entries } of Object.values(after)) if (count !== null) expect(Number(count)).toBe(entries.length);
        for (const id of ids) expect(id).toBeLessThan(after.cellXfs.entries.length);
        const order = Object.keys(after).filter((n) => sectionNames.includes(n as (typeof sectionNames)[number]));
        expect(order).toEqual(sectionNames.filter((n) => order.includes(n)));
        const again = new StyleRegistry(out);
        expect(wanted.map((s) => again.xf(s))).toEqual(ids);
        again.dxf('#FFC7CE', '#9C0006');
        expect(again.toXml()).toBe(out);
      }),
      { numRuns: 300 },
    );
  });
});
