import type { SourceTable } from './input';
import { type Issue, type LocalitiesReason, issueAt } from './issues';
import { type Requirement, type Settled, methodNeeds, requirementsOf } from './parameters';
import { guessMethod } from './read/method';
import type { CostsRead } from './read/costs';
import type { IndicatorsRead } from './read/indicators';
import type { LocalitiesRead } from './read/localities';
import { missingColumn } from './read/table';
import type { Staged } from './stage';

const reasonOrder: readonly LocalitiesReason[] = ['quotas', 'cost-per-locality', 'allocation-pot', 'each-locality-line', 'shared-out-line'];
const columnNames = { district: 'District', wards: 'Wards', population: 'Population' } as const;

/**
 * What the parameters and the cost lines (Each locality, Shared out) require of the
 * other tables, checked whatever else is wrong (contract §2, v1.1 §5.4): a Localities
 * table, an indicator to rank by, the District, Wards or Population column, and the
 * column a `Per <column>` method names. Each requirement of a parameter that could not
 * be read waits for it.
 */
export function checkRequirements(settled: Settled, localitiesTable: SourceTable | undefined, localities: LocalitiesRead, indicators: IndicatorsRead, costs: CostsRead, parametersSheet: string | undefined): Staged<void> {
  const issues: Issue[] = [];
  const requirements = [...requirementsOf(settled), ...costRequirements(settled, costs)].filter((r, i, list) => list.findIndex((o) => JSON.stringify(o) === JSON.stringify(r)) === i);
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
        if (localities.columns[r.field] === undefined && !columnsMissing.some((i) => i.code === 'MISSING_COLUMN' && i.field === columnNames[r.field])) {
          columnsMissing.push(missingColumn(localitiesTable, 'Localities', columnNames[r.field], r.by));
        }
        break;
      case 'basis-column': {
        if (localities.columnNamed(r.header) !== undefined) break;
        const at = settled.sources[r.parameter];
        const written = `Per ${r.header}`;
        columnsMissing.push(issueAt(
          { code: 'UNKNOWN_BASIS', field: 'Allocation method', method: written, header: r.header, guess: guessMethod(written, r.header, localities.headers) },
          typeof at === 'object' ? { table: 'Parameters', sheet: at.sheet, cell: at.cell } : onParameters,
        ));
        break;
      }
      default: {
        const never: never = r;
        return never;
      }
    }
  }
  return { value: undefined, issues: [...indicatorsNeeded, ...columnsMissing] };
}

/**
 * What the cost lines need of Localities: a table for an Each locality or Shared out
 * line, and what each Shared out line's method needs (a blank Method uses the Allocation
 * method parameter, whose `Per <column>` is checked at its cell; a line's own
 * `Per <column>` was checked at its Method cell when Costs was read).
 */
function costRequirements(settled: Settled, costs: CostsRead): Requirement[] {
  const out: Requirement[] = [];
  const add = (r: Requirement) => {
    if (!out.some((o) => JSON.stringify(o) === JSON.stringify(r))) out.push(r);
  };
  if (costs.eachLocality) add({ kind: 'localities', reason: 'each-locality-line' });
  if (costs.sharedOut.length > 0) add({ kind: 'localities', reason: 'shared-out-line' });
  const parameterMethod = settled.values.allocationMethod;
  // A `Per <column>` in Allocation method is checked even where nothing uses it, so a mistyped one is found now.
  if (parameterMethod.usable && parameterMethod.value.kind === 'per-column') methodNeeds(parameterMethod.value, 'allocationMethod').forEach(add);
  for (const { method } of costs.sharedOut) {
    if (method !== null) methodNeeds(method, 'allocationMethod').filter((r) => r.kind !== 'basis-column').forEach(add);
    else if (parameterMethod.usable) methodNeeds(parameterMethod.value, 'allocationMethod').forEach(add);
  }
  return out;
}
