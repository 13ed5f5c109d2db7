import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const engineDir = path.resolve(__dirname, '../../src/engine');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('the engine stays pure', () => {
  const sources = files(engineDir).map((f) => ({ f: path.relative(engineDir, f), text: readFileSync(f, 'utf8') }));

  it('has source files to check', () => {
    expect(sources.length).toBeGreaterThan(10);
  });

  it.each(sources.map((s) => [s.f, s.text]))('%s imports only engine modules', (_f, text) => {
    const imports = [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
    for (const spec of imports) {
      expect(spec.startsWith('./') || spec.startsWith('../')).toBe(true);
      const resolved = path.resolve(engineDir, path.dirname(_f), spec);
      expect(resolved.startsWith(engineDir)).toBe(true);
    }
    expect(text).not.toMatch(/\b(Office|Excel|OfficeExtension)\.(run|context|RequestContext|onReady|Error)\b/);
    expect(text).not.toMatch(/(^|[^.\w])require\(/m);
  });
});
