/**
 * Makes the Script Lab snippet of "Check this Excel" from the add-in's own probe
 * (src/excel/compatibilityProbe.ts), so IT teams run exactly the code the pane runs,
 * and writes it into docs/verify-in-excel.md between its snippet markers.
 *
 *     npx tsx scripts/scriptLabSnippet.ts          # prints the snippet
 *     npx tsx scripts/scriptLabSnippet.ts --write  # updates docs/verify-in-excel.md
 *
 * test/excel/scriptLabSnippet.test.ts fails if the document and the probe drift apart.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
export const probePath = path.join(root, 'src/excel/compatibilityProbe.ts');
export const docPath = path.join(root, 'docs/verify-in-excel.md');
export const snippetStart = '<!-- snippet:start (made by scripts/scriptLabSnippet.ts; do not edit by hand) -->';
export const snippetEnd = '<!-- snippet:end -->';

/** What Script Lab shows and runs around the probe: a button, and the results as text. */
const runner = `
document.getElementById("run")!.addEventListener("click", () => void checkAndShow());

/** Runs the probe and shows each check, as the Locality Planner pane does in About. */
async function checkAndShow(): Promise<void> {
  const out = document.getElementById("result")!;
  out.textContent = "Checking this Excel…";
  try {
    await Excel.run({ delayForCellEdit: true }, async (context) => {
      const result = await probeExcel(context);
      const lines = result.checks.map((check) => \`\${check.passed ? "PASS" : "FAIL"}  \${check.label}: \${check.detail}\`);
      lines.push("", \`Request budget Locality Planner would keep: \${result.requestBudgetBytes.toLocaleString("en-GB")} bytes.\`);
      out.textContent = lines.join("\\n");
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    out.textContent = \`The check could not finish: \${code ?? String(error)}. Nothing of yours was changed; if a sheet named \${PROBE_SHEET} is left, unhide it and delete it.\`;
  }
}
`;

const template = `<p>Runs the calls Locality Planner depends on that some Excel builds refuse, once each, on a temporary very hidden sheet that is removed at the end. Nothing else in the workbook is touched.</p>
<button id="run" class="ms-Button"><span class="ms-Button-label">Check this Excel</span></button>
<pre id="result"></pre>`;

const style = `#result {
  white-space: pre-wrap;
  font-family: Consolas, monospace;
}`;

const indent = (text: string): string =>
  text
    .split('\n')
    .map((line) => (line === '' ? '' : `        ${line}`))
    .join('\n');

/** The probe's source as Script Lab's script: the same code, without `export`. */
export function snippetScript(probeSource: string): string {
  return `${probeSource.replace(/^export /gm, '').trimEnd()}\n${runner}`;
}

/** The snippet as Script Lab imports it (Import › paste the YAML). */
export function scriptLabSnippet(probeSource: string = readFileSync(probePath, 'utf8')): string {
  return [
    'name: Locality Planner - Check this Excel',
    'description: Tries each Excel call Locality Planner depends on that some builds refuse, and the largest request this Excel takes.',
    'host: EXCEL',
    'api_set:',
    '    ExcelApi: 1.9',
    'script:',
    '    content: |',
    indent(snippetScript(probeSource)),
    '    language: typescript',
    'template:',
    '    content: |',
    indent(template),
    '    language: html',
    'style:',
    '    content: |',
    indent(style),
    '    language: css',
    'libraries: |',
    '    https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
    '    @types/office-js',
    '',
  ].join('\n');
}

/** The document with its snippet block replaced by the current snippet. */
export function documentWithSnippet(document: string, snippet: string = scriptLabSnippet()): string {
  const start = document.indexOf(snippetStart);
  const end = document.indexOf(snippetEnd);
  if (start < 0 || end < start) throw new Error(`${docPath} has no snippet markers`);
  return `${document.slice(0, start + snippetStart.length)}\n\n\`\`\`yaml\n${snippet}\`\`\`\n\n${document.slice(end)}`;
}

if (require.main === module) {
  if (process.argv.includes('--write')) {
    writeFileSync(docPath, documentWithSnippet(readFileSync(docPath, 'utf8')));
    console.log(`Updated the snippet in ${path.relative(process.cwd(), docPath)}.`);
  } else {
    process.stdout.write(scriptLabSnippet());
  }
}
