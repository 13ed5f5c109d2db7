import type { SourceTable, WorkbookInput } from '../input';
import { normalizeWord } from './values';

/** The contract's input tables, in the order they are read and reported. */
export const inputTableNames = ['Localities', 'Indicators', 'Parameters', 'Costs', 'Funding'] as const;
export type InputTableName = (typeof inputTableNames)[number];

/** Finds an input by contract name, ignoring case (contract §1). */
export function findTable(input: WorkbookInput, name: InputTableName): SourceTable | undefined {
  const key = normalizeWord(name);
  return input.tables.find((t) => normalizeWord(t.name) === key);
}
