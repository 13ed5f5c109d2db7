import { render, screen, within } from '@testing-library/react';
import { FluentProvider, webDarkTheme } from '@fluentui/react-components';
import { OutsideExcel, type OutsideReason } from '../../src/taskpane/components/OutsideExcel/OutsideExcel';
import { fillJsdomGaps } from './jsdomGaps';

beforeAll(fillJsdomGaps);

const show = (reason: OutsideReason) =>
  render(
    <FluentProvider theme={webDarkTheme}>
      <OutsideExcel reason={reason} origin="https://planner.example.gov.uk" />
    </FluentProvider>,
  );

describe('the pane outside Excel', () => {
  it('offline or behind a proxy, says plainly what failed and names the addresses IT must allow', () => {
    show('no-office-js');
    expect(screen.getByRole('heading', { name: 'Locality Planner cannot reach Excel' })).toBeTruthy();
    const hosts = within(screen.getByRole('list')).getAllByRole('listitem').map((li) => li.textContent);
    expect(hosts).toEqual(['https://appsforoffice.microsoft.com (Office\u2019s script for add-ins)'.replace('\u2019', "'"), 'https://planner.example.gov.uk (where Locality Planner itself is served)']);
    expect(screen.getByText('Your workbook has not been changed.')).toBeTruthy();
  });

  it.each<[OutsideReason, string]>([
    ['not-in-office', 'This page is open in a web browser, not in Excel.'],
    ['other-host', 'This page is open in an Office application other than Excel.'],
  ])('for %s, says where it runs and points to help, with no developer steps', (reason, says) => {
    show(reason);
    expect(screen.getByRole('heading', { name: 'Locality Planner runs inside Excel' })).toBeTruthy();
    expect(screen.getByText(says)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Locality Planner help' }).getAttribute('href')).toBe('help.html');
    expect(document.body.textContent).not.toMatch(/npm|dev-server|manifest\.xml/);
  });
});
