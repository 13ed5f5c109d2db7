import { Button, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Ref } from 'react';
import { type RunProgress, type RunStage, runStageLabels } from '../../../excel/host';
import { elapsedInWords, useElapsed } from '../../hooks/useElapsed';
import type { RunState } from '../../hooks/useRun';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  run: { alignSelf: 'flex-start', minWidth: '120px' },
  status: { minHeight: tokens.lineHeightBase300, overflowWrap: 'anywhere' },
  stages: { margin: 0, padding: 0, listStyleType: 'none', display: 'grid', rowGap: tokens.spacingVerticalXXS },
  stage: { display: 'flex', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground2 },
  current: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
  detail: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
});

/** The stages in order, with the share of the bar each fills: writing is most of a large run. */
const stageOrder = ['reading', 'checking', 'writing', 'charts'] as const satisfies readonly RunStage[];
const stageSpan = { reading: [0, 0.15], checking: [0.15, 0.25], writing: [0.25, 0.85], charts: [0.85, 1], done: [1, 1] } as const satisfies Record<RunStage, readonly [number, number]>;

/** How full the bar is: the stage's start, plus its share of the rows or sheets done. */
export function progressFraction(progress: RunProgress): number {
  const [from, to] = stageSpan[progress.stage];
  const part = progress.total && progress.total > 0 ? Math.min(1, (progress.done ?? 0) / progress.total) : 0;
  return from + (to - from) * part;
}

/** What is being done now, in figures: `1,234 of 32,844 rows`, `3 of 7 sheets`. */
function progressDetail(progress: RunProgress): string | undefined {
  if (progress.total === undefined || progress.done === undefined) return undefined;
  const unit = progress.stage === 'writing' ? 'rows' : 'sheets';
  return `${progress.done.toLocaleString('en-GB')} of ${progress.total.toLocaleString('en-GB')} ${unit}`;
}

/** One line for the live region: the stage while running, then how it ended. */
function statusLine(state: RunState): string {
  switch (state.status) {
    case 'idle':
      return '';
    case 'running':
      return `${runStageLabels[state.progress.stage]}…`;
    case 'finished':
      if (state.stale) return 'The inputs have changed since this run: run again to bring the results up to date.';
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
 * The Run button and, while a run is going, its stages (reading, checking and working out,
 * writing sheets, drawing charts) with the rows and sheets written so far and the time it
 * has taken. The stage line is a live region that stays in the page, so screen readers
 * announce each stage (not every row). A host failure shows here as a message bar.
 */
export function RunPanel(props: {
  readonly state: RunState;
  readonly onRun: () => void;
  /** Another change to the workbook is going on (starter tables, Check this Excel). */
  readonly disabled: boolean;
  readonly errorRef?: Ref<HTMLDivElement>;
}) {
  const styles = useStyles();
  const { state } = props;
  const running = state.status === 'running';
  const elapsed = useElapsed(running ? state.startedAt : undefined);
  return (
    <section className={styles.root} aria-label="Run">
      {/* Focusable while disabled, so keyboard focus stays put for the whole run. */}
      <Button className={styles.run} appearance="primary" onClick={props.onRun} disabledFocusable={running || props.disabled}>
        {running ? 'Running…' : 'Run'}
      </Button>
      {running && (
        <>
          <ProgressBar aria-label="Run progress" value={progressFraction(state.progress)} thickness="large" />
          <ol className={styles.stages} aria-label="Stages">
            {stageOrder.map((stage) => {
              const current = state.progress.stage === stage;
              const done = stageOrder.indexOf(stage) < stageOrder.indexOf(state.progress.stage as (typeof stageOrder)[number]);
              return (
                <li key={stage} className={`${styles.stage} ${current ? styles.current : ''}`} aria-current={current ? 'step' : undefined}>
                  <span>{runStageLabels[stage]}</span>
                  <span>{done ? 'done' : current ? (progressDetail(state.progress) ?? '…') : ''}</span>
                </li>
              );
            })}
          </ol>
          <Text className={styles.detail}>Time so far: {elapsedInWords(elapsed)}</Text>
        </>
      )}
      <Text role="status" aria-live="polite" className={styles.status}>
        {statusLine(state)}
      </Text>
      {state.status === 'failed' && (
        <div ref={props.errorRef} tabIndex={-1}>
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Run stopped.</MessageBarTitle> {state.message}
            </MessageBarBody>
          </MessageBar>
        </div>
      )}
    </section>
  );
}
