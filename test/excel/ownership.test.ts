import { strFromU8, unzipSync, zipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { type CellValue, MARK_NAME, OWNERSHIP_SHEET, runPlanner, stringConstant } from '../../src/engine';
import type { RunReport } from '../../src/excel/host';
import { createOfficeHost } from '../../src/excel/officeHost';
import { readWorkbook } from '../../src/excel/readWorkbook';
import { ExcelSession } from '../../src/excel/session';
import { sheetsToAdd } from '../../src/excel/unlistedSheets';
import { WorkbookPackage } from '../../src/xlsx/package';
import { FakeExcel, type SheetSpec } from '../fakes/fakeExcel';
import { type RawCell, type RawSheet, rawParts } from '../xlsx/rawWorkbook';

/**
 * The add-in follows the same ownership rule as the command-line tool, with the same
 * record and the same marks (issue 9, part 1), on the fake Excel: chart sheets it cannot
 * list, a renamed sheet of its own, a copy; and each host refreshes what the other made.
 */

const at = (iso: string) => () => new Date(iso);
const hostOver = (fake: FakeExcel, now = at('2026-11-23T12:00:00Z')) =>
  createOfficeHost(fake.run, { now, isSetSupported: (name, version) => fake.isSetSupported(name, version), yieldToPaint: async () => undefined });
const run = (fake: FakeExcel, now?: () => Date): Promise<RunReport> => hostOver(fake, now).run(() => undefined);

const inputs: SheetSpec[] = [
  { name: 'Parameters', cells: [['Parameter', 'Value'], ['First year', '2012/13'], ['Years', 3]], tables: [{ name: 'Parameters', range: 'A1:B3' }] },
  { name: 'Costs', cells: [['Cost line', 'Unit cost'], ['Locality Manager', 40000]], tables: [{ name: 'Costs', range: 'A1:B2' }] },
];
const outputs = ['Summary', 'Projection', 'Priorities', 'Allocation', 'Warnings', 'Charts', 'Scenarios', 'Sensitivity', 'Run info'];

const errorsOf = (report: RunReport) => report.issues.filter((i) => i.severity === 'error').map((i) => `${i.code} ${i.sheet ?? ''}: ${i.message}`);
const markOn = (fake: FakeExcel, sheet: string) => fake.sheetScopedNames(sheet).find((n) => n.name === MARK_NAME);

describe('the add-in proves its sheets by the same marks', () => {
  it('gives each sheet it adds a hidden mark, scoped to the sheet, that the record lists', async () => {
    const fake = new FakeExcel({ sheets: inputs });
    expect((await run(fake)).ok).toBe(true);
    // The record's item columns (the run history block below them is wider).
    const record = fake.values(OWNERSHIP_SHEET).map((r) => r.slice(0, 4));
    for (const sheet of outputs) {
      const name = markOn(fake, sheet);
      expect(name).toMatchObject({ visible: false, formula: expect.stringMatching(/^="lp1-[0-9a-f]{24}"$/) });
      expect(record).toContainEqual(['sheet', sheet, sheet, stringConstant(name!.formula)]);
    }
    expect(markOn(fake, OWNERSHIP_SHEET)).toBeUndefined();
  });

  it.each(['Charts', 'Projection'])('stops before writing anything when a chart sheet Office.js cannot list is named %s, in a workbook never run on', async (name) => {
    const fake = new FakeExcel({ sheets: inputs, chartSheets: [name] });
    const before = JSON.stringify({ sheets: fake.sheetNames(), inputs: inputs.map((s) => fake.values(s.name)), tables: fake.tables() });
    const report = await run(fake);
    expect(report.ok).toBe(false);
    expect(errorsOf(report)).toEqual([
      `OWNERSHIP ${name}: The workbook already has a sheet that is not a worksheet (a chart sheet, say) named "${name}" that Locality Planner did not create, so nothing was written. Rename that sheet (right-click its tab, then Rename), or give the results other names with the parameter Output sheet prefix (for example "LP", which makes "LP ${name}"), then run again.`,
    ]);
    expect(JSON.stringify({ sheets: fake.sheetNames(), inputs: inputs.map((s) => fake.values(s.name)), tables: fake.tables() })).toBe(before);
    expect(fake.otherSheetNames()).toEqual([name]);
  });

  it('tries the names it would add in one request, and only then one by one to say which', async () => {
    const fake = new FakeExcel({ sheets: inputs, chartSheets: ['Charts'] });
    await run(fake);
    // Two reads (no Localities to fetch), the request trying every name, then one per name (nine sheets and the record).
    expect(fake.syncCount).toBe(2 + 1 + 10);
  });

  it('tries no name on a re-run, which adds no sheet', async () => {
    const fake = new FakeExcel({ sheets: inputs });
    await run(fake);
    const outcome = runPlanner(await readWorkbook(new ExcelSession(fake.context)), { now: new Date('2026-12-01T09:00:00Z'), toolVersion: 'test', host: 'test' });
    if (!outcome.ok) throw new Error('the re-run stopped');
    expect(sheetsToAdd(outcome.plan, fake.sheetNames())).toEqual([]);
    expect(sheetsToAdd(outcome.plan, inputs.map((s) => s.name))).toEqual([...outputs, OWNERSHIP_SHEET]);
  });

  it('refreshes its renamed sheet under the new name and leaves the user’s own sheet of the old name alone', async () => {
    const fake = new FakeExcel({ sheets: inputs });
    await run(fake);
    fake.renameSheet('Projection', 'Projection (Sept)');
    const mine = fake.context.workbook.worksheets.add('Projection');
    mine.getRange('A1:B1').values = [['My own projection', 42]];
    await fake.context.sync();
    const report = await run(fake, at('2026-12-01T09:00:00Z'));
    expect(report.ok).toBe(true);
    expect(report.issues.map((i) => i.message)).toContain('Locality Planner\'s Projection sheet is now named "Projection (Sept)"; its results were refreshed there, under that name.');
    expect(fake.values('Projection')).toEqual([['My own projection', 42]]);
    expect(markOn(fake, 'Projection')).toBeUndefined();
    expect(fake.values('Projection (Sept)')[0][0]).toBe('Projection');
    expect(fake.sheetNames().filter((n) => n.startsWith('Projection'))).toEqual(['Projection (Sept)', 'Projection']);
    expect(fake.values(OWNERSHIP_SHEET).map((r) => r.slice(0, 4))).toContainEqual(['sheet', 'Projection', 'Projection (Sept)', stringConstant(markOn(fake, 'Projection (Sept)')!.formula)]);
  });

  it('leaves a copy of its sheet alone (the copy carries the mark, but not the recorded name)', async () => {
    const fake = new FakeExcel({ sheets: inputs });
    await run(fake);
    fake.copySheet('Charts', 'Charts (2)');
    const copy = fake.values('Charts (2)');
    const report = await run(fake, at('2026-12-01T09:00:00Z'));
    expect(report.ok).toBe(true);
    expect(fake.values('Charts (2)')).toEqual(copy);
    expect(fake.charts('Charts').length).toBeGreaterThan(0);
  });

  it('refuses a sheet of an output’s name that carries no mark, though the record lists the name', async () => {
    const fake = new FakeExcel({ sheets: inputs });
    await run(fake);
    // The user deletes the tool's Warnings sheet and makes one of their own by that name.
    fake.sheet('Warnings').deleted = true;
    const theirs = fake.context.workbook.worksheets.add('Warnings');
    theirs.getRange('A1').values = [['My warnings']];
    await fake.context.sync();
    const report = await run(fake, at('2026-12-01T09:00:00Z'));
    expect(errorsOf(report)).toContainEqual(expect.stringMatching(/^OWNERSHIP Warnings: The workbook already has a sheet named "Warnings" that Locality Planner did not create/));
    expect(fake.values('Warnings')).toEqual([['My warnings']]);
  });
});

describe('the add-in with a Scenarios input on a sheet named Scenarios', () => {
  const scenarioRows = [['Table', 'Item', 'Field', 'Low', 'High'], [null, 'Locality Manager', 'Unit cost', 30000, 50000]];
  it.each`
    layout                                   | sheet
    ${'an Excel table named Scenarios on it'} | ${{ name: 'Scenarios', cells: scenarioRows, tables: [{ name: 'Scenarios', range: 'A1:E2' }] }}
    ${'the plain sheet itself'}              | ${{ name: 'Scenarios', cells: scenarioRows }}
  `('reads it, leaves it as typed and writes the what-if results to Cases, as the CLI does: $layout', async ({ sheet }) => {
    const fake = new FakeExcel({ sheets: [...inputs, sheet as SheetSpec] });
    const report = await run(fake);
    expect(errorsOf(report)).toEqual([]);
    expect(fake.sheetNames()).toEqual(expect.arrayContaining(['Scenarios', 'Cases']));
    expect(fake.values('Scenarios')).toEqual(scenarioRows);
    expect(fake.values('Cases')[0][0]).toBe('Scenarios');
    // A refresh finds its own Cases sheet again: no new sheet, the input still as typed.
    const names = fake.sheetNames();
    expect(errorsOf(await run(fake))).toEqual([]);
    expect(fake.sheetNames()).toEqual(names);
    expect(fake.values('Scenarios')).toEqual(scenarioRows);
  });
});

// ------------------------------------------------------------ across hosts

/** A cell as the fake holds it, as raw SpreadsheetML. */
const rawCell = (v: string | number | boolean | null): RawCell => v;

/** The fake's workbook saved as an .xlsx, as Excel would save it: cells, tables, visibility and the sheet-scoped names. */
function saveAsXlsx(fake: FakeExcel): Uint8Array {
  const names = fake.sheetNames();
  const sheets: RawSheet[] = names.map((name) => ({
    name,
    rows: fake.values(name).map((r) => r.map(rawCell)),
    tables: fake.tables().filter((t) => t.sheet === name).map((t) => ({ name: t.name, ref: t.address, columns: fake.values(name, t.address)[0].map(String) })),
  }));
  return zipSync(
    rawParts({
      sheets,
      edit: (p) => {
        let wb = strFromU8(p['xl/workbook.xml']);
        names.forEach((name) => {
          if (fake.sheet(name).visibility === 'VeryHidden') wb = wb.replace(`<sheet name="${name}"`, `<sheet name="${name}" state="veryHidden"`);
        });
        const defined = names.flatMap((name, i) => fake.sheetScopedNames(name).map((n) => `<definedName name="${n.name}" localSheetId="${i}"${n.visible ? '' : ' hidden="1"'}>${n.formula.slice(1).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</definedName>`));
        if (defined.length > 0) wb = wb.replace('</sheets>', `</sheets><definedNames>${defined.join('')}</definedNames>`);
        p['xl/workbook.xml'] = new TextEncoder().encode(wb);
      },
    }),
  );
}

/** An .xlsx opened in the fake Excel: every worksheet's cells, tables, visibility and sheet-scoped names. */
function openInExcel(bytes: Uint8Array): FakeExcel {
  const pkg = WorkbookPackage.open(bytes);
  const parts = unzipSync(bytes);
  const wb = strFromU8(parts['xl/workbook.xml']);
  const entries = [...wb.matchAll(/<sheet ([^>]*)\/>/g)].map((m) => ({ name: /name="([^"]+)"/.exec(m[1])![1].replace(/&amp;/g, '&'), state: /state="(\w+)"/.exec(m[1])?.[1], id: /r:id="(rId\d+)"/.exec(m[1])![1] }));
  const marks = [...wb.matchAll(/<definedName name="([^"]+)" localSheetId="(\d+)"[^>]*>([^<]*)<\/definedName>/g)].map((m) => ({ name: m[1], index: Number(m[2]), formula: `=${m[3].replace(/&quot;/g, '"')}` }));
  const sheets: SheetSpec[] = entries.map((e, index) => {
    const part = pkg.relationships('xl/workbook.xml').find((r) => r.id === e.id)!.part!;
    const cells: CellValue[][] = [];
    const xml = strFromU8(parts[part]);
    for (const c of xml.matchAll(/<c r="([A-Z]+)(\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/g)) {
      const column = [...c[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const row = Number(c[2]) - 1;
      const inner = c[4] ?? '';
      const shared = /t="s"/.test(c[3]);
      const inline = /<t[^>]*>([^<]*)<\/t>/.exec(inner)?.[1];
      const v = /<v>([^<]*)<\/v>/.exec(inner)?.[1];
      let value: CellValue = null;
      if (inline !== undefined) value = inline.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
      else if (shared && v !== undefined) value = sharedStrings(parts)[Number(v)];
      else if (/t="b"/.test(c[3])) value = v === '1';
      else if (v !== undefined && v !== '') value = Number(v);
      while (cells.length <= row) cells.push([]);
      while (cells[row].length < column) cells[row].push(null);
      cells[row][column] = value;
    }
    const tables = pkg.relationships(part).filter((r) => r.type.endsWith('/table')).map((r) => {
      const t = strFromU8(parts[r.part!]);
      return { name: /\bname="([^"]+)"/.exec(t)![1], range: /\bref="([^"]+)"/.exec(t)![1] };
    });
    return {
      name: e.name,
      visibility: e.state === 'veryHidden' ? 'VeryHidden' : e.state === 'hidden' ? 'Hidden' : 'Visible',
      cells: cells.map((r) => r.map((v) => (v === null || typeof v === 'object' ? null : v))),
      tables,
      names: marks.filter((m) => m.index === index).map((m) => ({ name: m.name, formula: m.formula })),
    };
  });
  return new FakeExcel({ sheets });
}

function sharedStrings(parts: Record<string, Uint8Array>): string[] {
  const xml = parts['xl/sharedStrings.xml'] ? strFromU8(parts['xl/sharedStrings.xml']) : '';
  return [...xml.matchAll(/<si>(.*?)<\/si>/g)].map((m) => [...m[1].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join('').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'"));
}

describe('each host refreshes in place what the other made', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lp-cross-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const cli = async (file: string, now: () => Date): Promise<{ code: number; out: string }> => {
    const out: string[] = [];
    const code = await main(['run', file, '--in-place'], { out: (t) => out.push(t), err: (t) => out.push(t) }, now);
    return { code, out: out.join('\n') };
  };
  const marksIn = (bytes: Uint8Array) => {
    const wb = strFromU8(unzipSync(bytes)['xl/workbook.xml']);
    const names = [...wb.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
    return Object.fromEntries([...wb.matchAll(new RegExp(`<definedName name="${MARK_NAME}" localSheetId="(\\d+)"[^>]*>"([^"]+)"</definedName>`, 'g'))].map((m) => [names[Number(m[1])], m[2]]));
  };

  it('the command-line tool refreshes the add-in’s results in place, by the add-in’s marks', async () => {
    const fake = new FakeExcel({ sheets: inputs });
    expect((await run(fake)).ok).toBe(true);
    const saved = saveAsXlsx(fake);
    const madeByAddIn = Object.fromEntries(outputs.map((s) => [s, stringConstant(markOn(fake, s)!.formula)]));
    const file = path.join(dir, 'plan.xlsx');
    writeFileSync(file, saved);
    const { code, out } = await cli(file, at('2026-12-01T09:00:00Z'));
    expect({ code, out }).toEqual({ code: 0, out: expect.not.stringContaining('did not create') });
    const after = readFileSync(file);
    expect(marksIn(after)).toEqual(madeByAddIn);
    expect([...strFromU8(unzipSync(after)['xl/workbook.xml']).matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual([...inputs.map((s) => s.name), OWNERSHIP_SHEET, ...outputs]);
  });

  it('the add-in refreshes the command-line tool’s results in place, by the tool’s marks', async () => {
    const file = path.join(dir, 'plan.xlsx');
    const fakeInputs = new FakeExcel({ sheets: inputs });
    writeFileSync(file, saveAsXlsx(fakeInputs));
    expect((await cli(file, at('2026-11-23T12:00:00Z'))).code).toBe(0);
    const made = readFileSync(file);
    const fake = openInExcel(made);
    const before = fake.sheetNames();
    const report = await run(fake, at('2026-12-01T09:00:00Z'));
    expect(errorsOf(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(fake.sheetNames()).toEqual(before);
    expect(Object.fromEntries(outputs.map((s) => [s, stringConstant(markOn(fake, s)!.formula)]))).toEqual(marksIn(made));
  });
});

/** The Run history table's rows on a sheet in the fake, below its header: time serial, fingerprint, run by, version, cost, shortfall. */
function historyIn(fake: FakeExcel, sheet: string): CellValue[][] {
  const rows = fake.values(sheet) as CellValue[][];
  const header = rows.findIndex((r) => r[0] === 'Run at (UTC)');
  const out: CellValue[][] = [];
  for (let r = header + 1; header >= 0 && r < rows.length && rows[r][0] !== '' && rows[r][0] !== null; r++) out.push(rows[r].slice(0, 6));
  return out;
}

describe('the add-in keeps the run history the workbook carries (issue 14, part 5)', () => {
  it('reports a first run, then what changed, and lists every run on Run info, a longer history costing no more syncs', async () => {
    const fake = new FakeExcel({ sheets: inputs });
    const first = await run(fake, at('2026-12-01T09:00:00Z'));
    expect(first.ok && first.changes).toEqual({ kind: 'first-run', restarted: false });
    fake.model.sheets.find((s) => s.name === 'Costs')!.cells.get(1)!.get(1)!.value = 50000;
    const second = await run(fake, at('2026-12-01T10:00:00Z'));
    if (!second.ok || second.changes.kind !== 'compared') throw new Error('not compared');
    expect(second.changes.previous).toEqual({ at: new Date('2026-12-01T09:00:00Z'), host: 'Excel add-in', version: expect.any(String) });
    expect(second.changes.totals.cost.change).toBe(3 * 10_000 * 100);
    expect(historyIn(fake, 'Run info').map((r) => [r[2], r[4]])).toEqual([
      ['Excel add-in', 120_000],
      ['Excel add-in', 150_000],
    ]);
    // A longer history is read with the record and written with the sheets: no round trip more.
    const third = await run(fake, at('2026-12-01T11:00:00Z'));
    expect(third.ok && third.syncs).toBe(second.syncs);
    expect(historyIn(fake, 'Run info')).toHaveLength(3);
  });

  it('keeps the history on a renamed Run info sheet', async () => {
    const fake = new FakeExcel({ sheets: inputs });
    expect((await run(fake, at('2026-12-01T09:00:00Z'))).ok).toBe(true);
    fake.renameSheet('Run info', 'Run log');
    const second = await run(fake, at('2026-12-01T10:00:00Z'));
    expect(second.ok && second.changes.kind).toBe('compared');
    expect(historyIn(fake, 'Run log')).toHaveLength(2);
  });

  it('continues the command-line tool’s history, and the tool continues the add-in’s', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lp-history-'));
    try {
      const file = path.join(dir, 'plan.xlsx');
      writeFileSync(file, saveAsXlsx(new FakeExcel({ sheets: inputs })));
      expect(await main(['run', file, '--in-place', '--quiet'], { out: () => undefined, err: () => undefined }, at('2026-11-23T12:00:00Z'))).toBe(0);
      const fake = openInExcel(readFileSync(file));
      const report = await run(fake, at('2026-12-01T09:00:00Z'));
      expect(report.ok && report.changes.kind === 'compared' && report.changes.previous.host).toBe('command-line tool');
      writeFileSync(file, saveAsXlsx(fake));
      const out: string[] = [];
      expect(await main(['run', file, '--in-place'], { out: (t) => out.push(t), err: (t) => out.push(t) }, at('2026-12-02T09:00:00Z'))).toBe(0);
      expect(out.join('\n')).toContain('Since the last run (1 Dec 2026 09:00 UTC, Excel add-in), on the same inputs:');
      expect(historyIn(openInExcel(readFileSync(file)), 'Run info').map((r) => r[2])).toEqual(['command-line tool', 'Excel add-in', 'command-line tool']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
