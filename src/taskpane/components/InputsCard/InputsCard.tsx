import { Button, MessageBar, MessageBarBody, Spinner, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { FoundInput } from '../../../excel/host';
import { planningTableNames } from '../../../engine';
import type { InputsState } from '../../hooks/useInputs';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalS },
  list: { margin: 0, padding: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
    paddingBlock: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  missing: { color: tokens.colorNeutralForeground3 },
});

/** `12 rows`, `1 row`. */
function rowCount(rows: number): string {
  return `${rows.toLocaleString('en-GB')} ${rows === 1 ? 'row' : 'rows'}`;
}

function describeSource(input: FoundInput): string {
  return input.source === 'table' ? `table on ${input.sheet}` : `sheet ${input.sheet}`;
}

/**
 * The five contract inputs (contract §2), each either found (as a table or a sheet, with its
 * row count) or not found. All are optional, so "not found" is information, not an error.
 * While the pane looks again, the last list stays on screen.
 */
export function InputsCard(props: { readonly state: InputsState; readonly onRefresh: () => void }) {
  const styles = useStyles();
  const { state } = props;
  const shown = state.status === 'ready' ? state.inputs : state.status === 'loading' ? state.previous : undefined;
  return (
    <section className={styles.root} aria-labelledby="lp-inputs-title">
      <div className={styles.header}>
        <Subtitle2 as="h2" id="lp-inputs-title">Input tables</Subtitle2>
        <Button size="small" appearance="subtle" onClick={props.onRefresh} disabled={state.status === 'loading'}>
          Refresh
        </Button>
      </div>
      {state.status === 'loading' && !shown && <Spinner size="tiny" label="Looking for the input tables…" />}
      {state.status === 'failed' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{state.message}</MessageBarBody>
        </MessageBar>
      )}
      {shown && <InputList inputs={shown} />}
    </section>
  );
}

function InputList(props: { readonly inputs: readonly FoundInput[] }) {
  const styles = useStyles();
  const byName = new Map(props.inputs.map((input) => [input.name.toLowerCase(), input]));
  // The optional Scenarios table is listed when it is there, like any other table found.
  const names: string[] = [...planningTableNames];
  for (const input of props.inputs) if (!names.some((n) => n.toLowerCase() === input.name.toLowerCase())) names.push(input.name);
  return (
    <ul className={styles.list} aria-label="Input tables found">
      {names.map((name) => {
        const input = byName.get(name.toLowerCase());
        return (
          <li key={name} className={styles.item}>
            <Text weight="semibold">{name}</Text>
            {input ? (
              <Text>
                {rowCount(input.rows)} <Text size={200}>({describeSource(input)})</Text>
              </Text>
            ) : (
              <Text className={styles.missing}>not found</Text>
            )}
          </li>
        );
      })}
    </ul>
  );
}
