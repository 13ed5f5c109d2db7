import type { CellValue } from './cells';
import { inputTableNames } from './input';
import type { FoundTables } from './read/tables';
import { Sha256 } from './sha256';

/** A cell as unambiguous text: a type tag, then the value, then a unit separator. */
function fingerprintCell(v: CellValue): string {
  if (v === null) return '\u001f';
  switch (typeof v) {
    case 'string':
      return `s${v.length}:${v}\u001f`;
    case 'number':
      return `n${v}\u001f`;
    case 'boolean':
      return v ? 'T\u001f' : 'F\u001f';
    default:
      switch (v.kind) {
        case 'date':
          return `d${v.serial}\u001f`;
        case 'error':
          return `e${v.code}\u001f`;
        case 'formula':
          return `f${v.formula.length}:${v.formula}\u001f`;
        default: {
          const never: never = v;
          return never;
        }
      }
  }
}

/**
 * SHA-256 of the values that feed a run, in a stable text form: table by table, row by
 * row, from the tables already read; for Localities only the columns the engine uses
 * (the rest never change a result, and a host may not have fetched them).
 */
export function fingerprint(found: FoundTables, localitiesColumns: readonly number[]): string {
  const hash = new Sha256();
  for (const name of inputTableNames) {
    const table = found.tables[name];
    if (!table) continue;
    const columns = name === 'Localities' ? [...localitiesColumns].sort((a, b) => a - b) : table.header.map((_, i) => i);
    hash.update(JSON.stringify([name, columns.map((c) => table.header[c] ?? null)]));
    let chunk = '';
    for (const row of table.rows) {
      chunk += '\n';
      // A row's empty cells after its last value are left out: one host gives rows cut at their
      // last value, the other full width, and a stray cell far to the right (XFD1) must not make
      // every row cost its thousands of blank columns.
      let kept = chunk.length;
      for (const c of columns) {
        if (c >= row.length) break;
        const v = row[c] ?? null;
        chunk += fingerprintCell(v);
        if (v !== null) kept = chunk.length;
      }
      if (kept < chunk.length) chunk = chunk.slice(0, kept);
      if (chunk.length > 65_536) {
        hash.update(chunk);
        chunk = '';
      }
    }
    hash.update(chunk + '\n');
  }
  return hash.hex();
}
