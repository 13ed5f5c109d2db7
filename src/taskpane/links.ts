import { makeStyles, tokens } from '@fluentui/react-components';

/**
 * Links that look like links in every theme: underlined always (Fluent underlines only on
 * hover, and its link colour is close to body text), and in Windows high contrast drawn in
 * the system's link colour, as a screen of body text would otherwise hide them.
 */
export const useLinkStyles = makeStyles({
  link: {
    textDecorationLine: 'underline',
    overflowWrap: 'anywhere',
    '@media (forced-colors: active)': { color: 'LinkText' },
  },
  /** A link that is a button (it acts in the pane): underlined too, in the button-text colour in high contrast. */
  action: {
    textDecorationLine: 'underline',
    fontWeight: tokens.fontWeightSemibold,
    textAlign: 'start',
    overflowWrap: 'anywhere',
    '@media (forced-colors: active)': { color: 'LinkText' },
  },
});

/** The help page served beside the pane (src/taskpane/help.html), and its sections. */
export const helpPages = {
  help: 'help.html',
  privacy: 'help.html#privacy',
  accessibility: 'help.html#accessibility',
  versions: 'help.html#versions',
} as const;
