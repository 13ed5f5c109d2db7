import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import type { Summary } from '../../src/engine';
import { describeWith } from '../support/requires';
import { imdExcerptFile1, imdFile1, readImdExcerpt } from '../support/deprivationFile';
import { type Cell, projectionRow, readSummary, readWorkbook, runCli, sheetRows, tempFolder, writeInputWorkbook } from '../cli/workbookFiles';

/**
 * Staffordshire's locality management proposal (seed 000, §4.2 and §4.5): "the most
 * disadvantaged area within each of the 8 District Authority areas … along with the
 * most disadvantaged 12 localities across Staffordshire which do not feature in that 8",
 * identified "through use of the Indices of Multiple Deprivation", at "£75,000 per
 * locality per annum" for "a two year commitment" — "around £1.5M p.a.", and "a more
 * comprehensive programme of work could easily double the investment".
 *
 * The localities are the real IoD2019 neighbourhoods (LSOAs) of Staffordshire's eight
 * districts, pasted in as the government publishes them, from the excerpt of File_1 in
 * test/data (so this seed runs on any clone).
 */

const districts = ['Cannock Chase', 'East Staffordshire', 'Lichfield', 'Newcastle-under-Lyme', 'South Staffordshire', 'Stafford', 'Staffordshire Moorlands', 'Tamworth'];

interface Lsoa {
  readonly name: string;
  readonly district: string;
  readonly rank: number;
}

describe('Staffordshire: the most deprived locality in each district plus 12 more, at £75,000 each (seed 000)', () => {
  const tmp = tempFolder('lp-staffs-');
  let header: string[];
  let published: string[][];
  let lsoas: Lsoa[];
  let expectedDistrictPicks: Lsoa[];
  let expectedAdditional: Lsoa[];
  const runs: Record<number, { code: number; summary: Summary; projection: Record<string, Cell>; priorities: Cell[][] }> = {};

  beforeAll(async () => {
    const { header: head, rows } = readImdExcerpt();
    header = head;
    const col = (name: string) => head.findIndex((h) => h.replace(/^\uFEFF/, '') === name);
    const nameCol = col('LSOA name (2011)');
    const districtCol = col('Local Authority District name (2019)');
    const rankCol = col('Index of Multiple Deprivation (IMD) Rank');
    published = rows.filter((r) => districts.includes(r[districtCol]));
    lsoas = published.map((r) => ({ name: r[nameCol], district: r[districtCol], rank: Number(r[rankCol].replace(/,/g, '')) }));

    // The expected choice, worked out from the published ranks alone (1 = most deprived in England).
    const byRank = [...lsoas].sort((a, b) => a.rank - b.rank);
    expectedDistrictPicks = districts.map((d) => byRank.find((l) => l.district === d)!);
    expectedAdditional = byRank.filter((l) => !expectedDistrictPicks.includes(l)).slice(0, 12);

    for (const multiplier of [1, 2]) {
      const input = tmp.file(`staffordshire-${multiplier}.xlsx`);
      await writeInputWorkbook(input, [
        // As published: the government's long headers (BOM and all) and every number as text.
        { name: 'Localities', as: 'sheet', rows: [header, ...published] },
        {
          name: 'Parameters',
          rows: [['Parameter', 'Value'], ['First year', '2008/09'], ['Years', 2], ['Per district', 1], ['Additional', 12], ['Cost per locality', '£75,000'], ['Programme multiplier', multiplier]],
        },
      ]);
      const run = await runCli(['run', input, '--json', tmp.file(`staffordshire-${multiplier}.json`)]);
      const wb = await readWorkbook(tmp.file(`staffordshire-${multiplier}.results.xlsx`));
      runs[multiplier] = {
        code: run.code,
        summary: readSummary(tmp.file(`staffordshire-${multiplier}.json`)),
        projection: projectionRow(wb.getWorksheet('Projection')!, 'Total cost'),
        priorities: sheetRows(wb.getWorksheet('Priorities')!),
      };
    }
  });
  afterAll(() => tmp.remove());

  it('reads the published file as it is: long headers, a byte-order mark, ranks written "29,199"', () => {
    expect(header[0].startsWith('\uFEFF')).toBe(true);
    expect(header).toContain('Index of Multiple Deprivation (IMD) Rank');
    expect(published.some((r) => /^\d{1,3}(,\d{3})+$/.test(r[4]))).toBe(true);
    expect(new Set(lsoas.map((l) => l.district))).toEqual(new Set(districts));
    expect(runs[1].code).toBe(0);
    expect(runs[1].summary.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('selects 20 localities: the most deprived in each of the 8 districts, then the 12 most deprived of the rest', () => {
    const selected = runs[1].summary.selected;
    expect(selected).toHaveLength(20);
    const byReason = (reason: string) => selected.filter((s) => s.reason === reason).map((s) => s.locality).sort();
    expect(byReason('district')).toEqual(expectedDistrictPicks.map((l) => l.name).sort());
    expect(byReason('additional')).toEqual(expectedAdditional.map((l) => l.name).sort());
  });

  it('ranks by the published IMD rank: rank 1 is the most deprived neighbourhood in the county', () => {
    const order = [...lsoas].sort((a, b) => a.rank - b.rank).map((l) => l.name);
    for (const s of runs[1].summary.selected) expect(s.rank).toBe(order.indexOf(s.locality) + 1);
    expect(runs[1].summary.selected[0]).toMatchObject({ locality: order[0], rank: 1, needScore: 100 });
    expect(runs[1].summary.selected.map((s) => s.district)).toEqual(runs[1].summary.selected.map((s) => lsoas.find((l) => l.name === s.locality)!.district));
  });

  it.each`
    multiplier | perYear
    ${1}       | ${20 * 75_000}
    ${2}       | ${2 * 20 * 75_000}
  `('costs £$perYear a year for two years with Programme multiplier $multiplier', ({ multiplier, perYear }) => {
    const { code, summary, projection } = runs[multiplier as number];
    expect(code).toBe(0);
    expect(summary.years).toEqual(['2008/09', '2009/10']);
    expect(summary.projection.map((p) => p.cost)).toEqual([perYear, perYear]);
    expect(projection).toMatchObject({ '2008/09': perYear, '2009/10': perYear });
  });

  it('names £1.5M, the report\'s own "minimum financial investment", for the plain programme', () => {
    expect(runs[1].summary.projection[0].cost).toBe(1_500_000);
    expect(runs[2].summary.projection[0].cost).toBe(3_000_000);
  });

  it.each([1, 2])('lists every neighbourhood on Priorities, £75,000 × %i a year for the two years against each selected one and nothing against the rest', (multiplier) => {
    const rows = runs[multiplier].priorities;
    const head = rows.findIndex((r) => r[1] === 'Locality');
    // Contract v1.1 §5.6: each locality's cost over the projection, headed with the years it covers.
    expect(rows[head][7]).toBe('Cost 2008/09 to 2009/10');
    const body = rows.slice(head + 1).filter((r) => r.length > 0);
    expect(body).toHaveLength(lsoas.length);
    const selectedNames = new Set(runs[multiplier].summary.selected.map((s) => s.locality));
    for (const r of body) {
      const isSelected = selectedNames.has(String(r[1]));
      expect(r[5]).toBe(isSelected ? 'Yes' : 'No');
      expect(r[7]).toBe(isSelected ? 2 * 75_000 * multiplier : 0);
    }
  });

  it('gives the most deprived neighbourhood of each district rank 1 in its district', () => {
    const rows = runs[1].priorities;
    const head = rows.findIndex((r) => r[1] === 'Locality');
    for (const pick of expectedDistrictPicks) {
      const row = rows.slice(head + 1).find((r) => r[1] === pick.name)!;
      expect(row).toEqual(expect.arrayContaining([pick.district]));
      expect(row[4]).toBe(1);
      expect(row[6]).toBe(`Most in need in ${pick.district}`);
    }
  });
});

/**
 * The same proposal (§4.2): "Districts may be in a position to suggest alternative
 * indicators or areas in relation to their own particular area of priority." With
 * Overrides count towards quotas: Yes (contract v1.1 §5.6), Tamworth's own choice (its
 * second most deprived neighbourhood, marked Include) takes Tamworth's Per district place
 * instead of being added on top; its top-ranked neighbourhood is then free to be chosen
 * as one of the 12 Additional, by need like any other.
 */
describe("Staffordshire: a district's own choice of area takes its place (seed 000, contract v1.1 §5.6)", () => {
  const tmp = tempFolder('lp-staffs-choice-');
  const runs: Record<string, Summary> = {};
  let choice: Lsoa;
  let expected: { district: string[]; additional: string[] };

  beforeAll(async () => {
    const { header, rows } = readImdExcerpt();
    const col = (name: string) => header.findIndex((h) => h.replace(/^\uFEFF/, '') === name);
    const [nameCol, districtCol, rankCol] = ['LSOA name (2011)', 'Local Authority District name (2019)', 'Index of Multiple Deprivation (IMD) Rank'].map(col);
    const published = rows.filter((r) => districts.includes(r[districtCol]));
    const lsoas: Lsoa[] = published.map((r) => ({ name: r[nameCol], district: r[districtCol], rank: Number(r[rankCol].replace(/,/g, '')) }));
    const byRank = [...lsoas].sort((a, b) => a.rank - b.rank);
    choice = byRank.filter((l) => l.district === 'Tamworth')[1];
    // Expected from the rule alone: the top of each district but Tamworth, whose place the choice takes; then the 12 most deprived of the rest.
    const districtPicks = districts.filter((d) => d !== 'Tamworth').map((d) => byRank.find((l) => l.district === d)!);
    const taken = new Set([...districtPicks, choice].map((l) => l.name));
    expected = { district: districtPicks.map((l) => l.name).sort(), additional: byRank.filter((l) => !taken.has(l.name)).slice(0, 12).map((l) => l.name).sort() };
    for (const counts of ['Yes', 'No']) {
      const input = tmp.file(`choice-${counts}.xlsx`);
      await writeInputWorkbook(input, [
        { name: 'Localities', as: 'sheet', rows: [[...header, 'Include/Exclude'], ...published.map((r) => [...r, r[nameCol] === choice.name ? 'Include' : null])] },
        { name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', '2008/09'], ['Years', 2], ['Per district', 1], ['Additional', 12], ['Cost per locality', '£75,000'], ['Overrides count towards quotas', counts]] },
      ]);
      const run = await runCli(['run', input, '--json', tmp.file(`choice-${counts}.json`)]);
      expect(run.code).toBe(0);
      runs[counts] = readSummary(tmp.file(`choice-${counts}.json`));
    }
  });
  afterAll(() => tmp.remove());

  it('with Yes, selects 20: the choice in place of Tamworth\'s top pick, the other 7 districts\' tops, then the 12 most deprived of the rest', () => {
    const selected = runs.Yes.selected;
    expect(selected).toHaveLength(20);
    const byReason = (reason: string) => selected.filter((s) => s.reason === reason).map((s) => s.locality).sort();
    expect(byReason('override')).toEqual([choice.name]);
    expect(byReason('district')).toEqual(expected.district);
    expect(byReason('additional')).toEqual(expected.additional);
    expect(runs.Yes.projection[0].cost).toBe(20 * 75_000);
  });

  it('with No (the default, as v1), adds the choice on top: 21 localities', () => {
    expect(runs.No.selected).toHaveLength(21);
    expect(runs.No.selected.filter((s) => s.reason === 'district').map((s) => s.district).sort()).toEqual([...districts].sort());
  });
});

describeWith(['imd2019'], 'the committed excerpt of File_1 (test/data/imd2019)', () => {
  it("holds Staffordshire's and Leicestershire's rows of England's File_1 byte for byte, header row first", () => {
    const lines = (file: string) => gunzipSync(readFileSync(file)).toString('utf8').split('\r\n');
    const excerpt = lines(imdExcerptFile1);
    const england = lines(imdFile1);
    const districts = new Set(['Cannock Chase', 'East Staffordshire', 'Lichfield', 'Newcastle-under-Lyme', 'South Staffordshire', 'Stafford', 'Staffordshire Moorlands', 'Tamworth',
      'Blaby', 'Charnwood', 'Harborough', 'Hinckley and Bosworth', 'Melton', 'North West Leicestershire', 'Oadby and Wigston']);
    const ofDistricts = england.filter((line, i) => i > 0 && districts.has(readDistrict(line)));
    expect(excerpt[0]).toBe(england[0]);
    expect(excerpt.slice(1).filter((l) => l !== '')).toEqual(ofDistricts);
    expect(ofDistricts).toHaveLength(924);
  });
});

/** The district name (the fourth field) of a File_1 line; no field before it is quoted. */
function readDistrict(line: string): string {
  return line.split(',')[3] ?? '';
}
