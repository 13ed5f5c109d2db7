/*
 * "Check this Excel": each call Locality Planner depends on that some Excel builds are known
 * to refuse, tried once on a temporary very hidden sheet, which is then removed. The pane's
 * About area runs it through the adapter; docs/verify-in-excel.md carries the same code as a
 * Script Lab snippet for IT teams (scripts/scriptLabSnippet.ts makes it from this file, so
 * this file uses nothing but the Excel API: no imports).
 */

/** The temporary sheet the check works on (very hidden while it exists, removed at the end). */
export const PROBE_SHEET = '_LocalityPlannerCheck';

/** Text Excel would read as a formula, a number, a date or a boolean if it were typed. */
export const formulaLikeText: readonly string[] = ['=SUM(1,2)', '+44 1827 709709', '-£5,000 cut', '@risk', "'quoted", '007', '2012/13', 'TRUE'];

/**
 * Text behind an apostrophe, Excel's quote prefix: Excel stores the rest as text, whatever
 * it looks like (the value stays the text; office-js #6687). The planner writes every string
 * this way, into cells that are General at that moment.
 */
export function quoteForExcel(text: string): string {
  return text === '' ? text : `'${text}`;
}

/** One call tried, and how it went. */
export interface ProbeCheck {
  readonly id: 'text' | 'chart-axes' | 'unfreeze-hidden' | 'blank-series' | 'print-and-alt-text' | 'sheet-mark' | 'payload';
  readonly label: string;
  readonly passed: boolean;
  readonly detail: string;
}

export interface ProbeResult {
  readonly checks: readonly ProbeCheck[];
  /** The request budget the payload calibration supports, in bytes as the planner counts them. */
  readonly requestBudgetBytes: number;
}

export interface ProbeOptions {
  /** Request sizes to try, smallest first (default 256 KB, 1 MB and 2 MB). */
  readonly payloadSteps?: readonly number[];
  /** The planner's default budget: the most the calibration recommends. */
  readonly maxBudgetBytes?: number;
  /** The least it recommends, when even the smallest step fails. */
  readonly minBudgetBytes?: number;
  /** How long one request may take: a base plus a wait per megabyte. */
  readonly timeoutMs?: (bytes: number) => number;
}

const codeOf = (error: unknown): string => {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
};

async function syncWithin(context: Excel.RequestContext, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${Math.round(ms / 1000)} s`), { code: 'Timeout' })), ms);
  });
  try {
    await Promise.race([context.sync(), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Rows shaped like the planner's Priorities sheet, about `bytes` of JSON in all. */
function calibrationRows(bytes: number): (string | number)[][] {
  const row = (i: number): (string | number)[] => [i + 1, `Locality ${String(i + 1).padStart(6, '0')}`, 'District', 12345.67 + i, 42.5, 'Yes', 'Selected as one of the most in need in its district'];
  const rowBytes = JSON.stringify(row(999_999)).length + 1;
  return Array.from({ length: Math.max(1, Math.ceil(bytes / rowBytes)) }, (_, i) => row(i));
}

/**
 * Runs every check on `context`. Each check is its own request, so one refusal does not
 * stop the others; the temporary sheet is removed whatever happens (made merely hidden
 * first: Excel will not delete a very hidden sheet, office-js #365).
 */
export async function probeExcel(context: Excel.RequestContext, options: ProbeOptions = {}): Promise<ProbeResult> {
  const steps = options.payloadSteps ?? [256 * 1024, 1_000_000, 2_000_000];
  const maxBudget = options.maxBudgetBytes ?? 1_800_000;
  const minBudget = options.minBudgetBytes ?? 128 * 1024;
  const timeoutMs = options.timeoutMs ?? ((bytes: number) => 60_000 + (bytes / 1_000_000) * 30_000);
  const sheets = context.workbook.worksheets;
  const checks: ProbeCheck[] = [];
  const removeProbeSheet = async () => {
    const leftover = sheets.getItemOrNullObject(PROBE_SHEET).load('name');
    await syncWithin(context, timeoutMs(0));
    if (leftover.isNullObject) return;
    leftover.visibility = 'Hidden';
    leftover.delete();
    await syncWithin(context, timeoutMs(0));
  };

  // A sheet left by a check that was interrupted goes first.
  await removeProbeSheet();
  const made = sheets.add(PROBE_SHEET);
  made.visibility = 'VeryHidden';
  await syncWithin(context, timeoutMs(0));
  const probe = () => sheets.getItem(PROBE_SHEET);
  let budget = minBudget;
  try {
    // 1. Text that looks like a formula stays text, written as the planner writes it.
    try {
      const range = probe().getRange(`A1:A${formulaLikeText.length}`);
      range.numberFormat = formulaLikeText.map(() => ['General']);
      range.values = formulaLikeText.map((text) => [quoteForExcel(text)]);
      range.numberFormat = formulaLikeText.map(() => ['@']);
      await syncWithin(context, timeoutMs(0));
      const back = probe().getRange(`A1:A${formulaLikeText.length}`).load('values,valueTypes');
      await syncWithin(context, timeoutMs(0));
      const wrong = formulaLikeText.filter((text, i) => back.values[i][0] !== text || back.valueTypes[i][0] !== 'String');
      checks.push({
        id: 'text',
        label: 'Text that looks like a formula stays text',
        passed: wrong.length === 0,
        detail: wrong.length === 0 ? `All ${formulaLikeText.length} came back exactly as written.` : `Changed by Excel: ${wrong.join(', ')}.`,
      });
    } catch (error) {
      checks.push({ id: 'text', label: 'Text that looks like a formula stays text', passed: false, detail: `Excel refused the write (${codeOf(error)}).` });
    }

    // 2. The chart axis settings the planner uses.
    try {
      const sheet = probe();
      sheet.getRange('D1:E3').values = [['Locality', 'Need score'], ['Alpha', 80], ['Beta', 60]];
      const chart = sheet.charts.add('BarStacked', sheet.getRange('D1:E3'), 'Columns');
      chart.name = 'LP_Check_Axes';
      chart.axes.valueAxis.numberFormat = '0.0';
      chart.axes.valueAxis.maximum = 100;
      chart.axes.valueAxis.title.text = 'Need score';
      chart.axes.categoryAxis.reversePlotOrder = true;
      chart.axes.categoryAxis.position = 'Maximum';
      chart.axes.categoryAxis.title.visible = false;
      await syncWithin(context, timeoutMs(0));
      const axes = sheet.charts.getItem('LP_Check_Axes').axes;
      const value = axes.valueAxis.load('maximum,numberFormat');
      const valueTitle = axes.valueAxis.title.load('text');
      const category = axes.categoryAxis.load('reversePlotOrder,position');
      const categoryTitle = axes.categoryAxis.title.load('visible');
      await syncWithin(context, timeoutMs(0));
      const kept = value.maximum === 100 && value.numberFormat === '0.0' && valueTitle.text === 'Need score' && category.reversePlotOrder === true && category.position === 'Maximum' && categoryTitle.visible === false;
      checks.push({
        id: 'chart-axes',
        label: 'Chart axis settings',
        passed: kept,
        detail: kept ? 'Scale maximum, number format, reversed categories, axis position and titles all kept.' : 'Excel accepted the settings but did not keep them all; charts may look different from the .xlsx results.',
      });
    } catch (error) {
      checks.push({ id: 'chart-axes', label: 'Chart axis settings', passed: false, detail: `Excel refused them (${codeOf(error)}).` });
    }

    // 3. Unfreezing panes on a very hidden sheet (office-js #1463); the planner never does it.
    try {
      probe().freezePanes.unfreeze();
      await syncWithin(context, timeoutMs(0));
      checks.push({ id: 'unfreeze-hidden', label: 'Unfreezing panes on a very hidden sheet', passed: true, detail: 'Allowed. (The planner never does this either way.)' });
    } catch (error) {
      checks.push({ id: 'unfreeze-hidden', label: 'Unfreezing panes on a very hidden sheet', passed: false, detail: `Refused (${codeOf(error)}): this Excel has the fault of office-js #1463. The planner never does this, so runs are not affected.` });
    }

    // 4. Formatting a chart series with no values; the planner leaves such series out.
    try {
      const sheet = probe();
      sheet.getRange('G1:I3').values = [['Locality', 'Selected', 'Not selected'], ['Alpha', 80, null], ['Beta', 60, null]];
      const chart = sheet.charts.add('BarStacked', sheet.getRange('G1:I3'), 'Columns');
      chart.series.getItemAt(1).format.fill.setSolidColor('#BFBFBF');
      await syncWithin(context, timeoutMs(0));
      checks.push({ id: 'blank-series', label: 'A chart series with no values', passed: true, detail: 'Allowed. (The planner leaves such series out either way.)' });
    } catch (error) {
      checks.push({ id: 'blank-series', label: 'A chart series with no values', passed: false, detail: `Refused (${codeOf(error)}). The planner leaves such series out, so runs are not affected.` });
    }

    // 5. Printing and reading the results: the page set-up, a chart's alternative text (set
    // through the shape that holds the chart: the chart itself has none in the API), the
    // shortfall's labels and the dashed cumulative line.
    const printLabel = 'Page set-up and charts’ alternative text';
    try {
      const sheet = probe();
      sheet.getRange('K1:M3').values = [['Year', 'Funding', 'Shortfall'], ['2025/26', 80, 0], ['2026/27', 60, 20]];
      const layout = sheet.pageLayout;
      layout.orientation = 'Landscape';
      layout.paperSize = 'A4';
      layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      layout.setPrintArea(sheet.getRange('A1:M3'));
      layout.setPrintTitleRows('$1:$1');
      layout.headersFooters.defaultForAllPages.centerHeader = '&A';
      layout.headersFooters.defaultForAllPages.rightHeader = 'Page &P of &N';
      sheet.horizontalPageBreaks.add(sheet.getRange('A3'));
      const chart = sheet.charts.add('ColumnStacked', sheet.getRange('K1:M3'), 'Columns');
      chart.name = 'LP_Check_AltText';
      const shortfall = chart.series.getItemAt(1);
      shortfall.hasDataLabels = true;
      shortfall.dataLabels.showValue = true;
      shortfall.dataLabels.position = 'Center';
      shortfall.dataLabels.numberFormat = '"£"#,##0;("£"#,##0);;';
      shortfall.chartType = 'Line';
      shortfall.format.line.lineStyle = 'Dash';
      const shape = sheet.shapes.getItem('LP_Check_AltText');
      shape.altTextDescription = 'Funding falls short from 2026/27.';
      await syncWithin(context, timeoutMs(0));
      const back = sheet.shapes.getItem('LP_Check_AltText').load('altTextDescription');
      const page = sheet.pageLayout.load('orientation,paperSize');
      await syncWithin(context, timeoutMs(0));
      const kept = back.altTextDescription === 'Funding falls short from 2026/27.' && page.orientation === 'Landscape' && page.paperSize === 'A4';
      checks.push({
        id: 'print-and-alt-text',
        label: printLabel,
        passed: kept,
        detail: kept
          ? 'Landscape A4 fitted to the width, print area, repeated header row, header, page break, chart labels, a dashed line and a chart’s alternative text all taken.'
          : 'Excel took the calls but did not keep them all; results may print differently, or charts lack their alternative text.',
      });
    } catch (error) {
      checks.push({ id: 'print-and-alt-text', label: printLabel, passed: false, detail: `Refused (${codeOf(error)}). Runs in this Excel would stop while drawing the charts: please report it with this message.` });
    }

    // 6. The mark that proves a sheet is the planner's: a hidden name scoped to the sheet
    // (ExcelApi 1.4), whose formula reads back as written and which stays hidden.
    const markLabel = 'The mark on the planner’s own sheets';
    const markName = '_LocalityPlannerSheet';
    try {
      const sheet = probe();
      sheet.names.add(markName, '="lp1-check"').visible = false;
      await syncWithin(context, timeoutMs(0));
      const mark = probe().names.getItem(markName).load('formula,visible');
      await syncWithin(context, timeoutMs(0));
      const kept = mark.formula === '="lp1-check"' && !mark.visible;
      checks.push({
        id: 'sheet-mark',
        label: markLabel,
        passed: kept,
        detail: kept
          ? 'A hidden name scoped to a sheet was added and read back as written.'
          : `Excel added the name but read it back as ${JSON.stringify(mark.formula)}${mark.visible ? ', visible' : ''}: the planner may not recognise its own sheets in this Excel; please report it with this message.`,
      });
    } catch (error) {
      checks.push({ id: 'sheet-mark', label: markLabel, passed: false, detail: `Refused (${codeOf(error)}). Runs in this Excel cannot mark the sheets they write: please report it with this message.` });
    }

    // 7. Payload calibration: the largest request this Excel takes, up to the planner's default.
    let largest = 0;
    let refusal = '';
    for (const bytes of steps) {
      try {
        const rows = calibrationRows(bytes);
        probe().getRangeByIndexes(0, 10, rows.length, rows[0].length).values = rows;
        await syncWithin(context, timeoutMs(bytes));
        largest = bytes;
      } catch (error) {
        refusal = codeOf(error);
        break;
      }
    }
    budget = largest === 0 ? minBudget : Math.max(minBudget, Math.min(maxBudget, Math.floor(largest * 0.9)));
    const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(bytes < 1_000_000 ? 2 : 1)} MB`;
    checks.push({
      id: 'payload',
      label: 'Large requests',
      passed: largest > 0,
      detail:
        (largest > 0 ? `Took requests up to ${megabytes(largest)}` : 'Refused even the smallest request tried') +
        (refusal ? `; refused the next size (${refusal})` : '') +
        `. Requests will be kept under ${megabytes(budget)}.`,
    });
  } finally {
    await removeProbeSheet();
  }
  return { checks, requestBudgetBytes: budget };
}
