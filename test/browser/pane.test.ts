import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as acorn from 'acorn';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { teamsHighContrastTheme, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { describeWith } from '../support/requires';
import { type SampleCell, sampleTables, sheetOf } from '../../scripts/sample/sampleWorkbook';
import { columnLetters } from '../../src/engine';
import type { StubOptions } from './excelInBrowser';
import { bundleForBrowser, contentTypeOf, distDir, ensurePaneBuilt, repoRoot, serveFolder } from './paneServer';

/**
 * The built pane (dist/, exactly what `npm run build` makes) in a real Chromium, at the
 * 320 pixels of a narrow task pane, in Office's light and dark themes and in Windows high
 * contrast (forced colours). Every state is audited with axe-core and must show no
 * violations; screenshots go to test/.artifacts/browser/ (and the light results to
 * docs/images/taskpane.png). Microsoft's CDN is never reached: every
 * https://appsforoffice.microsoft.com request is answered here, and every other request off
 * localhost is refused (recorded: the Excel runs insist on none).
 */
const officeJsDir = path.join(repoRoot, 'node_modules/@microsoft/office-js/dist');
const cdnPrefix = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
const axeSource = path.join(repoRoot, 'node_modules/axe-core/axe.min.js');
const artifacts = path.join(repoRoot, 'test/.artifacts/browser');
const docsPicture = path.join(repoRoot, 'docs/images/taskpane.png');

/** What the Office stub leaves on the page: the fake Excel, to look at and to hold. */
type FakeOnPage = {
  __lpFake: {
    model: { selection: { sheet: string; address: string } | null };
    sheetNames(): string[];
    pauseSyncs(): void;
    resumeSyncs(): void;
    userTypes(sheet: string, address: string, values: unknown[][]): Promise<void>;
    failSync(code: string): void;
  };
};

type OfficeAnswer = 'real-office-js' | 'unreachable' | { readonly script: string };

/** The three ways the pane is seen: Office light, Office dark, Windows high contrast. */
const themes = [
  { name: 'light', dark: false, forcedColors: 'none', colorScheme: 'light' },
  { name: 'dark', dark: true, forcedColors: 'none', colorScheme: 'dark' },
  { name: 'forced-colors', dark: false, forcedColors: 'active', colorScheme: 'light' },
] as const;
type Theme = (typeof themes)[number];

/** A sample table's rows, by name. */
function sampleRows(name: string): readonly (readonly SampleCell[])[] {
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

/** axe-core's findings on the page as it is now, one line each, so a failure says what and where. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: readFileSync(axeSource, 'utf8') });
  const violations = await page.evaluate(async () => {
    type Found = { target: string[]; html: string; failureSummary?: string };
    const axe = (globalThis as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; help: string; nodes: Found[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    const where = (n: Found) => `${n.target.join(' ')} ${n.html.slice(0, 160)} ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}`;
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map(where).join('; ')})`);
  });
  return violations;
}

/** Fails with axe's findings if any; also checks nothing spills sideways in the 320-pixel pane. */
async function expectAccessible(page: Page, state: string): Promise<void> {
  // Let colour changes settle (a button just enabled fades from its disabled colours) before axe reads them.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 100)))));
  expect({ state, violations: await accessibilityViolations(page) }).toEqual({ state, violations: [] });
  expect({ state, width: await page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({ state, width: 320 });
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  // At rest: without the focus ring a keyboard step left.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
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
   * `stub` reaches the Office stub before it runs. The welcome counts as read unless asked.
   */
  async function openPane(
    answer: OfficeAnswer,
    options: { theme?: Theme; height?: number; stub?: StubOptions; welcome?: boolean; before?: string; page?: string } = {},
  ) {
    const theme = options.theme ?? themes[0];
    const context: BrowserContext = await browser.newContext({
      viewport: { width: 320, height: options.height ?? 720 },
      deviceScaleFactor: 2,
      forcedColors: theme.forcedColors,
      colorScheme: theme.colorScheme,
      // Fluent animates colour changes; with motion reduced (as Fluent honours) axe sees settled colours, not a frame mid-fade.
      reducedMotion: 'reduce',
      // A council's clock, fixed, so the results' time stamp (and so the pictures) are the same every run.
      timezoneId: 'Europe/London',
    });
    await context.clock.setFixedTime(new Date('2026-11-23T14:32:00Z'));
    await context.addInitScript(
      ({ stub, welcome }) => {
        (globalThis as { __lpStub?: unknown }).__lpStub = stub;
        if (!welcome) localStorage.setItem('LocalityPlanner.welcomeSeen', 'yes');
      },
      { stub: { isDarkTheme: theme.dark, ...options.stub }, welcome: options.welcome ?? false },
    );
    if (options.before) await context.addInitScript({ content: options.before });
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
    await page.goto(`${site.origin}/${options.page ?? 'taskpane.html'}`);
    return { page, context, refused, pageErrors };
  }

  it('outside Office, with the real office.js, says it runs inside Excel and points to help, with no developer steps', async () => {
    const { page, context, pageErrors } = await openPane('real-office-js');
    try {
      await page.getByRole('heading', { name: 'Locality Planner runs inside Excel' }).waitFor({ timeout: 30_000 });
      await page.getByText('This page is open in a web browser, not in Excel.').waitFor();
      expect(await page.getByRole('link', { name: 'Locality Planner help' }).getAttribute('href')).toBe('help.html');
      expect(await page.locator('body').textContent()).not.toMatch(/npm|dev-server/);
      expect(await page.getByRole('button', { name: 'Run' }).count()).toBe(0);
      await expectAccessible(page, 'outside Excel');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.each(themes.map((theme) => [theme.name, theme] as const))(
    'offline (%s), says in plain words that it cannot reach Excel and names the addresses a proxy must allow, readable at 320 px',
    async (name, theme) => {
      const { page, context } = await openPane('unreachable', { theme });
      try {
        await page.getByRole('heading', { name: 'Locality Planner cannot reach Excel' }).waitFor({ timeout: 30_000 });
        const hosts = await page.getByRole('listitem').allTextContents();
        expect(hosts.join(' ')).toContain('https://appsforoffice.microsoft.com');
        expect(hosts.join(' ')).toContain(site.origin);
        await expectAccessible(page, `offline ${name}`);
        await screenshot(page, `pane-offline-${name}`);
      } finally {
        await context.close();
      }
    },
  );

  it('in a webview too old for the bundle (no BigInt, as Internet Explorer and the old Edge), says Office is too old instead of a blank pane', async () => {
    const { page, context, pageErrors } = await openPane({ script: officeStub }, { before: 'delete globalThis.BigInt;' });
    try {
      await page.getByText('This version of Office is too old for Locality Planner: update Office or use Excel on the web.').waitFor({ timeout: 30_000 });
      await page.waitForTimeout(300);
      expect(await page.getByRole('button', { name: 'Run' }).count()).toBe(0);
      expect(await page.evaluate(() => (globalThis as { __lpTooOld?: boolean }).__lpTooOld)).toBe(true);
      await expectAccessible(page, 'too old');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keeps the old-webview check in ES3, which Internet Explorer parses', () => {
    const html = readFileSync(path.join(distDir, 'taskpane.html'), 'utf8');
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(inline).toHaveLength(1);
    expect(() => acorn.parse(inline[0], { ecmaVersion: 3 })).not.toThrow();
    expect(inline[0]).toContain('This version of Office is too old for Locality Planner: update Office or use Excel on the web.');
  });

  it('in Excel (a stub Office over the fake Excel holding the sample workbook), runs from the keyboard and shows the summary', async () => {
    const { page, context, refused, pageErrors } = await openPane({ script: officeStub }, { height: 900 });
    try {
      const inputs = page.getByRole('list', { name: 'Input tables found' });
      await inputs.waitFor({ timeout: 30_000 });
      expect(await inputs.getByRole('listitem').allTextContents()).toEqual([
        `Localities${sampleRows('Localities').length} rows (table on Localities)`,
        'Indicatorsnot found',
        `Parameters${sampleRows('Parameters').length} rows (table on Parameters)`,
        `Costs${sampleRows('Costs').length} rows (table on Costs)`,
        `Funding${sampleRows('Funding').length} rows (table on Funding)`,
        // Contract v1.1 §6.1: the optional Scenarios table, on a sheet of its own name (the run writes a Scenarios sheet).
        `Scenarios${sampleRows('Scenarios').length} rows (table on What if)`,
      ]);
      // The sample has its own Localities, so no starter Indicators is offered.
      expect(await page.getByRole('button', { name: /starter|missing/i }).count()).toBe(0);

      await page.getByRole('button', { name: 'Run' }).focus();
      await page.keyboard.press('Enter');
      const results = page.getByRole('heading', { name: 'Results' });
      await results.waitFor({ timeout: 60_000 });
      expect(await page.getByRole('status').first().textContent()).toBe('Finished.');
      expect(await page.getByTestId('selected-count').textContent()).toMatch(new RegExp(`^${expectedSelectedCount()}: `));
      expect(await page.getByTestId('shortfall').textContent()).toMatch(/^(\(?£[\d,]+\)?)(: in \d{4}\/\d\d|: funding covers every year)/);
      expect(await page.getByText('Run at 14:32 on 23 November 2026.').count()).toBe(1);
      // Issue 14, part 5: a first run in this workbook has nothing to compare.
      expect(await page.getByRole('region', { name: 'Since the last run' }).textContent()).toBe('Since the last runFirst run in this workbook: nothing to compare.');
      // What if (issue 12): Base, the sample's three scenarios and Confirmed funding only; five swings; the affordability sentences.
      const cases = await page.getByRole('list', { name: 'Cases planned' }).getByRole('listitem').allTextContents();
      expect(cases.map((c) => c.split(':')[0])).toEqual(['Base', 'Low', 'High', 'Grant continues', 'Confirmed funding only']);
      expect(await page.getByRole('list', { name: 'Largest swings' }).getByRole('listitem').count()).toBe(5);
      expect(await page.getByRole('list', { name: 'Affordability' }).getByRole('listitem').count()).toBe(3);
      // Focus moved to the results, for keyboard and screen-reader users.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Results');

      // The run wrote its sheets into the (fake) workbook through the real Office adapter.
      const sheets = await page.evaluate(() => (globalThis as unknown as FakeOnPage).__lpFake.sheetNames());
      expect(sheets).toEqual(expect.arrayContaining(['Localities', 'Parameters', 'Costs', 'Funding', 'Priorities', 'Projection', 'Warnings']));
      // The README picture shows the pane at rest after a run.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.screenshot({ path: docsPicture, fullPage: true });
      await page.getByRole('button', { name: 'Open Warnings' }).click();
      expect(await page.evaluate(() => (globalThis as unknown as { __lpFake: { model: { active: { name: string } } } }).__lpFake.model.active.name)).toBe('Warnings');
      expect(refused).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.each(themes.map((theme) => [theme.name, theme] as const))('in Excel (%s): every state of a run passes axe at 320 px', async (name, theme) => {
    const { page, context, pageErrors } = await openPane({ script: officeStub }, { theme, welcome: true });
    try {
      await page.getByRole('list', { name: 'Input tables found' }).waitFor({ timeout: 30_000 });
      await page.getByText('Welcome to Locality Planner').waitFor();
      await expectAccessible(page, `${name}: welcome and inputs`);
      await screenshot(page, `pane-${name}-start`);
      await page.getByRole('button', { name: 'Got it' }).click();

      // Mid-run: the fake Excel holds its requests while the pane is looked at.
      await page.evaluate(() => (globalThis as unknown as FakeOnPage).__lpFake.pauseSyncs());
      await page.getByRole('button', { name: 'Run' }).click();
      await page.getByRole('progressbar', { name: 'Run progress' }).waitFor();
      await page.getByText(/^Time so far: /).waitFor();
      await expectAccessible(page, `${name}: running`);
      await screenshot(page, `pane-${name}-running`);
      await page.evaluate(() => (globalThis as unknown as FakeOnPage).__lpFake.resumeSyncs());

      await page.getByRole('heading', { name: 'Results' }).waitFor({ timeout: 60_000 });
      await expectAccessible(page, `${name}: results`);
      await screenshot(page, `pane-${name}-results`);

      await page.getByRole('button', { name: 'About and compatibility' }).click();
      await page.getByRole('button', { name: 'Check this Excel' }).click();
      await page.getByRole('list', { name: 'What Check this Excel found' }).waitFor({ timeout: 60_000 });
      await expectAccessible(page, `${name}: about, after Check this Excel`);
      await screenshot(page, `pane-${name}-about`);

      // A user edits an input: the results say they are out of date.
      await page.evaluate(() => (globalThis as unknown as FakeOnPage).__lpFake.userTypes('Costs', 'D2', [[52000]]));
      await page.getByText('Inputs changed since this run.').waitFor();
      await expectAccessible(page, `${name}: results out of date`);

      // Run again: the pane says what changed since the first run, from the history the workbook now keeps (issue 14, part 5).
      await page.waitForTimeout(1_500);
      await page.getByRole('button', { name: 'Run' }).click();
      const since = page.getByRole('region', { name: /^Since the last run \(\d\d:\d\d on 23 November 2026\)$/ });
      await since.waitFor({ timeout: 60_000 });
      expect(await since.getByTestId('since-cost').textContent()).toMatch(/^£[\d,]+ \(£[\d,]+ more than £[\d,]+\)$/);
      await expectAccessible(page, `${name}: results compared with the last run`);
      await screenshot(page, `pane-${name}-since-last-run`);

      // Excel fails the next run: a plain message, with focus on it. (First let the pane finish
      // looking for the inputs again after the edit, or that request would meet the failure.)
      await page.waitForTimeout(1_500);
      await page.evaluate(() => (globalThis as unknown as FakeOnPage).__lpFake.failSync('GeneralException'));
      await page.getByRole('button', { name: 'Run' }).click();
      await page.getByText('Run stopped.').waitFor({ timeout: 30_000 });
      await expectAccessible(page, `${name}: run failed in Excel`);
      await screenshot(page, `pane-${name}-failed`);

      // Links look like links: underlined, and in high contrast in the system's link colour.
      const footerLinks = await page.getByRole('contentinfo').getByRole('link').evaluateAll((links) =>
        links.map((a) => ({ underline: getComputedStyle(a).textDecorationLine, color: getComputedStyle(a).color })),
      );
      expect(footerLinks.every((l) => l.underline === 'underline')).toBe(true);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.each(themes.map((theme) => [theme.name, theme] as const))('in Excel (%s): problems to fix are grouped, pass axe, and select their cells', async (name, theme) => {
    // The council's mainstream budget (Funding, first two rows, Annual amount) typed as "tbc".
    const funding = sampleTables.find((t) => t.name === 'Funding')!;
    const column = funding.header.indexOf('Annual amount');
    const letter = columnLetters(column);
    const { page, context, pageErrors } = await openPane({ script: officeStub }, { theme, stub: { spoil: { table: 'Funding', rows: [0, 1], column, value: 'tbc' } } });
    try {
      await page.getByRole('button', { name: 'Run' }).click({ timeout: 30_000 });
      const select = page.getByRole('button', { name: `Select these cells: Funding!${letter}2:${letter}3` });
      await select.waitFor({ timeout: 60_000 });
      expect(await page.getByText(`Funding!${letter}2:${letter}3 (2 cells)`).count()).toBe(1);
      expect(await page.getByRole('status').first().textContent()).toContain('Nothing was written');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('lp-issues-title');
      await expectAccessible(page, `${name}: problems`);
      await screenshot(page, `pane-${name}-problems`);
      await select.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => (globalThis as unknown as FakeOnPage).__lpFake.model.selection !== null);
      // ExcelApi 1.9 selects one area; this one is a single block.
      expect(await page.evaluate(() => (globalThis as unknown as FakeOnPage).__lpFake.model.selection)).toEqual({ sheet: 'Funding', address: `${letter}2:${letter}3` });
      expect(await page.evaluate(() => (globalThis as unknown as FakeOnPage).__lpFake.sheetNames())).toEqual(['About', ...sampleTables.map(sheetOf)]);
      await page.getByRole('button', { name: 'Write issues to a sheet' }).click();
      await page.getByText('Wrote the issues to the sheet Input problems. It is yours: the planner never changes it.').waitFor();
      await expectAccessible(page, `${name}: problems written to a sheet`);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.each(themes.map((theme) => [theme.name, theme] as const))('in Excel (%s): missing input tables are offered after a question that passes axe', async (name, theme) => {
    const { page, context, pageErrors } = await openPane({ script: officeStub }, { theme, stub: { drop: ['Costs'] } });
    try {
      await page.getByRole('button', { name: 'Add missing tables…' }).click({ timeout: 30_000 });
      const question = page.getByRole('group', { name: 'Add Costs?' });
      await question.waitFor();
      await expectAccessible(page, `${name}: starter tables question`);
      await screenshot(page, `pane-${name}-starter-question`);
      await question.getByRole('button', { name: 'Add table' }).click();
      await page.getByText(/^Added Costs with example rows/).waitFor({ timeout: 30_000 });
      await expectAccessible(page, `${name}: starter tables added`);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.each(themes.map((theme) => [theme.name, theme] as const))('in a new workbook (%s): offers starter tables at once, and they pass axe once inserted', async (name, theme) => {
    const { page, context, pageErrors } = await openPane({ script: officeStub }, { theme, stub: { drop: sampleTables.map((t) => t.name) } });
    try {
      await page.getByRole('heading', { name: 'New workbook?' }).waitFor({ timeout: 30_000 });
      await expectAccessible(page, `${name}: new workbook`);
      await screenshot(page, `pane-${name}-new-workbook`);
      await page.getByRole('button', { name: 'Insert starter tables' }).click();
      await page.getByText(/^Added Localities, Indicators, Parameters, Costs and Funding with example rows/).waitFor({ timeout: 30_000 });
      await page.getByRole('list', { name: 'Input tables found' }).getByRole('listitem').filter({ hasText: 'Indicators1 row' }).waitFor();
      await expectAccessible(page, `${name}: starter tables inserted`);
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
    const chosen = themes.find((t) => t.dark === dark && t.forcedColors === forcedColors)!;
    const { page, context } = await openPane({ script: officeStub }, { theme: chosen });
    try {
      await page.getByRole('button', { name: 'Run' }).waitFor({ timeout: 30_000 });
      const background = await page.evaluate(() =>
        getComputedStyle(document.querySelector('.fui-FluentProvider')!).getPropertyValue('--colorNeutralBackground1').trim(),
      );
      const fluent = { light: webLightTheme, dark: webDarkTheme, 'high-contrast': teamsHighContrastTheme } as const;
      expect(background.toLowerCase()).toBe(fluent[theme as keyof typeof fluent].colorNeutralBackground1.toLowerCase());
    } finally {
      await context.close();
    }
  });

  it.each(themes.map((theme) => [theme.name, theme] as const))('serves the help page the pane and the manifest link to, with its privacy and accessibility statements (%s)', async (name, theme) => {
    const { page, context } = await openPane('unreachable', { theme, page: 'help.html' });
    try {
      await page.getByRole('heading', { level: 1, name: 'Locality Planner help' }).waitFor({ timeout: 30_000 });
      expect(await page.locator('#privacy').textContent()).toBe('Privacy statement');
      expect(await page.locator('#accessibility').textContent()).toBe('Accessibility statement');
      expect(await page.locator('#versions').count()).toBe(1);
      expect(await page.getByText('Nothing leaves the workbook.', { exact: false }).count()).toBeGreaterThan(0);
      await expectAccessible(page, `help ${name}`);
    } finally {
      await context.close();
    }
  });
});
