import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The build's one change to a dependency: xmldom's table of HTML entities is made on first
 * use rather than when the tool starts. Whatever reads it must see exactly what xmldom
 * itself gives, and the five XML entities the tool parses with must not move at all.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build script is plain CommonJS, run by npm ci
const { lazyHtmlEntities } = require('../../scripts/buildCli.js') as { lazyHtmlEntities(source: string): string | undefined };

const entitiesPath = require.resolve('@xmldom/xmldom/lib/entities.js');
const original = readFileSync(entitiesPath, 'utf8');

/** Evaluates a version of the entities module as CommonJS, beside the real one (for its own requires). */
function evaluate(source: string): Record<string, unknown> {
  const exports: Record<string, unknown> = {};
  new Function('exports', 'require', source)(exports, createRequire(entitiesPath));
  return exports;
}

describe("the build's lazy HTML entities", () => {
  const real = evaluate(original);
  const rewritten = lazyHtmlEntities(original);

  it('recognises the xmldom this project installs', () => {
    expect(rewritten).toBeDefined();
  });

  it.each(['XML_ENTITIES', 'HTML_ENTITIES', 'entityMap'])('gives %s with the same entries as xmldom, frozen', (name) => {
    const lazy = evaluate(rewritten!);
    expect(lazy[name]).toEqual(real[name]);
    expect(Object.isFrozen(lazy[name])).toBe(true);
  });

  it('makes the HTML table once, and only when it is read', () => {
    const lazy = evaluate(rewritten!);
    const descriptor = Object.getOwnPropertyDescriptor(lazy, 'HTML_ENTITIES');
    expect(descriptor?.get).toBeInstanceOf(Function);
    expect(lazy.HTML_ENTITIES).toBe(lazy.HTML_ENTITIES);
    expect(lazy.entityMap).toBe(lazy.HTML_ENTITIES);
    expect(Object.keys(lazy)).toEqual(Object.keys(real));
  });

  it.each`
    change                                   | source
    ${'without the HTML table'}              | ${original.replace('exports.HTML_ENTITIES = freeze({', 'exports.HTML = freeze({')}
    ${'without the deprecated alias'}        | ${original.replace('exports.entityMap = exports.HTML_ENTITIES;', '')}
    ${'with the table assigned twice'}       | ${`${original}\nexports.HTML_ENTITIES = freeze({\n});\n`}
  `('leaves a module it does not recognise ($change) to be bundled unchanged', ({ source }: { source: string }) => {
    expect(lazyHtmlEntities(source)).toBeUndefined();
  });
});
