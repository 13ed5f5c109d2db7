import { useState } from 'react';
import { Button, MessageBar, MessageBarBody, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { PlannerHost } from '../../../excel/host';
import { describeError } from '../../errorMessage';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  button: { alignSelf: 'flex-start' },
});

type StarterState =
  | { readonly status: 'idle' | 'working' }
  | { readonly status: 'done'; readonly added: readonly string[]; readonly skipped: readonly string[] }
  | { readonly status: 'failed'; readonly message: string };

function outcomeInWords(added: readonly string[], skipped: readonly string[]): string {
  const parts: string[] = [];
  if (added.length > 0) parts.push(`Added ${added.join(', ')}.`);
  if (skipped.length > 0) parts.push(`Left ${skipped.join(', ')} as ${skipped.length === 1 ? 'it was' : 'they were'}: already in the workbook.`);
  return parts.length > 0 ? parts.join(' ') : 'Nothing to add.';
}

/**
 * Adds the input tables the workbook lacks, with example rows, and says what it added and
 * what it left alone (it never writes over an existing sheet). `onAdded` lets the pane
 * refresh its list of inputs.
 */
export function StarterTables(props: { readonly host: PlannerHost; readonly onAdded: () => void }) {
  const styles = useStyles();
  const [state, setState] = useState<StarterState>({ status: 'idle' });

  const insert = () => {
    setState({ status: 'working' });
    props.host.insertStarterTables().then(
      ({ added, skipped }) => {
        setState({ status: 'done', added, skipped: skipped.map((s) => s.name) });
        if (added.length > 0) props.onAdded();
      },
      (error: unknown) => setState({ status: 'failed', message: describeError(error) }),
    );
  };

  return (
    <section className={styles.root} aria-labelledby="lp-starter-title">
      <Subtitle2 as="h2" id="lp-starter-title">New workbook?</Subtitle2>
      <Text>Insert the input tables with example rows, then replace the examples with your own figures.</Text>
      <Button className={styles.button} onClick={insert} disabledFocusable={state.status === 'working'}>
        {state.status === 'working' ? 'Inserting…' : 'Insert starter tables'}
      </Button>
      {state.status === 'done' && (
        <MessageBar intent={state.added.length > 0 ? 'success' : 'info'} role="status">
          <MessageBarBody>{outcomeInWords(state.added, state.skipped)}</MessageBarBody>
        </MessageBar>
      )}
      {state.status === 'failed' && (
        <MessageBar intent="error">
          <MessageBarBody>{state.message}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
