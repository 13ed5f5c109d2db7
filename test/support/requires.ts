import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Tests that need something beyond Node (real IoD2019 data, Chromium, LibreOffice,
 * xmllint) skip with a message naming what is missing, and read nothing while Jest
 * collects them: a skipped block's body is never run. Under REQUIRE_ALL_TESTS=1 (as
 * `.ci/run` sets) a missing requirement fails instead, so CI runs everything.
 *
 * With LP_HIDE_REQUIREMENTS=1 every requirement counts as missing: `../shared` and the
 * system tools are hidden from the tests, as on a clone with only Node. `.ci/run` runs the
 * suite that way too, to prove such a clone passes.
 */
export const hidden = process.env.LP_HIDE_REQUIREMENTS === '1';
export const sharedDir = hidden ? path.resolve(__dirname, '../../.shared-hidden-by-LP_HIDE_REQUIREMENTS') : path.resolve(__dirname, '../../../shared');
export const imdDir = path.join(sharedDir, 'data/imd2019');

function hasCommand(command: string): boolean {
  if (hidden) return false;
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export type Requirement = 'imd2019' | 'chromium' | 'libreoffice' | 'xmllint' | 'pdftoppm' | 'manifest-schemas';

const checks: Record<Requirement, () => string | undefined> = {
  imd2019: () => (existsSync(path.join(imdDir, 'File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz')) ? undefined : `the IoD2019 files are not at ${imdDir}`),
  chromium: () => (!hidden && existsSync('/usr/bin/chromium') ? undefined : 'Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)'),
  libreoffice: () => (hasCommand('soffice') || hasCommand('libreoffice') ? undefined : 'LibreOffice is not installed (apt-get install -y libreoffice-calc)'),
  xmllint: () => (hasCommand('xmllint') ? undefined : 'xmllint is not installed (apt-get install -y libxml2-utils)'),
  pdftoppm: () => (hasCommand('pdftoppm') ? undefined : 'pdftoppm is not installed (apt-get install -y poppler-utils)'),
  'manifest-schemas': () => (existsSync(path.join(sharedDir, 'schemas/office-manifest/OfficeAppManifestV1_1.xsd')) ? undefined : `the Office manifest XSDs are not at ${sharedDir}/schemas/office-manifest`),
};

/** What is missing among the requirements, or an empty list. */
export function missing(...needs: Requirement[]): string[] {
  return needs.map((need) => checks[need]()).filter((m): m is string => m !== undefined);
}

/**
 * `describe` when everything needed is here; otherwise one skipped test that says why
 * (the body is not run, so it reads nothing), or a failing one under REQUIRE_ALL_TESTS=1.
 */
export function describeWith(needs: Requirement[], name: string, body: () => void): void {
  const absent = missing(...needs);
  if (absent.length === 0) {
    describe(name, body);
  } else if (process.env.REQUIRE_ALL_TESTS === '1') {
    describe(name, () => {
      it('has everything it needs (REQUIRE_ALL_TESTS=1)', () => {
        throw new Error(`Missing: ${absent.join('; ')}`);
      });
    });
  } else {
    console.warn(`Skipping "${name}": ${absent.join('; ')}`);
    describe(name, () => {
      // eslint-disable-next-line jest/no-disabled-tests -- the one sanctioned skip: it names what is missing
      it.skip(`skipped: ${absent.join('; ')}`, () => undefined);
    });
  }
}
