import { Body1, Link, MessageBar, MessageBarBody, Subtitle1, Text, makeStyles, tokens } from '@fluentui/react-components';

/** Why the pane is not running the planner: no office.js at all, a browser tab, or another Office app. */
export type OutsideReason = 'no-office-js' | 'not-in-office' | 'other-host';

const sideloadDocs = 'https://learn.microsoft.com/office/dev/add-ins/testing/sideload-office-add-ins-for-testing';

const reasonText = {
  'no-office-js':
    "Office's script (office.js) did not load, so this page cannot reach a workbook. Check the internet connection: Excel fetches office.js from Microsoft even when the add-in is installed.",
  'not-in-office': 'This page is open in a web browser, not in Excel.',
  'other-host': 'This page is open in an Office application other than Excel.',
} as const satisfies Record<OutsideReason, string>;

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    maxWidth: '40em',
  },
  steps: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXXL, display: 'grid', rowGap: tokens.spacingVerticalS },
  code: { fontFamily: tokens.fontFamilyMonospace },
});

/**
 * What the pane says outside Excel: that Locality Planner runs inside Excel, why it is not
 * there now, and how to load it (sideload the manifest) for Excel on the web or desktop.
 */
export function OutsideExcel(props: { readonly reason: OutsideReason }) {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <Subtitle1 as="h1">Locality Planner runs inside Excel</Subtitle1>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>{reasonText[props.reason]}</MessageBarBody>
      </MessageBar>
      <Body1>To open it in Excel, sideload the add-in:</Body1>
      <ol className={styles.steps}>
        <li>
          <Text>
            Serve the pane: run <code className={styles.code}>npm run dev-server</code> in the project folder (it answers on
            https://localhost:3000).
          </Text>
        </li>
        <li>
          <Text>
            Excel on the web: open a workbook, choose <strong>Home › Add-ins › More add-ins › My add-ins › Upload my add-in</strong>,
            and pick <code className={styles.code}>manifest.xml</code>.
          </Text>
        </li>
        <li>
          <Text>
            Excel on Windows: share a folder holding <code className={styles.code}>manifest.xml</code>, add it under
            <strong> File › Options › Trust Center › Trusted Add-in Catalogs</strong>, then <strong>Home › Add-ins › Shared Folder</strong>.
            Excel on Mac: copy <code className={styles.code}>manifest.xml</code> to
            <code className={styles.code}> ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef</code> and restart Excel.
          </Text>
        </li>
        <li>
          <Text>
            Then choose <strong>Locality Planner</strong> on the Home tab.
          </Text>
        </li>
      </ol>
      <Link href={sideloadDocs} target="_blank" rel="noreferrer">
        Microsoft's guide to sideloading Office add-ins
      </Link>
    </main>
  );
}
