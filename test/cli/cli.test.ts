import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { Summary } from '../../src/engine';
import {
  type Cell,
  type InputSpec,
  cellValue,
  packageParts,
  projectionRow,
  readSummary,
  readWorkbook,
  runCli,
  sheetParts,
  sheetRows,
  tempFolder,
  writeInputWorkbook,
} from './workbookFiles';

/**
 * The command-line tool's contract (§3, §4): exit codes, every input problem printed as
 * `Sheet!Cell: message`, nothing written on failure, the default output name, input
 * sheets kept, re-runs replacing their own outputs, user sheets never written over,
 * text never turned into formulas, and the `--json` summary's shape.
 */

const repo = path.resolve(__dirname, '../..');

/** Names a user might type that Excel would otherwise take for formulas. */
const formulaLike = ['=HYPERLINK("http://example.com","click me")', "-Smith's Lane", '+44 Close', '@SUM(A1:A2)'];

const goodInputs: InputSpec[] = [
  {
    name: 'Localities',
    rows: [
      ['Locality', 'District', 'IMD Rank', 'Wards'],
      ['Hillside', 'North', 120, 2],
      ['Riverside', 'North', 40, 1],
      [formulaLike[0], 'South', 15, 3],
      [formulaLike[1], 'South', 300, 1],
      [formulaLike[2], 'East', 77, 2],
      [formulaLike[3], 'East', 5, 1],
    ],
  },
  {
    name: 'Parameters',
    rows: [
      ['Parameter', 'Value'],
      ['First year', '2009/10'],
      ['Years', 3],
      ['Per district', 1],
      ['Additional', 1],
      ['Cost per locality', '£10,000'],
      ['Allocation pot', '£90,000'],
      ['Allocation method', 'Per ward'],
    ],
  },
  { name: 'Costs', rows: [['Cost line', 'Unit cost', 'Inflation'], ['=1+1 Team manager', '£50,000', 'None']] },
  {
    name: 'Funding',
    rows: [
      ['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To'],
      ['+Mainstream', 'Recurring', '£60,000', null, '2009/10', null],
      ['LPSA reward grant', 'One-off', null, '£40,000', '2009/10', '2010/11'],
    ],
  },
];

/** A user's own sheet, not an input: it must come through untouched. */
const notes = { name: 'Notes', rows: [['Our notes'], ['Agreed at Cabinet', 'March 2009'], [42, true]] as Cell[][] };

/** A minimal Word document (a zip package, but not a workbook), as if a .docx had been renamed. */
function wordDocument(): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    'word/document.xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Dear Cabinet member</w:t></w:r></w:p></w:body></w:document>'),
  });
}

function listing(dir: string): string[] {
  return readdirSync(dir).sort();
}

describe('the command-line tool (contract §4)', () => {
  const tmp = tempFolder();
  afterAll(() => tmp.remove());
  let n = 0;
  /** A fresh folder holding a fresh copy of the good workbook. */
  async function goodWorkbook(extraSheets: { name: string; rows: Cell[][] }[] = [notes], inputs = goodInputs): Promise<{ dir: string; input: string }> {
    const dir = path.join(tmp.dir, `case${++n}`);
    mkdirSync(dir);
    const input = path.join(dir, 'plan.xlsx');
    await writeInputWorkbook(input, inputs, extraSheets);
    return { dir, input };
  }

  describe('exit 0: it ran', () => {
    it('exits 0 when the plan has warnings, printing them and writing the results', async () => {
      const { input } = await goodWorkbook();
      const run = await runCli(['run', input, '--json', `${input}.json`]);
      expect(run.code).toBe(0);
      expect(run.err).toBe('');
      const summary = readSummary(`${input}.json`);
      // £60k mainstream against £50k + 4 × £10k (one per district and one more): the £40k pot runs out in 2010/11.
      expect(summary.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['SHORTFALL', 'POT_EXHAUSTED']));
      expect(run.out).toContain('SHORTFALL');
      expect(existsSync(path.join(path.dirname(input), 'plan.results.xlsx'))).toBe(true);
    });

    it('writes <input>.results.xlsx beside the input by default, and says where', async () => {
      const { dir, input } = await goodWorkbook();
      const run = await runCli(['run', input]);
      expect(run.code).toBe(0);
      expect(listing(dir)).toEqual(['plan.results.xlsx', 'plan.xlsx']);
      expect(run.out).toContain(path.join(dir, 'plan.results.xlsx'));
    });

    it('writes to --out when given, and nothing else', async () => {
      const { dir, input } = await goodWorkbook();
      const out = path.join(dir, 'budget 2009-12.xlsx');
      expect((await runCli(['run', input, '--out', out])).code).toBe(0);
      expect(listing(dir)).toEqual(['budget 2009-12.xlsx', 'plan.xlsx']);
    });

    it('runs from the bin script too, with the exit code as the process status', async () => {
      const { dir, input } = await goodWorkbook();
      const ok = spawnSync(process.execPath, [path.join(repo, 'bin/locality-planner.js'), 'run', input], { encoding: 'utf8' });
      expect(ok.status).toBe(0);
      expect(listing(dir)).toEqual(['plan.results.xlsx', 'plan.xlsx']);
      const missing = spawnSync(process.execPath, [path.join(repo, 'bin/locality-planner.js'), 'run', path.join(dir, 'nope.xlsx')], { encoding: 'utf8' });
      expect(missing.status).toBe(2);
      expect(missing.stderr).toContain('nope.xlsx');
    });
  });

  describe('exit 1: input errors', () => {
    /**
     * Problems in four inputs at once, two of them away from A1: Parameters is a table
     * starting at B2 and Funding is a plain sheet whose headers are on row 3.
     */
    const badInputs: InputSpec[] = [
      { name: 'Localities', rows: [['Locality', 'District', 'IMD Rank'], ['Alpha', 'North', 1], ['Alpha', 'North', 2], ['Beta', 'South', 3]] },
      { name: 'Parameters', at: { row: 2, column: 2 }, rows: [['Parameter', 'Value'], ['First year', 'soon'], ['Years', 'ten']] },
      { name: 'Costs', rows: [['Cost line', 'Unit cost'], ['Manager', 'tbc']] },
      { name: 'Funding', as: 'sheet', at: { row: 3, column: 1 }, rows: [['Source', 'Kind', 'Pot'], ['LPSA reward grant', 'One-off', 'lots'], ['Cohesion grant', 'Sometimes', 5000]] },
    ];
    const expectedProblems = [
      { where: 'Localities!A3', says: 'Alpha' },
      { where: 'Parameters!C3', says: 'First year' },
      { where: 'Parameters!C4', says: 'Years' },
      { where: 'Costs!B2', says: 'Unit cost' },
      { where: 'Funding!C4', says: 'Pot' },
      { where: 'Funding!B5', says: 'Kind' },
    ];

    let dir: string;
    let input: string;
    let before: Buffer;
    let run: Awaited<ReturnType<typeof runCli>>;
    beforeAll(async () => {
      dir = path.join(tmp.dir, 'bad');
      mkdirSync(dir);
      input = path.join(dir, 'bad.xlsx');
      await writeInputWorkbook(input, badInputs, [notes]);
      before = readFileSync(input);
      run = await runCli(['run', input, '--out', path.join(dir, 'out.xlsx')]);
    });

    it('exits 1', () => {
      expect(run.code).toBe(1);
    });

    it.each(expectedProblems)('prints the problem at $where as "$where: …" naming $says', ({ where, says }) => {
      const line = run.err.split('\n').find((l) => l.trim().startsWith(`${where}: `));
      expect(line).toBeDefined();
      expect(line).toContain(says);
    });

    it('prints every problem, all in one run, and no others', () => {
      const lines = run.err.split('\n').filter((l) => /^\s*\S+![A-Z]+\d+: /.test(l));
      expect(lines.map((l) => l.trim().split(': ')[0]).sort()).toEqual(expectedProblems.map((p) => p.where).sort());
      expect(run.err).toContain(`${expectedProblems.length} problems`);
    });

    it('writes no output file and leaves the input byte for byte as it was', () => {
      expect(listing(dir)).toEqual(['bad.xlsx']);
      expect(readFileSync(input).equals(before)).toBe(true);
    });
  });

  describe('exit 2: usage and file errors', () => {
    it.each`
      problem                                  | argv                                                  | says
      ${'a missing file'}                      | ${(d: string) => ['run', path.join(d, 'missing.xlsx')]} | ${'missing.xlsx'}
      ${'a text file renamed .xlsx'}           | ${(d: string) => ['run', path.join(d, 'notes.xlsx')]}   | ${'notes.xlsx'}
      ${'a folder'}                            | ${(d: string) => ['run', d]}                           | ${'folder'}
      ${'an unknown option'}                   | ${(d: string) => ['run', path.join(d, 'plan.xlsx'), '--fast']} | ${'--fast'}
      ${'--out without a file'}                | ${(d: string) => ['run', path.join(d, 'plan.xlsx'), '--out']}  | ${'--out'}
      ${'no workbook'}                         | ${() => ['run']}                                       | ${'input workbook'}
      ${'an unknown command'}                  | ${() => ['plan', 'x.xlsx']}                            | ${'plan'}
      ${'--out naming the input'}              | ${(d: string) => ['run', path.join(d, 'plan.xlsx'), '--out', path.join(d, 'plan.xlsx')]} | ${'overwrite'}
      ${'--out naming the input another way'}  | ${(d: string) => ['run', path.join(d, 'plan.xlsx'), '--out', path.join(d, '.', 'sub', '..', 'plan.xlsx')]} | ${'overwrite'}
      ${'--json naming the input'}             | ${(d: string) => ['run', path.join(d, 'plan.xlsx'), '--json', path.join(d, 'plan.xlsx')]} | ${'--json'}
      ${'a Word document renamed .xlsx'}       | ${(d: string) => ['run', path.join(d, 'letter.xlsx')]}  | ${'letter.xlsx'}
    `('exits 2 for $problem, says so, and writes nothing', async ({ argv, says }) => {
      const { dir, input } = await goodWorkbook();
      writeFileSync(path.join(dir, 'notes.xlsx'), 'These are my notes, not a workbook.\n');
      writeFileSync(path.join(dir, 'letter.xlsx'), wordDocument());
      const before = readFileSync(input);
      const files = listing(dir);
      const run = await runCli((argv as (d: string) => string[])(dir));
      expect(run.code).toBe(2);
      expect(run.err).toContain(says);
      expect(listing(dir)).toEqual(files);
      expect(readFileSync(input).equals(before)).toBe(true);
    });
  });

  describe('exit 2: files that cannot be written', () => {
    it('exits 2 with a plain message when --out names a folder that does not exist, writing nothing', async () => {
      const { dir, input } = await goodWorkbook();
      const run = await runCli(['run', input, '--out', path.join(dir, 'no such folder', 'out.xlsx')]).catch((e: Error) => ({ code: 'rejected', out: '', err: e.message }));
      expect(run.code).toBe(2);
      expect(run.err).toContain('no such folder');
      expect(listing(dir)).toEqual(['plan.xlsx']);
    });

    it('exits 2 when --json names a folder that does not exist, and then writes no results workbook either', async () => {
      const { dir, input } = await goodWorkbook();
      const run = await runCli(['run', input, '--json', path.join(dir, 'no such folder', 'summary.json')]).catch((e: Error) => ({ code: 'rejected', out: '', err: e.message }));
      expect(run.code).toBe(2);
      expect(listing(dir)).toEqual(['plan.xlsx']);
    });
  });

  describe('exit 1 with --json', () => {
    it('writes the summary\'s issues, each error with its table and cell, and no results workbook', async () => {
      const { dir, input } = await goodWorkbook([notes], goodInputs.map((t) => (t.name === 'Costs' ? { ...t, rows: [t.rows[0], ['Team manager', 'tbc', 'None']] } : t)));
      const run = await runCli(['run', input, '--json', path.join(dir, 's.json')]);
      expect(run.code).toBe(1);
      expect(listing(dir)).toEqual(['plan.xlsx', 's.json']);
      const summary = JSON.parse(readFileSync(path.join(dir, 's.json'), 'utf8')) as Pick<Summary, 'version' | 'issues'>;
      expect(summary.version).toBe(1);
      expect(summary.issues.filter((i) => i.severity === 'error')).toEqual([{ severity: 'error', table: 'Costs', cell: 'B2', message: expect.stringContaining('Unit cost') }]);
    });
  });

  describe('the results workbook', () => {
    it("keeps the input sheets' values, tables and the user's own sheets as they were", async () => {
      const { dir, input } = await goodWorkbook();
      expect((await runCli(['run', input])).code).toBe(0);
      const [inWb, outWb] = await Promise.all([readWorkbook(input), readWorkbook(path.join(dir, 'plan.results.xlsx'))]);
      for (const ws of inWb.worksheets) {
        const out = outWb.getWorksheet(ws.name);
        expect(out).toBeDefined();
        expect(sheetRows(out!)).toEqual(sheetRows(ws));
        expect(out!.getTables().map((t) => (t as unknown as { table: { name: string; tableRef: string } }).table).map((t) => [t.name, t.tableRef]))
          .toEqual(ws.getTables().map((t) => (t as unknown as { table: { name: string; tableRef: string } }).table).map((t) => [t.name, t.tableRef]));
      }
      expect(outWb.worksheets.slice(0, inWb.worksheets.length).map((w) => w.name)).toEqual(inWb.worksheets.map((w) => w.name));
    });

    it('writes text from the inputs that begins with =, +, - or @ as text, never as a formula', async () => {
      const { dir, input } = await goodWorkbook();
      expect((await runCli(['run', input])).code).toBe(0);
      const out = path.join(dir, 'plan.results.xlsx');
      const sheets = sheetParts(out);
      for (const name of ['Projection', 'Priorities', 'Allocation', 'Warnings', 'Charts', 'Run info', '_LocalityPlanner']) {
        expect(sheets[name].xml).not.toMatch(/<(\w+:)?f[\s>/]/);
      }
      const wb = await readWorkbook(out);
      const priorities = sheetRows(wb.getWorksheet('Priorities')!).map((r) => r[1]);
      expect(priorities).toEqual(expect.arrayContaining(formulaLike));
      const allocation = sheetRows(wb.getWorksheet('Allocation')!).map((r) => r[0]);
      expect(allocation).toEqual(expect.arrayContaining(formulaLike.filter((name) => allocation.includes(name))));
      const projectionLabels = sheetRows(wb.getWorksheet('Projection')!).map((r) => (typeof r[0] === 'string' ? r[0].trim() : r[0]));
      expect(projectionLabels).toEqual(expect.arrayContaining(['=1+1 Team manager', '+Mainstream']));
    });

    it('selects by need even when the most deprived locality is named like a formula', async () => {
      const { input } = await goodWorkbook();
      expect((await runCli(['run', input, '--json', `${input}.json`])).code).toBe(0);
      const selected = readSummary(`${input}.json`).selected;
      expect(selected[0]).toMatchObject({ locality: '@SUM(A1:A2)', rank: 1 });
      expect(selected.map((s) => s.locality)).toEqual(expect.arrayContaining(['=HYPERLINK("http://example.com","click me")']));
    });
  });

  describe('re-running on its own results', () => {
    /** What the very hidden record lists, as kind:name pairs. */
    async function record(file: string): Promise<{ state: string | null; items: string[] }> {
      const wb = await readWorkbook(file);
      const ws = wb.getWorksheet('_LocalityPlanner')!;
      const rows = sheetRows(ws);
      const head = rows.findIndex((r) => r[0] === 'Kind' && r[1] === 'Name');
      // The items end at the blank row above the run history block.
      const items = rows.slice(head + 1);
      const end = items.findIndex((r) => r.length === 0);
      return { state: sheetParts(file)._LocalityPlanner.state, items: (end < 0 ? items : items.slice(0, end)).map((r) => `${String(r[0])}:${String(r[1])}`).sort() };
    }

    /** What the package really holds: every sheet, every table part's name, every chart's drawing name. */
    function contents(file: string): { sheets: string[]; tables: string[]; charts: string[] } {
      const parts = packageParts(file);
      const tables = Object.entries(parts).filter(([p]) => /^xl\/tables\/[^/]+\.xml$/.test(p)).map(([, xml]) => /<table\b[^>]*\sname="([^"]+)"/.exec(xml)![1]);
      const charts = Object.entries(parts)
        .filter(([p]) => /^xl\/drawings\/[^/]+\.xml$/.test(p))
        .flatMap(([, xml]) => [...xml.matchAll(/<xdr:graphicFrame\b[\s\S]*?<xdr:cNvPr\b[^>]*\sname="([^"]+)"/g)].map((m) => m[1]));
      return { sheets: Object.keys(sheetParts(file)), tables: tables.sort(), charts: charts.sort() };
    }

    it('replaces its outputs in place: the same sheets, tables and charts, once each, recorded in _LocalityPlanner', async () => {
      const { dir, input } = await goodWorkbook();
      const first = path.join(dir, 'plan.results.xlsx');
      expect((await runCli(['run', input])).code).toBe(0);
      const again = path.join(dir, 'again.xlsx');
      expect((await runCli(['run', first, '--out', again])).code).toBe(0);

      const once = contents(first);
      const twice = contents(again);
      expect(twice).toEqual(once);
      expect(new Set(twice.sheets).size).toBe(twice.sheets.length);
      expect(new Set(twice.tables).size).toBe(twice.tables.length);
      expect(twice.charts.length).toBeGreaterThan(0);

      const inputSheets = ['Notes', 'Localities', 'Parameters', 'Costs', 'Funding'];
      const rec = await record(again);
      expect(rec.state).toBe('veryHidden');
      const owned = twice.sheets.filter((s) => !inputSheets.includes(s) && s !== '_LocalityPlanner');
      expect(rec.items).toEqual([...owned.map((s) => `sheet:${s}`), ...twice.tables.filter((t) => t.startsWith('LP_')).map((t) => `table:${t}`), ...twice.charts.map((c) => `chart:${c}`)].sort());
    });

    it('removes what a re-run no longer makes: no Allocation pot, no LP_Allocation table, and the record says so', async () => {
      const { dir, input } = await goodWorkbook();
      const results = path.join(dir, 'plan.results.xlsx');
      expect((await runCli(['run', input])).code).toBe(0);
      expect(contents(results).tables).toContain('LP_Allocation');
      const wb = await readWorkbook(results);
      const params = wb.getWorksheet('Parameters')!;
      // Blank the Allocation pot's value: blank means "use the default", which is no pot.
      const potRow = sheetRows(params).findIndex((r) => r[0] === 'Allocation pot');
      params.getCell(potRow + 1, 2).value = null;
      await wb.xlsx.writeFile(results);
      expect((await runCli(['run', results, '--in-place'])).code).toBe(0);
      const after = contents(results);
      expect(after.tables).not.toContain('LP_Allocation');
      expect((await record(results)).items).not.toContain('table:LP_Allocation');
      expect(after.sheets.filter((s) => s === 'Allocation')).toHaveLength(1);
    });

    it('refreshes the results with --in-place, picking up an edited input, still with one of each sheet', async () => {
      const { dir, input } = await goodWorkbook();
      const results = path.join(dir, 'plan.results.xlsx');
      expect((await runCli(['run', input])).code).toBe(0);
      const before = contents(results);
      // A user edits the Costs table in the results workbook (here with ExcelJS, as another spreadsheet program would).
      const wb = await readWorkbook(results);
      wb.getWorksheet('Costs')!.getCell('B2').value = '£70,000';
      await wb.xlsx.writeFile(results);
      const run = await runCli(['run', results, '--in-place', '--json', path.join(dir, 's.json')]);
      expect(run.code).toBe(0);
      expect(listing(dir)).toEqual(['plan.results.xlsx', 'plan.results.xlsx.backup', 'plan.xlsx', 's.json']);
      const after = contents(results);
      expect(after.sheets).toEqual(before.sheets);
      expect(after.tables.filter((t) => t.startsWith('LP_'))).toEqual(before.tables.filter((t) => t.startsWith('LP_')));
      expect(after.charts).toEqual(before.charts);
      const refreshed = await readWorkbook(results);
      expect(projectionRow(refreshed.getWorksheet('Projection')!, '=1+1 Team manager')).toMatchObject({ '2009/10': 70_000 });
      const refreshedSummary = readSummary(path.join(dir, 's.json'));
      // The £90,000 Allocation pot is a cost (contract v1.1 §5.4).
      expect(refreshedSummary.projection[0].cost).toBe(70_000 + refreshedSummary.selected.length * 10_000 + 90_000);
      expect((await record(results)).state).toBe('veryHidden');
    });
  });

  describe("a user's sheet in the way", () => {
    it.each`
      sheet
      ${'Projection'}
      ${'projection'}
      ${'Run info'}
      ${'Warnings'}
    `('stops before writing anything when the workbook has its own sheet named "$sheet"', async ({ sheet }) => {
      const { dir, input } = await goodWorkbook([notes, { name: sheet, rows: [['My own projection'], ['2009/10', 123]] }]);
      const before = readFileSync(input);
      const run = await runCli(['run', input, '--json', path.join(dir, 's.json')]);
      expect(run.code).toBe(1);
      expect(run.err).toContain(`"${sheet}"`);
      expect(run.err).toMatch(/did not create/);
      expect(listing(dir).filter((f) => f.endsWith('.xlsx'))).toEqual(['plan.xlsx']);
      expect(readFileSync(input).equals(before)).toBe(true);
    });

    it('stops before writing anything when a sheet of the user\'s has a table with a name the results use', async () => {
      const { dir, input } = await goodWorkbook([notes], [...goodInputs, { name: 'LP_Warnings', sheet: 'Notes', at: { row: 6, column: 1 }, rows: [['Issue', 'Owner'], ['Parking', 'Ward councillor']] }]);
      const run = await runCli(['run', input]);
      expect(run.code).toBe(1);
      expect(run.err).toContain('LP_Warnings');
      expect(listing(dir)).toEqual(['plan.xlsx']);
    });

    it('will not take over a sheet of the user\'s that happens to be named _LocalityPlanner', async () => {
      const { dir, input } = await goodWorkbook([notes, { name: '_LocalityPlanner', rows: [['My working for the planner'], ['Ward', 'Officer'], ['Central', 'J. Smith']] }]);
      const run = await runCli(['run', input]);
      expect(run.code).toBe(1);
      expect(listing(dir)).toEqual(['plan.xlsx']);
    });

    it("refuses --in-place too, leaving the workbook and the user's Projection sheet untouched", async () => {
      const { dir, input } = await goodWorkbook([{ name: 'Projection', rows: [['Mine']] }]);
      const copy = path.join(dir, 'copy.xlsx');
      copyFileSync(input, copy);
      expect((await runCli(['run', copy, '--in-place'])).code).toBe(1);
      expect(readFileSync(copy).equals(readFileSync(input))).toBe(true);
      expect(cellValue((await readWorkbook(copy)).getWorksheet('Projection')!, 'A1')).toBe('Mine');
    });
  });

  describe('the --json summary', () => {
    let summary: Summary;
    let raw: string;
    beforeAll(async () => {
      // An unknown parameter is an input issue that does not stop the run.
      const inputs = goodInputs.map((t) => (t.name === 'Parameters' ? { ...t, rows: [...t.rows, ['Colour scheme', 'Blue']] } : t));
      const { dir, input } = await goodWorkbook([notes], inputs);
      expect((await runCli(['run', input, '--json', path.join(dir, 'summary.json')])).code).toBe(0);
      raw = readFileSync(path.join(dir, 'summary.json'), 'utf8');
      summary = JSON.parse(raw) as Summary;
    });

    const keys = (o: object) => Object.keys(o).sort();
    const isPence = (x: unknown) => typeof x === 'number' && Number.isInteger(Math.round(x * 100)) && Math.abs(x * 100 - Math.round(x * 100)) < 1e-6;

    it('has exactly the contract\'s fields, version 1', () => {
      expect(keys(summary)).toEqual(['affordability', 'allocation', 'issues', 'pots', 'projection', 'scenarios', 'selected', 'sensitivity', 'version', 'warnings', 'years']);
      expect(summary.version).toBe(1);
      expect(summary.years).toEqual(['2009/10', '2010/11', '2011/12']);
    });

    it('lists the selected localities with district, rank, need score and a reason from the contract\'s four', () => {
      expect(summary.selected.length).toBeGreaterThan(0);
      for (const s of summary.selected) {
        expect(keys(s)).toEqual(['district', 'locality', 'needScore', 'rank', 'reason']);
        expect(['override', 'district', 'additional', 'all']).toContain(s.reason);
        expect(typeof s.locality).toBe('string');
        expect(Number.isInteger(s.rank)).toBe(true);
        expect(s.needScore).toBeGreaterThanOrEqual(0);
        expect(s.needScore).toBeLessThanOrEqual(100);
      }
    });

    it('gives the projection, pots and allocation in pounds rounded to the penny', () => {
      for (const p of summary.projection) {
        // Contract v1.1 §6.4: Base's rows gain the capital account and the cumulative shortfall.
        expect(keys(p)).toEqual(['capitalCost', 'capitalFunding', 'capitalShortfall', 'cost', 'cumulativeShortfall', 'drawdown', 'funding', 'recurringFunding', 'shortfall', 'surplus', 'year']);
        for (const k of ['capitalCost', 'capitalFunding', 'capitalShortfall', 'cost', 'cumulativeShortfall', 'drawdown', 'funding', 'recurringFunding', 'shortfall', 'surplus'] as const) expect(isPence(p[k])).toBe(true);
      }
      expect(summary.pots).toEqual([{ source: 'LPSA reward grant', opening: 40_000, drawdown: expect.any(Array), exhaustedIn: expect.any(String) }]);
      expect(summary.pots[0].drawdown).toHaveLength(summary.years.length);
      for (const a of summary.allocation) {
        // Contract v1.1 §5.4: each row names the line it comes from.
        expect(keys(a)).toEqual(['amount', 'line', 'locality', 'year']);
        expect(a.line).toBe('Allocation pot');
        expect(isPence(a.amount)).toBe(true);
      }
    });

    it('lists warnings with severity, code, year, amount and message', () => {
      expect(summary.warnings.length).toBeGreaterThan(0);
      for (const w of summary.warnings) {
        expect(keys(w)).toEqual(['amount', 'code', 'message', 'severity', 'year']);
        expect(['High', 'Medium', 'Low']).toContain(w.severity);
        expect(w.message.length).toBeGreaterThan(0);
      }
      expect(summary.warnings).toContainEqual(expect.objectContaining({ severity: 'High', code: 'SHORTFALL', year: '2011/12' }));
    });

    it('lists input issues that did not stop the run, with table and cell', () => {
      expect(summary.issues).toContainEqual({ severity: 'warning', table: 'Parameters', cell: 'A9', message: expect.stringContaining('Colour scheme') });
      for (const i of summary.issues) expect(keys(i)).toEqual(['cell', 'message', 'severity', 'table']);
    });

    it('is plain JSON a script can read: no NaN, no Infinity', () => {
      expect(raw).not.toMatch(/NaN|Infinity/);
    });
  });
});
