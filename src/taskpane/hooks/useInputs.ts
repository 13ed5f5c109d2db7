import { useCallback, useEffect, useRef, useState } from 'react';
import type { FoundInput, PlannerHost } from '../../excel/host';
import { describeError } from '../errorMessage';

/** The input tables the workbook holds, as last asked of the host. */
export type InputsState =
  | { readonly status: 'loading'; readonly previous?: readonly FoundInput[] }
  | { readonly status: 'ready'; readonly inputs: readonly FoundInput[] }
  | { readonly status: 'failed'; readonly message: string };

/** How long after the last change event the pane looks for the inputs again (typing fires one per cell). */
export const REFRESH_AFTER_CHANGE_MS = 600;

/**
 * Asks the host which contract tables the workbook has, on mount, on `refresh()`, and
 * shortly after Excel says an input changed (`watchInputs`): `onInputsChanged` hears each
 * such change, so the pane can mark a finished run out of date. A late answer from an
 * earlier request never overwrites a newer one.
 */
export function useInputs(host: PlannerHost, onInputsChanged: () => void = () => undefined): { readonly state: InputsState; readonly refresh: () => void } {
  const [state, setState] = useState<InputsState>({ status: 'loading' });
  const latest = useRef(0);
  const changed = useRef(onInputsChanged);
  changed.current = onInputsChanged;

  const refresh = useCallback(() => {
    latest.current += 1;
    const request = latest.current;
    setState((current) => ({ status: 'loading', previous: current.status === 'ready' ? current.inputs : current.status === 'loading' ? current.previous : undefined }));
    host.findInputs().then(
      (inputs) => {
        if (request === latest.current) setState({ status: 'ready', inputs });
      },
      (error: unknown) => {
        if (request === latest.current) setState({ status: 'failed', message: describeError(error) });
      },
    );
  }, [host]);

  useEffect(() => {
    refresh();
    // Unmounting makes any answer still in flight stale.
    return () => {
      latest.current += 1;
    };
  }, [refresh]);

  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    host
      .watchInputs(() => {
        changed.current();
        clearTimeout(timer);
        timer = setTimeout(refresh, REFRESH_AFTER_CHANGE_MS);
      })
      .then(
        (unsubscribe) => {
          if (cancelled) unsubscribe();
          else stop = unsubscribe;
        },
        // Without events the pane still works: Refresh and Run read the workbook afresh.
        (error: unknown) => console.warn('Locality Planner cannot watch the inputs for changes', error),
      );
    return () => {
      cancelled = true;
      clearTimeout(timer);
      stop?.();
    };
  }, [host, refresh]);

  return { state, refresh };
}
