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
