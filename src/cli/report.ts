import { formatPoundsAmount as pounds, type Summary } from '../engine';

function table(rows: readonly (readonly string[])[], rightAlignFrom = 1): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c >= rightAlignFrom ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ')).join('\n');
}

/** The short summary the CLI prints after a run: selected localities, the years, the warnings. */
export function formatReport(summary: Summary, written: string, maxSelected = 25): string {
  const lines: string[] = [];
  const sel = summary.selected;
  lines.push(`Selected localities: ${sel.length}`);
  for (const s of sel.slice(0, maxSelected)) {
    lines.push(`  ${s.rank === null ? '  -' : String(s.rank).padStart(3)}  ${s.locality}${s.district ? ` (${s.district})` : ''}  [${s.reason}]`);
  }
  if (sel.length > maxSelected) lines.push(`  … and ${sel.length - maxSelected} more (see the Priorities sheet)`);
  lines.push('');
  lines.push(table([
    ['Year', 'Cost', 'Funding', 'Shortfall', 'Surplus'],
    ...summary.projection.map((p) => [p.year, pounds(p.cost), pounds(p.funding), pounds(p.shortfall), pounds(p.surplus)]),
  ]));
  lines.push('');
  if (summary.warnings.length === 0) lines.push('No warnings.');
  else {
    lines.push(`Warnings: ${summary.warnings.length}`);
    for (const w of summary.warnings.slice(0, 15)) lines.push(`  ${w.severity.padEnd(6)} ${w.code.padEnd(16)} ${w.message}`);
    if (summary.warnings.length > 15) lines.push(`  … and ${summary.warnings.length - 15} more (see the Warnings sheet)`);
  }
  lines.push('');
  lines.push(`Results written to ${written}`);
  return lines.join('\n');
}
