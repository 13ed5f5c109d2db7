import { type Cell, projectionRow, readSummary, readWorkbook, runCli, tempFolder, writeInputWorkbook } from '../cli/workbookFiles';

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
