import { teamsHighContrastTheme, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { choosePaneTheme, paneThemes } from '../../src/taskpane/theme';

describe('the pane theme follows Office', () => {
  it.each`
    office                                                         | forced   | theme
    ${undefined}                                                   | ${false} | ${'light'}
    ${{ isDarkTheme: true, bodyBackgroundColor: '#FFFFFF' }}       | ${false} | ${'dark'}
    ${{ isDarkTheme: false, bodyBackgroundColor: '#000000' }}      | ${false} | ${'light'}
    ${{ bodyBackgroundColor: '#262626' }}                          | ${false} | ${'dark'}
    ${{ bodyBackgroundColor: '#F3F3F3' }}                          | ${false} | ${'light'}
    ${{ bodyBackgroundColor: 'not a colour' }}                     | ${false} | ${'light'}
    ${{ isDarkTheme: false }}                                      | ${true}  | ${'high-contrast'}
    ${{ isDarkTheme: true }}                                       | ${true}  | ${'high-contrast'}
  `('gives $theme for Office $office with forced colours $forced', ({ office, forced, theme }) => {
    expect(choosePaneTheme(office, forced)).toBe(theme);
  });

  it('maps each choice to a Fluent theme', () => {
    expect(paneThemes).toEqual({ light: webLightTheme, dark: webDarkTheme, 'high-contrast': teamsHighContrastTheme });
  });
});
