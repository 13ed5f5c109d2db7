import { useCallback, useEffect, useRef, useState } from 'react';
import type { FoundInput, PlannerHost } from '../../excel/host';
import { describeError } from '../errorMessage';

/** The input tables the workbook holds, as last asked of the host. */
export type InputsState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly inputs: readonly FoundInput[] }
  | { readonly status: 'failed'; readonly message: string };

/**
 * Asks the host which contract tables the workbook has, on mount and on `refresh()`
 * (after starter tables are added, or when the user has been editing). A late answer
 * from an earlier request never overwrites a newer one.
 */
export function useInputs(host: PlannerHost): { readonly state: InputsState; readonly refresh: () => void } {
  const [state, setState] = useState<InputsState>({ status: 'loading' });
  const latest = useRef(0);

  const refresh = useCallback(() => {
    latest.current += 1;
    const request = latest.current;
    setState({ status: 'loading' });
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

  return { state, refresh };
}
