import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

/** What the pane knows about Office's colours: `Office.context.officeTheme`, when Office gives one. */
export interface OfficeColours {
  readonly isDarkTheme?: boolean;
  readonly bodyBackgroundColor?: string;
}

/** Which Fluent theme the pane wears; `forced-colors` (Windows high contrast) wins over Office's theme. */
export type PaneThemeName = 'light' | 'dark' | 'high-contrast';

export const paneThemes = {
  light: webLightTheme,
  dark: webDarkTheme,
  'high-contrast': teamsHighContrastTheme,
} as const satisfies Record<PaneThemeName, Theme>;

/** `#RRGGBB` → relative luminance (0 black … 1 white), or undefined if it is not a colour. */
function luminance(hex: string): number | undefined {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return undefined;
  const [r, g, b] = m.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Follows Office: high contrast when the system forces colours, dark when Office says its
 * theme is dark (or, where `isDarkTheme` is missing, when the pane background is dark),
 * light otherwise. Without Office's colours at all (office.js did not load), it follows the
 * system's light or dark preference, as the page's own background already does.
 */
export function choosePaneTheme(office: OfficeColours | undefined, forcedColors: boolean, prefersDark = false): PaneThemeName {
  if (forcedColors) return 'high-contrast';
  if (office?.isDarkTheme !== undefined) return office.isDarkTheme ? 'dark' : 'light';
  const lum = office?.bodyBackgroundColor ? luminance(office.bodyBackgroundColor) : undefined;
  if (lum !== undefined) return lum < 0.2 ? 'dark' : 'light';
  return office === undefined && prefersDark ? 'dark' : 'light';
}
