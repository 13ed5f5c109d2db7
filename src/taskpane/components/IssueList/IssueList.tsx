import { Badge, Link, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { type Issue, type IssueSeverity, issuesInOrder } from '../../../engine';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  list: { margin: 0, padding: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  item: { display: 'flex', alignItems: 'flex-start', columnGap: tokens.spacingHorizontalS },
  badge: { flexShrink: 0, marginTop: tokens.spacingVerticalXXS },
  body: { minWidth: 0, overflowWrap: 'anywhere' },
  where: { fontWeight: tokens.fontWeightSemibold },
});

const badgeBySeverity = {
  error: { color: 'danger', label: 'Error' },
  warning: { color: 'warning', label: 'Warning' },
} as const satisfies Record<IssueSeverity, { color: 'danger' | 'warning'; label: string }>;

/** The sheet and cell an issue points at, when it points at one cell. */
export function issueLocation(issue: Issue): { readonly sheet: string; readonly cell: string } | undefined {
  return issue.cell ? { sheet: issue.sheet ?? issue.table, cell: issue.cell } : undefined;
}

/**
 * Input issues, errors first. Each one with a cell is a link (a real button, so Tab and
 * Enter reach it) that selects that cell in the workbook for the user to fix.
 */
export function IssueList(props: {
  readonly issues: readonly Issue[];
  readonly onSelect: (sheet: string, cell: string) => void;
}) {
  const styles = useStyles();
  const issues = issuesInOrder(props.issues);
  const errors = issues.filter((i) => i.severity === 'error').length;
  if (issues.length === 0) return null;
  return (
    <section className={styles.root} aria-labelledby="lp-issues-title">
      <Subtitle2 as="h2" id="lp-issues-title">
        {errors > 0 ? `${errors} ${errors === 1 ? 'problem' : 'problems'} to fix before the run can finish` : 'Input warnings'}
      </Subtitle2>
      <ul className={styles.list}>
        {issues.map((issue, index) => {
          const at = issueLocation(issue);
          const badge = badgeBySeverity[issue.severity];
          return (
            <li key={index} className={styles.item}>
              <Badge className={styles.badge} appearance="tint" color={badge.color}>
                {badge.label}
              </Badge>
              <Text className={styles.body}>
                {at ? (
                  <Link
                    as="button"
                    className={styles.where}
                    aria-label={`Go to ${at.sheet}!${at.cell}`}
                    onClick={() => props.onSelect(at.sheet, at.cell)}>
                    {`${at.sheet}!${at.cell}`}
                  </Link>
                ) : (
                  <span className={styles.where}>{issue.table}</span>
                )}
                {`: ${issue.message}`}
              </Text>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
