import { readAmount, readRate } from '../../src/engine/read/values';
import fc from 'fast-check';
import { allocatePence, pence, roundDiv, formatPounds, groupThousands } from '../../src/engine/money';
import { excelError } from '../../src/engine/cells';
import { messageOf } from '../../src/engine/issues';

describe('amounts (contract §1)', () => {
  it.each`
    cell                  | p
    ${75000}              | ${7_500_000}
    ${'£75,000'}          | ${7_500_000}
    ${'75,000'}           | ${7_500_000}
    ${'75000.50'}         | ${7_500_050}
    ${'(1,200)'}          | ${-120_000}
    ${'-£1,200'}          | ${-120_000}
    ${'£\u00a01,234.56'}  | ${123_456}
    ${' 720,400 '}        | ${72_040_000}
    ${1.005}              | ${101}
    ${-2.005}             | ${-201}
    ${'0.125'}            | ${13}
    ${35907}              | ${3_590_700}
  `('reads $cell as $p pence', ({ cell, p }) => {
    expect(readAmount(cell)).toEqual({ ok: true, value: p });
  });

  // Contract v1.1 §5.1: k and m, with or without £ and spaces, any case, exact.
  it.each`
    cell               | p
    ${'£720.4k'}       | ${72_040_000}
    ${'£1.2m'}         | ${120_000_000}
    ${'75K'}           | ${7_500_000}
    ${'720.4 k'}       | ${72_040_000}
    ${'£ 1.2 M'}       | ${120_000_000}
    ${'(1.2k)'}        | ${-120_000}
    ${'-£1.2k'}        | ${-120_000}
    ${'£1,200k'}       | ${120_000_000}
    ${'£1.234k'}       | ${123_400}
    ${'£0.000001m'}    | ${100}
    ${'£268.5k'}       | ${26_850_000}
    ${'£90,000,000m'}  | ${9_000_000_000_000_000}
  `('reads $cell as exactly $p pence', ({ cell, p }) => {
    expect(readAmount(cell)).toEqual({ ok: true, value: p });
  });

  it('refuses £k amounts past what pence hold exactly', () => {
    expect(readAmount('£91,000,000m')).toEqual({ ok: false, problem: { code: 'TOO_LARGE', found: '£91,000,000m' } });
  });

  it.each`
    cell                       | code             | says
    ${'tbc'}                   | ${'BAD_AMOUNT'}  | ${'should be an amount such as £75,000'}
    ${'7,5000'}                | ${'BAD_AMOUNT'}  | ${'found "7,5000"'}
    ${'£1.2345k'}              | ${'UNIT_DECIMALS'} | ${'found "£1.2345k", which goes past the pound: an amount in £k takes at most three decimals, as £720.4k or £1.234k. Write it in pounds (£1,234.50)'}
    ${'£1.2345678m'}           | ${'UNIT_DECIMALS'} | ${'an amount in £m takes at most six decimals'}
    ${'£k'}                    | ${'BAD_AMOUNT'}  | ${'found "£k"'}
    ${'75 thousand'}           | ${'BAD_AMOUNT'}  | ${'found "75 thousand"'}
    ${'1.2bn'}                 | ${'BAD_AMOUNT'}  | ${'found "1.2bn"'}
    ${'£1.2km'}                | ${'BAD_AMOUNT'}  | ${'found "£1.2km"'}
    ${excelError('#N/A')}      | ${'EXCEL_ERROR'} | ${'Excel error #N/A'}
    ${true}                    | ${'BAD_AMOUNT'}  | ${'found TRUE'}
  `('refuses $cell as $code, saying "$says"', ({ cell, code, says }) => {
    const r = readAmount(cell);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe(code);
      expect(messageOf({ ...r.problem, field: 'Unit cost' }, 'Costs')).toContain(says);
    }
  });
});

describe('rates', () => {
  it.each`
    cell          | digits   | scale
    ${'3.8%'}     | ${38n}   | ${3}
    ${0.038}      | ${38n}   | ${3}
    ${'3.816%'}   | ${3816n} | ${5}
    ${'0%'}       | ${0n}    | ${2}
  `('reads $cell as $digits / 10^$scale', ({ cell, digits, scale }) => {
    expect(readRate(cell)).toEqual({ ok: true, value: { digits, scale } });
  });

  it('refuses a bare 3.8 rather than reading it as 380%', () => {
    const r = readRate(3.8);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(messageOf({ ...r.problem, field: 'Pay inflation' }, 'Parameters')).toContain('380%');
  });
});

describe('rounding and sharing pence', () => {
  it.each`
    n       | d      | q
    ${5n}   | ${2n}  | ${3n}
    ${-5n}  | ${2n}  | ${-3n}
    ${4n}   | ${3n}  | ${1n}
    ${-4n}  | ${3n}  | ${-1n}
    ${5n}   | ${-2n} | ${-3n}
  `('rounds $n / $d half away from zero to $q, as Excel ROUND does', ({ n, d, q }) => {
    expect(roundDiv(n, d)).toBe(q);
  });

  it.each`
    total     | weights             | shares
    ${100}    | ${[1n, 1n, 1n]}     | ${[34, 33, 33]}
    ${200}    | ${[1n, 1n, 1n]}     | ${[67, 67, 66]}
    ${1000}   | ${[5n, 4n, 4n, 2n, 2n, 4n]} | ${[238, 191, 191, 95, 95, 190]}
    ${-100}   | ${[1n, 2n]}         | ${[-33, -67]}
  `('shares $total pence over $weights exactly, leftovers to the largest remainders in table order', ({ total, weights, shares }) => {
    const out = allocatePence(pence(total), weights);
    expect(out).toEqual(shares);
    expect(out.reduce((a: number, b: number) => a + b, 0)).toBe(total);
  });

  it.each`
    p           | text
    ${123456}   | ${'£1,234.56'}
    ${-120000}  | ${'(£1,200.00)'}
    ${5}        | ${'£0.05'}
  `('formats $p pence as $text', ({ p, text }) => {
    expect(formatPounds(pence(p))).toBe(text);
  });

  it('refuses a fractional number of pence as a bug, not a value', () => {
    expect(() => pence(1.5)).toThrow(RangeError);
    // @ts-expect-error pounds are not pence: a bare number does not type-check as Pence
    const notPence: import('../../src/engine/money').Pence = 12;
    expect(notPence).toBe(12);
  });
});

describe('thousands separators', () => {
  it.each`
    n                    | text
    ${0}                 | ${'0'}
    ${999}               | ${'999'}
    ${1000}              | ${'1,000'}
    ${75000}             | ${'75,000'}
    ${1234567}           | ${'1,234,567'}
    ${9007199254740991}  | ${'9,007,199,254,740,991'}
  `('writes $n as $text', ({ n, text }: { n: number; text: string }) => {
    expect(groupThousands(n)).toBe(text);
  });

  it('writes any whole number as en-GB formatting writes it', () => {
    fc.assert(fc.property(fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.maxSafeNat()), (n) => groupThousands(n) === n.toLocaleString('en-GB')), { numRuns: 5000 });
  });
});
