import { type CellValue, isBlank, isExcelError } from './cells';
import type { Issue } from './issues';
import type { Indicator, Locality } from './model';
import type { LocalitiesRead } from './read/localities';
import { readNumber } from './read/values';

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

/** Above this many, missing-value notes for one indicator are summed up in one issue. */
const LISTED_MISSING = 10;

/**
 * Need scores (contract §2): for each indicator, each locality's percentile among all
 * ranked localities (100 = most deprived, ties share the mean of their percentiles);
 * the score is the weighted mean. A locality missing any indicator is not ranked.
 */
export function scoreNeed(read: LocalitiesRead, indicators: readonly Indicator[], issues: Issue[]): (number | null)[] {
  const { localities, reader } = read;
  if (indicators.length === 0) return localities.map(() => null);
  const values: Float64Array[] = indicators.map(() => new Float64Array(localities.length));
  const rankable = new Array<boolean>(localities.length).fill(true);
  indicators.forEach((indicator, k) => {
    const missingCells: string[] = [];
    for (const loc of localities) {
      // The IMD Rank column was parsed when the localities were read.
      if (indicator.column === reader.columns.imdRank && loc.imdRank !== null) {
        values[k][loc.index] = loc.imdRank;
        continue;
      }
      const raw: CellValue = reader.cellAt(loc.row, indicator.column);
      if (typeof raw === 'number' && Number.isFinite(raw)) {
        values[k][loc.index] = raw;
        continue;
      }
      if (isBlank(raw) || (isExcelError(raw) && raw.code === '#N/A')) {
        missingCells.push(reader.address(loc.row, indicator.column));
        rankable[loc.index] = false;
        continue;
      }
      const n = readNumber(raw);
      if (!n.ok) {
        reader.issue(n.problem.includes('Excel error') ? 'EXCEL_ERROR' : 'BAD_NUMBER', 'error', indicator.column, loc.row, `${indicator.header} ${n.problem}.`);
        rankable[loc.index] = false;
        continue;
      }
      values[k][loc.index] = n.value;
    }
    if (missingCells.length > 0 && missingCells.length <= LISTED_MISSING) {
      for (const cell of missingCells) {
        issues.push({ code: 'MISSING_INDICATOR', severity: 'warning', table: 'Localities', sheet: reader.table.sheet, cell: cell as Issue['cell'],
          message: `no value for ${indicator.header}, so this locality is not ranked or chosen by the quotas (it is never treated as zero).` });
      }
    } else if (missingCells.length > LISTED_MISSING) {
      issues.push({ code: 'MISSING_INDICATOR', severity: 'warning', table: 'Localities', sheet: reader.table.sheet, cell: missingCells[0] as Issue['cell'],
        message: `${missingCells.length} localities have no value for ${indicator.header} (first ${missingCells.slice(0, 5).join(', ')}), so they are not ranked or chosen by the quotas.` });
    }
  });
  const ranked = localities.filter((l) => rankable[l.index]);
  const totalWeight = indicators.reduce((a, i) => a + i.weight, 0);
  const scores = new Array<number | null>(localities.length).fill(null);
  const sums = new Array<number>(localities.length).fill(0);
  indicators.forEach((indicator, k) => {
    const v = values[k];
    // Least deprived first, so position i has percentile 100·i/(N−1).
    const order = ranked.map((l) => l.index).sort((a, b) => (indicator.direction === 'higher-is-worse' ? v[a] - v[b] : v[b] - v[a]));
    const n = order.length;
    let i = 0;
    while (i < n) {
      let j = i;
      while (j + 1 < n && v[order[j + 1]] === v[order[i]]) j++;
      const percentile = n === 1 ? 100 : (100 * (i + j)) / 2 / (n - 1);
      for (let t = i; t <= j; t++) sums[order[t]] += indicator.weight * percentile;
      i = j + 1;
    }
  });
  for (const l of ranked) scores[l.index] = sums[l.index] / totalWeight;
  return scores;
}

/** Rank 1 = highest need score; ties by IMD Rank (lower first), then Locality name (contract §2). */
export function compareNeed(a: { score: number; locality: Locality }, b: { score: number; locality: Locality }): number {
  if (a.score !== b.score) return b.score - a.score;
  const ra = a.locality.imdRank ?? Number.POSITIVE_INFINITY;
  const rb = b.locality.imdRank ?? Number.POSITIVE_INFINITY;
  if (ra !== rb) return ra - rb;
  const na = a.locality.name.toLowerCase();
  const nb = b.locality.name.toLowerCase();
  if (na !== nb) return na < nb ? -1 : 1;
  return a.locality.index - b.locality.index;
}

export interface SelectionRules {
  readonly perDistrict: number;
  readonly additional: number;
}

/**
 * Ranks and selects (contract §2): Exclude overrides out first, Include overrides in
 * next (counting towards neither quota), then the most in need in each district, then
 * Additional more across the whole area from those not yet chosen. With both quotas 0
 * every locality not excluded is selected.
 */
export function prioritise(read: LocalitiesRead, scores: readonly (number | null)[], rules: SelectionRules, indicatorName: string | null, issues: Issue[]): Priority[] {
  const { localities } = read;
  const order = localities
    .filter((l) => scores[l.index] !== null)
    .map((l) => ({ score: scores[l.index]!, locality: l }))
    .sort(compareNeed);
  const rank = new Array<number | null>(localities.length).fill(null);
  order.forEach((o, i) => (rank[o.locality.index] = i + 1));
  // Districts match ignoring case; each locality's key is worked out once.
  const keyOf = new Map<string, string>();
  const districtKey = localities.map((l) => {
    if (l.district === null) return null;
    let key = keyOf.get(l.district);
    if (key === undefined) keyOf.set(l.district, (key = l.district.toLowerCase()));
    return key;
  });
  const districtRank = new Array<number | null>(localities.length).fill(null);
  const districtCount = new Map<string, number>();
  for (const o of order) {
    const key = districtKey[o.locality.index];
    if (key === null) continue;
    const next = (districtCount.get(key) ?? 0) + 1;
    districtCount.set(key, next);
    districtRank[o.locality.index] = next;
  }

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
      const districts = new Map<string, { name: string; picked: number }>();
      for (const l of localities) {
        const key = districtKey[l.index];
        if (key !== null && !districts.has(key)) districts.set(key, { name: l.district!, picked: 0 });
      }
      for (const o of order) {
        const l = o.locality;
        const key = districtKey[l.index];
        if (key === null || !available(l)) continue;
        const d = districts.get(key)!;
        if (d.picked >= rules.perDistrict) continue;
        d.picked++;
        reason[l.index] = 'district';
        text[l.index] = rules.perDistrict === 1 ? `Most in need in ${d.name}` : `Among the ${rules.perDistrict} most in need in ${d.name}`;
      }
      for (const d of districts.values()) {
        if (d.picked < rules.perDistrict) {
          issues.push({ code: 'QUOTA_SHORT', severity: 'warning', table: 'Parameters',
            message: `${d.name} has only ${d.picked} ${d.picked === 1 ? 'locality' : 'localities'} that can be chosen for Per district (${rules.perDistrict}); ${d.picked === 0 ? 'none is' : 'all are'} selected.` });
        }
      }
      const noDistrict = localities.filter((l) => l.district === null);
      if (noDistrict.length > 0) {
        issues.push({ code: 'REQUIRED', severity: 'warning', table: 'Localities', sheet: read.reader.table.sheet, cell: noDistrict[0].cell,
          message: `${noDistrict.length === 1 ? `${noDistrict[0].name} has` : `${noDistrict.length} localities have`} no District, so ${noDistrict.length === 1 ? 'it' : 'they'} can only be chosen as Additional.` });
      }
    }
    if (rules.additional > 0) {
      let picked = 0;
      for (const o of order) {
        if (picked >= rules.additional) break;
        if (!available(o.locality)) continue;
        picked++;
        reason[o.locality.index] = 'additional';
        text[o.locality.index] = rules.perDistrict > 0 ? `One of the ${rules.additional} most in need across the area after the district choices` : `One of the ${rules.additional} most in need across the area`;
      }
      if (picked < rules.additional) {
        issues.push({ code: 'QUOTA_SHORT', severity: 'warning', table: 'Parameters',
          message: `Additional asks for ${rules.additional} more localities but only ${picked} ${picked === 1 ? 'was' : 'were'} left to choose; all of them are selected.` });
      }
    }
  }
  return localities.map((l) => {
    const selected = reason[l.index] !== null;
    let reasonText = text[l.index];
    if (!reasonText) reasonText = rank[l.index] === null ? `Not ranked: no ${indicatorName ?? 'indicator'} value` : 'Not selected: ranked below the quotas';
    return { locality: l, needScore: scores[l.index], rank: rank[l.index], districtRank: districtRank[l.index], selected, reason: reason[l.index], reasonText };
  });
}
