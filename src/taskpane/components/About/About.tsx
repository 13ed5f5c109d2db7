import { useState } from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { CompatibilityReport, PlannerHost } from '../../../excel/host';
import { describeError } from '../../errorMessage';
import { helpPages, useLinkStyles } from '../../links';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  button: { alignSelf: 'flex-start' },
  list: { margin: 0, padding: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  line: { display: 'flex', alignItems: 'flex-start', columnGap: tokens.spacingHorizontalS },
  badge: { flexShrink: 0, marginTop: tokens.spacingVerticalXXS },
  text: { minWidth: 0, overflowWrap: 'anywhere' },
});

type CheckState =
  | { readonly status: 'idle' | 'checking' }
  | { readonly status: 'done'; readonly report: CompatibilityReport }
  | { readonly status: 'failed'; readonly message: string };

/** `1.8 MB`, `0.24 MB`. */
const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(bytes < 1_000_000 ? 2 : 1)} MB`;

/**
 * About, collapsed under the pane's content: the version, and "Check this Excel", which
 * tries each call some Excel builds refuse on a temporary sheet and keeps the largest request
 * size this Excel takes in the workbook (docs/verify-in-excel.md). It changes the workbook
 * (briefly), so it waits while a run or anything else is writing.
 */
export function About(props: { readonly host: PlannerHost; readonly version: string; readonly disabled: boolean; readonly onBusyChange: (busy: boolean) => void }) {
  const styles = useStyles();
  const links = useLinkStyles();
  const [state, setState] = useState<CheckState>({ status: 'idle' });
  const check = () => {
    setState({ status: 'checking' });
    props.onBusyChange(true);
    props.host.checkExcel().then(
      (report) => {
        props.onBusyChange(false);
        setState({ status: 'done', report });
      },
      (error: unknown) => {
        props.onBusyChange(false);
        setState({ status: 'failed', message: describeError(error) });
      },
    );
  };
  return (
    <Accordion collapsible>
      <AccordionItem value="about">
        <AccordionHeader as="h2" size="medium">
          About and compatibility
        </AccordionHeader>
        <AccordionPanel className={styles.panel}>
          <Text>Locality Planner {props.version}. It reads the input tables in this workbook and writes its results as ordinary sheets; nothing leaves the workbook.</Text>
          <Text>
            Check this Excel tries, once each, the calls Locality Planner needs that some versions of Excel refuse, on a temporary sheet it removes again, and remembers
            the largest request this Excel accepts. See{' '}
            <Link className={links.link} href={helpPages.versions} target="_blank" rel="noopener noreferrer">
              which versions of Excel are supported
            </Link>
            .
          </Text>
          <Button className={styles.button} onClick={check} disabledFocusable={props.disabled || state.status === 'checking'}>
            {state.status === 'checking' ? 'Checking…' : 'Check this Excel'}
          </Button>
          <div role="status" aria-live="polite">
            {state.status === 'done' && (
              <>
                <ul className={styles.list} aria-label="What Check this Excel found">
                  {state.report.checks.map((c) => (
                    <li key={c.id} className={styles.line}>
                      <Badge className={styles.badge} appearance="tint" color={c.passed ? 'success' : 'warning'}>
                        {c.passed ? 'Passed' : 'Refused'}
                      </Badge>
                      <Text className={styles.text}>
                        <strong>{c.label}.</strong> {c.detail}
                      </Text>
                    </li>
                  ))}
                </ul>
                <Text>The planner will keep each request to Excel under {megabytes(state.report.requestBudgetBytes)} in this workbook.</Text>
              </>
            )}
          </div>
          {state.status === 'failed' && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>The check could not finish. {state.message}</MessageBarBody>
            </MessageBar>
          )}
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
