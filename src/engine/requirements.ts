import type { SourceTable } from './input';
import { type Issue, type LocalitiesReason, issueAt } from './issues';
import { type Settled, requirementsOf } from './parameters';
import type { CostsRead } from './read/costs';
import type { IndicatorsRead } from './read/indicators';
import type { LocalitiesRead } from './read/localities';
import { missingColumn } from './read/table';
import type { Staged } from './stage';

const reasonOrder: readonly LocalitiesReason[] = ['quotas', 'cost-per-locality', 'allocation-pot', 'each-locality-line'];
const columnNames = { district: 'District', wards: 'Wards', population: 'Population' } as const;

/**
 * What the parameters (and an Each locality cost line) require of the other tables,
 * checked whatever else is wrong (contract §2): a Localities table, an indicator to rank
 * by, and the District, Wards or Population column. Each requirement of a parameter that
 * could not be read waits for it.
 */
export function checkRequirements(settled: Settled, localitiesTable: SourceTable | undefined, localities: LocalitiesRead, indicators: IndicatorsRead, costs: CostsRead, parametersSheet: string | undefined): Staged<void> {
  const issues: Issue[] = [];
  const requirements = [...requirementsOf(settled), ...(costs.eachLocality ? [{ kind: 'localities' as const, reason: 'each-locality-line' as const }] : [])];
  const onParameters = { table: 'Parameters' as const, ...(parametersSheet === undefined ? {} : { sheet: parametersSheet }) };
  if (!localitiesTable) {
    const reasons = reasonOrder.filter((reason) => requirements.some((r) => r.kind === 'localities' && r.reason === reason));
    if (reasons.length > 0) issues.push(issueAt({ code: 'LOCALITIES_NEEDED', reasons }, onParameters));
    return { value: undefined, issues };
  }
  const noIndicator = indicators.indicators.usable && indicators.indicators.value.length === 0 && !indicators.fromTable;
  const indicatorsNeeded: Issue[] = [];
  const columnsMissing: Issue[] = [];
  for (const r of requirements) {
    switch (r.kind) {
      case 'localities':
        break; // there is a Localities table
      case 'indicator':
        if (noIndicator && !indicatorsNeeded.some((i) => i.code === 'INDICATOR_NEEDED' && i.by === r.by)) indicatorsNeeded.push(issueAt({ code: 'INDICATOR_NEEDED', by: r.by }, onParameters));
        break;
      case 'column':
        if (localities.columns[r.field] === undefined) columnsMissing.push(missingColumn(localitiesTable, 'Localities', columnNames[r.field], r.by));
        break;
      default: {
        const never: never = r;
        return never;
      }
    }
  }
  return { value: undefined, issues: [...indicatorsNeeded, ...columnsMissing] };
}
