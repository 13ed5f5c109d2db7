import { readImdFile1 } from '../support/deprivationFile';

/**
 * England's File_1 as published: the government's headers (the first with its byte-order
 * mark) and every field as the text in the file, ranks such as "29,199" included.
 */
export function readFile1(): { header: string[]; rows: string[][] } {
  return readImdFile1();
}
