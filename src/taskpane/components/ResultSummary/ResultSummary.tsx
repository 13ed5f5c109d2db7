import {
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
import { headlineOf, type Summary } from '../../../engine';

type Severity = Summary['warnings'][number]['severity'];

/** How loud each warning severity is in the pane (the total map the style guide asks for). */
export const intentBySeverity = {
  High: 'error',
  Medium: 'warning',
  Low: 'info',
} as const satisfies Record<Severity, MessageBarIntent>;

/** How many warnings the pane shows; the rest are on the Warnings sheet. */
export const topWarningCount = 3;

// Names beyond this go into "and N more": the pane is narrow and the Priorities sheet has them all.
const namesShown = 12;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  facts: { margin: 0, display: 'grid', rowGap: tokens.spacingVerticalS },
  fact: { margin: 0, overflowWrap: 'anywhere' },
  term: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  heading: { ...typographyStyles.subtitle2, margin: 0, ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
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

/**
 * What a finished run found, in the order a finance officer asks: which localities were
 * chosen, what it costs over the projection, which years run short, and the warnings that
 * matter most (contract §3, the same figures as the CLI's JSON summary).
 */
export function ResultSummary(props: { readonly summary: Summary; readonly headingRef?: Ref<HTMLHeadingElement> }) {
  const styles = useStyles();
  const { summary } = props;
  // The engine adds up and orders; the pane only shows.
  const { selected: names, span, totalCost, shortfallYears, warnings } = headlineOf(summary);
  const shown = names.length > namesShown ? [...names.slice(0, namesShown), `${names.length - namesShown} more`] : names;
  const top = warnings.slice(0, topWarningCount);

  return (
    <section className={styles.root} aria-labelledby="lp-results-title">
      {/* A plain h2 styled as Subtitle2: it takes the ref and tabIndex that let App move focus here. */}
      <h2 id="lp-results-title" tabIndex={-1} ref={props.headingRef} className={styles.heading}>
        Results
      </h2>
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
            <Text weight="semibold">{totalCost}</Text>
          </dd>
        </div>
        <div>
          <dt className={styles.term}>Shortfall</dt>
          <dd className={styles.fact}>
            {shortfallYears.length > 0 ? `In ${listInWords(shortfallYears)}` : 'None: funding covers every year'}
          </dd>
        </div>
      </dl>
      {top.map((warning, index) => (
        <MessageBar key={index} intent={intentBySeverity[warning.severity]}>
          <MessageBarBody>
            <MessageBarTitle>{codeInWords(warning.code)}:</MessageBarTitle> {warning.message}
          </MessageBarBody>
        </MessageBar>
      ))}
      {warnings.length > top.length && (
        <Text>
          {warnings.length - top.length} more {warnings.length - top.length === 1 ? 'warning is' : 'warnings are'} on the Warnings sheet.
        </Text>
      )}
    </section>
  );
}
