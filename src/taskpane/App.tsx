import { useCallback, useEffect, useRef, useState } from 'react';
import { MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import packageJson from '../../package.json';
import type { PlannerHost } from '../excel/host';
import { About } from './components/About/About';
import { ErrorBoundary } from './components/ErrorBoundary/ErrorBoundary';
import { InputsCard } from './components/InputsCard/InputsCard';
import { IssueList } from './components/IssueList/IssueList';
import { PaneFooter } from './components/PaneFooter/PaneFooter';
import { ResultSummary } from './components/ResultSummary/ResultSummary';
import { RunPanel } from './components/RunPanel/RunPanel';
import { StarterTables } from './components/StarterTables/StarterTables';
import { Welcome } from './components/Welcome/Welcome';
import { WhatIf } from './components/WhatIf/WhatIf';
import { describeError } from './errorMessage';
import { useInputs } from './hooks/useInputs';
import { useRun } from './hooks/useRun';
import { useWelcome } from './hooks/useWelcome';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalM,
    minWidth: 0,
    boxSizing: 'border-box',
    color: tokens.colorNeutralForeground1,
    overflowWrap: 'anywhere',
  },
  // Office already shows the add-in's name above the pane; the heading is for screen readers only.
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});

/** Things the pane does that change the workbook; only one at a time. */
type Busy = 'starter' | 'check' | 'issues-sheet';

/**
 * The task pane: a welcome the first time, the inputs found, Run with its progress, then
 * either the problems to fix or the results, starter tables when inputs are missing, and
 * About with "Check this Excel". Everything goes through `host`; the pane never touches
 * Office or Excel itself, which is what lets tests drive it with an in-memory host.
 */
export function App(props: { readonly host: PlannerHost }) {
  const styles = useStyles();
  const { host } = props;
  const run = useRun(host);
  const inputs = useInputs(host, run.markStale);
  const welcome = useWelcome();
  const [busy, setBusy] = useState<Busy | undefined>(undefined);
  const [openError, setOpenError] = useState<string | undefined>(undefined);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const issuesHeading = useRef<HTMLHeadingElement>(null);
  const runError = useRef<HTMLDivElement>(null);

  const running = run.state.status === 'running';
  const report = run.state.status === 'finished' ? run.state.report : undefined;
  const stale = run.state.status === 'finished' && run.state.stale;

  // Move focus to what the run produced, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (report?.ok) resultsHeading.current?.focus();
    else if (report && report.issues.length > 0) issuesHeading.current?.focus();
  }, [report]);
  useEffect(() => {
    if (run.state.status === 'failed') runError.current?.focus();
  }, [run.state.status]);

  const busyWith = useCallback((what: Busy) => (on: boolean) => setBusy(on ? what : undefined), []);
  const showSheet = (sheet: string) => {
    setOpenError(undefined);
    host.showSheet(sheet).catch((error: unknown) => setOpenError(describeError(error)));
  };
  const writeIssuesSheet = async () => {
    setBusy('issues-sheet');
    try {
      return await host.writeIssuesSheet(report?.issues ?? []);
    } finally {
      setBusy(undefined);
    }
  };
  const found = inputs.state.status === 'ready' ? inputs.state.inputs : undefined;

  return (
    <main className={styles.root}>
      <h1 className={styles.visuallyHidden}>Locality Planner</h1>
      {welcome.show && <Welcome onDismiss={welcome.dismiss} />}
      <ErrorBoundary>
        <InputsCard state={inputs.state} onRefresh={inputs.refresh} />
      </ErrorBoundary>
      <ErrorBoundary>
        <StarterTables host={host} found={found} disabled={running || (busy !== undefined && busy !== 'starter')} onBusyChange={busyWith('starter')} onAdded={inputs.refresh} />
      </ErrorBoundary>
      <ErrorBoundary>
        <RunPanel state={run.state} onRun={run.start} disabled={busy !== undefined} errorRef={runError} />
        {report && report.issues.length > 0 && (
          <IssueList
            issues={report.issues}
            stale={stale}
            disabled={running || busy !== undefined}
            onSelect={(sheet, areas) => host.selectCells(sheet, areas)}
            onWriteSheet={writeIssuesSheet}
            headingRef={issuesHeading}
          />
        )}
        {report?.ok && <ResultSummary report={report} stale={stale} onOpen={showSheet} headingRef={resultsHeading} />}
        {report?.ok && <WhatIf key={report.ranAt} report={report} onSave={(name, changes) => host.saveScenario(name, changes, report.input)} />}
        {openError && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>{openError}</MessageBarBody>
          </MessageBar>
        )}
      </ErrorBoundary>
      <ErrorBoundary>
        <About host={host} version={packageJson.version} disabled={running || (busy !== undefined && busy !== 'check')} onBusyChange={busyWith('check')} />
      </ErrorBoundary>
      <PaneFooter version={packageJson.version} />
    </main>
  );
}
