import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
  typographyStyles,
  type MessageBarIntent,
} from '@fluentui/react-components';
import type { Ref } from 'react';
import type { RunReport } from '../../../excel/host';
import { type Summary, headlineOf, poundsAsShown } from '../../../engine';
import { SinceLastRun } from './SinceLastRun';

type Severity = Summary['warnings'][number]['severity'];
type FinishedReport = Extract<RunReport, { ok: true }>;

/**
 * How loud each warning is in the pane. Warnings are findings of a plan that ran, not
 * failures: a shortfall is what the planner is for finding, so even High is a warning bar
 * (its severity is named in the text), and nothing after a finished run looks like an error.
 */
export const intentBySeverity = {
  High: 'warning',
  Medium: 'warning',
  Low: 'info',
} as const satisfies Record<Severity, MessageBarIntent>;

/** How many warnings the pane shows; the rest are on the Warnings sheet. */
export const topWarningCount = 3;

/** The result sheets the pane offers to open, in this order, when the run wrote them. */
export const sheetsToOpen = ['Summary', 'Projection', 'Warnings'] as const;

/**
 * The written sheet that is one of these, under the run's Output sheet prefix if it had one
 * (`LP Summary`, `Draft-Summary`: the prefix and a space, or a prefix ending in -, _ or .).
 */
export function writtenSheet(base: string, written: readonly string[]): string | undefined {
  return written.find((name) => name === base) ?? written.find((name) => name.endsWith(base) && /[ \-_.]$/.test(name.slice(0, -base.length)));
}

// Names beyond this go into "and N more": the pane is narrow and the Priorities sheet has them all.
const namesShown = 12;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  stamp: { color: tokens.colorNeutralForeground2 },
  facts: { margin: 0, display: 'grid', rowGap: tokens.spacingVerticalS },
  fact: { margin: 0, overflowWrap: 'anywhere' },
  term: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  heading: { ...typographyStyles.subtitle2, margin: 0, ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
  open: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** `FUNDING_ENDS` → `Funding ends`: the contract's code as a title (the message already names the year). */
function codeInWords(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `a, b and c`. */
function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `14:32 on 23 November 2026`, in the pane's own time zone. */
export function stampInWords(iso: string): string {
  const at = new Date(iso);
  return `${at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })} on ${at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}`;
}

/**
 * What a finished run found, in the order a finance officer asks: when it ran (and whether
 * the inputs have changed since), which localities were chosen, what it costs over the
 * projection, what is left unfunded and when, and the warnings that matter most (contract §3,
 * the same figures as the CLI's JSON summary). Money is written as the sheets write it, by
 * the engine's own formatter; the totals come from the adapter, added in whole pence. Buttons open the
 * sheets to read next.
 */
export function ResultSummary(props: {
  readonly report: FinishedReport;
  readonly stale: boolean;
  readonly onOpen: (sheet: string) => void;
  readonly headingRef?: Ref<HTMLHeadingElement>;
}) {
  const styles = useStyles();
  const { summary, totals } = props.report;
  // The engine orders and words the headline; the pane only shows it. Money is written by the
  // engine's formatter in pounds and pence, as the sheets show it (its headline's total is whole pounds).
  const { selected: names, span, shortfallYears, warnings } = headlineOf(summary);
  const shown = names.length > namesShown ? [...names.slice(0, namesShown), `${names.length - namesShown} more`] : names;
  const top = warnings.slice(0, topWarningCount);
  const open = sheetsToOpen.flatMap((base) => writtenSheet(base, props.report.sheets) ?? []);

  return (
    <section className={styles.root} aria-labelledby="lp-results-title">
      {/* A plain h2 styled as Subtitle2: it takes the ref and tabIndex that let App move focus here. */}
      <h2 id="lp-results-title" tabIndex={-1} ref={props.headingRef} className={styles.heading}>
        Results
      </h2>
      <Text className={styles.stamp}>Run at {stampInWords(props.report.ranAt)}.</Text>
      {props.stale && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Inputs changed since this run.</MessageBarTitle> These results are from before the change; run again to bring them up to date.
          </MessageBarBody>
        </MessageBar>
      )}
      <dl className={styles.facts}>
        <div>
          <dt className={styles.term}>Localities selected</dt>
          <dd className={styles.fact} data-testid="selected-count">
            <Text weight="semibold">{names.length}</Text>
            {names.length > 0 && `: ${listInWords(shown)}`}
          </dd>
        </div>
        <div>
          <dt className={styles.term}>Total cost, {span}</dt>
          <dd className={styles.fact}>
            <Text weight="semibold">{poundsAsShown(totals.cost, props.report.amountsShown)}</Text>
          </dd>
        </div>
        <div>
          <dt className={styles.term}>Total shortfall, {span}</dt>
          <dd className={styles.fact} data-testid="shortfall">
            <Text weight="semibold">{poundsAsShown(totals.shortfall, props.report.amountsShown)}</Text>
            {shortfallYears.length > 0 ? `: in ${listInWords(shortfallYears)}` : ': funding covers every year'}
          </dd>
        </div>
      </dl>
      <SinceLastRun changes={props.report.changes} amountsShown={props.report.amountsShown} />
      {top.map((warning, index) => (
        <MessageBar key={index} intent={intentBySeverity[warning.severity]} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {codeInWords(warning.code)} ({warning.severity}):
            </MessageBarTitle>{' '}
            {warning.message}
          </MessageBarBody>
        </MessageBar>
      ))}
      {warnings.length > top.length && (
        <Text>
          {warnings.length - top.length} more {warnings.length - top.length === 1 ? 'warning is' : 'warnings are'} on the Warnings sheet.
        </Text>
      )}
      {open.length > 0 && (
        <div className={styles.open} role="group" aria-label="Open a results sheet">
          {open.map((sheet) => (
            <Button key={sheet} onClick={() => props.onOpen(sheet)}>
              Open {sheet}
            </Button>
          ))}
        </div>
      )}
    </section>
  );
}
