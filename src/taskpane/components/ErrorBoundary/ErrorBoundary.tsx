import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { describeError } from '../../errorMessage';

interface ErrorBoundaryState {
  readonly message: string | undefined;
}

/**
 * Catches a rendering fault so the pane is never left blank: it shows what went wrong in
 * plain words and a button to draw the pane again. (Errors from host calls are caught where
 * they are made and never reach here; this is for bugs.)
 */
export class ErrorBoundary extends Component<{ readonly children: ReactNode }, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { message: undefined };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { message: describeError(error) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept for the browser's developer tools (F12 in the pane); the user sees the message bar.
    console.error('Locality Planner pane error', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.message === undefined) return this.props.children;
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>The pane hit a problem.</MessageBarTitle> {this.state.message}
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={() => this.setState({ message: undefined })}>Show the pane again</Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
}
