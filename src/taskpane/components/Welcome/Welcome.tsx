import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  steps: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingInlineStart: tokens.spacingHorizontalXL },
});

/**
 * A short welcome the first time the pane opens: what the planner does in three steps, and
 * that nothing leaves the workbook. It goes for good when dismissed.
 */
export function Welcome(props: { readonly onDismiss: () => void }) {
  const styles = useStyles();
  return (
    <MessageBar intent="info" layout="multiline" aria-labelledby="lp-welcome-title">
      <MessageBarBody>
        <MessageBarTitle id="lp-welcome-title">Welcome to Locality Planner</MessageBarTitle>
        <ol className={styles.steps}>
          <li>Put your figures in the input tables (Localities, Parameters, Costs, Funding), or insert starter tables to fill in.</li>
          <li>Press Run.</li>
          <li>Read the results sheets it writes: Projection, Priorities, Warnings and the rest.</li>
        </ol>
        Everything stays in this workbook: nothing is sent anywhere.
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={props.onDismiss}>Got it</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
