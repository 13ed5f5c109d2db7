import fc from 'fast-check';
import type { CellValue } from '../../src/engine/cells';
import { messageOf } from '../../src/engine/issues';
import { localityFields } from '../../src/engine/read/localities';
import { TableReader } from '../../src/engine/read/table';
import { readAmount, readChoice, readNumber, readRate } from '../../src/engine/read/values';
import { readYear } from '../../src/engine/years';
import { columnsNeeded } from '../../src/engine';
import { table } from '../support/tables';
import { anyCell, numberishText } from './cellValues';

/** `digits` × 10^-scale written out exactly, as a user types it: `720.4`, `-0.005`. */
function decimalText(digits: bigint, scale: number): string {
  const sign = digits < 0n ? '-' : '';
  const abs = (digits < 0n ? -digits : digits).toString().padStart(scale + 1, '0');
  const whole = abs.slice(0, abs.length - scale);
  const frac = abs.slice(abs.length - scale).replace(/0+$/, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}

describe('amounts in £k and £m (contract v1.1 §5.1)', () => {
  it('reads any whole-pound amount written in £k or £m exactly, never through a float', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), fc.constantFrom('k', 'K', 'm', 'M'), fc.constantFrom('£', ''), fc.constantFrom('', ' '), (pounds, unit, pound, space) => {
      const power = unit.toLowerCase() === 'k' ? 3 : 6;
      const text = `${pounds < 0n ? '-' : ''}${pound}${decimalText(pounds < 0n ? -pounds : pounds, power)}${space}${unit}`;
      expect(readAmount(text)).toEqual({ ok: true, value: Number(pounds * 100n) });
    }), { numRuns: 2000 });
  });

  it('refuses a £k or £m amount that goes past the pound, never rounding it', () => {
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.constantFrom('k', 'm'), fc.integer({ min: 1, max: 9 }), (pounds, unit, tenth) => {
      const power = unit === 'k' ? 3 : 6;
      const text = `£${decimalText(pounds * 10n + BigInt(tenth), power + 1)}${unit}`;
      const r = readAmount(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problem.code).toBe('UNIT_DECIMALS');
    }), { numRuns: 1000 });
  });
});

/** Cell readers meet whatever users type or paste: they answer in words, never by throwing. */
describe('cell readers never throw', () => {
  it.each`
    reader          | read
    ${'readNumber'} | ${readNumber}
    ${'readRate'}   | ${readRate}
    ${'readYear'}   | ${readYear}
    ${'readAmount'} | ${readAmount}
  `('$reader gives a reading for any cell value', ({ read }) => {
    fc.assert(fc.property(anyCell, (value: CellValue) => {
      read(value);
    }), { numRuns: 3000 });
  });

  it('readChoice gives a reading for any cell and any list of words', () => {
    const choices = fc.array(fc.tuple(fc.string({ maxLength: 15 }), fc.integer()), { maxLength: 8 });
    fc.assert(fc.property(anyCell, choices, (value, list) => {
      const r = readChoice(value, list);
      if (r.ok) expect(list.map(([, v]) => v)).toContain(r.value);
    }), { numRuns: 2000 });
  });

  it('a refusal always says what it found or what is expected, in words', () => {
    fc.assert(fc.property(anyCell, (value) => {
      for (const r of [readAmount, readNumber, readRate].map((read) => read(value))) {
        if (!r.ok) expect(messageOf({ ...r.problem, field: 'Unit cost' }, 'Costs')).toMatch(/^Unit cost (should be|cannot|is too large|holds a formula)/);
      }
    }), { numRuns: 1000 });
  });

  it.each`
    reader          | read          | codes
    ${'readAmount'} | ${readAmount} | ${['BAD_AMOUNT', 'TOO_LARGE', 'EXCEL_ERROR', 'UNIT_DECIMALS']}
    ${'readNumber'} | ${readNumber} | ${['BAD_NUMBER', 'EXCEL_ERROR']}
    ${'readRate'}   | ${readRate}   | ${['BAD_RATE', 'RATE_OUT_OF_RANGE', 'EXCEL_ERROR']}
  `('$reader refuses with a code from what it found, never from its words', ({ read, codes }) => {
    fc.assert(fc.property(anyCell, (value) => {
      const r = (read as (v: CellValue) => { ok: boolean; problem?: { code: string } })(value);
      if (!r.ok) expect(codes).toContain(r.problem!.code);
    }), { numRuns: 2000 });
  });
});

describe('header matching never throws', () => {
  it('reads any header row and any rows, and every column it picks is in the header', () => {
    const row = fc.array(anyCell, { maxLength: 10 });
    fc.assert(fc.property(row, fc.array(row, { maxLength: 6 }), fc.boolean(), (header, rows, yearColumns) => {
      const reader = new TableReader(table('Localities', [header, ...rows]), 'Localities', localityFields, { yearColumns });
      for (const c of Object.values(reader.columns)) expect(c).toBeLessThan(header.length);
      reader.requireColumn('locality', 'Locality');
      for (const i of reader.issues) expect(i.message.length).toBeGreaterThan(0);
      columnsNeeded(header, undefined);
    }), { numRuns: 2000 });
  });
});

/** How a budget report writes pence: £1,234.56, or (1,234.56) for a negative. */
function writePounds(p: number, style: 'pound' | 'brackets' | 'plain'): string {
  const abs = Math.abs(p);
  const grouped = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = `${grouped}.${String(abs % 100).padStart(2, '0')}`;
  if (p < 0) return style === 'pound' ? `-£${text}` : `(${style === 'brackets' ? '£' : ''}${text})`;
  return style === 'pound' ? `£${text}` : text;
}

describe('round trips', () => {
  const amountPence = fc.integer({ min: -(10 ** 15), max: 10 ** 15 });

  it.each(['pound', 'brackets', 'plain'] as const)('an amount written %s style reads back to the same pence', (style) => {
    fc.assert(fc.property(amountPence, (p) => {
      expect(readAmount(writePounds(p, style))).toEqual({ ok: true, value: p });
    }), { numRuns: 2000 });
  });

  it.each`
    text            | pence
    ${'£1,234.56'}  | ${123_456}
    ${'(1,234.56)'} | ${-123_456}
  `('reads $text as $pence pence', ({ text, pence }) => {
    expect(readAmount(text)).toEqual({ ok: true, value: pence });
  });

  it('a whole number written with thousands separators reads back as itself', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 50 }), fc.boolean(), (n, nbsp) => {
      const text = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (nbsp ? '\u00a0' : '');
      expect(readNumber(text)).toEqual({ ok: true, value: n });
    }));
  });

  it('a rate written as a percentage reads back as the same fraction', () => {
    fc.assert(fc.property(fc.integer({ min: -9999, max: 9999 }), (basisPoints) => {
      const r = readRate(`${(basisPoints / 100).toFixed(2)}%`);
      if (!r.ok) throw new Error(JSON.stringify(r.problem));
      expect(Number(r.value.digits) / 10 ** r.value.scale).toBeCloseTo(basisPoints / 10_000, 12);
    }));
  });

  const label = (y: number, style: number): string => {
    const short = String((y + 1) % 100).padStart(2, '0');
    return [`${y}/${short}`, `${y}-${short}`, `${y}/${y + 1}`, `FY${y}/${short}`, ` fy ${y}-${short} `, `${y}`][style];
  };

  it('a financial year label in any accepted spelling reads back to its year', () => {
    fc.assert(fc.property(fc.integer({ min: 1950, max: 2198 }), fc.integer({ min: 0, max: 5 }), (y, style) => {
      expect(readYear(label(y, style))).toEqual({ ok: true, year: y });
    }));
  });

  it('the 1 April of any year reads, as an Excel date, as the year it starts', () => {
    fc.assert(fc.property(fc.integer({ min: 1950, max: 2198 }), fc.integer({ min: 0, max: 364 }), (y, day) => {
      const serial = (Date.UTC(y, 3, 1) - Date.UTC(1899, 11, 30)) / 86_400_000 + day;
      expect(readYear({ kind: 'date', serial })).toEqual({ ok: true, year: y });
    }));
  });

  it('text that is only amount characters either reads or is refused in words', () => {
    fc.assert(fc.property(numberishText, (text) => {
      const r = readNumber(text);
      expect(r.ok ? Number.isFinite(r.value) : r.problem.code === 'BAD_NUMBER' && messageOf({ ...r.problem, field: 'Population' }, 'Localities').startsWith('Population should be a number')).toBe(true);
    }), { numRuns: 3000 });
  });
});
