import { Button, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import { runStageLabels, type RunStage } from '../../../excel/host';
import type { RunState } from '../../hooks/useRun';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  run: { alignSelf: 'flex-start', minWidth: '120px' },
  status: { minHeight: tokens.lineHeightBase300 },
});

// The bar fills by stage: the stages are few and their lengths unknown, so it is a guide, not a timer.
const stageOrder: readonly RunStage[] = ['reading', 'checking', 'writing', 'charts', 'done'];

/** One line for the live region: the stage while running, then how it ended. */
function statusLine(state: RunState): string {
  switch (state.status) {
    case 'idle':
      return '';
    case 'running':
      return `${runStageLabels[state.stage]}…`;
    case 'finished':
      return state.report.ok ? `${runStageLabels.done}.` : 'Stopped: the inputs need fixing first. Nothing was written.';
    case 'failed':
      return 'The run did not finish.';
    default: {
      const never: never = state;
      return never;
    }
  }
}

/**
 * The Run button and, while a run is going, a progress bar with the stage named
 * (`runStageLabels`). The stage line is a live region that stays in the page, so screen
 * readers announce each change. A host failure shows here as a message bar.
 */
export function RunPanel(props: { readonly state: RunState; readonly onRun: () => void }) {
  const styles = useStyles();
  const { state } = props;
  const running = state.status === 'running';
  return (
    <section className={styles.root} aria-label="Run">
      {/* Focusable while disabled, so keyboard focus stays put for the whole run. */}
      <Button className={styles.run} appearance="primary" onClick={props.onRun} disabledFocusable={running}>
        {running ? 'Running…' : 'Run'}
      </Button>
      {running && (
        <ProgressBar aria-label="Run progress" value={(stageOrder.indexOf(state.stage) + 1) / stageOrder.length} />
      )}
      <Text role="status" aria-live="polite" className={styles.status}>
        {statusLine(state)}
      </Text>
      {state.status === 'failed' && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Run stopped.</MessageBarTitle> {state.message}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
