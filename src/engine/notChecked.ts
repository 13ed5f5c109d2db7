import { type Issue, type StageName, issueAt } from './issues';
import type { Staged, Usable } from './stage';

/**
 * The last word of a run that stops: which parts could not be worked out because an
 * input they need is unusable, each named once with what it needs, so the finance
 * officer knows a run after the fixes may find more (and no knock-on errors are
 * reported in their place).
 */
export function notWorkedOut(stages: { readonly [S in StageName]: Usable<unknown> }): Staged<void> {
  const blocked = (Object.keys(stages) as StageName[]).flatMap((stage) => {
    const result = stages[stage];
    return !result.usable && result.blocked ? [{ stage, needs: result.needs }] : [];
  });
  const issues: Issue[] = blocked.length > 0 ? [issueAt({ code: 'NOT_CHECKED', stages: blocked }, { table: 'Workbook' })] : [];
  return { value: undefined, issues };
}
