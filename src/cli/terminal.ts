/**
 * What the command-line tool prints, made safe and readable for a terminal: text from a
 * workbook with its control and bidi characters shown as escapes, colour only where a
 * person is watching, and a progress line for long runs.
 */

/**
 * Characters a terminal would act on instead of showing: C0 controls (a line break typed
 * with Alt+Enter, an escape sequence), DEL, C1 controls (U+009B is a one-byte escape
 * sequence introducer), the invisible direction marks U+200E/U+200F, and the bidi
 * embeddings, overrides and isolates U+202A–U+202E, U+2066–U+2069, which can make a
 * printed line read differently from what the workbook holds.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unprintable = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const named: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * One line of text with every control and bidi character replaced by a visible escape
 * (`\n`, `\x1B`, `\u202E`), so a name from a workbook can never move the cursor, recolour
 * the terminal or reverse the rest of the line. Everything else is kept as written.
 */
export function printable(text: string): string {
  return text.replace(unprintable, (ch) => {
    const code = ch.charCodeAt(0);
    return named[ch] ?? (code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`);
  });
}

/** Every line of a multi-line text made printable, keeping the line breaks between them. */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}

/** What `JSON.stringify` leaves raw inside strings (it escapes C0; the line breaks between values are its own). */
const unprintableInJson = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON for the `--json` summary with the characters {@link printable} escapes written as
 * `\uXXXX` escapes: the same JSON to any reader, but safe to show in a terminal
 * (`--json -`) or a log. `JSON.stringify` already escapes C0; it leaves DEL, C1 and the
 * bidi marks raw.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(unprintableInJson, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`) + '\n';
}

/** The few colours the tool uses, by meaning. */
export type Tone = 'error' | 'warning' | 'good' | 'dim' | 'strong';

const sgr = { error: '31', warning: '33', good: '32', dim: '2', strong: '1' } as const satisfies Record<Tone, string>;

/** Colours text for one stream, or leaves it plain. */
export type Paint = (tone: Tone, text: string) => string;

/** No colour: what every stream gets unless it is a terminal and NO_COLOR is unset. */
export const plain: Paint = (_tone, text) => text;

const ansi: Paint = (tone, text) => `\u001b[${sgr[tone]}m${text}\u001b[0m`;

/**
 * Colour only for a terminal, and never when NO_COLOR is set to anything but the empty
 * string (no-color.org) or TERM is `dumb`. Colour is added after {@link printable}, so
 * only the tool's own escape sequences ever reach the terminal.
 */
export function paintFor(isTerminal: boolean, env: Readonly<Record<string, string | undefined>>): Paint {
  if (!isTerminal) return plain;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return plain;
  if (env.TERM === 'dumb') return plain;
  return ansi;
}

/** The stages a run goes through, named for the progress line. */
export type Stage = 'reading' | 'planning' | 'writing';

const stageText = { reading: 'Reading', planning: 'Planning', writing: 'Writing the results to' } as const satisfies Record<Stage, string>;

/** Where the progress line goes: a terminal line rewritten in place, and cleared at the end. */
export interface ProgressLine {
  show(text: string): void;
  clear(): void;
}

/**
 * The progress line for runs longer than a second: nothing for a quick run; after a
 * second, the current stage ("Planning plan.xlsx…"), updated as the run moves on, and
 * cleared before the run's own output is printed.
 */
export class Progress {
  private stage: { readonly stage: Stage; readonly file: string } | undefined;
  private shown = false;
  private readonly started: number;
  private readonly timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly line: ProgressLine | undefined,
    private readonly clock: () => number = () => performance.now(),
    private readonly after = 1000,
  ) {
    this.started = clock();
    // The timer only fires when the run yields to the event loop; `enter` catches a
    // second passed during synchronous work (planning) at the next stage.
    this.timer = line ? setTimeout(() => this.draw(), after) : undefined;
    this.timer?.unref();
  }

  /** The run has moved on to this stage. */
  enter(stage: Stage, file: string): void {
    this.stage = { stage, file };
    if (this.shown || this.clock() - this.started >= this.after) this.draw();
  }

  private draw(): void {
    if (!this.line || !this.stage) return;
    this.shown = true;
    this.line.show(`${stageText[this.stage.stage]} ${printable(this.stage.file)}…`);
  }

  /** The run is over: the line goes before anything else is printed. */
  done(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.shown) this.line?.clear();
    this.shown = false;
    this.stage = undefined;
  }
}
