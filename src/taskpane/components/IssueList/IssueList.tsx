import { useMemo, useState, type Ref } from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import type { Issue, IssueSeverity } from '../../../engine';
import { copyText } from '../../clipboard';
import { describeError } from '../../errorMessage';
import { type IssueGroup, groupIssues, groupLocation, issuesAsText } from '../../issueGroups';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  heading: { ...typographyStyles.subtitle2, margin: 0, ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  list: { margin: 0, padding: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  item: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS, minWidth: 0 },
  line: { display: 'flex', alignItems: 'flex-start', columnGap: tokens.spacingHorizontalS },
  badge: { flexShrink: 0, marginTop: tokens.spacingVerticalXXS },
  body: { minWidth: 0, overflowWrap: 'anywhere' },
  where: { fontWeight: tokens.fontWeightSemibold },
  select: { alignSelf: 'flex-start' },
});

const badgeBySeverity = {
  error: { color: 'danger', label: 'Fix' },
  warning: { color: 'warning', label: 'Check' },
} as const satisfies Record<IssueSeverity, { color: 'danger' | 'warning'; label: string }>;

/** `1 problem`, `3 warnings`. */
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Where the pane shows a group: the areas it names, with a button to select them all in Excel. */
function GroupItem(props: { readonly group: IssueGroup; readonly onSelect: (group: IssueGroup) => void; readonly disabled: boolean }) {
  const styles = useStyles();
  const { group } = props;
  const badge = badgeBySeverity[group.severity];
  const cells = group.areas.length > 0 && group.count > 1 ? ` (${group.count} cells)` : '';
  return (
    <li className={styles.item}>
      <div className={styles.line}>
        <Badge className={styles.badge} appearance="tint" color={badge.color}>
          {badge.label}
        </Badge>
        <Text className={styles.body}>
          <span className={styles.where}>{`${groupLocation(group)}${cells}`}</span>
          {`: ${group.message}`}
        </Text>
      </div>
      {group.areas.length > 0 && (
        <Button
          className={styles.select}
          size="small"
          appearance="secondary"
          disabledFocusable={props.disabled}
          aria-label={`Select ${group.count === 1 ? 'the cell' : 'these cells'}: ${group.sheet}!${group.areas.slice(0, 3).join(', ')}${group.areas.length > 3 ? ' and more' : ''}`}
          onClick={() => props.onSelect(group)}>
          {group.count === 1 ? 'Select the cell' : 'Select these cells'}
        </Button>
      )}
    </li>
  );
}

/**
 * Input issues, grouped by table (each table a collapsible section), then by column and
 * message, errors first. A group with cells has one button that selects them all; the whole
 * list can be copied as text or written to a sheet of its own. The heading takes focus after
 * a failed run, so keyboard and screen-reader users land on what to fix.
 */
export function IssueList(props: {
  readonly issues: readonly Issue[];
  /** The inputs changed after the check that found these. */
  readonly stale: boolean;
  readonly disabled: boolean;
  readonly onSelect: (sheet: string, areas: readonly string[]) => Promise<{ readonly selected: string }>;
  readonly onWriteSheet: () => Promise<{ readonly sheet: string }>;
  readonly headingRef?: Ref<HTMLHeadingElement>;
}) {
  const styles = useStyles();
  const tables = useMemo(() => groupIssues(props.issues), [props.issues]);
  const [note, setNote] = useState<{ intent: 'success' | 'error' | 'info'; text: string } | undefined>(undefined);
  const [writing, setWriting] = useState(false);
  if (tables.length === 0) return null;
  const errors = tables.reduce((n, t) => n + t.errors, 0);
  const warnings = tables.reduce((n, t) => n + t.warnings, 0);
  const groups = tables.reduce((n, t) => n + t.groups.length, 0);
  // A short list shows every table open; a long one opens the first, so the pane stays readable.
  const open = groups <= 8 ? tables.map((t) => t.table) : [tables[0].table];

  const select = (group: IssueGroup) => {
    setNote(undefined);
    props.onSelect(group.sheet ?? group.table, group.areas).then(
      ({ selected }) => {
        if (selected !== group.areas.join(',')) setNote({ intent: 'info', text: `Selected ${group.sheet}!${selected}. This version of Excel selects one block of cells at a time; the others are listed here.` });
      },
      (error: unknown) => setNote({ intent: 'error', text: describeError(error) }),
    );
  };
  const copy = () => {
    copyText(issuesAsText(tables)).then((copied) =>
      setNote(copied ? { intent: 'success', text: `Copied ${count(groups, 'line', 'lines')} to the clipboard.` } : { intent: 'error', text: 'The pane could not reach the clipboard. Use "Write issues to a sheet" instead, and copy from there.' }),
    );
  };
  const writeSheet = () => {
    setWriting(true);
    setNote(undefined);
    props.onWriteSheet().then(
      ({ sheet }) => {
        setWriting(false);
        setNote({ intent: 'success', text: `Wrote the issues to the sheet ${sheet}. It is yours: the planner never changes it.` });
      },
      (error: unknown) => {
        setWriting(false);
        setNote({ intent: 'error', text: describeError(error) });
      },
    );
  };

  return (
    <section className={styles.root} aria-labelledby="lp-issues-title">
      <h2 id="lp-issues-title" tabIndex={-1} ref={props.headingRef} className={styles.heading}>
        {errors > 0 ? `${count(errors, 'problem', 'problems')} to fix before the run can finish` : `${count(warnings, 'input warning', 'input warnings')}`}
      </h2>
      {errors > 0 && warnings > 0 && <Text>And {count(warnings, 'warning', 'warnings')} to check.</Text>}
      {props.stale && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>The inputs have changed since these were found. Run again to see what is left.</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button size="small" onClick={copy}>
          Copy all
        </Button>
        <Button size="small" onClick={writeSheet} disabledFocusable={props.disabled || writing}>
          {writing ? 'Writing…' : 'Write issues to a sheet'}
        </Button>
      </div>
      {note && (
        <MessageBar intent={note.intent} layout="multiline">
          <MessageBarBody>{note.text}</MessageBarBody>
        </MessageBar>
      )}
      <Accordion multiple collapsible defaultOpenItems={open}>
        {tables.map((t) => (
          <AccordionItem key={t.table} value={t.table}>
            <AccordionHeader as="h3" size="medium">
              {t.table}: {[t.errors > 0 ? count(t.errors, 'problem', 'problems') : '', t.warnings > 0 ? count(t.warnings, 'warning', 'warnings') : ''].filter(Boolean).join(', ')}
            </AccordionHeader>
            <AccordionPanel>
              <ul className={styles.list}>
                {t.groups.map((group) => (
                  <GroupItem key={group.key} group={group} onSelect={select} disabled={props.disabled} />
                ))}
              </ul>
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
    </section>
  );
}
