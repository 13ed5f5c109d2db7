import { englandFile1, excerptFile1, readFile1 } from '../../scripts/data/imd2019';
import { imdDir } from './requires';
import path from 'node:path';

export { parseCsv } from '../../scripts/data/imd2019';

/** England's IoD2019 File_1, read from ../shared at test time (never copied into the repository); hidden with the rest of ../shared under LP_HIDE_REQUIREMENTS=1. */
export const imdFile1 = path.join(imdDir, path.basename(englandFile1));

/** Staffordshire's and Leicestershire's districts from File_1, committed in test/data: needs nothing beside the repository. */
export const imdExcerptFile1 = excerptFile1;

/**
 * England's File_1 as published: the government's headers (the first with its byte-order
 * mark) and every field as the text in the file, ranks such as "29,199" included; the
 * first `limit` data rows if given.
 */
export function readImdFile1(limit?: number): { header: string[]; rows: string[][] } {
  return readFile1(imdFile1, limit);
}

/** The committed excerpt of File_1, read the same way. */
export function readImdExcerpt(): { header: string[]; rows: string[][] } {
  return readFile1(excerptFile1);
}
