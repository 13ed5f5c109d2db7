import { Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import { helpPages, useLinkStyles } from '../../links';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  version: { color: tokens.colorNeutralForeground2 },
});

/**
 * The pane's footer: Help (the help page served with the add-in, which the manifest's
 * SupportUrl also names), the privacy statement (nothing leaves the workbook), the
 * accessibility statement, and the version. Links open in the browser.
 */
export function PaneFooter(props: { readonly version: string }) {
  const styles = useStyles();
  const links = useLinkStyles();
  const open = { target: '_blank', rel: 'noopener noreferrer' } as const;
  return (
    <footer className={styles.root}>
      <Link className={links.link} href={helpPages.help} {...open}>
        Help
      </Link>
      <Link className={links.link} href={helpPages.privacy} {...open}>
        Privacy
      </Link>
      <Link className={links.link} href={helpPages.accessibility} {...open}>
        Accessibility
      </Link>
      <Text className={styles.version}>Version {props.version}</Text>
    </footer>
  );
}
