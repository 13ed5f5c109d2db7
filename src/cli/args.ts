import { parseArgs as tokenize } from 'node:util';

/** Where the `--json` summary goes: a file, or standard output for `--json -`. */
export type SummaryTarget = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'stdout' };

/**
 * Where the results go: a new workbook (default `<input>.results.xlsx`), or the input itself.
 * A new workbook is the input's sheets plus the results, or with `resultsOnly` the results
 * sheets alone (a copy for partners).
 */
export type ResultsTarget = { readonly kind: 'new-file'; readonly path?: string; readonly resultsOnly: boolean } | { readonly kind: 'in-place' };

/** What the command line asked for (contract §4, and the conventions scripts expect). */
export type Command =
  | {
      readonly kind: 'run';
      readonly input: string;
      readonly results: ResultsTarget;
      readonly summary?: SummaryTarget;
      /** Print nothing but errors: no report, no progress line. */
      readonly quiet: boolean;
    }
  | { readonly kind: 'help'; readonly topic: 'tool' | 'run' }
  | { readonly kind: 'version' };

/** `locality-planner --help`. */
export const toolUsage = `Usage: locality-planner run <input.xlsx> [options]
       locality-planner --help | --version

Commands:
  run            plan from the workbook's input tables and write the results workbook
                 (locality-planner run --help lists its options)

Options:
  -h, --help     show this help
  -V, --version  print the version

Exit status: 0 ran (warnings allowed); 1 input errors (nothing written); 2 usage or file errors.`;

/** `locality-planner run --help`. */
export const runUsage = `Usage: locality-planner run <input.xlsx> [--out <results.xlsx> | --in-place] [--results-only] [--json <summary.json> | --json -] [--quiet]

Reads the workbook's Localities, Indicators, Parameters, Costs and Funding tables, plans,
and writes the results workbook: the input's sheets as they were plus the results sheets.

Options:
  -o, --out FILE   where to write the results workbook (default: <input>.results.xlsx
                   beside the input); --out=FILE works too
      --in-place   refresh the results inside the input workbook itself; the workbook as
                   it was is kept beside it as <input>.backup (or .backup-2, … if taken)
      --results-only
                   write a workbook holding only the results sheets (values, formats,
                   charts and print set-up; no input tables, no ownership record): a copy
                   to send to partners
      --json FILE  also write the JSON summary to FILE; --json - prints it on standard
                   output (the report then goes to standard error)
  -q, --quiet      print only errors: no report and no progress line
  -h, --help       show this help

The results workbook and the summary are both written, or neither is. Errors go to
standard error. Colour is used only on a terminal, and never when NO_COLOR is set.

Exit status: 0 ran (warnings allowed); 1 input errors (nothing written); 2 usage or file errors.`;

const options = {
  out: { type: 'string', short: 'o' },
  json: { type: 'string' },
  'in-place': { type: 'boolean' },
  'results-only': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

type OptionName = keyof typeof options;
const optionNames = Object.keys(options) as OptionName[];
const isOptionName = (name: string): name is OptionName => (optionNames as string[]).includes(name);

/** Edit distance, for "did you mean" on a mistyped option. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

function unknownOption(raw: string): string {
  const name = raw.replace(/^-+/, '').split('=')[0];
  const close = optionNames.filter((o) => distance(name, o) <= 2).sort((a, b) => distance(name, a) - distance(name, b))[0];
  return `Unknown option "${raw}"${close ? ` (did you mean --${close}?)` : ''}.`;
}

/**
 * Parses argv after the program name with Node's `util.parseArgs`, then checks it in our
 * own words: a string is a usage error to print (exit 2). `--out=FILE` and `--out FILE`
 * are the same; an option's value may not look like another option unless given with
 * `=`; `--` ends the options, for a workbook whose name starts with a dash.
 */
export function parseArgs(argv: readonly string[]): Command | string {
  const { tokens } = tokenize({ args: [...argv], options, allowPositionals: true, strict: false, tokens: true });
  const positionals: string[] = [];
  const values: Partial<Record<OptionName, string | true>> = {};
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    const { name, rawName, value, inlineValue } = token;
    if (!isOptionName(name)) return unknownOption(inlineValue ? `${rawName}=${value ?? ''}` : rawName);
    const spec = options[name];
    if (spec.type === 'boolean') {
      if (inlineValue) return `${rawName} takes no value; found "${rawName}=${value ?? ''}".`;
      values[name] = true;
      continue;
    }
    if (values[name] !== undefined) return `${rawName} is given twice; give it once.`;
    const what = name === 'json' ? 'a file name (or - for standard output)' : 'a file name';
    if (value === undefined || value === '') return `${rawName} needs ${what}, as in ${rawName} ${name === 'json' ? 'summary.json' : 'results.xlsx'}.`;
    // `--out --json x` is almost always a forgotten value; `--out=-odd.xlsx` says it is meant.
    if (!inlineValue && value.startsWith('-') && value !== '-') return `${rawName} needs ${what}; found the option "${value}". To name a file starting with a dash, write ${rawName}=${value}.`;
    values[name] = value;
  }

  if (values.version) return { kind: 'version' };
  const [command, ...rest] = positionals;
  if (command === undefined) return values.help || argv.length === 0 ? { kind: 'help', topic: 'tool' } : 'Give a command: locality-planner run <input.xlsx>.';
  if (command === 'help') return { kind: 'help', topic: rest[0] === 'run' ? 'run' : 'tool' };
  if (command !== 'run') return `Unknown command "${command}". The command is run, as in locality-planner run plan.xlsx.`;
  if (values.help) return { kind: 'help', topic: 'run' };
  if (rest.length === 0) return 'run needs the input workbook, e.g. locality-planner run plan.xlsx';
  if (rest.length > 1) return `Only one input workbook can be given; found "${rest[0]}" and "${rest[1]}".`;
  const out = values.out as string | undefined;
  const json = values.json as string | undefined;
  if (values['in-place'] && out !== undefined) return '--in-place and --out cannot be used together.';
  // A results-only copy has no inputs, so it can never be the input workbook refreshed.
  if (values['in-place'] && values['results-only']) return '--in-place and --results-only cannot be used together: a results-only copy leaves out the inputs.';
  if (out === '-') return '--out - would send the workbook to the terminal; give a file name. (The JSON summary can go to standard output with --json -.)';
  return {
    kind: 'run',
    input: rest[0],
    results: values['in-place'] ? { kind: 'in-place' } : { kind: 'new-file', ...(out !== undefined ? { path: out } : {}), resultsOnly: values['results-only'] === true },
    ...(json === undefined ? {} : { summary: json === '-' ? { kind: 'stdout' } : { kind: 'file', path: json } }),
    quiet: values.quiet === true,
  };
}
