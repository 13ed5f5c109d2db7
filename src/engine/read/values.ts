import { type CellValue, isExcelDate, isExcelError, isUnsavedFormula } from '../cells';
import type { CellProblem, Expected, NameOf, NumberHint } from '../issues';
import { type Decimal, type Pence, decimalOfNumber, formatPounds, parseDecimal, penceOfDecimal } from '../money';
import { didYouMean, normalizeWord } from '../names';
import { type FinancialYear, readYear } from '../years';

/**
 * Cell readers: each turns one cell into a typed value or a typed problem (the
 * catalogue in issues.ts puts it into words). They never throw on user data; the table
 * readers attach the table, cell and field.
 */
export type Reading<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: CellProblem };

export const ok = <T>(value: T): Reading<T> => ({ ok: true, value });
export const bad = (problem: CellProblem): Reading<never> => ({ ok: false, problem });

/** What stops any cell being read as a value, whatever is expected: an unsaved formula or an Excel error. */
export function unreadable(value: CellValue, expected: Expected): CellProblem | undefined {
  if (isUnsavedFormula(value)) return { code: 'UNSAVED_FORMULA', formula: value.formula };
  if (isExcelError(value)) return { code: 'EXCEL_ERROR', expected, error: value.code };
  return undefined;
}

/** A space between thousands groups (`75 000`): ordinary, no-break, figure, thin or narrow no-break. */
const groupSpace = '[ \\u00a0\\u2007\\u2009\\u202f]';
const plainDigits = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
const commaGroups = /^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
const spaceGroups = new RegExp(`^\\d{1,3}(?:${groupSpace}\\d{3})+(?:\\.\\d*)?$`);
const leadingSign = /^[+-]/;

type TextNumber = { readonly ok: true; readonly value: Decimal } | { readonly ok: false; readonly hint?: NumberHint };

/**
 * The number in a text like `29,199`, `£75,000.50`, `(1,200)`, `-3.5` or `75 000`:
 * thousands separators (a comma, or a space of any width) sit between groups of three
 * digits, brackets mean negative, and there is at most one sign. Any other space inside
 * the digits is refused, never deleted: `45000 50000` is two numbers, not one.
 */
function decimalOfText(text: string, allowPound: boolean): TextNumber {
  let t = text.trim();
  let signs = 0;
  let negative = false;
  const takeSign = () => {
    if (!leadingSign.test(t)) return;
    signs++;
    if (t[0] === '-') negative = !negative;
    t = t.slice(1).trim();
  };
  if (t.length > 1 && t.startsWith('(') && t.endsWith(')')) {
    signs++;
    negative = true;
    t = t.slice(1, -1).trim();
  }
  takeSign();
  if (allowPound && t.startsWith('£')) {
    t = t.slice(1).trim();
    takeSign();
  }
  if (leadingSign.test(t) || t.startsWith('(')) signs++;
  if (signs > 1) return { ok: false, hint: 'two-signs' };
  let digits: string;
  if (plainDigits.test(t)) digits = t;
  else if (commaGroups.test(t)) digits = t.replace(/,/g, '');
  else if (spaceGroups.test(t)) digits = t.replace(new RegExp(groupSpace, 'g'), '');
  else return /\d[\s\u00a0\u2007\u2009\u202f,]*[\s\u00a0\u2007\u2009\u202f][\s\u00a0\u2007\u2009\u202f,]*\d/.test(t) ? { ok: false, hint: 'space-inside' } : { ok: false };
  const d = parseDecimal(digits);
  if (!d) return { ok: false };
  return { ok: true, value: negative ? { digits: -d.digits, scale: d.scale } : d };
}

/** A date or TRUE/FALSE where a number belongs. */
const wrongKind = (value: CellValue): boolean => isExcelDate(value) || typeof value === 'boolean';

/** A unit after an amount (contract v1.1 §5.1): thousands or millions, and the decimals it may carry. */
export type AmountUnit = 'k' | 'm';
const unitPower: Record<AmountUnit, number> = { k: 3, m: 6 };

/**
 * Splits a trailing `k` or `m` (any case, spaces before it allowed, inside brackets too)
 * off an amount's text: `£720.4k`, `75 K`, `(1.2m)`. Only after a digit, so `tbc` and
 * `£m` stay what they are.
 */
function splitUnit(text: string): { readonly text: string; readonly unit: AmountUnit | null } {
  const m = /^(.*\d)[ \u00a0\u2007\u2009\u202f]*([kKmM])([ \u00a0\u2007\u2009\u202f]*\))?[ \u00a0\u2007\u2009\u202f]*$/.exec(text);
  if (!m) return { text, unit: null };
  return { text: m[1] + (m[3] ?? ''), unit: m[2].toLowerCase() as AmountUnit };
}

/**
 * An amount of money (contract §1, v1.1 §5.1): a number, or text such as `£75,000`,
 * `(1,200)`, `£720.4k` or `£1.2m`. A `k` or `m` amount is multiplied exactly, never
 * through a float, and is given to the pound at most (`£720.4k`, `£1.234k`); finer
 * digits (`£1.2345k`) are refused rather than rounded, since a figure in thousands
 * that goes past the pound is a typing slip more often than a price.
 */
export function readAmount(value: CellValue): Reading<Pence> {
  const early = unreadable(value, { kind: 'amount' });
  if (early) return bad(early);
  if (wrongKind(value)) return bad({ code: 'BAD_AMOUNT', found: value });
  let d: Decimal;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return bad({ code: 'BAD_AMOUNT', found: value });
    d = decimalOfNumber(value);
  } else {
    const { text, unit } = splitUnit(String(value).trim());
    const t = decimalOfText(text, true);
    if (!t.ok) return bad({ code: 'BAD_AMOUNT', found: value, ...(t.hint ? { hint: t.hint } : {}) });
    d = t.value;
    if (unit !== null) {
      const power = unitPower[unit];
      if (d.scale > power) {
        const exact = penceOfDecimal({ digits: d.digits * 10n ** BigInt(power), scale: d.scale });
        return bad({ code: 'UNIT_DECIMALS', found: value, unit, inPounds: exact === undefined ? null : formatPounds(exact) });
      }
      d = { digits: d.digits * 10n ** BigInt(power - d.scale), scale: 0 };
    }
  }
  const p = penceOfDecimal(d);
  return p === undefined ? bad({ code: 'TOO_LARGE', found: value }) : ok(p);
}

/** Plain digits, or digits in groups of three (`29,199`): the common case, read without BigInt. */
const simpleNumber = /^-?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;

function decimalReading(value: CellValue, whole: boolean): Reading<Decimal> {
  const early = unreadable(value, { kind: 'number', whole });
  if (early) return bad(early);
  if (wrongKind(value)) return bad({ code: 'BAD_NUMBER', whole, found: value });
  if (typeof value === 'number') return Number.isFinite(value) ? ok(decimalOfNumber(value)) : bad({ code: 'BAD_NUMBER', whole, found: value });
  const t = decimalOfText(String(value), false);
  return t.ok ? ok(t.value) : bad({ code: 'BAD_NUMBER', whole, found: value, ...(t.hint ? { hint: t.hint } : {}) });
}

/** A plain number, allowing thousands separators in text (`29,199`). */
export function readNumber(value: CellValue): Reading<number> {
  if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value };
  if (typeof value === 'string' && simpleNumber.test(value)) return { ok: true, value: Number(value.includes(',') ? value.replace(/,/g, '') : value) };
  const d = decimalReading(value, false);
  return d.ok ? ok(Number(d.value.digits) / 10 ** d.value.scale) : d;
}

/** A number kept exact (quantities, multipliers), for cost arithmetic. */
export function readDecimal(value: CellValue): Reading<Decimal> {
  return decimalReading(value, false);
}

/** A whole number (counts, ranks, wards). */
export function readWhole(value: CellValue): Reading<number> {
  if (typeof value === 'number' && Number.isInteger(value)) return { ok: true, value };
  // The common case, "29,199", without BigInt.
  if (typeof value === 'string' && simpleNumber.test(value)) {
    const n = Number(value.includes(',') ? value.replace(/,/g, '') : value);
    return Number.isInteger(n) ? { ok: true, value: n } : bad({ code: 'BAD_NUMBER', whole: true, found: value });
  }
  const d = decimalReading(value, true);
  if (!d.ok) return d;
  const n = Number(d.value.digits) / 10 ** d.value.scale;
  return Number.isInteger(n) ? ok(n) : bad({ code: 'BAD_NUMBER', whole: true, found: value });
}

/**
 * A rate (contract: Pay inflation, Non-pay inflation, a cost line's Inflation):
 * `3.8%`, `0.038`, or a percentage-formatted cell (which holds 0.038). A bare 3.8 is
 * refused rather than read as 380%. `orWords` only changes what the message offers.
 */
export function readRate(value: CellValue, orWords = false): Reading<Decimal> {
  const early = unreadable(value, { kind: 'rate', orWords });
  if (early) return bad(early);
  if (wrongKind(value)) return bad({ code: 'BAD_RATE', orWords, found: value });
  let d: Decimal;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return bad({ code: 'BAD_RATE', orWords, found: value });
    d = decimalOfNumber(value);
  } else {
    const text = String(value).trim();
    const percent = text.endsWith('%');
    const t = decimalOfText(percent ? text.slice(0, -1) : text, false);
    if (!t.ok) return bad({ code: 'BAD_RATE', orWords, found: value, ...(t.hint ? { hint: t.hint } : {}) });
    d = percent ? { digits: t.value.digits, scale: t.value.scale + 2 } : t.value;
  }
  const asNumber = Number(d.digits) / 10 ** d.scale;
  if (asNumber <= -1) return bad({ code: 'RATE_OUT_OF_RANGE', orWords, found: value, percent: null });
  if (asNumber >= 1) return bad({ code: 'RATE_OUT_OF_RANGE', orWords, found: value, percent: asNumber * 100 });
  return ok(d);
}

/** A financial year in any accepted spelling (contract §1). */
export function readYearCell(value: CellValue): Reading<FinancialYear> {
  const early = unreadable(value, { kind: 'year' });
  if (early) return bad(early);
  const r = readYear(value);
  if (!r) return bad({ code: 'BAD_YEAR', why: { kind: 'not-a-financial-year' } });
  return r.ok ? ok(r.year) : bad({ code: 'BAD_YEAR', why: r.problem });
}

/**
 * One of a list of words, matched ignoring case, spaces and punctuation. `choices` maps
 * each accepted spelling to its meaning; the first spelling of each is what we suggest.
 */
export function readChoice<T>(value: CellValue, choices: readonly (readonly [string, T])[]): Reading<T> {
  // One spelling per meaning (the first listed); the others are accepted but not offered.
  const listed = choices.filter(([, v], i) => choices.findIndex(([, u]) => u === v) === i).map(([w]) => w);
  const early = unreadable(value, { kind: 'choice', choices: listed });
  if (early) return bad(early);
  if (typeof value !== 'string') return bad({ code: 'BAD_CHOICE', choices: listed, found: value });
  const key = normalizeWord(value);
  const hit = choices.find(([word]) => normalizeWord(word) === key);
  if (hit) return ok(hit[1]);
  const near = didYouMean(value, choices.map(([w]) => w));
  const meaning = choices.find(([w]) => w === near)?.[1];
  const guess = near === undefined ? undefined : choices.find(([, v]) => v === meaning)?.[0];
  return bad({ code: 'BAD_CHOICE', choices: listed, found: value, ...(guess ? { guess } : {}) });
}

/** The names a budget gives the row that adds up the lines above it (compared as contract §1 compares words). */
const totalRowNames = new Set(['total', 'totals', 'grandtotal', 'subtotal', 'overalltotal', 'totalcost', 'totalcosts', 'totalfunding']);

/**
 * Whether a Costs, Funding or Localities row is named as the total of the rows above it
 * (`Total`, `Grand total`, `Total costs`). Contract §1 reads every non-blank row as a line,
 * so a table pasted in with its total underneath would count each line twice (or give the
 * total a locality's share); the readers refuse such a row when rows come before it (a lone
 * `Total` line is a lump sum, and is read).
 */
export function isTotalRowName(name: string): boolean {
  // Every total name is short and says "total": England's LSOA names are rejected without normalising.
  return name.length <= 20 && /total/i.test(name) && totalRowNames.has(normalizeWord(name));
}

/** A name (a locality, a cost line, a source): text, or a number standing for a code such as 1234; shown as written, trimmed. */
export function readName(value: CellValue, of: NameOf): Reading<string> {
  if (typeof value === 'string') {
    const name = value.trim();
    return name === '' ? bad({ code: 'BAD_NAME', of, found: value }) : ok(name);
  }
  if (typeof value === 'number' && Number.isFinite(value)) return ok(String(value));
  const early = unreadable(value, { kind: 'name', of });
  return bad(early ?? { code: 'BAD_NAME', of, found: value });
}
