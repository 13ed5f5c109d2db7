import { useCallback, useState } from 'react';

/** Where the pane remembers that the welcome was read: this browser's storage for the add-in's page. */
export const WELCOME_KEY = 'LocalityPlanner.welcomeSeen';

function seen(): boolean {
  try {
    return globalThis.localStorage?.getItem(WELCOME_KEY) === 'yes';
  } catch {
    // Storage can be blocked (a locked-down browser); the welcome then shows each time.
    return false;
  }
}

/** Whether to show the short welcome (first run only), and how to put it away for good. */
export function useWelcome(): { readonly show: boolean; readonly dismiss: () => void } {
  const [show, setShow] = useState(() => !seen());
  const dismiss = useCallback(() => {
    setShow(false);
    try {
      globalThis.localStorage?.setItem(WELCOME_KEY, 'yes');
    } catch {
      // Not remembered: harmless.
    }
  }, []);
  return { show, dismiss };
}
