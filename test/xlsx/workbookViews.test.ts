import type { SheetPlan } from '../../src/engine';
import { pageXml } from '../../src/xlsx/sheetXml';
import { setActiveTab, setPrintNames, withTabUnselected } from '../../src/xlsx/workbookViews';
import { children, parseXml, serializeXml } from '../../src/xlsx/xml';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

const page: NonNullable<SheetPlan['page']> = {
  orientation: 'landscape',
  paper: 'A4',
  margins: { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  fitTo: { across: 1, down: null },
  printArea: { row: 0, column: 0, rows: 40, columns: 8 },
  titleRows: { first: 3, last: 3 },
  breaksBefore: [30, 61],
  header: { left: '&F', center: '&A', right: 'Page &P of &N' },
  footer: { left: 'Prepared with Locality Planner 1.0 on 1 April 2026 for Finance && HR', center: '', right: '' },
};
const plan = (name: string, p: SheetPlan['page'] = page) => ({ name, page: p }) as SheetPlan;

function workbook(inner: string) {
  const doc = parseXml(`<workbook xmlns="${MAIN}">${inner}</workbook>`);
  return { doc, root: doc.documentElement! };
}
const names = (root: ReturnType<typeof workbook>['root']) =>
  children(children(root, 'definedNames')[0], 'definedName').map((n) => `${n.getAttribute('name')}@${n.getAttribute('localSheetId') ?? '-'}=${n.textContent}`);

describe('pageXml', () => {
  const xml = pageXml(page);

  it('writes the paper, orientation and fitting the plan asks for: as many pages down as it takes', () => {
    expect(xml).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    expect(pageXml({ ...page, fitTo: { across: 1, down: 1 } })).toContain('fitToHeight="1"');
  });

  it('writes the header and footer sections in Excel’s codes, escaped for XML', () => {
    expect(xml).toContain('<oddHeader>&amp;L&amp;F&amp;C&amp;A&amp;RPage &amp;P of &amp;N</oddHeader>');
    expect(xml).toContain('<oddFooter>&amp;LPrepared with Locality Planner 1.0 on 1 April 2026 for Finance &amp;&amp; HR</oddFooter>');
  });

  it('writes a manual break above each row that begins a page, in the schema’s order after the header and footer', () => {
    expect(xml).toContain('<rowBreaks count="2" manualBreakCount="2"><brk id="30" max="16383" man="1"/><brk id="61" max="16383" man="1"/></rowBreaks>');
    expect(xml.indexOf('<pageMargins')).toBeLessThan(xml.indexOf('<pageSetup'));
    expect(xml.indexOf('<headerFooter')).toBeLessThan(xml.indexOf('<rowBreaks'));
  });

  it('writes only the margins for a sheet the plan leaves to the host', () => {
    expect(pageXml(null)).toBe('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  });
});

describe('setPrintNames', () => {
  it('sets each output sheet’s print area and titles, replacing the last run’s and keeping every name of the user’s', () => {
    const { doc, root } = workbook(
      '<sheets><sheet name="Budget"/><sheet name="Projection"/><sheet name="Run info"/></sheets>' +
        '<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">Budget!$A$1:$C$9</definedName><definedName name="_xlnm.Print_Area" localSheetId="1">Projection!$A$1:$B$2</definedName><definedName name="Reserve">Budget!$B$2</definedName></definedNames>' +
        '<calcPr/>',
    );
    setPrintNames(doc, root, [plan('Projection'), plan('Run info', { ...page, titleRows: null })]);
    expect(names(root)).toEqual([
      '_xlnm.Print_Area@0=Budget!$A$1:$C$9',
      'Reserve@-=Budget!$B$2',
      '_xlnm.Print_Area@1=Projection!$A$1:$H$40',
      '_xlnm.Print_Titles@1=Projection!$4:$4',
      "_xlnm.Print_Area@2='Run info'!$A$1:$H$40",
    ]);
  });

  it('makes the defined names where the schema puts them, after the sheets and before calcPr', () => {
    const { doc, root } = workbook('<sheets><sheet name="Summary"/></sheets><calcPr/>');
    setPrintNames(doc, root, [plan('Summary')]);
    expect(Array.from(root.childNodes).map((n) => (n as { localName?: string }).localName)).toEqual(['sheets', 'definedNames', 'calcPr']);
  });
});

describe('setActiveTab', () => {
  it('opens the workbook on the named sheet, by its position, and keeps its tab in view', () => {
    const { doc, root } = workbook('<bookViews><workbookView firstSheet="3" activeTab="0"/></bookViews><sheets><sheet name="Inputs"/><sheet name="Notes"/><sheet name="Summary"/><sheet name="Projection"/></sheets>');
    expect(setActiveTab(doc, root, 'Summary')).toBe(2);
    expect(serializeXml(doc)).toContain('<workbookView firstSheet="2" activeTab="2"/>');
  });

  it('adds the workbook view where the schema puts it when the workbook has none', () => {
    const { doc, root } = workbook('<workbookPr/><sheets><sheet name="Summary"/></sheets>');
    setActiveTab(doc, root, 'Summary');
    expect(Array.from(root.childNodes).map((n) => (n as { localName?: string }).localName)).toEqual(['workbookPr', 'bookViews', 'sheets']);
  });
});

describe('withTabUnselected', () => {
  it.each`
    xml                                                                     | after
    ${'<worksheet><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews></worksheet>'} | ${'<worksheet><sheetViews><sheetView workbookViewId="0"/></sheetViews></worksheet>'}
    ${'<x:sheetView zoomScale="90" tabSelected="true"><x:pane/></x:sheetView>'} | ${'<x:sheetView zoomScale="90"><x:pane/></x:sheetView>'}
    ${'<sheetView workbookViewId="0"/><c><v>tabSelected="1"</v></c>'}        | ${undefined}
  `('takes only the tab-selected flag off a sheet view: $xml', ({ xml, after }) => {
    expect(withTabUnselected(xml)).toBe(after);
  });
});
