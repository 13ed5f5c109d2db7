import fc from 'fast-check';
import { actedOn } from './actedOn';
import { Progress, type ProgressLine, paintFor, printable, safeJson } from '../../src/cli/terminal';


describe('text from a workbook shown in a terminal', () => {
  it.each`
    what                                        | text                                | shown
    ${'a line break typed with Alt+Enter'}      | ${'Castle\nWard'}                   | ${'Castle\\nWard'}
    ${'a tab and a carriage return'}            | ${'a\tb\rc'}                        | ${'a\\tb\\rc'}
    ${'an escape sequence that recolours'}      | ${'\u001b[31mRed'}                  | ${'\\x1B[31mRed'}
    ${'a bell'}                                 | ${'ding\u0007'}                     | ${'ding\\x07'}
    ${'DEL'}                                    | ${'x\u007fy'}                       | ${'x\\x7Fy'}
    ${'the one-byte escape introducer U+009B'}  | ${'\u009b2J Cleared'}               | ${'\\x9B2J Cleared'}
    ${'another C1 control, U+0085'}             | ${'next\u0085line'}                 | ${'next\\x85line'}
    ${'left-to-right and right-to-left marks'}  | ${'\u200eA\u200fB'}                 | ${'\\u200EA\\u200FB'}
    ${'a right-to-left override'}               | ${'\u202Exslx.dnalhgiH'}            | ${'\\u202Exslx.dnalhgiH'}
    ${'each bidi embedding and override'}       | ${'\u202a\u202b\u202c\u202d'}       | ${'\\u202A\\u202B\\u202C\\u202D'}
    ${'each bidi isolate'}                      | ${'\u2066\u2067\u2068\u2069'}       | ${'\\u2066\\u2067\\u2068\\u2069'}
  `('shows $what as visible escapes', ({ text, shown }) => {
    expect(printable(text)).toBe(shown);
  });

  it.each`
    what                                  | text
    ${'Welsh, accents and a pound sign'}  | ${'Ynys Môn — £75,000 café'}
    ${'Arabic and Hebrew letters'}        | ${'مدينة עיר'}
    ${'a backslash in a Windows path'}    | ${'C:\\Budgets\\plan.xlsx'}
  `('keeps $what as written', ({ text }) => {
    expect(printable(text)).toBe(text);
  });

  it('never lets a character through that a terminal would act on, and changes nothing else', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const shown = printable(text);
        expect(actedOn.test(shown)).toBe(false);
        if (!actedOn.test(text)) expect(shown).toBe(text);
      }),
    );
  });

  it('writes JSON that reads back to the same values, with nothing raw a terminal would act on', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, name) => {
        const data = { value, name };
        const json = safeJson(data);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(data)));
        expect(actedOn.test(json.replace(/\n/g, ''))).toBe(false);
      }),
    );
  });
});

describe('colour', () => {
  it.each`
    terminal | NO_COLOR     | TERM              | coloured
    ${true}  | ${undefined} | ${'xterm-256color'} | ${true}
    ${true}  | ${''}        | ${'xterm'}        | ${true}
    ${true}  | ${'1'}       | ${'xterm'}        | ${false}
    ${true}  | ${'0'}       | ${'xterm'}        | ${false}
    ${true}  | ${undefined} | ${'dumb'}         | ${false}
    ${false} | ${undefined} | ${'xterm'}        | ${false}
  `('is used on a terminal=$terminal with NO_COLOR=$NO_COLOR and TERM=$TERM: $coloured', ({ terminal, NO_COLOR, TERM, coloured }) => {
    const paint = paintFor(terminal, { NO_COLOR, TERM });
    expect(paint('error', 'Shortfall') !== 'Shortfall').toBe(coloured);
    expect(paint('error', 'Shortfall')).toContain('Shortfall');
  });
});

describe('the progress line', () => {
  function recorder(): ProgressLine & { readonly events: string[] } {
    const events: string[] = [];
    return { events, show: (t) => events.push(`show ${t}`), clear: () => events.push('clear') };
  }

  it('shows nothing for a run that ends within a second', () => {
    let t = 0;
    const line = recorder();
    const progress = new Progress(line, () => t);
    progress.enter('reading', 'plan.xlsx');
    t = 400;
    progress.enter('planning', 'plan.xlsx');
    t = 900;
    progress.enter('writing', 'plan.results.xlsx');
    progress.done();
    expect(line.events).toEqual([]);
  });

  it('after a second names each stage as the run reaches it, then clears the line', () => {
    let t = 0;
    const line = recorder();
    const progress = new Progress(line, () => t);
    progress.enter('reading', 'plan.xlsx');
    t = 1500;
    progress.enter('planning', 'plan.xlsx');
    t = 1600;
    progress.enter('writing', 'plan.results.xlsx');
    progress.done();
    expect(line.events).toEqual(['show Planning plan.xlsx…', 'show Writing the results to plan.results.xlsx…', 'clear']);
  });

  it('shows the stage a slow step is in once a second has passed, even before the next stage', async () => {
    const line = recorder();
    const progress = new Progress(line, () => performance.now(), 30);
    progress.enter('reading', 'big\u202E.xlsx');
    await new Promise((resolve) => setTimeout(resolve, 80));
    progress.done();
    expect(line.events).toEqual(['show Reading big\\u202E.xlsx…', 'clear']);
  });
});
