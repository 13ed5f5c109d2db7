import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { docPath, documentWithSnippet, probePath, scriptLabSnippet, snippetScript } from '../../scripts/scriptLabSnippet';

/** The Script Lab snippet in docs/verify-in-excel.md is the pane's own check, and compiles as Script Lab compiles it. */
describe('the Script Lab snippet of Check this Excel', () => {
  it('is in docs/verify-in-excel.md exactly as scripts/scriptLabSnippet.ts makes it from the probe (run it with --write after changing the probe)', () => {
    const document = readFileSync(docPath, 'utf8');
    expect(document).toBe(documentWithSnippet(document));
    expect(document).toContain(scriptLabSnippet());
  });

  it('keeps every line of its script inside the YAML block (indented past "content:")', () => {
    const lines = scriptLabSnippet().split('\n');
    const start = lines.indexOf('    content: |');
    const end = lines.indexOf('    language: typescript');
    expect(lines.slice(start + 1, end).filter((line) => line !== '' && !line.startsWith('        '))).toEqual([]);
  });

  it('type-checks as a standalone script against the Office.js types, with nothing imported', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lp-snippet-'));
    const file = path.join(dir, 'snippet.ts');
    const script = snippetScript(readFileSync(probePath, 'utf8'));
    expect(script).not.toMatch(/^\s*(import|export)\s/m);
    writeFileSync(file, script);
    const program = ts.createProgram([file], {
      noEmit: true,
      strict: true,
      target: ts.ScriptTarget.ES2020,
      lib: ['lib.es2020.d.ts', 'lib.dom.d.ts'],
      types: ['office-js'],
      typeRoots: [path.resolve(__dirname, '../../node_modules/@types')],
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  });
});
