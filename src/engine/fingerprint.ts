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
    // Rows are gathered and joined into one flat string per piece of about 64 KB: the hash
    // reads it character by character, which on a string built up by `+=` (a rope) takes a
    // detour each time.
    const lines: string[] = [];
    let size = 0;
    for (const row of table.rows) {
      // A row's empty cells after its last value are left out: one host gives rows cut at their
      // last value, the other full width, and a stray cell far to the right (XFD1) must not make
      // every row cost its thousands of blank columns.
      let line = '\n';
      let kept = 1;
      for (const c of columns) {
        if (c >= row.length) break;
        const v = row[c] ?? null;
        line += fingerprintCell(v);
        if (v !== null) kept = line.length;
      }
      lines.push(kept < line.length ? line.slice(0, kept) : line);
      size += kept;
      if (size > 65_536) {
        hash.update(lines.join(''));
        lines.length = 0;
        size = 0;
      }
    }
    lines.push('\n');
    hash.update(lines.join(''));
  }
  return hash.hex();
}
