import { useCallback, useEffect, useRef, useState } from 'react';
import type { PlannerHost, RunProgress, RunReport } from '../../excel/host';
import { describeError } from '../errorMessage';

/** Where a run is: not started, going (with its progress and start time), finished with a report, or failed in the host. */
export type RunState =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly progress: RunProgress; readonly startedAt: number }
  | { readonly status: 'finished'; readonly report: RunReport; readonly stale: boolean }
  | { readonly status: 'failed'; readonly message: string };

/**
 * Runs the planner through the host and tracks its progress. A second press while running
 * is ignored, and a host failure becomes a message, never a thrown error, so the pane always
 * has something to show. `markStale` records that the inputs changed after the run finished,
 * so the pane can say its results (or its list of problems) are out of date.
 */
export function useRun(host: PlannerHost, clock: () => number = Date.now): {
  readonly state: RunState;
  readonly start: () => void;
  readonly markStale: () => void;
} {
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
    const startedAt = clock();
    setState({ status: 'running', progress: { stage: 'reading' }, startedAt });
    const onProgress = (progress: RunProgress) => {
      if (mounted.current) setState({ status: 'running', progress, startedAt });
    };
    host
      .run(onProgress)
      .then(
        (report): RunState => ({ status: 'finished', report, stale: false }),
        (error: unknown): RunState => ({ status: 'failed', message: describeError(error) }),
      )
      .then((next) => {
        running.current = false;
        if (mounted.current) setState(next);
      });
  }, [host, clock]);

  const markStale = useCallback(() => {
    setState((current) => (current.status === 'finished' && !current.stale ? { ...current, stale: true } : current));
  }, []);

  return { state, start, markStale };
}
