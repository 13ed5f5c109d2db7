import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { createOfficeHost } from '../excel/officeHost';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary/ErrorBoundary';
import { OutsideExcel } from './components/OutsideExcel/OutsideExcel';
import { describeError } from './errorMessage';
import { choosePaneTheme, paneThemes, type OfficeColours } from './theme';

/*
 * The pane's front door. It is the one place in src/taskpane that looks at the `Office`
 * global, and only to learn whether it is inside Excel and which theme Office wears;
 * everything that touches the workbook goes through createOfficeHost().
 */

const container = document.getElementById('container');
if (!container) throw new Error('taskpane.html has no #container element');
const forcedColors = window.matchMedia?.('(forced-colors: active)');
const prefersDark = window.matchMedia?.('(prefers-color-scheme: dark)');
// taskpane.html's inline check found a webview too old for this bundle and said so already.
const tooOld = (window as { __lpTooOld?: boolean }).__lpTooOld === true;
const root = tooOld ? undefined : createRoot(container);

function show(content: ReactNode, office?: OfficeColours): void {
  const paint = () =>
    root?.render(
      <StrictMode>
        <FluentProvider theme={paneThemes[choosePaneTheme(office, forcedColors?.matches ?? false, prefersDark?.matches ?? false)]}>
          <ErrorBoundary>{content}</ErrorBoundary>
        </FluentProvider>
      </StrictMode>,
    );
  paint();
  // High contrast (or the system's dark mode) can be switched on while the pane is open.
  forcedColors?.addEventListener?.('change', paint);
  prefersDark?.addEventListener?.('change', paint);
}

/** Office's theme colours where the host reports them (Excel desktop and web do). */
function officeColours(): OfficeColours | undefined {
  try {
    return Office.context?.officeTheme;
  } catch {
    // Some hosts throw rather than return undefined for an unsupported property.
    return undefined;
  }
}

const origin = window.location.origin;

if (tooOld) {
  // Nothing to start: the message is on screen.
} else if (typeof Office === 'undefined') {
  // The CDN <script> failed (offline, or blocked by a proxy): there is no Office to wait for.
  show(<OutsideExcel reason="no-office-js" origin={origin} />);
} else {
  Office.onReady()
    .then((info) => {
      if (info.host === Office.HostType.Excel) show(<App host={createOfficeHost()} />, officeColours());
      else show(<OutsideExcel reason={info.host ? 'other-host' : 'not-in-office'} origin={origin} />);
    })
    .catch((error: unknown) =>
      // Office failed to start the add-in: say so rather than leave "Starting…" on screen.
      show(
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Locality Planner could not start.</MessageBarTitle> {describeError(error)}
          </MessageBarBody>
        </MessageBar>,
      ),
    );
}
