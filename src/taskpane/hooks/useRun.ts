import { useCallback, useEffect, useRef, useState } from 'react';
import type { PlannerHost, RunProgress, RunReport, RunStage } from '../../excel/host';
import { describeError } from '../errorMessage';

/** Where a run is: not started, at a named stage, finished with a report, or failed in the host. */
export type RunState =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly stage: RunStage }
  | { readonly status: 'finished'; readonly report: RunReport }
  | { readonly status: 'failed'; readonly message: string };

/**
 * Runs the planner through the host and tracks its stage for the progress indicator.
 * A second press while running is ignored, and a host failure becomes a message, never a
 * thrown error, so the pane always has something to show.
 */
export function useRun(host: PlannerHost): { readonly state: RunState; readonly start: () => void } {
  const [state, setState] = useState<RunState>({ status: 'idle' });
  const running = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const start = useCallback(() => {
    if (running.current) return;
    running.current = true;
    setState({ status: 'running', stage: 'reading' });
    const onStage = ({ stage }: RunProgress) => {
      if (mounted.current) setState({ status: 'running', stage });
    };
    host
      .run(onStage)
      .then(
        (report): RunState => ({ status: 'finished', report }),
        (error: unknown): RunState => ({ status: 'failed', message: describeError(error) }),
      )
      .then((next) => {
        running.current = false;
        if (mounted.current) setState(next);
      });
  }, [host]);

  return { state, start };
}
