/**
 * Money is a whole number of pence, branded so pounds cannot be passed where pence are
 * meant. Safe integers hold ±£90 trillion exactly; no float ever holds a total.
 */
declare const penceBrand: unique symbol;
export type Pence = number & { readonly [penceBrand]: true };

/** Pence beyond a safe integer (about ±£90 trillion): a total too large to hold exactly. */
export class MoneyOverflowError extends RangeError {
  override readonly name = 'MoneyOverflowError';
}

/** The one door into Pence: a safe integer, or a thrown MoneyOverflowError. */
export function pence(value: number): Pence {
  if (!Number.isSafeInteger(value)) throw new MoneyOverflowError(`Not a whole number of pence: ${value}`);
  return value as Pence;
}
export const ZERO = 0 as Pence;

export const sumPence = (values: Iterable<Pence>): Pence => {
  let total = 0;
  for (const v of values) total += v;
  return pence(total);
};
export const minPence = (a: Pence, b: Pence): Pence => (a < b ? a : b);

/** Pounds for a cell or the JSON summary: the only place pence become a float. */
export const toPounds = (p: Pence): number => p / 100;

/** `£1,234.50`, `(£1,200.00)` for negatives, as a budget report writes it. */
/**
 * A whole number 0 or more with its thousands separated by commas (`1,234,567`), as
 * `toLocaleString('en-GB')` writes it, without it: that builds a number formatter on every
 * call, which made formatting the amounts of a small plan cost more than planning it.
 */
export function groupThousands(n: number): string {
  // Anything else (a fraction, a negative) is rare: written as before.
  if (!Number.isSafeInteger(n) || n < 0) return n.toLocaleString('en-GB');
  const digits = String(n);
  if (digits.length <= 3) return digits;
  const head = digits.length % 3 || 3;
  let text = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) text += `,${digits.slice(i, i + 3)}`;
  return text;
}

export function formatPounds(p: Pence): string {
  const abs = Math.abs(p);
  const pounds = groupThousands(Math.floor(abs / 100));
  const text = `£${pounds}.${String(abs % 100).padStart(2, '0')}`;
  return p < 0 ? `(${text})` : text;
}

/** A summary amount in pounds (already to the penny) written as formatPounds writes pence. */
export const formatPoundsAmount = (pounds: number): string => formatPounds(pence(Math.round(pounds * 100)));

/** `£695,453`, `(£1,200)`: whole pounds, rounded half away from zero, as a headline gives a total. */
export function formatWholePounds(p: Pence): string {
  const abs = Math.abs(p);
  const pounds = Math.floor(abs / 100) + (abs % 100 >= 50 ? 1 : 0);
  const text = `£${groupThousands(pounds)}`;
  return p < 0 && pounds > 0 ? `(${text})` : text;
}

/** An exact decimal: `digits / 10^scale`, sign included in digits. */
export interface Decimal {
  readonly digits: bigint;
  readonly scale: number;
}

/**
 * Reads a plain decimal (`-12.345`, `1e-7` only when `allowExponent`) digit by digit,
 * never through a float, so `1.005` stays 1.005.
 */
export function parseDecimal(text: string, allowExponent = false): Decimal | undefined {
  const m = (allowExponent ? /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/ : /^([+-]?)(\d*)(?:\.(\d*))?$/).exec(text);
  if (!m) return undefined;
  const whole = m[2] ?? '';
  const frac = m[3] ?? '';
  if (whole === '' && frac === '') return undefined;
  let digits = BigInt((whole || '0') + frac);
  let scale = frac.length - (m[4] ? Number(m[4]) : 0);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  if (m[1] === '-') digits = -digits;
  return { digits, scale };
}

/** A JavaScript number as an exact decimal of its shortest round-trip spelling. */
export function decimalOfNumber(value: number): Decimal {
  const d = parseDecimal(String(value), true);
  if (!d) throw new RangeError(`Not a finite number: ${value}`);
  return d;
}

/** Divides and rounds half away from zero, as Excel's ROUND does. */
export function roundDiv(numerator: bigint, denominator: bigint): bigint {
  if (denominator < 0n) return roundDiv(-numerator, -denominator);
  const q = numerator / denominator;
  const r = numerator % denominator;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= denominator) return q + (numerator < 0n ? -1n : 1n);
  return q;
}

/** A decimal number of pounds as pence, rounded half away from zero at the penny; undefined when beyond a safe integer of pence. */
export function penceOfDecimal(d: Decimal): Pence | undefined {
  const scaled = d.scale <= 2 ? d.digits * 10n ** BigInt(2 - d.scale) : roundDiv(d.digits, 10n ** BigInt(d.scale - 2));
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  return scaled > limit || scaled < -limit ? undefined : pence(Number(scaled));
}

/** An exact fraction, for rates and multipliers inside cost arithmetic. */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}
export const ratioOfDecimal = (d: Decimal): Ratio => ({ num: d.digits, den: 10n ** BigInt(d.scale) });
export const ONE: Ratio = { num: 1n, den: 1n };

/** Multiplies pence by exact factors and rounds once, half away from zero. */
export function scalePence(amount: Pence, ...factors: Ratio[]): Pence {
  let num = BigInt(amount);
  let den = 1n;
  for (const f of factors) {
    num *= f.num;
    den *= f.den;
  }
  return pence(Number(roundDiv(num, den)));
}

/**
 * Shares `total` pence out in proportion to whole-number weights, exactly: each share
 * is floored, then the pence left over go one each to the largest remainders, ties in
 * the order given. The shares always add up to the total.
 */
export function allocatePence(total: Pence, weights: readonly bigint[]): Pence[] {
  const sumWeights = weights.reduce((a, b) => a + b, 0n);
  if (sumWeights <= 0n) throw new RangeError('Weights must add up to more than zero');
  const t = BigInt(total);
  const sign = t < 0n ? -1n : 1n;
  const abs = t * sign;
  const shares: bigint[] = [];
  const remainders: { index: number; rem: bigint }[] = [];
  let given = 0n;
  weights.forEach((w, index) => {
    const exact = abs * w;
    const share = exact / sumWeights;
    shares.push(share);
    given += share;
    remainders.push({ index, rem: exact % sumWeights });
  });
  let left = abs - given;
  remainders.sort((a, b) => (a.rem === b.rem ? a.index - b.index : a.rem > b.rem ? -1 : 1));
  for (const { index } of remainders) {
    if (left <= 0n) break;
    shares[index] += 1n;
    left -= 1n;
  }
  return shares.map((s) => pence(Number(s * sign)));
}
