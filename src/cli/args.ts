/** What the command line asked for (contract §4). */
export type Command =
  | { readonly kind: 'run'; readonly input: string; readonly out?: string; readonly json?: string; readonly inPlace: boolean }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' };

export const usage = `Usage: locality-planner run <input.xlsx> [--out <output.xlsx>] [--json <summary.json>] [--in-place]

  run          read the workbook's Localities, Indicators, Parameters, Costs and Funding
               tables, plan, and write the results workbook
  --out FILE   where to write the results (default: <input>.results.xlsx beside the input)
  --json FILE  also write the JSON summary
  --in-place   refresh the results inside the input workbook itself, keeping everything
               else in it as it was (a backup is kept until the new file is complete)

Exit status: 0 ran (warnings allowed); 1 input errors (nothing written); 2 usage or file errors.`;

/** Parses argv after the program name; a string is a usage error to print. */
export function parseArgs(argv: readonly string[]): Command | string {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return { kind: 'help' };
  if (argv[0] === '--version' || argv[0] === '-v') return { kind: 'version' };
  if (argv[0] !== 'run') return `Unknown command "${argv[0]}".`;
  let input: string | undefined;
  let out: string | undefined;
  let json: string | undefined;
  let inPlace = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out' || a === '--json') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) return `${a} needs a file name.`;
      if (a === '--out') out = value;
      else json = value;
      i++;
    } else if (a === '--in-place') {
      inPlace = true;
    } else if (a.startsWith('--')) {
      return `Unknown option "${a}".`;
    } else if (input === undefined) {
      input = a;
    } else {
      return `Only one input workbook can be given; found "${input}" and "${a}".`;
    }
  }
  if (input === undefined) return 'run needs the input workbook, e.g. locality-planner run plan.xlsx';
  if (inPlace && out !== undefined) return '--in-place and --out cannot be used together.';
  return { kind: 'run', input, ...(out ? { out } : {}), ...(json ? { json } : {}), inPlace };
}
