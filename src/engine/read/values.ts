import { type CellValue, describeCell, isExcelDate, isExcelError } from '../cells';
import { type Decimal, type Pence, decimalOfNumber, parseDecimal, penceOfDecimalIfSafe } from '../money';

/**
 * Cell readers: each turns one cell into a typed value or says, in words, why it cannot.
 * They never throw on user data; the table readers attach table and cell to the words.
 */
export type Reading<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const ok = <T>(value: T): Reading<T> => ({ ok: true, value });
const bad = <T>(problem: string): Reading<T> => ({ ok: false, problem });

/** Spaces Excel users cannot see: non-breaking, thin, narrow no-break. */
const invisibleSpaces = /[\s\u00a0\u2007\u2009\u202f]/g;

/**
 * The number in a text like `29,199`, `£75,000.50`, `(1,200)`, `-3.5`: thousands
 * separators must sit between groups of three digits, brackets mean negative.
 */
function decimalOfText(text: string, allowPound: boolean): Decimal | undefined {
  let t = text.replace(invisibleSpaces, '');
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1);
  }
  if (t.startsWith('-')) {
    negative = !negative;
    t = t.slice(1);
  } else if (t.startsWith('+')) {
    t = t.slice(1);
  }
  if (allowPound && t.startsWith('£')) t = t.slice(1);
  if (allowPound && t.startsWith('-') && !negative) {
    negative = true;
    t = t.slice(1);
  }
  if (t.includes(',')) {
    if (!/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(t)) return undefined;
    t = t.replace(/,/g, '');
  }
  const d = parseDecimal(t);
  if (!d) return undefined;
  return negative ? { digits: -d.digits, scale: d.scale } : d;
}

function excelProblem(value: CellValue): string | undefined {
  if (isExcelError(value)) return `found the Excel error ${value.code}`;
  if (isExcelDate(value)) return 'found a date';
  if (typeof value === 'boolean') return `found ${describeCell(value)}`;
  return undefined;
}

/** An amount of money (contract §1): a number, or text such as `£75,000`, `(1,200)`. */
export function readAmount(value: CellValue): Reading<Pence> {
  const problem = excelProblem(value);
  if (problem) return bad(`should be an amount such as £75,000; ${problem}`);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return bad('should be an amount such as £75,000');
    const p = penceOfDecimalIfSafe(decimalOfNumber(value));
    return p === undefined ? bad(`is too large an amount; found ${describeCell(value)}`) : ok(p);
  }
  const d = decimalOfText(String(value), true);
  if (!d) return bad(`should be an amount such as £75,000, 75000.50 or (1,200); found ${describeCell(value)}`);
  const p = penceOfDecimalIfSafe(d);
  return p === undefined ? bad(`is too large an amount; found ${describeCell(value)}`) : ok(p);
}

/** Plain digits, or digits in groups of three (`29,199`): the common case, read without BigInt. */
const simpleNumber = /^-?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;

/** A plain number, allowing thousands separators in text (`29,199`). */
export function readNumber(value: CellValue): Reading<number> {
  if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, value } : bad('should be a number');
  if (typeof value === 'string' && simpleNumber.test(value)) return { ok: true, value: Number(value.includes(',') ? value.replace(/,/g, '') : value) };
  const problem = excelProblem(value);
  if (problem) return bad(`should be a number; ${problem}`);
  if (typeof value === 'number') return Number.isFinite(value) ? ok(value) : bad('should be a number');
  const d = decimalOfText(String(value), false);
  if (!d) return bad(`should be a number; found ${describeCell(value)}`);
  return ok(Number(d.digits) / 10 ** d.scale);
}

/** A number kept exact (quantities, multipliers), for cost arithmetic. */
export function readDecimal(value: CellValue): Reading<Decimal> {
  const problem = excelProblem(value);
  if (problem) return bad(`should be a number; ${problem}`);
  if (typeof value === 'number') return Number.isFinite(value) ? ok(decimalOfNumber(value)) : bad('should be a number');
  const d = decimalOfText(String(value), false);
  return d ? ok(d) : bad(`should be a number; found ${describeCell(value)}`);
}

/** A whole number (counts, ranks, wards). */
export function readWhole(value: CellValue): Reading<number> {
  const n = readNumber(value);
  if (!n.ok) return bad(n.problem.replace('should be a number', 'should be a whole number'));
  return Number.isInteger(n.value) ? n : bad(`should be a whole number; found ${describeCell(value)}`);
}

/**
 * A rate (contract: Pay inflation, Non-pay inflation, a cost line's Inflation):
 * `3.8%`, `0.038`, or a percentage-formatted cell (which holds 0.038). A bare 3.8 is
 * refused rather than read as 380%.
 */
export function readRate(value: CellValue): Reading<Decimal> {
  const problem = excelProblem(value);
  if (problem) return bad(`should be a rate such as 3.8%; ${problem}`);
  let d: Decimal | undefined;
  if (typeof value === 'number') {
    d = Number.isFinite(value) ? decimalOfNumber(value) : undefined;
  } else {
    const t = String(value).replace(invisibleSpaces, '');
    if (t.endsWith('%')) {
      const inner = decimalOfText(t.slice(0, -1), false);
      d = inner && { digits: inner.digits, scale: inner.scale + 2 };
    } else {
      d = decimalOfText(t, false);
    }
  }
  if (!d) return bad(`should be a rate such as 3.8%; found ${describeCell(value)}`);
  const asNumber = Number(d.digits) / 10 ** d.scale;
  if (asNumber <= -1) return bad(`should be a rate above -100%; found ${describeCell(value)}`);
  if (asNumber >= 1) return bad(`should be a rate such as 3.8%; found ${describeCell(value)}, which would be ${(asNumber * 100).toFixed(0)}%. Write 3.8% for three point eight per cent`);
  return ok(d);
}

/** Matching key for words: case, spaces and punctuation ignored (contract §1). */
export const normalizeWord = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** The closest of `options` to `text`, when close enough to suggest. */
export function didYouMean(text: string, options: readonly string[]): string | undefined {
  const key = normalizeWord(text);
  if (key === '') return undefined;
  let best: { option: string; distance: number } | undefined;
  for (const option of options) {
    const okey = normalizeWord(option);
    const distance = okey.startsWith(key) && key.length >= 2 ? 0.5 : editDistance(key, okey);
    if (!best || distance < best.distance) best = { option, distance };
  }
  if (!best) return undefined;
  return best.distance <= Math.max(1, Math.floor(normalizeWord(best.option).length / 3)) ? best.option : undefined;
}

/**
 * One of a list of words, matched ignoring case, spaces and punctuation. `choices` maps
 * each accepted spelling to its meaning; the first spelling of each is what we suggest.
 */
export function readChoice<T>(value: CellValue, choices: readonly (readonly [string, T])[]): Reading<T> {
  // One spelling per meaning (the first listed); the others are accepted but not offered.
  const listed = choices.filter(([, v], i) => choices.findIndex(([, u]) => u === v) === i).map(([w]) => w);
  const shown = listed.map((w) => `"${w}"`).join(', ');
  if (typeof value !== 'string') return bad(`should be one of ${shown}; found ${describeCell(value)}`);
  const key = normalizeWord(value);
  const hit = choices.find(([word]) => normalizeWord(word) === key);
  if (hit) return ok(hit[1]);
  const near = didYouMean(value, choices.map(([w]) => w));
  const meaning = choices.find(([w]) => w === near)?.[1];
  const guess = near === undefined ? undefined : choices.find(([, v]) => v === meaning)?.[0];
  return bad(`should be one of ${shown}; found ${describeCell(value)}${guess ? ` (did you mean "${guess}"?)` : ''}`);
}
