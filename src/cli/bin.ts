import { type Console, main } from './main';
import { type ProgressLine, paintFor } from './terminal';

export { defaultOutput, main } from './main';

/**
 * The compiled tool's entry point (bundled into build/cli by `npm ci`): argv, the real
 * standard streams, colour and a progress line only where they are terminals, and the
 * exit code as the process status.
 */
export function runFromCommandLine(argv: readonly string[] = process.argv.slice(2)): void {
  // A reader that stops early (`--json - | head`) closes the pipe: stop quietly, as other tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const progress: ProgressLine | undefined = process.stderr.isTTY
    ? {
        show: (text) => {
          const width = Math.max(20, (process.stderr.columns || 80) - 1);
          process.stderr.write(`\r\u001b[K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
        },
        clear: () => {
          process.stderr.write('\r\u001b[K');
        },
      }
    : undefined;
  const io: Console = {
    out: (text) => {
      process.stdout.write(`${text}\n`);
    },
    err: (text) => {
      process.stderr.write(`${text}\n`);
    },
    paint: { out: paintFor(process.stdout.isTTY === true, process.env), err: paintFor(process.stderr.isTTY === true, process.env) },
    ...(progress ? { progress } : {}),
  };
  main(argv, io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`Locality Planner stopped on an unexpected error: ${e instanceof Error && e.stack ? e.stack : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
