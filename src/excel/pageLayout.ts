import type { PagePlan } from '../engine';

/**
 * How an output sheet prints, applied through the worksheet's page layout (ExcelApi
 * 1.9, which the manifest requires): the plan's paper, orientation, margins, fitting,
 * print area, repeated header rows, header and footer, and page breaks. The CLI writes
 * the same plan into the package (src/xlsx), so a sheet prints alike from either host.
 */

const orientations = { landscape: 'Landscape', portrait: 'Portrait' } as const satisfies Record<PagePlan['orientation'], `${Excel.PageOrientation}`>;
const papers = { A4: 'A4' } as const satisfies Record<PagePlan['paper'], `${Excel.PaperType}`>;
/** Inches as points, to the hundredth (0.3" is 21.6 points, not 21.599999999999998). */
const points = (inches: number): number => Math.round(inches * 72 * 100) / 100;

/** `$4:$4`: whole rows, as print titles must be given. */
const wholeRows = (first: number, last: number): string => `$${first + 1}:$${last + 1}`;

/** Queues the page set-up of one sheet: about 20 property writes and one call per page break. */
export function applyPageLayout(sheet: Excel.Worksheet, page: PagePlan): void {
  const layout = sheet.pageLayout;
  layout.orientation = orientations[page.orientation];
  layout.paperSize = papers[page.paper];
  layout.leftMargin = points(page.margins.left);
  layout.rightMargin = points(page.margins.right);
  layout.topMargin = points(page.margins.top);
  layout.bottomMargin = points(page.margins.bottom);
  layout.headerMargin = points(page.margins.header);
  layout.footerMargin = points(page.margins.footer);
  // Zero pages down is "as many as it takes", as fitToHeight="0" is in the file format.
  layout.zoom = { horizontalFitToPages: page.fitTo.across, verticalFitToPages: page.fitTo.down ?? 0 };
  const area = page.printArea;
  layout.setPrintArea(sheet.getRangeByIndexes(area.row, area.column, area.rows, area.columns));
  if (page.titleRows) layout.setPrintTitleRows(wholeRows(page.titleRows.first, page.titleRows.last));
  const all = layout.headersFooters.defaultForAllPages;
  all.leftHeader = page.header.left;
  all.centerHeader = page.header.center;
  all.rightHeader = page.header.right;
  all.leftFooter = page.footer.left;
  all.centerFooter = page.footer.center;
  all.rightFooter = page.footer.right;
  // A break goes above the row given: that row begins the next page.
  for (const row of page.breaksBefore) sheet.horizontalPageBreaks.add(sheet.getRangeByIndexes(row, 0, 1, 1));
}

/** Operations one page set-up queues, for the request budget. */
export const pageLayoutOperations = (page: PagePlan | null): number => (page === null ? 0 : 20 + page.breaksBefore.length * 2);
