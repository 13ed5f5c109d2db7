import { render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { OutsideExcel, type OutsideReason } from '../../src/taskpane/components/OutsideExcel/OutsideExcel';
import { fillJsdomGaps } from './jsdomGaps';

beforeAll(fillJsdomGaps);

describe('the pane outside Excel', () => {
  it.each`
    reason             | why
    ${'no-office-js'}  | ${/office\.js\) did not load/}
    ${'not-in-office'} | ${/open in a web browser, not in Excel/}
    ${'other-host'}    | ${/Office application other than Excel/}
  `('says it runs inside Excel, why it is not there ($reason), and how to sideload it', ({ reason, why }) => {
    render(
      <FluentProvider theme={webLightTheme}>
        <OutsideExcel reason={reason as OutsideReason} />
      </FluentProvider>,
    );
    expect(screen.getByRole('heading', { name: 'Locality Planner runs inside Excel' })).toBeTruthy();
    expect(screen.getByText(why)).toBeTruthy();
    const steps = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(steps.join(' ')).toMatch(/Upload my add-in.*manifest\.xml/);
    const link = screen.getByRole('link', { name: /sideloading Office add-ins/ });
    expect(link.getAttribute('href')).toBe('https://learn.microsoft.com/office/dev/add-ins/testing/sideload-office-add-ins-for-testing');
  });
});
