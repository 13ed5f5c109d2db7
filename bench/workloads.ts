/** The bench's workbooks: one plan, on an invented county or on England's 32,844 LSOAs. */
import { englandFile1, readFile1 } from '../scripts/data/imd2019';
import type { XlsxCell, XlsxSheet } from '../scripts/data/workbook';

/** The same plan for every size: 10 years, quotas, per-locality cost, a need-weighted pot. */
export const planSheets: XlsxSheet[] = [
  { name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', '2020/21'], ['Years', 10], ['Per district', 1], ['Additional', 100],
    ['Cost per locality', '£75,000'], ['Pay inflation', '3%'], ['Non-pay inflation', '2%'], ['Allocation pot', '£2,100,000'], ['Allocation method', 'Need weighted']] },
  { name: 'Costs', rows: [['Cost line', 'Applies to', 'Quantity', 'Unit cost', 'Inflation'], ['Locality Manager', 'Programme', 1, '£48,000', 'Pay'],
    ['Community Development Officer', 'Each locality', 0.5, '£35,907', 'Pay'], ['Venue hire', 'Programme', 1, '£12,000', 'Non-pay']] },
  { name: 'Funding', rows: [['Source', 'Kind', 'Annual amount', 'Pot', 'From', 'To'], ['Mainstream budget', 'Recurring', '£25,000,000', null, null, null],
    ['Reserve', 'One-off', null, '£10,000,000', '2020/21', '2024/25']] },
];

/** An invented county of n neighbourhoods in n/50 districts, ranks written as the published files write them. */
export function countySheet(n: number): XlsxSheet {
  const rows: XlsxCell[][] = Array.from({ length: n }, (_, i) => {
    const rank = ((i * 7919) % 32_844) + 1;
    return [`Kestrel ${String(i + 1).padStart(4, '0')}`, `District ${(i % Math.ceil(n / 50)) + 1}`, rank.toLocaleString('en-GB'), 1200 + (i % 900)];
  });
  return { name: 'Localities', rows: [['Locality', 'District', 'IMD Rank', 'Population'], ...rows] };
}

/** England's File_1 as published, pasted in as the Localities sheet (read from ../shared/data). */
export function englandSheet(): XlsxSheet {
  const { header, rows } = readFile1(englandFile1);
  return { name: 'Localities', rows: [header, ...rows] };
}
