import { useEffect, useRef, useState } from 'react';
import { Divider, MessageBar, MessageBarBody, Title3, makeStyles, tokens } from '@fluentui/react-components';
import type { PlannerHost } from '../excel/host';
import { ErrorBoundary } from './components/ErrorBoundary/ErrorBoundary';
import { InputsCard } from './components/InputsCard/InputsCard';
import { IssueList } from './components/IssueList/IssueList';
import { ResultSummary } from './components/ResultSummary/ResultSummary';
import { RunPanel } from './components/RunPanel/RunPanel';
import { StarterTables } from './components/StarterTables/StarterTables';
import { describeError } from './errorMessage';
import { useInputs } from './hooks/useInputs';
import { useRun } from './hooks/useRun';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalM,
    minWidth: 0,
    boxSizing: 'border-box',
    color: tokens.colorNeutralForeground1,
  },
});

/**
 * The task pane: the inputs found, Run with its progress, then either the issues to fix
 * or the results, and the starter tables. Everything goes through `host`; the pane never
 * touches Office or Excel itself, which is what lets tests drive it with an in-memory host.
 */
export function App(props: { readonly host: PlannerHost }) {
  const styles = useStyles();
  const { host } = props;
  const inputs = useInputs(host);
  const run = useRun(host);
  const [selectError, setSelectError] = useState<string | undefined>(undefined);
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  const report = run.state.status === 'finished' ? run.state.report : undefined;

  // Move focus to the results when a run succeeds, so keyboard and screen-reader users land on them.
  useEffect(() => {
    if (report?.ok) resultsHeading.current?.focus();
  }, [report]);

  const selectCell = (sheet: string, cell: string) => {
    setSelectError(undefined);
    host.selectCells(sheet, [cell]).catch((error: unknown) => setSelectError(describeError(error)));
  };

  return (
    <main className={styles.root}>
      <Title3 as="h1">Locality Planner</Title3>
      <ErrorBoundary>
        <InputsCard state={inputs.state} onRefresh={inputs.refresh} />
      </ErrorBoundary>
      <ErrorBoundary>
        <RunPanel state={run.state} onRun={run.start} />
        {selectError && (
          <MessageBar intent="error">
            <MessageBarBody>{selectError}</MessageBarBody>
          </MessageBar>
        )}
        {report && <IssueList issues={report.issues} onSelect={selectCell} />}
        {report?.ok && <ResultSummary summary={report.summary} headingRef={resultsHeading} />}
      </ErrorBoundary>
      <Divider />
      <ErrorBoundary>
        <StarterTables host={host} onAdded={inputs.refresh} />
      </ErrorBoundary>
    </main>
  );
}
