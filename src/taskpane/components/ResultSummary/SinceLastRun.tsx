import { Text, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { type AmountsShown, type ChangesSinceLastRun, type TotalChange, amountText, differenceAsShown } from '../../../engine';

/** How many new or cleared warnings, and added or dropped localities, the pane names; the rest are counted. */
export const changesShown = 5;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  heading: { ...typographyStyles.body1Strong, margin: 0 },
  note: { color: tokens.colorNeutralForeground2 },
  facts: { margin: 0, display: 'grid', rowGap: tokens.spacingVerticalXS },
  term: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  fact: { margin: 0, overflowWrap: 'anywhere' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: 'anywhere' },
});

/** `14:03 on 1 December 2026`, in the pane's own time zone. */
function whenInWords(at: Date): string {
  return `${at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })} on ${at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}`;
}

/** The first few items, and how many more there are. */
function firstFew(items: readonly string[]): { readonly shown: readonly string[]; readonly more: number } {
  return { shown: items.slice(0, changesShown), more: Math.max(0, items.length - changesShown) };
}

function Total(props: { readonly label: string; readonly total: TotalChange; readonly shown: AmountsShown; readonly testId: string }) {
  const styles = useStyles();
  // The engine's formatters, as the sheets show amounts: the pane writes no money of its own.
  const pounds = (p: TotalChange['now']) => amountText(p, props.shown);
  return (
    <div>
      <dt className={styles.term}>{props.label}</dt>
      <dd className={styles.fact} data-testid={props.testId}>
        {pounds(props.total.now)} ({props.total.change === 0 ? 'no change' : `${differenceAsShown(props.total.change, props.shown)} than ${pounds(props.total.before)}`})
      </dd>
    </div>
  );
}

function Changes(props: { readonly title: string; readonly items: readonly string[]; readonly none: string; readonly moreWhere: string }) {
  const styles = useStyles();
  if (props.items.length === 0) return <Text>{props.none}</Text>;
  const { shown, more } = firstFew(props.items);
  return (
    <div>
      <Text>
        {props.title} ({props.items.length}):
      </Text>
      <ul className={styles.list}>
        {shown.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
        {more > 0 && (
          <li>
            and {more} more{props.moreWhere === '' ? '' : ` ${props.moreWhere}`}
          </li>
        )}
      </ul>
    </div>
  );
}

/**
 * What changed since the workbook's previous run (issue 14, part 5), as the engine found it
 * from the run history the workbook keeps: the localities added and dropped, the three
 * totals with their change in words (never colour alone), and the warnings new and cleared.
 * On a first run, one sentence: there is nothing to compare.
 */
export function SinceLastRun(props: { readonly changes: ChangesSinceLastRun; readonly amountsShown: AmountsShown }) {
  const styles = useStyles();
  const { changes } = props;
  if (changes.kind === 'first-run') {
    return (
      <section className={styles.root} aria-labelledby="lp-since-title">
        <h3 id="lp-since-title" className={styles.heading}>
          Since the last run
        </h3>
        <Text data-testid="since-last-run">
          {changes.restarted ? 'The run history in this workbook could not be read, so it starts again with this run: nothing to compare.' : 'First run in this workbook: nothing to compare.'}
        </Text>
      </section>
    );
  }
  const { previous, totals } = changes;
  return (
    <section className={styles.root} aria-labelledby="lp-since-title" data-testid="since-last-run">
      <h3 id="lp-since-title" className={styles.heading}>
        Since the last run ({whenInWords(previous.at)})
      </h3>
      <Text className={styles.note}>
        That run was made by the {previous.host}, Locality Planner {previous.version}, {changes.sameInputs ? 'with the same inputs' : 'with different inputs'}.
      </Text>
      <dl className={styles.facts}>
        <Total label="Total cost" total={totals.cost} shown={props.amountsShown} testId="since-cost" />
        <Total label="Total funding" total={totals.funding} shown={props.amountsShown} testId="since-funding" />
        <Total label="Total shortfall" total={totals.shortfall} shown={props.amountsShown} testId="since-shortfall" />
      </dl>
      {changes.added.length + changes.dropped.length === 0 ? (
        <Text>The same localities are selected.</Text>
      ) : (
        <>
          <Changes title="Localities added" items={changes.added} none="No localities added." moreWhere="on the Priorities sheet" />
          <Changes title="Localities dropped" items={changes.dropped} none="No localities dropped." moreWhere="" />
        </>
      )}
      {changes.newWarnings.length + changes.clearedWarnings.length === 0 ? (
        <Text>No new or cleared warnings.</Text>
      ) : (
        <>
          <Changes title="New warnings" items={changes.newWarnings.map((w) => `${w.severity}: ${w.message}`)} none="No new warnings." moreWhere="on the Warnings sheet" />
          <Changes title="Warnings cleared" items={changes.clearedWarnings} none="No warnings cleared." moreWhere="" />
        </>
      )}
    </section>
  );
}
