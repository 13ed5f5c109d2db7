import { useEffect, useRef, useState } from 'react';
import { Button, MessageBar, MessageBarBody, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { FoundInput, PlannerHost, StarterSkipReason, StarterTablesResult } from '../../../excel/host';
import { planningTableNames } from '../../../engine';
import { describeError } from '../../errorMessage';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  button: { alignSelf: 'flex-start' },
  confirm: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  question: { margin: 0, fontWeight: tokens.fontWeightSemibold, ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
  answers: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

type StarterState =
  | { readonly status: 'idle' | 'working' }
  | { readonly status: 'done'; readonly result: StarterTablesResult }
  | { readonly status: 'failed'; readonly message: string };

/** `a`, `a and b`, `a, b and c`. */
function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const reasonInWords = {
  exists: 'already in the workbook',
  'own-localities': 'your own Localities table decides the indicator (IMD Score or IMD Rank), and an Indicators table could name columns it does not have',
} as const satisfies Record<StarterSkipReason, string>;

function outcomeInWords({ added, skipped }: StarterTablesResult): string {
  const parts: string[] = [];
  if (added.length > 0) parts.push(`Added ${listInWords(added)} with example rows: replace them with your own figures.`);
  for (const reason of Object.keys(reasonInWords) as StarterSkipReason[]) {
    const names = skipped.filter((s) => s.reason === reason).map((s) => s.name);
    if (names.length > 0) parts.push(`Left out ${listInWords(names)}: ${reasonInWords[reason]}.`);
  }
  return parts.length > 0 ? parts.join(' ') : 'Nothing to add.';
}

/**
 * The input tables the workbook lacks, as the host would add them: Indicators only with the
 * starter Localities (it names that table's columns).
 */
export function missingInputs(found: readonly FoundInput[]): string[] {
  const has = (name: string) => found.some((f) => f.name.toLowerCase() === name.toLowerCase());
  return planningTableNames.filter((name) => !has(name) && !(name === 'Indicators' && has('Localities')));
}

/**
 * Adds the input tables the workbook lacks, with example rows. With no inputs at all it is
 * one button; when some exist, it first says what it will add and what it leaves alone,
 * and asks. It never writes over an existing sheet, and is unavailable while a run (or any
 * other change to the workbook) is going on. `onAdded` lets the pane look for inputs again.
 */
export function StarterTables(props: {
  readonly host: PlannerHost;
  /** The inputs found, or undefined while the pane does not know. */
  readonly found: readonly FoundInput[] | undefined;
  readonly disabled: boolean;
  readonly onBusyChange: (busy: boolean) => void;
  readonly onAdded: () => void;
}) {
  const styles = useStyles();
  const [state, setState] = useState<StarterState>({ status: 'idle' });
  const [asking, setAsking] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  const found = props.found ?? [];
  const missing = props.found ? missingInputs(props.found) : [];
  const noneFound = props.found !== undefined && props.found.length === 0;
  // The question takes focus when it appears, so a keyboard user is at the answer.
  useEffect(() => {
    if (asking) question.current?.focus();
  }, [asking]);

  const insert = () => {
    setAsking(false);
    setState({ status: 'working' });
    props.onBusyChange(true);
    props.host.insertStarterTables().then(
      (result) => {
        props.onBusyChange(false);
        setState({ status: 'done', result });
        if (result.added.length > 0) props.onAdded();
      },
      (error: unknown) => {
        props.onBusyChange(false);
        setState({ status: 'failed', message: describeError(error) });
      },
    );
  };

  const outcome = (
    <>
      {state.status === 'done' && (
        <MessageBar intent={state.result.added.length > 0 ? 'success' : 'info'} layout="multiline">
          <MessageBarBody>{outcomeInWords(state.result)}</MessageBarBody>
        </MessageBar>
      )}
      {state.status === 'failed' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{state.message}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
  if (props.found === undefined || (missing.length === 0 && state.status !== 'done' && state.status !== 'failed')) return null;
  const working = state.status === 'working';
  const unavailable = props.disabled || working;

  if (missing.length === 0) return <section className={styles.root} aria-label="Starter tables" role="status">{outcome}</section>;

  return (
    <section className={styles.root} aria-labelledby="lp-starter-title">
      <Subtitle2 as="h2" id="lp-starter-title">
        {noneFound ? 'New workbook?' : 'Missing input tables'}
      </Subtitle2>
      {noneFound ? (
        <>
          <Text>Insert the input tables with example rows, then replace the examples with your own figures.</Text>
          <Button className={styles.button} appearance="primary" onClick={insert} disabledFocusable={unavailable}>
            {working ? 'Inserting…' : 'Insert starter tables'}
          </Button>
        </>
      ) : (
        <>
          <Text>
            {listInWords(missing)} {missing.length === 1 ? 'is' : 'are'} not in this workbook. All are optional; add {missing.length === 1 ? 'it' : 'them'} with example
            rows if you need {missing.length === 1 ? 'it' : 'them'}.
          </Text>
          {!asking && (
            <Button className={styles.button} onClick={() => setAsking(true)} disabledFocusable={unavailable}>
              {working ? 'Adding…' : 'Add missing tables…'}
            </Button>
          )}
          {asking && (
            // An inline question, not a modal dialog: the pane is narrow, and a modal would hide the rest of it.
            <div className={styles.confirm} role="group" aria-labelledby="lp-starter-question">
              <p id="lp-starter-question" className={styles.question} tabIndex={-1} ref={question}>
                Add {listInWords(missing)}?
              </p>
              <Text>
                Locality Planner will add {listInWords(missing)} as {missing.length === 1 ? 'a new sheet' : 'new sheets'} with example rows for you to replace. Your{' '}
                {listInWords(found.map((f) => f.name))} {found.length === 1 ? 'stays' : 'stay'} exactly as {found.length === 1 ? 'it is' : 'they are'}.
              </Text>
              <div className={styles.answers}>
                <Button appearance="primary" onClick={insert} disabledFocusable={unavailable}>
                  Add {missing.length === 1 ? 'table' : 'tables'}
                </Button>
                <Button onClick={() => setAsking(false)}>Cancel</Button>
              </div>
            </div>
          )}
        </>
      )}
      {outcome}
    </section>
  );
}
