import { teamsHighContrastTheme, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { choosePaneTheme, paneThemes } from '../../src/taskpane/theme';

describe('the pane theme follows Office', () => {
  it.each`
    office                                                         | forced   | prefersDark | theme
    ${undefined}                                                   | ${false} | ${false}    | ${'light'}
    ${undefined}                                                   | ${false} | ${true}     | ${'dark'}
    ${undefined}                                                   | ${true}  | ${true}     | ${'high-contrast'}
    ${{ isDarkTheme: true, bodyBackgroundColor: '#FFFFFF' }}       | ${false} | ${false}    | ${'dark'}
    ${{ isDarkTheme: false, bodyBackgroundColor: '#000000' }}      | ${false} | ${true}     | ${'light'}
    ${{ bodyBackgroundColor: '#262626' }}                          | ${false} | ${false}    | ${'dark'}
    ${{ bodyBackgroundColor: '#F3F3F3' }}                          | ${false} | ${true}     | ${'light'}
    ${{ bodyBackgroundColor: 'not a colour' }}                     | ${false} | ${true}     | ${'light'}
    ${{ isDarkTheme: false }}                                      | ${true}  | ${false}    | ${'high-contrast'}
    ${{ isDarkTheme: true }}                                       | ${true}  | ${false}    | ${'high-contrast'}
  `('gives $theme for Office $office with forced colours $forced and a system that prefers dark $prefersDark', ({ office, forced, prefersDark, theme }) => {
    expect(choosePaneTheme(office, forced, prefersDark)).toBe(theme);
  });

  it('maps each choice to a Fluent theme', () => {
    expect(paneThemes).toEqual({ light: webLightTheme, dark: webDarkTheme, 'high-contrast': teamsHighContrastTheme });
  });
});
