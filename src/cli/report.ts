import { formatPoundsAmount as pounds, type Summary } from '../engine';
import { type Paint, type Tone, plain, printable } from './terminal';

function table(rows: readonly (readonly string[])[], rightAlignFrom = 1): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c >= rightAlignFrom ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  '));
}

const toneBySeverity = { High: 'error', Medium: 'warning', Low: 'dim' } as const satisfies Record<Summary['warnings'][number]['severity'], Tone>;

/**
 * The short summary the CLI prints after a run: selected localities, the years, the
 * warnings. Names and messages come from the workbook, so every line is made printable
 * (control and bidi characters escaped) before any colour is added.
 */
export function formatReport(summary: Summary, paint: Paint = plain, maxSelected = 25): string {
  const lines: string[] = [];
  const sel = summary.selected;
  lines.push(paint('strong', `Selected localities: ${sel.length}`));
  for (const s of sel.slice(0, maxSelected)) {
    lines.push(printable(`  ${s.rank === null ? '  -' : String(s.rank).padStart(3)}  ${s.locality}${s.district ? ` (${s.district})` : ''}  [${s.reason}]`));
  }
  if (sel.length > maxSelected) lines.push(`  … and ${sel.length - maxSelected} more (see the Priorities sheet)`);
  lines.push('');
  const [header, ...years] = table([
    ['Year', 'Cost', 'Funding', 'Shortfall', 'Surplus'],
    ...summary.projection.map((p) => [p.year, pounds(p.cost), pounds(p.funding), pounds(p.shortfall), pounds(p.surplus)]),
  ]);
  lines.push(paint('strong', header));
  summary.projection.forEach((p, i) => lines.push(p.shortfall > 0 ? paint('error', years[i]) : years[i]));
  lines.push('');
  if (summary.warnings.length === 0) lines.push(paint('good', 'No warnings.'));
  else {
    lines.push(paint('strong', `Warnings: ${summary.warnings.length}`));
    for (const w of summary.warnings.slice(0, 15)) {
      lines.push(`  ${paint(toneBySeverity[w.severity], w.severity.padEnd(6))} ${printable(`${w.code.padEnd(16)} ${w.message}`)}`);
    }
    if (summary.warnings.length > 15) lines.push(`  … and ${summary.warnings.length - 15} more (see the Warnings sheet)`);
  }
  return lines.join('\n');
}
