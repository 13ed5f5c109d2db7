import { Body1, Link, MessageBar, MessageBarBody, MessageBarTitle, Subtitle1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { helpPages, useLinkStyles } from '../../links';

/** Why the pane is not running the planner: no office.js at all, a browser tab, or another Office app. */
export type OutsideReason = 'no-office-js' | 'not-in-office' | 'other-host';

/** Where Office's own script comes from: a council proxy or firewall must let the pane reach it. */
export const officeScriptHost = 'https://appsforoffice.microsoft.com';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    maxWidth: '40em',
    minWidth: 0,
    boxSizing: 'border-box',
    color: tokens.colorNeutralForeground1,
    overflowWrap: 'anywhere',
  },
  hosts: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: 'grid', rowGap: tokens.spacingVerticalXS },
  code: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
});

/**
 * What the pane says when it cannot reach a workbook, in words a finance officer can act on
 * (or pass to IT): offline or blocked by a proxy, naming the addresses to allow; opened in a
 * browser tab rather than Excel; or opened in another Office application. How to install
 * the add-in is for IT, on the help page.
 */
export function OutsideExcel(props: { readonly reason: OutsideReason; readonly origin: string }) {
  const styles = useStyles();
  const links = useLinkStyles();
  const help = (
    <Link className={links.link} href={helpPages.help} target="_blank" rel="noopener noreferrer">
      Locality Planner help
    </Link>
  );
  if (props.reason === 'no-office-js') {
    return (
      <main className={styles.root}>
        <Subtitle1 as="h1">Locality Planner cannot reach Excel</Subtitle1>
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Office&apos;s add-in script did not load.</MessageBarTitle> Your computer may be offline, or a proxy or firewall may be blocking it.
          </MessageBarBody>
        </MessageBar>
        <Body1>Check the connection, then close this pane and open Locality Planner again. If it still fails, ask IT to allow these addresses:</Body1>
        <ul className={styles.hosts}>
          <li>
            <Text className={styles.code}>{officeScriptHost}</Text> <Text>(Office&apos;s script for add-ins)</Text>
          </li>
          <li>
            <Text className={styles.code}>{props.origin}</Text> <Text>(where Locality Planner itself is served)</Text>
          </li>
        </ul>
        <Body1>Your workbook has not been changed.</Body1>
      </main>
    );
  }
  return (
    <main className={styles.root}>
      <Subtitle1 as="h1">Locality Planner runs inside Excel</Subtitle1>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          {props.reason === 'not-in-office' ? 'This page is open in a web browser, not in Excel.' : 'This page is open in an Office application other than Excel.'}
        </MessageBarBody>
      </MessageBar>
      <Body1>Open your workbook in Excel, then choose Locality Planner on the Home tab. If the button is not there, see {help} for how IT can install it.</Body1>
    </main>
  );
}
