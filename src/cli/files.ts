import { constants, linkSync, copyFileSync, lstatSync, renameSync, statSync, unlinkSync, promises as fs, type Stats } from 'node:fs';
import path from 'node:path';

/**
 * The command-line tool's files, handled so that a user's work is never lost: the input
 * read only if it is a plain file, every output written to a temporary file created
 * exclusively beside it and renamed into place, all outputs of a run landing together or
 * not at all, and every message saying what exists afterwards.
 */

/** A file problem found before anything was written; the CLI prints it and exits 2. */
export class FileProblem extends Error {
  override readonly name = 'FileProblem';
}

/**
 * Writing failed or was stopped. The message is a whole sentence saying what exists
 * now (normally: nothing was written and every file is as it was).
 */
export class WriteFailure extends Error {
  override readonly name = 'WriteFailure';
}

/** What identifies a file on disk, and what must be kept when it is replaced. */
export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  /** Permission bits (and setuid/setgid/sticky), kept on the replacement. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

const identityOf = (st: Stats): FileIdentity => ({ dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid });

const sameFile = (a: FileIdentity, b: FileIdentity): boolean => a.dev === b.dev && a.ino === b.ino;

/** No write permission for anyone: marked read-only on purpose (root could still write it). */
const markedReadOnly = (st: Stats): boolean => (st.mode & 0o222) === 0;

const errno = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

/** Why a file operation failed, in plain words rather than an error code. */
export function reasonFor(e: unknown): string {
  const because: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    EFBIG: 'the file is too large for the disk',
    EACCES: 'permission was denied',
    EPERM: 'the operation is not permitted',
    EROFS: 'the disk is read-only',
    EIO: 'the disk reported an input/output error',
    ENOENT: 'the folder is no longer there',
    ENOTDIR: 'part of the path is not a folder',
    EISDIR: 'a folder of that name is in the way',
    ENAMETOOLONG: 'the file name is too long',
    EBUSY: 'the file is in use',
    ETXTBSY: 'the file is in use',
    EXDEV: 'the file is on another disk',
  };
  const code = errno(e);
  return (code && because[code]) ?? (e instanceof Error ? e.message : String(e));
}

/** The input workbook as read: its bytes, and who it was, to refresh it in place. */
export interface InputWorkbook {
  readonly bytes: Uint8Array;
  /** The path as given. */
  readonly given: string;
  /** The file itself, after following any symbolic links. */
  readonly real: string;
  /** Whether the path given is a symbolic link (to `real`). */
  readonly isLink: boolean;
  readonly identity: FileIdentity;
}

/**
 * Reads the input workbook. Only a regular file is read: a folder, a named pipe, a device
 * or a socket is refused with a plain sentence. The file is opened without blocking, so a
 * named pipe with nobody writing to it is refused at once instead of hanging.
 */
export async function readInputWorkbook(file: string): Promise<InputWorkbook> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = errno(e);
    if (code === 'ENOENT') throw new FileProblem(`Cannot find the workbook ${file}.`);
    if (code === 'ENXIO') throw new FileProblem(`${file} is not a regular file (it is a socket or a device), so it was not read. Give the workbook file itself.`);
    if (code === 'ELOOP') throw new FileProblem(`${file} is a symbolic link that leads round in a loop, so it was not read.`);
    if (code === 'EACCES' || code === 'EPERM') throw new FileProblem(`Cannot read ${file}: permission was denied.`);
    throw new FileProblem(`Cannot read ${file}: ${reasonFor(e)}.`);
  }
  try {
    const st = await handle.stat();
    if (st.isDirectory()) throw new FileProblem(`${file} is a folder, not a workbook.`);
    if (!st.isFile()) {
      const kind = st.isFIFO() ? 'a named pipe' : st.isSocket() ? 'a socket' : 'a device';
      throw new FileProblem(`${file} is ${kind}, not a regular file, so it was not read. Give the workbook file itself.`);
    }
    const bytes = await handle.readFile();
    const isLink = (await fs.lstat(file)).isSymbolicLink();
    return { bytes, given: file, real: await fs.realpath(file), isLink, identity: identityOf(st) };
  } catch (e) {
    if (e instanceof FileProblem) throw e;
    throw new FileProblem(`Cannot read ${file}: ${reasonFor(e)}.`);
  } finally {
    await handle.close();
  }
}

/** Where one output goes: the path as given, and the file a rename must replace. */
export interface Target {
  /** The path as the user gave it, for messages. */
  readonly given: string;
  /** The path renamed into: a symbolic link's target, so the link itself stays a link. */
  readonly real: string;
  /** Whether `given` is a symbolic link, written through to `real`. */
  readonly isLink: boolean;
  /** The file being replaced, if there is one: its permissions and owner are kept. */
  readonly existing?: FileIdentity;
}

/**
 * Checks where an output will go before anything is read or written. A folder, a named
 * pipe or device, a dangling link and a read-only file are refused; a symbolic link is
 * followed, so the file it leads to is replaced and the link stays a link.
 * `role` names the output in messages ("the results workbook").
 */
export async function resolveTarget(file: string, role: string): Promise<Target> {
  const absolute = path.resolve(file);
  let st: Stats | undefined;
  try {
    st = await fs.lstat(absolute);
  } catch (e) {
    if (errno(e) === 'ENOTDIR') throw new FileProblem(`Cannot write ${role} to ${file}: part of the path is not a folder. Nothing was written.`);
    if (errno(e) !== 'ENOENT') throw new FileProblem(`Cannot write ${role} to ${file}: ${reasonFor(e)}. Nothing was written.`);
  }
  if (st === undefined) {
    const dir = path.dirname(absolute);
    let folder: Stats;
    try {
      folder = await fs.stat(dir);
    } catch (e) {
      throw new FileProblem(`Cannot write ${role} to ${file}: ${errno(e) === 'ENOENT' ? `the folder ${dir} does not exist` : reasonFor(e)}. Nothing was written.`);
    }
    if (!folder.isDirectory()) throw new FileProblem(`Cannot write ${role} to ${file}: ${dir} is not a folder. Nothing was written.`);
    return { given: file, real: path.join(await fs.realpath(dir), path.basename(absolute)), isLink: false };
  }
  let real = absolute;
  const isLink = st.isSymbolicLink();
  if (isLink) {
    try {
      real = await fs.realpath(absolute);
      st = await fs.stat(real);
    } catch (e) {
      const code = errno(e);
      const why = code === 'ENOENT' ? `it is a symbolic link to ${await fs.readlink(absolute).catch(() => 'a file')}, which does not exist` : code === 'ELOOP' ? 'it is a symbolic link that leads round in a loop' : reasonFor(e);
      throw new FileProblem(`Cannot write ${role} to ${file}: ${why}. Nothing was written.`);
    }
  }
  if (st.isDirectory()) throw new FileProblem(`Cannot write ${role} to ${file}: it is a folder. Give a file name. Nothing was written.`);
  if (!st.isFile()) throw new FileProblem(`Cannot write ${role} to ${file}: it is not a regular file (a named pipe, a device or a socket). Nothing was written.`);
  if (markedReadOnly(st)) throw new FileProblem(`${file} is read-only, so ${role} was not written over it. Nothing was written; make the file writable, or choose another name.`);
  return { given: file, real, isLink, existing: identityOf(st) };
}

/**
 * The input workbook as the target of `--in-place`: the real file behind any symbolic
 * link (the link is kept and the file it leads to is refreshed), refused if read-only.
 */
export function inPlaceTarget(input: InputWorkbook): Target {
  if ((input.identity.mode & 0o222) === 0) {
    throw new FileProblem(`${input.given} is read-only, so it was not refreshed. Nothing was written; make the file writable to refresh it in place, or write the results to a new file with --out.`);
  }
  return { given: input.given, real: input.real, isLink: input.isLink, existing: input.identity };
}

/** Whether two outputs, or an output and the input, are the same file on disk. */
export function sameTarget(a: Target, b: Target | InputWorkbook): boolean {
  const other = 'identity' in b ? b.identity : b.existing;
  if (a.existing && other) return sameFile(a.existing, other);
  return a.real === b.real;
}

// Temporary files: `.plan.xlsx.locality-planner-<pid>-<random>.tmp`, beside the target.
// The pid lets the next run on that file tell a killed run's leftovers from a live run's.
const TEMP_MARK = 'locality-planner';
const stem = (base: string): string => base.slice(0, 100);
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const temporaryPattern = (base: string): RegExp => new RegExp(`^\\.${escapeRegExp(stem(base))}\\.${TEMP_MARK}-(\\d+)-[0-9a-f]{12}\\.tmp$`);
/** What versions up to 0.1.0 named their temporary files (`.plan.results.xlsx.<pid>.tmp`), left by their killed runs. */
const earlierTemporaryPattern = (base: string): RegExp => new RegExp(`^\\.${escapeRegExp(base)}\\.(\\d+)\\.tmp$`);

/** Six random hex digits. */
const hex6 = (): string => Math.floor(Math.random() * 0x1000000).toString(16).padStart(6, '0');

/**
 * A temporary's name: the pid and 12 random hex digits. The name need only be unlikely to be
 * taken, not secret: the file is created exclusively and without following links, and a taken
 * name is simply tried again (createTemporary). So Math.random, not node:crypto, whose loading
 * cost every run a few milliseconds of start-up for these six bytes.
 */
function temporaryName(real: string): string {
  return path.join(path.dirname(real), `.${stem(path.basename(real))}.${TEMP_MARK}-${process.pid}-${hex6()}${hex6()}.tmp`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errno(e) === 'EPERM';
  }
}

/** No run of this tool spends an hour writing one file: older leftovers are stale whatever their pid. */
const STALE_AFTER_MS = 60 * 60 * 1000;

/**
 * Removes the temporary files that earlier runs of this tool on `real` left behind when
 * they were killed: only plain files with this tool's name pattern for that file, whose
 * process is no longer running (or which are over an hour old). Best effort: a leftover
 * that cannot be removed is left alone.
 */
export async function removeStaleTemporaries(real: string): Promise<string[]> {
  const dir = path.dirname(real);
  const patterns = [temporaryPattern(path.basename(real)), earlierTemporaryPattern(path.basename(real))];
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = patterns.map((p) => p.exec(name)).find((found) => found !== null);
    if (!m) continue;
    const pid = Number(m[1]);
    const file = path.join(dir, name);
    try {
      const st = await fs.lstat(file);
      if (!st.isFile()) continue;
      if (pid === process.pid || (isRunning(pid) && Date.now() - st.mtimeMs < STALE_AFTER_MS)) continue;
      await fs.unlink(file);
      removed.push(file);
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}

/** Creates a temporary file exclusively: never over an existing file, never through a link. */
async function createTemporary(real: string, mode: number): Promise<{ name: string; handle: fs.FileHandle }> {
  for (let attempt = 0; ; attempt++) {
    const name = temporaryName(real);
    try {
      const handle = await fs.open(name, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), mode);
      return { name, handle };
    } catch (e) {
      if (errno(e) !== 'EEXIST' || attempt >= 5) throw e;
    }
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * While temporary files exist, a stop signal (Ctrl+C, `kill`, a closed terminal) removes
 * them, says so, and then stops the process with that signal as usual.
 */
class StopGuard {
  private readonly files = new Set<string>();
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    const left = this.removeAll();
    const leftover = left.length > 0 ? ` A temporary file could not be removed: ${left.join(', ')}; delete it.` : '';
    this.say(`Stopped by ${signal} before the results were written. ${this.nothingWritten}${leftover}`);
    this.release();
    process.kill(process.pid, signal);
  };
  private readonly onExit = (): void => {
    this.removeAll();
  };

  constructor(
    private readonly say: (text: string) => void,
    private readonly nothingWritten: string,
  ) {
    for (const s of SIGNALS) process.on(s, this.onSignal);
    process.on('exit', this.onExit);
  }

  add(file: string): void {
    this.files.add(file);
  }

  forget(file: string): void {
    this.files.delete(file);
  }

  /** Removes every file still listed; those that cannot be removed are returned. */
  removeAll(): string[] {
    const left: string[] = [];
    for (const f of this.files) {
      try {
        unlinkSync(f);
      } catch (e) {
        if (errno(e) !== 'ENOENT') left.push(f);
      }
    }
    this.files.clear();
    return left;
  }

  release(): void {
    for (const s of SIGNALS) process.removeListener(s, this.onSignal);
    process.removeListener('exit', this.onExit);
  }
}

/** One file to write: where, and what. */
export interface Output {
  readonly target: Target;
  readonly data: Uint8Array | string;
}

/** What a successful write left on disk besides the outputs. */
export interface Written {
  /** `--in-place`: where the workbook as it was is kept. */
  readonly backup?: string;
  /** Leftovers of killed earlier runs that were removed. */
  readonly staleRemoved: readonly string[];
}

export interface WriteOptions {
  /** `--in-place`: keep the replaced input as a backup, and refuse if it changed since it was read. */
  readonly inPlace?: InputWorkbook;
  /** Where to say that a stop signal interrupted the write. */
  readonly say: (text: string) => void;
}

/**
 * The first free backup name beside the workbook: `plan.xlsx.backup`, then
 * `plan.xlsx.backup-2`, `-3`, …; a name taken by anything at all (a file, a folder, a
 * link, even a dangling one) is never used.
 */
function makeBackup(real: string): string {
  for (let n = 1; n < 1000; n++) {
    const backup = `${real}.backup${n === 1 ? '' : `-${n}`}`;
    try {
      lstatSync(backup);
      continue;
    } catch (e) {
      if (errno(e) !== 'ENOENT') throw e;
    }
    try {
      keepCopy(real, backup);
      return backup;
    } catch (e) {
      // Taken between the look and the link: try the next name.
      if (errno(e) !== 'EEXIST') throw e;
    }
  }
  throw new Error(`there are already 999 backups of ${path.basename(real)} beside it; delete some`);
}

/**
 * A second name for the file as it is now: a hard link (instant, no space, the same
 * permissions), or an exclusive copy where the disk has no hard links. Neither ever
 * replaces an existing file or follows a link at `to`.
 */
function keepCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (e) {
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EMLINK', 'ENOSYS'].includes(errno(e) ?? '')) throw e;
    try {
      copyFileSync(from, to, constants.COPYFILE_EXCL);
    } catch (copyError) {
      if (errno(copyError) !== 'EEXIST') unlinkQuietly(to);
      throw copyError;
    }
  }
}

function unlinkQuietly(file: string): boolean {
  try {
    unlinkSync(file);
    return true;
  } catch (e) {
    return errno(e) === 'ENOENT';
  }
}

/**
 * Writes every output all-or-nothing. Each goes to a temporary file created exclusively in
 * its target's folder, flushed to disk, given the replaced file's permissions and owner;
 * only when all are complete are they renamed into place, in one synchronous step that a
 * signal cannot interrupt. If a rename fails, the outputs already renamed are put back as
 * they were. On any failure (a full disk, a signal) the temporary files are removed and a
 * {@link WriteFailure} says what exists.
 */
export async function writeAllOrNothing(outputs: readonly Output[], options: WriteOptions): Promise<Written> {
  const inPlace = options.inPlace;
  const unchanged = inPlace ? ` ${inPlace.given} is as it was.` : '';
  const nothingWritten = `Nothing was written.${unchanged}`;
  const staleRemoved: string[] = [];
  for (const o of outputs) staleRemoved.push(...(await removeStaleTemporaries(o.target.real)));

  const guard = new StopGuard(options.say, nothingWritten);
  const temporaries: string[] = [];
  const failed = (what: Output, e: unknown): WriteFailure => {
    const left = guard.removeAll();
    const leftover = left.length > 0 ? ` A temporary file could not be removed: ${left.join(', ')}; delete it.` : '';
    return new WriteFailure(`Cannot write ${what.target.given}: ${reasonFor(e)}. ${nothingWritten}${leftover}`);
  };
  try {
    for (const o of outputs) {
      const existing = o.target.existing;
      let created: { name: string; handle: fs.FileHandle };
      try {
        created = await createTemporary(o.target.real, existing ? 0o600 : 0o666);
      } catch (e) {
        throw failed(o, e);
      }
      guard.add(created.name);
      temporaries.push(created.name);
      try {
        await created.handle.writeFile(o.data);
        if (existing) {
          await created.handle.chmod(existing.mode);
          const now = await created.handle.stat();
          // Only root may give a file away; anyone else keeps their own ownership.
          if (now.uid !== existing.uid || now.gid !== existing.gid) await created.handle.chown(existing.uid, existing.gid).catch(() => undefined);
        }
        // Some disks report a full disk only when the data is flushed: find out before the rename.
        await created.handle.sync();
      } catch (e) {
        await created.handle.close().catch(() => undefined);
        throw failed(o, e);
      }
      await created.handle.close();
    }
    return { ...commit(outputs, temporaries, inPlace, guard, nothingWritten), staleRemoved };
  } finally {
    guard.removeAll();
    guard.release();
  }
}

/**
 * Renames the complete temporary files into place, synchronously: a signal is handled
 * before or after, never in between. A failure puts back what was already renamed.
 */
function commit(outputs: readonly Output[], temporaries: readonly string[], inPlace: InputWorkbook | undefined, guard: StopGuard, nothingWritten: string): { backup?: string } {
  let backup: string | undefined;
  // Earlier files of a run, kept under a second name until the last rename succeeds.
  const asides: { readonly target: Target; readonly aside?: string }[] = [];
  const putBack = (): string[] => {
    const problems: string[] = [];
    for (const { target, aside } of [...asides].reverse()) {
      try {
        if (aside) renameSync(aside, target.real);
        else unlinkSync(target.real);
      } catch (e) {
        if (aside) guard.forget(aside);
        problems.push(`${target.given} now holds the new results: it could not be put back as it was (${reasonFor(e)})${aside ? `; the earlier one is kept as ${aside}` : ''}`);
      }
    }
    return problems;
  };
  /** Just before the workbook itself is replaced: still as it was read, and kept under a free backup name. */
  const keepTheOriginal = (input: InputWorkbook): string => {
    let now: Stats;
    try {
      now = statSync(input.real);
    } catch {
      throw new WriteFailure(`${input.given} was moved or deleted while the planner ran, so it was not refreshed. ${nothingWritten}`);
    }
    if (!sameFile(identityOf(now), input.identity) || now.size !== input.identity.size || now.mtimeMs !== input.identity.mtimeMs) {
      throw new WriteFailure(`${input.given} was changed by another program while the planner ran (saved in Excel?), so it was not refreshed. ${nothingWritten} Run again to refresh it.`);
    }
    const made = makeBackup(input.real);
    guard.add(made);
    return made;
  };
  try {
    outputs.forEach((o, i) => {
      // The backup's name is chosen after the summary has landed, so the two never collide.
      if (inPlace && o.target.real === inPlace.real) backup = keepTheOriginal(inPlace);
      const last = i === outputs.length - 1;
      let aside: string | undefined;
      if (!last && o.target.existing) {
        aside = temporaryName(o.target.real);
        keepCopy(o.target.real, aside);
        guard.add(aside);
      }
      renameSync(temporaries[i], o.target.real);
      guard.forget(temporaries[i]);
      asides.push({ target: o.target, ...(aside ? { aside } : {}) });
    });
  } catch (e) {
    const problems = putBack();
    if (e instanceof WriteFailure && problems.length === 0) throw e;
    const which = outputs[asides.length] ?? outputs[0];
    if (problems.length > 0) {
      // Something could not be put back: the backup is the one sure copy of the workbook as it was.
      if (backup) guard.forget(backup);
      const kept = backup ? ` The workbook as it was is kept as ${backup}.` : '';
      const what = e instanceof WriteFailure ? e.message.split(' Nothing was written.')[0] : `Cannot write ${which.target.given}: ${reasonFor(e)}.`;
      throw new WriteFailure(`${what} ${problems.join('. ')}.${kept}`);
    }
    throw new WriteFailure(`Cannot write ${which.target.given}: ${reasonFor(e)}. ${nothingWritten}`);
  }
  // Everything landed: the asides go, the backup stays.
  if (backup) guard.forget(backup);
  for (const { aside } of asides) if (aside) unlinkQuietly(aside);
  return backup ? { backup } : {};
}
