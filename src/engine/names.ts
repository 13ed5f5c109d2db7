/**
 * How names and words are compared. Two rules, each used everywhere it applies:
 *  - words (headers, parameter names, choices such as `Non-pay`) match ignoring case,
 *    spaces and punctuation (contract §1);
 *  - names (localities, districts, cost lines, funding sources) match ignoring case,
 *    invisible differences and runs of spaces, but keep their punctuation: `Stoke-on-Trent`
 *    is not `Stoke on Trent`, while `Ynys Môn` typed two ways, or `Cannock Chase` with a
 *    no-break space, is one place. A name is always shown as written.
 */

/** Characters with no width that Excel shows as nothing: zero-width space, joiners, word joiner, byte-order mark. */
const zeroWidth = /[\u200b-\u200d\u2060\ufeff]/g;
/** Any run of white space, no-break and thin spaces included. */
const spaces = /[\s\u00a0\u2007\u2009\u202f]+/g;

/** The key a name is compared by: Unicode NFC, zero-width characters out, spaces collapsed and trimmed, case folded. */
export function nameKey(text: string): string {
  return isPlainName(text) ? text.toLowerCase() : text.normalize('NFC').replace(zeroWidth, '').replace(spaces, ' ').trim().toLowerCase();
}

/**
 * Printable ASCII with single spaces between words and none at either end (every one of
 * England's 32,844 LSOA names): NFC, zero-width removal, collapsing and trimming all leave
 * it as it is, so its key is its lower case. Checked without a regular expression: the key
 * is worked out for every locality and district of a run.
 */
function isPlainName(text: string): boolean {
  const n = text.length;
  if (n === 0 || text.charCodeAt(0) === 32 || text.charCodeAt(n - 1) === 32) return false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 ? text.charCodeAt(i + 1) === 32 : c < 33 || c > 126) return false;
  }
  return true;
}

const nameKeyCased = (text: string): string => text.normalize('NFC').replace(zeroWidth, '').replace(spaces, ' ').trim();

/** The key a word is matched by: as `nameKey`, then only its letters and digits (contract §1). */
export function normalizeWord(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** Why two names with the same key are written differently, in words a user can act on. */
export type LookAlike = 'case' | 'spaces' | 'invisible' | 'no-break-space' | 'accents';

/** What makes two names that compare equal look different (empty when written alike). */
export function lookAlikeDifferences(a: string, b: string): LookAlike[] {
  const x = a.trim();
  const y = b.trim();
  if (x === y) return [];
  const out: LookAlike[] = [];
  const invisibles = (s: string) => s.length - s.replace(zeroWidth, '').length;
  if (invisibles(x) !== invisibles(y)) out.push('invisible');
  const hard = /[\u00a0\u2007\u2009\u202f]/;
  if (hard.test(x) !== hard.test(y)) out.push('no-break-space');
  // The names have the same key, so each comparison below differs only in its own kind.
  const visible = (s: string) => s.replace(zeroWidth, '').replace(/[\u00a0\u2007\u2009\u202f]/g, ' ');
  if (visible(x).replace(spaces, ' ').toLowerCase() !== visible(y).replace(spaces, ' ').toLowerCase()) out.push('accents');
  if (visible(x).normalize('NFC').toLowerCase() !== visible(y).normalize('NFC').toLowerCase()) out.push('spaces');
  if (nameKeyCased(x) !== nameKeyCased(y)) out.push('case');
  return out;
}

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
