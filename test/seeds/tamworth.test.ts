import { type Cell, projectionRow, readSummary, readWorkbook, runCli, sheetRows, tempFolder, writeInputWorkbook } from '../cli/workbookFiles';

/**
 * Tamworth, Locality Working (seed 001, Resource implications): continuing the 4th
 * Community Development Officer would cost "2012/13 £35907 and 2013/14 £37277". The
 * contract (§2, Costs) reads that as a pay line rising by 3.816% a year.
 */

const basePence = 3_590_700n;
const payRate = { num: 3_816n, den: 100_000n };

/** Contract §2: Quantity × Unit cost × (1 + rate)^t, rounded once to the penny, half away from zero. */
function expectedPounds(t: number): number {
  const num = basePence * (payRate.den + payRate.num) ** BigInt(t);
  const den = payRate.den ** BigInt(t);
  const q = num / den;
  const pence = (num % den) * 2n >= den ? q + 1n : q;
  return Number(pence) / 100;
}

async function runTamworth(inflation: Cell, extraParameters: Cell[][] = []) {
  const tmp = tempFolder('lp-tamworth-');
  try {
    const input = tmp.file('tamworth.xlsx');
    await writeInputWorkbook(input, [
      { name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', '2012/13'], ['Years', 2], ['Pay inflation', '3.816%'], ...extraParameters] },
      { name: 'Costs', rows: [['Cost line', 'Quantity', 'Unit cost', 'Inflation', 'From'], ['4th CDO', 1, 35907, inflation, '2012/13']] },
    ]);
    const run = await runCli(['run', input, '--json', tmp.file('tamworth.json')]);
    const wb = await readWorkbook(tmp.file('tamworth.results.xlsx'));
    return { code: run.code, summary: readSummary(tmp.file('tamworth.json')), projection: projectionRow(wb.getWorksheet('Projection')!, '4th CDO') };
  } finally {
    tmp.remove();
  }
}

describe('Tamworth: the 4th CDO rising with pay (seed 001)', () => {
  it('takes £35,907 in 2012/13 to £37,277.21 in 2013/14 at 3.816% pay inflation, £37,277 to the pound as the report has it', async () => {
    const { code, summary, projection } = await runTamworth('Pay');
    expect(code).toBe(0);
    expect(summary.projection.map((p) => p.cost)).toEqual([35_907, expectedPounds(1)]);
    expect(expectedPounds(1)).toBe(37_277.21);
    expect(Math.round(summary.projection[1].cost)).toBe(37_277);
    expect(projection).toMatchObject({ '2012/13': 35_907, '2013/14': 37_277.21 });
  });

  it.each`
    inflation    | parameters                         | secondYear
    ${'3.816%'}  | ${[]}                              | ${expectedPounds(1)}
    ${0.03816}   | ${[]}                              | ${expectedPounds(1)}
    ${'Non-pay'} | ${[['Non-pay inflation', '0%']]}   | ${35_907}
    ${'None'}    | ${[]}                              | ${35_907}
  `('with Inflation $inflation the 2013/14 cost is £$secondYear', async ({ inflation, parameters, secondYear }) => {
    const { code, summary } = await runTamworth(inflation, parameters);
    expect(code).toBe(0);
    expect(summary.projection[1].cost).toBe(secondYear);
  });

  it('compounds from the base each year rather than from a rounded figure', async () => {
    const tmp = tempFolder('lp-tamworth-');
    try {
      const input = tmp.file('tamworth.xlsx');
      await writeInputWorkbook(input, [
        { name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', '2012/13'], ['Years', 6], ['Pay inflation', '3.816%']] },
        { name: 'Costs', rows: [['Cost line', 'Unit cost'], ['4th CDO', 35907]] },
      ]);
      expect((await runCli(['run', input, '--json', tmp.file('s.json')])).code).toBe(0);
      expect(readSummary(tmp.file('s.json')).projection.map((p) => p.cost)).toEqual([0, 1, 2, 3, 4, 5].map(expectedPounds));
    } finally {
      tmp.remove();
    }
  });
});

/**
 * The same report on the 4th CDO's contract: "the original 2 year contract due to finish
 * at the end of October 2011. An extension of the contract to March 2012 has been
 * possible". At 2011/12 prices the post costs £34,587 a year (£35,907 in 2012/13 less the
 * 3.816% uplift), so the extension from 1 November 2011 is 5/12 of a year (contract
 * v1.1 §5.2): £34,587 × 5/12 = £14,411.25.
 */
describe('Tamworth: the 4th CDO from 1 November 2011, a date in From (seed 001, contract v1.1 §5.1–5.2)', () => {
  const tmp = tempFolder('lp-tamworth-dates-');
  afterAll(() => tmp.remove());

  async function run(name: string, costs: Cell[][], funding: Cell[][] | null) {
    const input = tmp.file(`${name}.xlsx`);
    await writeInputWorkbook(input, [
      { name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', '2011/12'], ['Years', 3], ['Pay inflation', '3.816%']] },
      { name: 'Costs', rows: costs },
      ...(funding ? [{ name: 'Funding', rows: funding }] : []),
    ]);
    const result = await runCli(['run', input, '--json', tmp.file(`${name}.json`)]);
    const wb = await readWorkbook(tmp.file(`${name}.results.xlsx`));
    return { code: result.code, summary: readSummary(tmp.file(`${name}.json`)), projection: wb.getWorksheet('Projection')!, runInfo: sheetRows(wb.getWorksheet('Run info')!) };
  }

  it('costs the post from 1 November 2011 £14,411.25 in 2011/12, then £35,906.84 and £37,277.04 (the report\'s £35,907 and £37,277)', async () => {
    const { code, summary, projection, runInfo } = await run('extension', [['Cost line', 'Quantity', 'Unit cost', 'Inflation', 'From'], ['4th CDO', 1, 34587, 'Pay', new Date(Date.UTC(2011, 10, 1))]], null);
    expect(code).toBe(0);
    expect(summary.projection.map((p) => p.cost)).toEqual([14_411.25, 35_906.84, 37_277.04]);
    expect(summary.projection.slice(1).map((p) => Math.round(p.cost))).toEqual([35_907, 37_277]);
    expect(projectionRow(projection, '4th CDO')).toMatchObject({ '2011/12': 14_411.25 });
    expect(runInfo).toContainEqual(['4th CDO (Costs)', '2011/12', '5/12', '1 November 2011']);
  });

  it('shows the gap LPSA funding ending on 31 October 2011 leaves: the same £14,411.25, with FUNDING_ENDS on that day', async () => {
    const { summary } = await run(
      'lpsa',
      [['Cost line', 'Unit cost', 'Inflation', 'To'], ['4th CDO', 34587, 'Pay', '2011/12']],
      [['Source', 'Kind', 'Annual amount', 'To'], ['LPSA funds', 'Recurring', 34587, new Date(Date.UTC(2011, 9, 31))]],
    );
    expect(summary.projection[0]).toMatchObject({ cost: 34_587, recurringFunding: 20_175.75, shortfall: 14_411.25 });
    expect(summary.warnings).toContainEqual(expect.objectContaining({ code: 'SHORTFALL', year: '2011/12', amount: 14_411.25 }));
    expect(summary.warnings).toContainEqual(expect.objectContaining({ code: 'FUNDING_ENDS', year: '2011/12', message: 'LPSA funds (£20,175.75 in 2011/12) stops on 31 October 2011, part way through 2011/12, while costs go on.' }));
  });
});
