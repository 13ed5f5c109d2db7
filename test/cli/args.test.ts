import { parseArgs, runUsage, toolUsage } from '../../src/cli/args';

/**
 * The command line as analysts script it: the forms well-made Node tools accept
 * (`--out=FILE`, `--json -`, `-h`, `-V`, `--`), and a plain sentence for every mistake.
 */
describe('reading the command line', () => {
  it.each`
    argv                                                       | command
    ${['run', 'plan.xlsx']}                                     | ${{ kind: 'run', input: 'plan.xlsx', results: { kind: 'new-file', resultsOnly: false }, quiet: false }}
    ${['run', 'plan.xlsx', '--out', 'r.xlsx']}                  | ${{ kind: 'run', input: 'plan.xlsx', results: { kind: 'new-file', path: 'r.xlsx', resultsOnly: false }, quiet: false }}
    ${['run', 'plan.xlsx', '--out=r.xlsx']}                     | ${{ kind: 'run', input: 'plan.xlsx', results: { kind: 'new-file', path: 'r.xlsx', resultsOnly: false }, quiet: false }}
    ${['run', 'plan.xlsx', '-o', 'r.xlsx']}                     | ${{ kind: 'run', input: 'plan.xlsx', results: { kind: 'new-file', path: 'r.xlsx', resultsOnly: false }, quiet: false }}
    ${['run', '--out=r.xlsx', 'plan.xlsx']}                     | ${{ kind: 'run', input: 'plan.xlsx', results: { kind: 'new-file', path: 'r.xlsx', resultsOnly: false }, quiet: false }}
    ${['run', 'plan.xlsx', '--json', 's.json']}                 | ${{ kind: 'run', input: 'plan.xlsx', results: { kind: 'new-file', resultsOnly: false }, summary: { kind: 'file', path: 's.json' }, quiet: false }}
    ${['run', 'plan.xlsx', '--json=s.json']}                    | ${{ kind: 'run', input: 'plan.xlsx', results: { kind: 'new-file', resultsOnly: false }, summary: { kind: 'file', path: 's.json' }, quiet: false }}
    ${['run', 'plan.xlsx', '--json', '-']}                      | ${{ kind: 'run', input: 'plan.xlsx', results: { kind: 'new-file', resultsOnly: false }, summary: { kind: 'stdout' }, quiet: false }}
    ${['run', 'plan.xlsx', '--json=-']}                         | ${{ kind: 'run', input: 'plan.xlsx', results: { kind: 'new-file', resultsOnly: false }, summary: { kind: 'stdout' }, quiet: false }}
    ${['run', 'plan.xlsx', '--in-place', '--quiet']}            | ${{ kind: 'run', input: 'plan.xlsx', results: { kind: 'in-place' }, quiet: true }}
    ${['run', '-q', 'plan.xlsx']}                               | ${{ kind: 'run', input: 'plan.xlsx', results: { kind: 'new-file', resultsOnly: false }, quiet: true }}
    ${['run', '--', '-draft-.xlsx']}                            | ${{ kind: 'run', input: '-draft-.xlsx', results: { kind: 'new-file', resultsOnly: false }, quiet: false }}
    ${['run', 'plan.xlsx', '--out=-odd.xlsx']}                  | ${{ kind: 'run', input: 'plan.xlsx', results: { kind: 'new-file', path: '-odd.xlsx', resultsOnly: false }, quiet: false }}
    ${['run', 'plan.xlsx', '--results-only', '-o', 'p.xlsx']}   | ${{ kind: 'run', input: 'plan.xlsx', results: { kind: 'new-file', path: 'p.xlsx', resultsOnly: true }, quiet: false }}
    ${[]}                                                      | ${{ kind: 'help', topic: 'tool' }}
    ${['--help']}                                              | ${{ kind: 'help', topic: 'tool' }}
    ${['-h']}                                                  | ${{ kind: 'help', topic: 'tool' }}
    ${['help']}                                                | ${{ kind: 'help', topic: 'tool' }}
    ${['help', 'run']}                                         | ${{ kind: 'help', topic: 'run' }}
    ${['run', '--help']}                                       | ${{ kind: 'help', topic: 'run' }}
    ${['run', '-h']}                                           | ${{ kind: 'help', topic: 'run' }}
    ${['run', 'plan.xlsx', '--json', 's.json', '--help']}      | ${{ kind: 'help', topic: 'run' }}
    ${['--version']}                                           | ${{ kind: 'version' }}
    ${['-V']}                                                  | ${{ kind: 'version' }}
    ${['run', '--version']}                                    | ${{ kind: 'version' }}
  `('reads $argv', ({ argv, command }) => {
    expect(parseArgs(argv)).toEqual(command);
  });

  it.each`
    argv                                                   | says
    ${['plan', 'x.xlsx']}                                  | ${'Unknown command "plan"'}
    ${['run']}                                             | ${'run needs the input workbook'}
    ${['run', 'a.xlsx', 'b.xlsx']}                         | ${'Only one input workbook can be given; found "a.xlsx" and "b.xlsx".'}
    ${['run', 'plan.xlsx', '--fast']}                      | ${'Unknown option "--fast".'}
    ${['run', 'plan.xlsx', '--jsn', 's.json']}             | ${'Unknown option "--jsn" (did you mean --json?).'}
    ${['run', 'plan.xlsx', '--in-plac']}                   | ${'(did you mean --in-place?)'}
    ${['run', 'plan.xlsx', '-x']}                          | ${'Unknown option "-x".'}
    ${['run', 'plan.xlsx', '--out']}                       | ${'--out needs a file name'}
    ${['run', 'plan.xlsx', '--out=']}                      | ${'--out needs a file name'}
    ${['run', 'plan.xlsx', '--json']}                      | ${'--json needs a file name (or - for standard output)'}
    ${['run', 'plan.xlsx', '--out', '--json', 's.json']}   | ${'--out needs a file name; found the option "--json".'}
    ${['run', 'plan.xlsx', '--out', 'a.xlsx', '--out', 'b.xlsx']} | ${'--out is given twice'}
    ${['run', 'plan.xlsx', '--in-place=yes']}              | ${'--in-place takes no value'}
    ${['run', 'plan.xlsx', '--in-place', '--out', 'r.xlsx']} | ${'--in-place and --out cannot be used together.'}
    ${['run', 'plan.xlsx', '--out', '-']}                  | ${'--out - would send the workbook to the terminal'}
    ${['run', 'plan.xlsx', '--in-place', '--results-only']} | ${'--in-place and --results-only cannot be used together'}
    ${['run', 'plan.xlsx', '--results-only=yes']}          | ${'--results-only takes no value'}
    ${['--quiet']}                                         | ${'Give a command'}
  `('refuses $argv, saying "$says"', ({ argv, says }) => {
    const result = parseArgs(argv);
    expect(typeof result).toBe('string');
    expect(result).toContain(says);
  });

  it('documents every option it accepts, in the help for run', () => {
    for (const option of ['--out', '-o', '--in-place', '--results-only', '--json FILE', '--json -', '--quiet', '-q', '--help', '-h']) expect(runUsage).toContain(option);
    for (const option of ['--help', '-h', '--version', '-V', 'run --help']) expect(toolUsage).toContain(option);
  });
});
