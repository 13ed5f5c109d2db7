import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { teamsHighContrastTheme, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { describeWith } from '../support/requires';
import { sampleTables } from '../../scripts/sample/sampleWorkbook';
import { columnLetters } from '../../src/engine';
import type { StubOptions } from './excelInBrowser';
import { bundleForBrowser, contentTypeOf, distDir, ensurePaneBuilt, repoRoot, serveFolder } from './paneServer';

/**
 * The built pane (dist/, exactly what `npm run build` makes) in a real Chromium. Microsoft's
 * CDN is never reached: every https://appsforoffice.microsoft.com request is answered here,
 * and every other request off localhost is refused (recorded: the Excel run insists on none).
 */
const officeJsDir = path.join(repoRoot, 'node_modules/@microsoft/office-js/dist');
const cdnPrefix = 'https://appsforoffice.microsoft.com/lib/1/hosted/';

/** What the Office stub leaves on the page: the fake Excel, to look at after the pane is done. */
type FakeOnPage = { __lpFake: { model: { selection: { sheet: string; address: string } | null }; sheetNames(): string[] } };

type OfficeAnswer = 'real-office-js' | 'unreachable' | { readonly script: string };

const screenshotPath = path.join(repoRoot, 'docs/images/taskpane.png');

/** A sample table's rows, by name. */
function sampleRows(name: string): readonly (readonly (string | number | null)[])[] {
  const table = sampleTables.find((t) => t.name === name);
  if (!table) throw new Error(`The sample workbook has no ${name} table`);
  return table.rows;
}

/**
 * How many localities the sample should select, by contract §2's order: Include overrides,
 * then Per district in each district, then Additional (the sample's quotas all fit).
 */
function expectedSelectedCount(): number {
  const parameter = (key: string) => Number(sampleRows('Parameters').find(([name]) => name === key)?.[1] ?? 0);
  const localities = sampleRows('Localities');
  const districts = new Set(localities.map((row) => row[1]));
  const included = localities.filter((row) => row[5] === 'Include').length;
  return included + parameter('Per district') * districts.size + parameter('Additional');
}

describeWith(['chromium'], 'the built task pane in Chromium', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveFolder>>;
  let officeStub: string;

  beforeAll(async () => {
    ensurePaneBuilt();
    officeStub = await bundleForBrowser('test/browser/excelInBrowser.ts', path.join(repoRoot, 'test/.artifacts/browser/office-stub.js'));
    site = await serveFolder(distDir);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  /**
   * A fresh page whose office.js (and anything it loads from the CDN) comes from `answer`;
   * `stub` reaches the Office stub before it runs.
   */
  async function openPane(
    answer: OfficeAnswer,
    options: { viewport?: { width: number; height: number }; stub?: StubOptions; forcedColors?: 'active' | 'none' } = {},
  ) {
    const context: BrowserContext = await browser.newContext({
      viewport: options.viewport ?? { width: 320, height: 720 },
      deviceScaleFactor: 2,
      forcedColors: options.forcedColors ?? 'none',
    });
    await context.addInitScript((stub) => {
      (globalThis as { __lpStub?: unknown }).__lpStub = stub;
    }, options.stub ?? {});
    const refused: string[] = [];
    const pageErrors: string[] = [];
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith(site.origin)) return route.continue();
      if (!url.startsWith(cdnPrefix)) {
        refused.push(url);
        return route.abort();
      }
      if (answer === 'unreachable') return route.abort('internetdisconnected');
      if (answer === 'real-office-js') {
        // office.js asks for its helpers (o15apptofilemappingtable.js, strings) beside itself.
        const file = path.join(officeJsDir, new URL(url).pathname.slice('/lib/1/hosted/'.length));
        if (!file.startsWith(officeJsDir + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
          return route.fulfill({ status: 404, body: '' });
        }
        return route.fulfill({ path: file, contentType: contentTypeOf(file) });
      }
      return route.fulfill({ body: answer.script, contentType: 'text/javascript' });
    });
    const page: Page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${site.origin}/taskpane.html`);
    return { page, context, refused, pageErrors };
  }

  it('outside Office, with the real office.js, says it runs inside Excel and how to sideload it', async () => {
    const { page, context, pageErrors } = await openPane('real-office-js');
    try {
      await page.getByRole('heading', { name: 'Locality Planner runs inside Excel' }).waitFor({ timeout: 30_000 });
      await page.getByText('This page is open in a web browser, not in Excel.').waitFor();
      const steps = await page.getByRole('listitem').allTextContents();
      expect(steps.join(' ')).toMatch(/Upload my add-in.*manifest\.xml/);
      expect(await page.getByRole('link', { name: /sideloading Office add-ins/ }).getAttribute('href')).toMatch(/^https:\/\/learn\.microsoft\.com\//);
      // The Run button belongs to the Excel pane only.
      expect(await page.getByRole('button', { name: 'Run' }).count()).toBe(0);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('says office.js did not load when the CDN cannot be reached, rather than showing a blank pane', async () => {
    const { page, context } = await openPane('unreachable');
    try {
      await page.getByRole('heading', { name: 'Locality Planner runs inside Excel' }).waitFor({ timeout: 30_000 });
      await page.getByText(/office\.js\) did not load/).waitFor();
    } finally {
      await context.close();
    }
  });

  it('in Excel (a stub Office over the fake Excel holding the sample workbook), runs from the keyboard and shows the summary', async () => {
    const { page, context, refused, pageErrors } = await openPane({ script: officeStub }, { viewport: { width: 320, height: 900 } });
    try {
      const inputs = page.getByRole('list', { name: 'Input tables found' });
      await inputs.waitFor({ timeout: 30_000 });
      expect(await inputs.getByRole('listitem').allTextContents()).toEqual([
        `Localities${sampleRows('Localities').length} rows (table on Localities)`,
        'Indicatorsnot found',
        `Parameters${sampleRows('Parameters').length} rows (table on Parameters)`,
        `Costs${sampleRows('Costs').length} rows (table on Costs)`,
        `Funding${sampleRows('Funding').length} rows (table on Funding)`,
      ]);

      await page.getByRole('button', { name: 'Run' }).focus();
      await page.keyboard.press('Enter');
      const results = page.getByRole('heading', { name: 'Results' });
      await results.waitFor({ timeout: 60_000 });
      expect(await page.getByRole('status').textContent()).toBe('Finished.');
      expect(await page.getByTestId('selected-count').textContent()).toMatch(new RegExp(`^${expectedSelectedCount()}: `));
      expect(await page.getByText('Fernley Vale 005A', { exact: false }).count()).toBeGreaterThan(0);
      // Focus moved to the results, for keyboard and screen-reader users.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Results');

      // The run wrote its sheets into the (fake) workbook through the real Office adapter.
      const sheets = await page.evaluate(() => (globalThis as unknown as FakeOnPage).__lpFake.sheetNames());
      expect(sheets).toEqual(expect.arrayContaining(['Localities', 'Parameters', 'Costs', 'Funding', 'Priorities', 'Projection', 'Warnings']));

      // Nothing spills sideways in a 320-pixel pane.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

      // The README picture shows the pane at rest, without the focus ring the keyboard run left.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.screenshot({ path: screenshotPath, fullPage: true });
      expect(refused).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.each`
    theme              | dark     | forcedColors
    ${'dark'}          | ${true}  | ${'none'}
    ${'high-contrast'} | ${false} | ${'active'}
    ${'light'}         | ${false} | ${'none'}
  `('wears the $theme theme when Office is dark=$dark and forced colours are $forcedColors', async ({ theme, dark, forcedColors }) => {
    const { page, context } = await openPane({ script: officeStub }, { stub: { isDarkTheme: dark }, forcedColors });
    try {
      await page.getByRole('button', { name: 'Run' }).waitFor({ timeout: 30_000 });
      const background = await page.evaluate(() =>
        getComputedStyle(document.querySelector('.fui-FluentProvider')!).getPropertyValue('--colorNeutralBackground1').trim(),
      );
      const themes = { light: webLightTheme, dark: webDarkTheme, 'high-contrast': teamsHighContrastTheme } as const;
      expect(background.toLowerCase()).toBe(themes[theme as keyof typeof themes].colorNeutralBackground1.toLowerCase());
    } finally {
      await context.close();
    }
  });

  it('lists an input error, writes nothing, and selects the offending cell when the issue is activated', async () => {
    // The council's mainstream budget (Funding, first row, Annual amount) typed as "tbc".
    const funding = sampleTables.find((t) => t.name === 'Funding')!;
    const column = funding.header.indexOf('Annual amount');
    const cell = `${columnLetters(column)}2`;
    const { page, context, pageErrors } = await openPane(
      { script: officeStub },
      { stub: { spoil: { table: 'Funding', row: 0, column, value: 'tbc' } } },
    );
    try {
      await page.getByRole('button', { name: 'Run' }).click({ timeout: 30_000 });
      const goTo = page.getByRole('button', { name: `Go to Funding!${cell}` });
      await goTo.waitFor({ timeout: 60_000 });
      expect(await page.getByRole('status').textContent()).toContain('Nothing was written');
      await goTo.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => (globalThis as unknown as FakeOnPage).__lpFake.model.selection !== null);
      expect(await page.evaluate(() => (globalThis as unknown as FakeOnPage).__lpFake.model.selection)).toEqual({ sheet: 'Funding', address: cell });
      expect(await page.evaluate(() => (globalThis as unknown as FakeOnPage).__lpFake.sheetNames())).toEqual(['About', ...sampleTables.map((t) => t.name)]);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
