import { type Issue, issueAt } from './issues';
import type { Indicator, Locality } from './model';
import { nameKey } from './names';
import type { IndicatorsRead } from './read/indicators';
import type { LocalitiesRead } from './read/localities';
import { type Staged, type Usable, all, unusable, usable } from './stage';

/** Why a locality was chosen (contract §4 `reason`). */
export type SelectionReason = 'override' | 'district' | 'additional' | 'all';

export interface Priority {
  readonly locality: Locality;
  /** 0–100, 100 = most deprived; null when not ranked. */
  readonly needScore: number | null;
  /** 1 = most in need; null when not ranked. */
  readonly rank: number | null;
  readonly districtRank: number | null;
  readonly selected: boolean;
  readonly reason: SelectionReason | null;
  /** The reason in words, for the Priorities sheet. */
  readonly reasonText: string;
}

/**
 * Need scores (contract §2): for each indicator, each locality's percentile among all
 * ranked localities (100 = most deprived, ties share the mean of their percentiles);
 * the score is the weighted mean. A locality missing any indicator value is not ranked.
 * By locality index; null where not ranked.
 */
export function scoreNeed(localities: readonly Locality[], indicators: readonly Indicator[]): (number | null)[] {
  if (indicators.length === 0) return localities.map(() => null);
  const ranked = localities.filter((l) => l.indicatorValues.every((v) => v !== null));
  const totalWeight = indicators.reduce((a, i) => a + i.weight, 0);
  const scores = new Array<number | null>(localities.length).fill(null);
  const sums = new Array<number>(localities.length).fill(0);
  const n = ranked.length;
  // A locality's percentile depends only on where its value stands among all the values:
  // the values are sorted as numbers (natively, no comparison function: England has 32,844),
  // and each locality finds the run of values equal to its own by binary search.
  const sorted = new Float64Array(n);
  indicators.forEach((indicator, k) => {
    for (let t = 0; t < n; t++) sorted[t] = ranked[t].indicatorValues[k]!;
    sorted.sort();
    const lowerIsWorse = indicator.direction !== 'higher-is-worse';
    for (const l of ranked) {
      const x = l.indicatorValues[k]!;
      // The run of equal values, lowest first: positions lo to hi.
      const lo = countBelow(sorted, x, false);
      const hi = countBelow(sorted, x, true) - 1;
      // Least deprived first, so position i has percentile 100·i/(N−1); ties share the mean of i and j.
      const i = lowerIsWorse ? n - 1 - hi : lo;
      const j = lowerIsWorse ? n - 1 - lo : hi;
      const percentile = n === 1 ? 100 : (100 * (i + j)) / 2 / (n - 1);
      sums[l.index] += indicator.weight * percentile;
    }
  });
  for (const l of ranked) scores[l.index] = sums[l.index] / totalWeight;
  return scores;
}

/** How many of the ascending `sorted` are below `x` (or, with `orEqual`, not above it). */
function countBelow(sorted: Float64Array, x: number, orEqual: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x || (orEqual && sorted[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Rank 1 = highest need score; ties by IMD Rank (lower first), then Locality name (contract §2). */
function compareNeed(a: { score: number; locality: Locality }, b: { score: number; locality: Locality }): number {
  if (a.score !== b.score) return b.score - a.score;
  const ra = a.locality.imdRank ?? Number.POSITIVE_INFINITY;
  const rb = b.locality.imdRank ?? Number.POSITIVE_INFINITY;
  if (ra !== rb) return ra - rb;
  const na = a.locality.name.toLowerCase();
  const nb = b.locality.name.toLowerCase();
  if (na !== nb) return na < nb ? -1 : 1;
  return a.locality.index - b.locality.index;
}

/**
 * The ranked localities, most in need first, by {@link compareNeed}. Localities are grouped
 * by score and the distinct scores sorted natively as numbers; only localities sharing a
 * score are compared one by one (England's 32,844 have few such ties). A score that is not
 * a finite number (weights too large to add up) is sorted by comparison, as the rule says.
 */
export function needOrder(localities: readonly Locality[], scores: readonly (number | null)[]): { score: number; locality: Locality }[] {
  const ranked = localities.filter((l) => scores[l.index] !== null).map((l) => ({ score: scores[l.index]!, locality: l }));
  if (!ranked.every((o) => Number.isFinite(o.score))) return ranked.sort(compareNeed);
  const n = ranked.length;
  // The distinct scores, ascending (-0 and 0 are one score, as compareNeed has them).
  const sorted = new Float64Array(n);
  for (let t = 0; t < n; t++) sorted[t] = ranked[t].score;
  sorted.sort();
  let distinctCount = 0;
  for (let t = 0; t < n; t++) if (distinctCount === 0 || sorted[t] !== sorted[distinctCount - 1]) sorted[distinctCount++] = sorted[t];
  const distinct = sorted.subarray(0, distinctCount);
  // Each locality's score by its place among them (a binary search; a Map keyed by numbers
  // cost more than the rest together), then a counting sort, highest score first.
  const group = new Int32Array(n);
  const start = new Int32Array(distinctCount + 1);
  for (let t = 0; t < n; t++) {
    const x = ranked[t].score;
    let lo = 0;
    let hi = distinctCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distinct[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    // Highest first: the highest score is group 0.
    group[t] = distinctCount - 1 - lo;
    start[group[t] + 1]++;
  }
  for (let g = 0; g < distinctCount; g++) start[g + 1] += start[g];
  const order = new Array<{ score: number; locality: Locality }>(n);
  const next = start.slice(0, distinctCount);
  for (let t = 0; t < n; t++) order[next[group[t]]++] = ranked[t];
  // Only localities sharing a score are compared one by one.
  for (let g = 0; g < distinctCount; g++) {
    if (start[g + 1] - start[g] < 2) continue;
    const tied = order.slice(start[g], start[g + 1]).sort(compareNeed);
    for (let k = 0; k < tied.length; k++) order[start[g] + k] = tied[k];
  }
  return order;
}

export interface SelectionRules {
  readonly perDistrict: number;
  readonly additional: number;
  /** Contract v1.1 §5.6: an Include takes one of its district's Per district places. */
  readonly overridesCountTowardsQuotas: boolean;
}

/**
 * Ranks and selects (contract §2, v1.1 §5.6): Exclude overrides out first, Include
 * overrides in next (counting towards neither quota, or, with Overrides count towards
 * quotas: Yes, each taking one of its district's Per district places, so a district's
 * own choice replaces its top-ranked pick), then the most in need in each district,
 * then Additional more across the whole area from those not yet chosen. With both quotas
 * 0 every locality not excluded is selected. Needs every Localities cell it uses read
 * cleanly, and the quotas readable.
 */
export function selectLocalities(read: LocalitiesRead, indicatorsRead: IndicatorsRead, quotas: Usable<SelectionRules>): Staged<Usable<readonly Priority[]>> {
  if (!read.present) return { value: usable([]), issues: [] };
  const inputs = all(read.localities, indicatorsRead.indicators, quotas);
  if (!inputs.usable) return { value: inputs, issues: [] };
  const [localities, indicators, rules] = inputs.value;
  // Their own errors were reported when the parameters' requirements were checked.
  if (rules.perDistrict > 0 && read.columns.district === undefined) return { value: unusable('a District column in Localities'), issues: [] };
  if ((rules.perDistrict > 0 || rules.additional > 0) && indicators.length === 0) return { value: unusable('an indicator'), issues: [] };
  const indicatorName = indicators.length === 1 ? indicators[0].header : indicators.length > 1 ? 'indicator' : null;
  const issues: Issue[] = [];
  const priorities = prioritise(localities, rankingOf(localities, indicators), rules, indicatorName, issues, read.sheet);
  return { value: usable(priorities), issues };
}

/** Need scores, the ranked order (most in need first), and each locality's rank and district. */
interface Ranking {
  readonly scores: readonly (number | null)[];
  readonly order: readonly { readonly score: number; readonly locality: Locality }[];
  /** By locality index: 1 = most in need; null when not ranked. */
  readonly rank: readonly (number | null)[];
  /** By locality index: its district's number in {@link districtNames}, -1 without a District. */
  readonly districtOf: Int32Array;
  /** Each district as first written, in the order districts first appear (names with the same key are one district). */
  readonly districtNames: readonly string[];
  /** By locality index: its rank within its district; null when not ranked or without a District. */
  readonly districtRank: readonly (number | null)[];
}

/**
 * Scores, ranks and districts depend only on the localities and indicators read, so they
 * are worked out once for each pair and kept: every what-if case that chooses again from
 * the same localities (another Additional, another Per district, each try of the
 * affordability search) reuses them (contract v1.1 §6, "fast enough to leave on"). Kept by
 * identity, so it holds nothing once a run is done.
 */
const rankings = new WeakMap<readonly Locality[], WeakMap<readonly Indicator[], Ranking>>();

function rankingOf(localities: readonly Locality[], indicators: readonly Indicator[]): Ranking {
  let byIndicators = rankings.get(localities);
  if (!byIndicators) rankings.set(localities, (byIndicators = new WeakMap()));
  const known = byIndicators.get(indicators);
  if (known) return known;
  const scores = scoreNeed(localities, indicators);
  const order = needOrder(localities, scores);
  const rank = new Array<number | null>(localities.length).fill(null);
  order.forEach((o, i) => (rank[o.locality.index] = i + 1));
  // Districts are one when their names have the same key; each name's key is worked out once.
  const districtOf = new Int32Array(localities.length).fill(-1);
  const districtNames: string[] = [];
  const byName = new Map<string, number>();
  const byKey = new Map<string, number>();
  for (const l of localities) {
    if (l.district === null) continue;
    let d = byName.get(l.district);
    if (d === undefined) {
      const key = nameKey(l.district);
      d = byKey.get(key);
      if (d === undefined) {
        d = districtNames.length;
        districtNames.push(l.district);
        byKey.set(key, d);
      }
      byName.set(l.district, d);
    }
    districtOf[l.index] = d;
  }
  const districtRank = new Array<number | null>(localities.length).fill(null);
  const ranked = new Int32Array(districtNames.length);
  for (const o of order) {
    const d = districtOf[o.locality.index];
    if (d >= 0) districtRank[o.locality.index] = ++ranked[d];
  }
  const ranking = { scores, order, rank, districtOf, districtNames, districtRank };
  byIndicators.set(indicators, ranking);
  return ranking;
}

function prioritise(localities: readonly Locality[], ranking: Ranking, rules: SelectionRules, indicatorName: string | null, issues: Issue[], sheet: string | undefined): Priority[] {
  const { scores, order, rank, districtOf, districtNames, districtRank } = ranking;
  const reason = new Array<SelectionReason | null>(localities.length).fill(null);
  const text = new Array<string>(localities.length).fill('');
  for (const l of localities) {
    if (l.override === 'exclude') text[l.index] = 'Left out by district choice (Override: Exclude)';
    else if (l.override === 'include') {
      reason[l.index] = 'override';
      text[l.index] = 'Included by district choice (Override: Include)';
    }
  }
  const available = (l: Locality) => l.override === null && reason[l.index] === null;
  if (rules.perDistrict === 0 && rules.additional === 0) {
    for (const l of localities) {
      if (available(l)) {
        reason[l.index] = 'all';
        text[l.index] = 'Every locality is selected (Per district and Additional are 0)';
      }
    }
  } else {
    if (rules.perDistrict > 0) {
      const picked = new Int32Array(districtNames.length);
      if (rules.overridesCountTowardsQuotas) {
        for (const l of localities) {
          const d = districtOf[l.index];
          // A district with more Includes than places keeps them all and gets no ranked pick.
          if (d >= 0 && l.override === 'include') {
            picked[d]++;
            text[l.index] = `Included by district choice (Override: Include), in one of ${l.district}'s Per district places`;
          }
        }
      }
      for (const o of order) {
        const l = o.locality;
        const d = districtOf[l.index];
        if (d < 0 || !available(l)) continue;
        if (picked[d] >= rules.perDistrict) continue;
        picked[d]++;
        reason[l.index] = 'district';
        text[l.index] = rules.perDistrict === 1 ? `Most in need in ${districtNames[d]}` : `Among the ${rules.perDistrict} most in need in ${districtNames[d]}`;
      }
      districtNames.forEach((name, d) => {
        if (picked[d] < rules.perDistrict) issues.push(issueAt({ code: 'QUOTA_SHORT', quota: 'per-district', district: name, asked: rules.perDistrict, picked: picked[d] }, { table: 'Parameters' }));
      });
      const noDistrict = localities.filter((l) => l.district === null);
      if (noDistrict.length > 0) {
        issues.push(issueAt({ code: 'NO_DISTRICT', count: noDistrict.length, first: noDistrict[0].name }, { table: 'Localities', ...(sheet === undefined ? {} : { sheet }), cell: noDistrict[0].cell }));
      }
    }
    if (rules.additional > 0) {
      let picked = 0;
      for (const o of order) {
        if (picked >= rules.additional) break;
        if (!available(o.locality)) continue;
        picked++;
        reason[o.locality.index] = 'additional';
        // "One of the 1 most in need" reads as a slip to a finance officer: one place is "the most in need", as for Per district 1.
        const which = rules.additional === 1 ? 'The most in need' : `One of the ${rules.additional} most in need`;
        text[o.locality.index] = rules.perDistrict > 0 ? `${which} across the area after the district choices` : `${which} across the area`;
      }
      if (picked < rules.additional) issues.push(issueAt({ code: 'QUOTA_SHORT', quota: 'additional', district: null, asked: rules.additional, picked }, { table: 'Parameters' }));
    }
  }
  return localities.map((l) => {
    const selected = reason[l.index] !== null;
    let reasonText = text[l.index];
    if (!reasonText) reasonText = rank[l.index] === null ? `Not ranked: no ${indicatorName ?? 'indicator'} value` : 'Not selected: ranked below the quotas';
    return { locality: l, needScore: scores[l.index], rank: rank[l.index], districtRank: districtRank[l.index], selected, reason: reason[l.index], reasonText };
  });
}

/**
 * The priorities most in need first (rank 1 first), then those not ranked, in Localities
 * order: the order of the Priorities sheet and of the need chart. Ranks are 1 to the
 * number ranked, each once, so each priority is put straight at its place rather than
 * sorted (England has 32,844); any other ranks are sorted as they are.
 */
export function inRankOrder(priorities: readonly Priority[]): Priority[] {
  const byRank = new Array<Priority | undefined>(priorities.length);
  const unranked: Priority[] = [];
  let ranked = 0;
  for (const p of priorities) {
    if (p.rank === null) unranked.push(p);
    else if (Number.isInteger(p.rank) && p.rank >= 1 && p.rank <= priorities.length && byRank[p.rank - 1] === undefined) {
      byRank[p.rank - 1] = p;
      ranked++;
    } else return [...priorities].sort(compareRank);
  }
  for (let i = 0; i < ranked; i++) if (byRank[i] === undefined) return [...priorities].sort(compareRank);
  unranked.sort((a, b) => a.locality.index - b.locality.index);
  return [...(byRank.slice(0, ranked) as Priority[]), ...unranked];
}

const compareRank = (a: Priority, b: Priority): number => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || a.locality.index - b.locality.index;
