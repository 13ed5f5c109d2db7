import fs, { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { rawInOutput } from './actedOn';
import { readSummary, runCli, sheetParts, tempFolder, writeInputWorkbook } from './workbookFiles';

/**
 * Never lose the user's work (issue 9, part 3), through the CLI's `main`: temporary files
 * created beside the target and always removed, the workbook and the summary landing
 * together or not at all, `--in-place` keeping a backup that never clobbers anything,
 * keeping permissions, refusing read-only files and refreshing through a symbolic link,
 * leftovers of killed runs cleaned up, and only regular files read.
 */

const sample = path.resolve(__dirname, '../../assets/sample-workbook.xlsx');
const resultSheets = ['Projection', 'Priorities', 'Warnings', 'Charts', 'Run info', '_LocalityPlanner'];

/** Every name in a folder, hidden ones included. */
/** A named pipe (FIFO), as `mkfifo` makes it: Node has no call for it. */
const mkfifoSync = (file: string): void => {
  execFileSync('mkfifo', [file]);
};
const listing = (dir: string): string[] => readdirSync(dir).sort();
const modeOf = (file: string): number => statSync(file).mode & 0o777;

/** Whether a workbook holds the results sheets. */
const hasResults = (file: string): boolean => resultSheets.every((s) => s in sheetParts(file));

describe("the CLI's files (issue 9, part 3)", () => {
  const tmp = tempFolder('lp-files-');
  afterAll(() => tmp.remove());
  afterEach(() => jest.restoreAllMocks());
  /** A fresh folder holding a copy of the sample workbook as plan.xlsx. */
  const folder = () => tmp.caseWith(sample);

  describe('--in-place', () => {
    it('keeps the workbook as it was beside it as plan.xlsx.backup, byte for byte, and says so', async () => {
      const { dir, input, original } = folder();
      const run = await runCli(['run', input, '--in-place']);
      expect(run.code).toBe(0);
      expect(listing(dir)).toEqual(['plan.xlsx', 'plan.xlsx.backup']);
      expect(readFileSync(path.join(dir, 'plan.xlsx.backup')).equals(original)).toBe(true);
      expect(hasResults(input)).toBe(true);
      expect(run.out).toContain(`Refreshed ${input} in place.`);
      expect(run.out).toContain(`The workbook as it was before is kept as ${input}.backup.`);
    });

    it.each`
      taken
      ${['plan.xlsx.backup']}
      ${['plan.xlsx.backup', 'plan.xlsx.backup-2']}
    `("never touches the user's own $taken: the backup takes the next free name", async ({ taken }: { taken: string[] }) => {
      const { dir, input, original } = folder();
      for (const name of taken) writeFileSync(path.join(dir, name), `my own ${name}, not the tool's`);
      const run = await runCli(['run', input, '--in-place']);
      expect(run.code).toBe(0);
      for (const name of taken) expect(readFileSync(path.join(dir, name), 'utf8')).toBe(`my own ${name}, not the tool's`);
      const backup = `plan.xlsx.backup-${taken.length + 1}`;
      expect(listing(dir)).toEqual(['plan.xlsx', ...taken, backup].sort());
      expect(readFileSync(path.join(dir, backup)).equals(original)).toBe(true);
      expect(run.out).toContain(`kept as ${path.join(dir, backup)}.`);
    });

    it.each`
      link               | leadsTo
      ${'to a file'}     | ${'precious.txt'}
      ${'to nowhere'}    | ${'missing.txt'}
    `('never follows a plan.xlsx.backup symbolic link $link: the link and what it leads to stay as they were', async ({ leadsTo }) => {
      const { dir, input } = folder();
      const precious = path.join(dir, 'precious.txt');
      writeFileSync(precious, 'minutes of the budget meeting');
      symlinkSync(leadsTo, path.join(dir, 'plan.xlsx.backup'));
      expect((await runCli(['run', input, '--in-place'])).code).toBe(0);
      expect(readlinkSync(path.join(dir, 'plan.xlsx.backup'))).toBe(leadsTo);
      expect(readFileSync(precious, 'utf8')).toBe('minutes of the budget meeting');
      expect(existsSync(path.join(dir, 'missing.txt'))).toBe(false);
      expect(listing(dir)).toEqual(['plan.xlsx', 'plan.xlsx.backup', 'plan.xlsx.backup-2', 'precious.txt']);
    });

    it('refreshes a symlinked workbook through the link: the link stays a link and the file it leads to is refreshed', async () => {
      const { dir, original } = folder();
      const shared = path.join(dir, 'shared');
      mkdirSync(shared);
      const real = path.join(shared, 'budget 2024.xlsx');
      copyFileSync(sample, real);
      const link = path.join(dir, 'link.xlsx');
      symlinkSync(path.join('shared', 'budget 2024.xlsx'), link);
      const run = await runCli(['run', link, '--in-place']);
      expect(run.code).toBe(0);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readlinkSync(link)).toBe(path.join('shared', 'budget 2024.xlsx'));
      expect(hasResults(real)).toBe(true);
      expect(listing(shared)).toEqual(['budget 2024.xlsx', 'budget 2024.xlsx.backup']);
      expect(readFileSync(path.join(shared, 'budget 2024.xlsx.backup')).equals(original)).toBe(true);
      expect(run.out).toContain(`Refreshed ${link} in place (through the link, in ${real}).`);
    });

    it.each`
      mode     | shown
      ${0o600} | ${'0600'}
      ${0o640} | ${'0640'}
      ${0o664} | ${'0664'}
    `('keeps a $shown workbook at those permissions, and its backup too', async ({ mode }: { mode: number }) => {
      const { dir, input } = folder();
      chmodSync(input, mode);
      expect((await runCli(['run', input, '--in-place'])).code).toBe(0);
      expect(modeOf(input)).toBe(mode);
      expect(modeOf(path.join(dir, 'plan.xlsx.backup'))).toBe(mode);
    });

    it.each`
      mode     | shown
      ${0o444} | ${'0444'}
      ${0o400} | ${'0400'}
    `('refuses a read-only ($shown) workbook with a clear message, writing nothing', async ({ mode }: { mode: number }) => {
      const { dir, input, original } = folder();
      chmodSync(input, mode);
      const run = await runCli(['run', input, '--in-place']);
      expect(run.code).toBe(2);
      expect(run.err).toContain(`${input} is read-only, so it was not refreshed. Nothing was written`);
      expect(listing(dir)).toEqual(['plan.xlsx']);
      expect(readFileSync(input).equals(original)).toBe(true);
      expect(modeOf(input)).toBe(mode);
    });

    it('gives the backup another name when --json takes plan.xlsx.backup, and says where each went', async () => {
      const { dir, input, original } = folder();
      const run = await runCli(['run', input, '--in-place', '--json', `${input}.backup`]);
      expect(run.code).toBe(0);
      expect(listing(dir)).toEqual(['plan.xlsx', 'plan.xlsx.backup', 'plan.xlsx.backup-2']);
      expect(readSummary(`${input}.backup`).version).toBe(1);
      expect(readFileSync(`${input}.backup-2`).equals(original)).toBe(true);
      expect(run.out).toContain(`kept as ${input}.backup-2.`);
      expect(run.out).toContain(`Summary written to ${input}.backup`);
    });

    it('does not refresh a workbook another program saved while the planner ran, and says why', async () => {
      const { dir, input } = folder();
      const errors: string[] = [];
      // The clock is read just before planning: the user saves the workbook in Excel at that moment.
      const { main } = await import('../../src/cli/main');
      const code = await main(['run', input, '--in-place'], { out: () => undefined, err: (t) => errors.push(t) }, () => {
        writeFileSync(input, Buffer.concat([readFileSync(sample), Buffer.from('saved again')]));
        return new Date('2026-11-23T12:00:00Z');
      });
      expect(code).toBe(2);
      expect(errors.join('\n')).toContain('was changed by another program while the planner ran');
      expect(readFileSync(input).subarray(-11).toString()).toBe('saved again');
      expect(listing(dir)).toEqual(['plan.xlsx']);
    });
  });

  describe('where the outputs go', () => {
    it('refuses --json naming a folder before writing anything, and says so truthfully', async () => {
      const { dir, input } = folder();
      mkdirSync(path.join(dir, 'summaries'));
      const run = await runCli(['run', input, '--json', path.join(dir, 'summaries')]);
      expect(run.code).toBe(2);
      expect(run.err).toContain('it is a folder');
      expect(run.err).toContain('Nothing was written.');
      expect(listing(dir)).toEqual(['plan.xlsx', 'summaries']);
      expect(listing(path.join(dir, 'summaries'))).toEqual([]);
    });

    it.each`
      what                             | make
      ${'a read-only results file'}    | ${(f: string) => { writeFileSync(f, 'last year'); chmodSync(f, 0o444); }}
      ${'a link to nowhere'}           | ${(f: string) => symlinkSync('gone.xlsx', f)}
      ${'a named pipe'}                | ${(f: string) => mkfifoSync(f)}
    `('refuses --out naming $what, writing nothing', async ({ make }) => {
      const { dir, input } = folder();
      const out = path.join(dir, 'out.xlsx');
      (make as (f: string) => void)(out);
      const before = listing(dir);
      const run = await runCli(['run', input, '--out', out]);
      expect(run.code).toBe(2);
      expect(run.err).toContain('Nothing was written');
      expect(listing(dir)).toEqual(before);
    });

    it('writes --out through a symbolic link: the link stays, the file it leads to gets the results', async () => {
      const { dir, input } = folder();
      const real = path.join(dir, 'real results.xlsx');
      writeFileSync(real, 'last year');
      const link = path.join(dir, 'results.xlsx');
      symlinkSync('real results.xlsx', link);
      expect((await runCli(['run', input, '--out', link])).code).toBe(0);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(hasResults(real)).toBe(true);
      expect(listing(dir)).toEqual(['plan.xlsx', 'real results.xlsx', 'results.xlsx']);
    });

    it('refuses --out that is the input reached through a link', async () => {
      const { dir, input, original } = folder();
      symlinkSync('plan.xlsx', path.join(dir, 'alias.xlsx'));
      const run = await runCli(['run', input, '--out', path.join(dir, 'alias.xlsx')]);
      expect(run.code).toBe(2);
      expect(run.err).toContain('overwrite the input');
      expect(readFileSync(input).equals(original)).toBe(true);
    });

    it('keeps the permissions of a results file it replaces, and gives a new one the usual permissions', async () => {
      const { dir, input } = folder();
      const out = path.join(dir, 'private.xlsx');
      writeFileSync(out, 'last year');
      chmodSync(out, 0o600);
      expect((await runCli(['run', input, '--out', out])).code).toBe(0);
      expect(modeOf(out)).toBe(0o600);
      expect((await runCli(['run', input])).code).toBe(0);
      expect(modeOf(path.join(dir, 'plan.results.xlsx'))).toBe(0o666 & ~process.umask());
    });
  });

  describe('the workbook and the summary land together or not at all', () => {
    /** Makes writing a temporary file for `base` fail with a full disk, after half of it is on disk. */
    function diskFullWhileWriting(base: string): void {
      const realOpen = fs.promises.open.bind(fs.promises);
      jest.spyOn(fs.promises, 'open').mockImplementation(async (...args: Parameters<typeof fs.promises.open>) => {
        const handle = await realOpen(...args);
        const file = String(args[0]);
        if (file.endsWith('.tmp') && path.basename(file).startsWith(`.${base}.`)) {
          const write = handle.writeFile.bind(handle);
          handle.writeFile = async (data: Parameters<typeof handle.writeFile>[0]) => {
            await write(typeof data === 'string' ? data.slice(0, data.length / 2) : (data as Uint8Array).subarray(0, (data as Uint8Array).length / 2));
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          };
        }
        return handle;
      });
    }

    it.each`
      case                                              | args                                        | fails                   | says
      ${'the results workbook'}                         | ${['--out', 'out.xlsx']}                     | ${'out.xlsx'}           | ${'Cannot write out.xlsx: the disk is full. Nothing was written.'}
      ${'the workbook, after the summary was complete'} | ${['--out', 'out.xlsx', '--json', 's.json']} | ${'out.xlsx'}           | ${'Cannot write out.xlsx: the disk is full. Nothing was written.'}
      ${'the summary'}                                  | ${['--out', 'out.xlsx', '--json', 's.json']} | ${'s.json'}             | ${'Cannot write s.json: the disk is full. Nothing was written.'}
      ${'the workbook refreshed in place'}              | ${['--in-place']}                            | ${'plan.xlsx'}          | ${'Cannot write plan.xlsx: the disk is full. Nothing was written. plan.xlsx is as it was.'}
    `('leaves no temporary file and nothing written when the disk fills while writing $case', async ({ args, fails, says }) => {
      const { dir, input, original } = folder();
      const cwd = process.cwd();
      process.chdir(dir);
      try {
        diskFullWhileWriting(fails);
        const run = await runCli(['run', 'plan.xlsx', ...args]);
        expect(run.code).toBe(2);
        expect(run.err).toBe(says);
      } finally {
        process.chdir(cwd);
      }
      expect(listing(dir)).toEqual(['plan.xlsx']);
      expect(readFileSync(input).equals(original)).toBe(true);
    });

    it.each`
      summary
      ${'new'}
      ${'existing'}
    `('puts a $summary summary back as it was when the workbook cannot be renamed into place', async ({ summary }) => {
      const { dir, input } = folder();
      const json = path.join(dir, 's.json');
      if (summary === 'existing') writeFileSync(json, '{"version":1,"note":"last month"}\n');
      const before = listing(dir);
      const out = path.join(dir, 'out.xlsx');
      const realRename = fs.renameSync;
      jest.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
        if (to === out) throw Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });
        realRename(from, to);
      });
      const run = await runCli(['run', input, '--out', out, '--json', json]);
      expect(run.code).toBe(2);
      expect(run.err).toBe(`Cannot write ${out}: the file is in use. Nothing was written.`);
      expect(listing(dir)).toEqual(before);
      if (summary === 'existing') expect(readFileSync(json, 'utf8')).toBe('{"version":1,"note":"last month"}\n');
    });
  });

  describe('when even putting back fails', () => {
    it('says exactly which file holds what, and where the earlier one is kept', async () => {
      const { dir, input } = folder();
      const json = path.join(dir, 's.json');
      writeFileSync(json, '{"note":"last month"}\n');
      const out = path.join(dir, 'out.xlsx');
      const realRename = fs.renameSync;
      jest.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
        if (to === out || (to === json && String(from).endsWith('.tmp') && path.basename(String(from)).startsWith('.s.json.') && readFileSync(String(from), 'utf8').includes('last month'))) {
          throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
        }
        realRename(from, to);
      });
      const run = await runCli(['run', input, '--out', out, '--json', json]);
      expect(run.code).toBe(2);
      const aside = listing(dir).find((f) => f.startsWith('.s.json.locality-planner-'))!;
      expect(run.err).toBe(`Cannot write ${out}: the disk reported an input/output error. ${json} now holds the new results: it could not be put back as it was (the disk reported an input/output error); the earlier one is kept as ${path.join(dir, aside)}.`);
      expect(readFileSync(path.join(dir, aside), 'utf8')).toBe('{"note":"last month"}\n');
      expect(readSummary(json).version).toBe(1);
      expect(listing(dir)).toEqual(['plan.xlsx', 's.json', aside].sort());
    });
  });

  describe("leftovers of a killed run", () => {
    /** A pid no process has: a child that has been started and has ended. */
    async function deadPid(): Promise<number> {
      const child = spawn(process.execPath, ['-e', '0']);
      await new Promise((resolve) => child.on('exit', resolve));
      return child.pid!;
    }

    it("removes a killed run's temporary files for that file, and keeps every other file", async () => {
      const { dir, input } = folder();
      const dead = await deadPid();
      const leftovers = [
        `.plan.results.xlsx.locality-planner-${dead}-0123456789ab.tmp`,
        `.s.json.locality-planner-${dead}-ba9876543210.tmp`,
        `.plan.results.xlsx.${dead}.tmp`, // as version 0.1.0 named them
      ];
      const kept = [
        `.plan.results.xlsx.locality-planner-${process.ppid}-aaaaaaaaaaaa.tmp`, // a run still going (its process is alive)
        `.plan.results.xlsx.${process.ppid}.tmp`,
        `.other.xlsx.locality-planner-${dead}-0123456789ab.tmp`, // another file's
        'plan.results.xlsx.tmp', // the user's own
        '.plan.results.xlsx.tmp',
      ];
      for (const f of [...leftovers, ...kept]) writeFileSync(path.join(dir, f), 'partial');
      const run = await runCli(['run', input, '--json', path.join(dir, 's.json')]);
      expect(run.code).toBe(0);
      expect(listing(dir)).toEqual(['plan.results.xlsx', 'plan.xlsx', 's.json', ...kept].sort());
      expect(run.out).toContain(`Removed 3 temporary files left by an earlier run that was stopped: ${[...leftovers].sort().join(', ')}.`);
    });

    it('removes a leftover over an hour old whatever its pid says', async () => {
      const { dir, input } = folder();
      const old = path.join(dir, `.plan.results.xlsx.locality-planner-${process.ppid}-0123456789ab.tmp`);
      writeFileSync(old, 'partial');
      const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
      fs.utimesSync(old, twoHoursAgo, twoHoursAgo);
      expect((await runCli(['run', input])).code).toBe(0);
      expect(listing(dir)).toEqual(['plan.results.xlsx', 'plan.xlsx']);
    });
  });

  describe('only a regular file is read', () => {
    it.each`
      kind              | make                                                                                      | says
      ${'a named pipe'} | ${async (f: string) => mkfifoSync(f)}                                                       | ${'is a named pipe, not a regular file, so it was not read.'}
      ${'a socket'}     | ${(f: string) => new Promise<net.Server>((resolve) => { const s = net.createServer(); s.listen(f, () => resolve(s)); })} | ${'is not a regular file (it is a socket or a device), so it was not read.'}
      ${'a device'}     | ${async (f: string) => symlinkSync('/dev/null', f)}                                           | ${'is a device, not a regular file, so it was not read.'}
    `('refuses $kind as the input at once with exit 2 and a plain sentence, never waiting on it', async ({ make, says }) => {
      const { dir } = folder();
      const input = path.join(dir, 'odd.xlsx');
      const made: unknown = await (make as (f: string) => Promise<unknown>)(input);
      try {
        const run = await runCli(['run', input]);
        expect(run.code).toBe(2);
        expect(run.err).toBe(`${input} ${says} Give the workbook file itself.`);
        expect(listing(dir)).toEqual(['odd.xlsx', 'plan.xlsx']);
      } finally {
        if (made instanceof net.Server) made.close();
      }
    }, 10_000);
  });

  describe('text from the workbook in the terminal', () => {
    // XML cannot hold ESC or most C0 controls, so a workbook cannot either; tab and line break it can.
    const tricky = ['Castle\u202Exslx.dnalhgiH', 'Market\u009b2J', 'Old\nTown', 'Quay\tSide'];

    it('escapes control and bidi characters in what it prints, and keeps them exact in the JSON', async () => {
      const dir = path.join(tmp.dir, 'tricky');
      mkdirSync(dir);
      const input = path.join(dir, 'plan.xlsx');
      await writeInputWorkbook(input, [
        { name: 'Localities', rows: [['Locality', 'District', 'IMD Rank'], ...tricky.map((t, i) => [t, `District\u200f${i % 2}`, i + 1])] },
        { name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', '2024/25'], ['Years', 2], ['Per district', 2], ['Cost per locality', '£1,000'], ['Colour\u2066 scheme', 'Blue']] },
        { name: 'Funding', rows: [['Source', 'Kind', 'Annual amount'], ['Grant\u202E', 'Recurring', '£1,000']] },
      ]);
      const run = await runCli(['run', input, '--json', path.join(dir, 's.json')]);
      expect(run.code).toBe(0);
      for (const text of [run.out, run.err]) expect(text).not.toMatch(rawInOutput);
      expect(run.out).toContain('Castle\\u202Exslx.dnalhgiH');
      expect(run.out).toContain('Market\\x9B2J');
      expect(run.out).toContain('Old\\nTown');
      expect(run.out).toContain('Quay\\tSide');
      expect(run.out).toContain('District\\u200F');
      const json = readFileSync(path.join(dir, 's.json'), 'utf8');
      expect(json).not.toMatch(/[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
      expect(readSummary(path.join(dir, 's.json')).selected.map((s) => s.locality).sort()).toEqual([...tricky].sort());
    });

    it('escapes them in the problems that stop a run too', async () => {
      const dir = path.join(tmp.dir, 'tricky-errors');
      mkdirSync(dir);
      const input = path.join(dir, 'plan.xlsx');
      await writeInputWorkbook(input, [
        { name: 'Localities', rows: [['Locality', 'IMD Rank'], ['Evil\u202Etwin', 1], ['evil\u202Etwin', 2]] },
        { name: 'Costs', rows: [['Cost line', 'Unit cost'], ['Manager\u0085', 'tbc\u009b2J']] },
        { name: 'Parameters', rows: [['Parameter', 'Value'], ['First year', '2024/25']] },
      ]);
      const run = await runCli(['run', input]);
      expect(run.code).toBe(1);
      expect(run.err).not.toMatch(rawInOutput);
      expect(run.err).toContain('tbc\\x9B2J');
      expect(run.err).toContain('evil\\u202Etwin');
    });
  });
});
