#!/usr/bin/env node
'use strict';
// Builds the command-line tool into build/cli (git-ignored): one esbuild bundle of
// src/cli/bin.ts with its dependencies, then the bundle's V8 code cache, made by running it
// once on the sample workbook so the functions a run needs are cached compiled. `npm ci`
// runs this through the prepare script; `npm run build:cli` runs it by hand.
//
//   node scripts/buildCli.js            build
//   node scripts/buildCli.js --if-stale build only if a source is newer than the bundle
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const { bundle, codeCache, loadCli } = require('../bin/loadCli.js');

/** Everything the bundle is made from: a change to any of them makes it stale. */
function newestSource() {
  let newest = 0;
  const visit = (p) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['src', 'package.json', 'package-lock.json', 'scripts/buildCli.js', 'bin/loadCli.js']) visit(path.join(root, p));
  return newest;
}

function isStale() {
  try {
    return fs.statSync(bundle).mtimeMs < newestSource() || !fs.existsSync(codeCache);
  } catch {
    return true;
  }
}

/** Writes a file through a temporary beside it, so a concurrent reader never sees half of it. */
function writeWhole(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/**
 * xmldom's entities module builds and freezes a table of every HTML entity (2,200 of them)
 * when it loads, about 15 ms of each start on this machine; the tool only parses XML, whose
 * five entities are a separate table. The bundle builds the HTML table on first use
 * instead, through a getter with the same name and the same frozen contents. If a newer
 * xmldom no longer has the expected statements, the module is bundled unchanged (the tool
 * is only slower to start) and the build says so.
 */
function lazyHtmlEntities(source) {
  const start = 'exports.HTML_ENTITIES = freeze({';
  const alias = 'exports.entityMap = exports.HTML_ENTITIES;';
  const at = source.indexOf(start);
  const end = at < 0 ? -1 : source.indexOf('\n});\n', at);
  if (at < 0 || end < 0 || source.indexOf(start, at + 1) >= 0 || source.split(alias).length !== 2) return undefined;
  const getter = (name) => `Object.defineProperty(exports, '${name}', { enumerable: true, get: htmlEntities });`;
  return [
    source.slice(0, at),
    'var htmlEntitiesMade;\nfunction htmlEntities() {\n\treturn htmlEntitiesMade || (htmlEntitiesMade = freeze({',
    source.slice(at + start.length, end),
    '\n}));\n}\n',
    getter('HTML_ENTITIES'),
    source.slice(end + '\n});'.length).replace(alias, getter('entityMap')),
  ].join('');
}

const lazyEntitiesPlugin = {
  name: 'lazy-html-entities',
  setup(build) {
    build.onLoad({ filter: /[\\/]@xmldom[\\/]xmldom[\\/]lib[\\/]entities\.js$/ }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      const lazy = lazyHtmlEntities(source);
      if (lazy === undefined) console.warn(`Warning: ${path.relative(root, args.path)} is not as expected; bundled unchanged, so the tool starts a little more slowly.`);
      return { contents: lazy ?? source, loader: 'js' };
    });
  },
};

async function bundleCli() {
  const esbuild = require('esbuild');
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src/cli/bin.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    outfile: bundle,
    // Without whitespace the bundle reads and starts about 10% faster; names are kept, so a
    // stack trace still says which function failed.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [lazyEntitiesPlugin],
  });
  fs.mkdirSync(path.dirname(bundle), { recursive: true });
  // A new bundle makes the old cache useless (V8 would reject it): remove it first.
  fs.rmSync(codeCache, { force: true });
  writeWhole(bundle, result.outputFiles[0].contents);
}

/** Runs the fresh bundle once in this process, on the sample, and saves what V8 compiled. */
async function makeCodeCache() {
  const { cli, script } = loadCli();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-build-cli-'));
  try {
    const quiet = { out: () => undefined, err: (t) => process.stderr.write(`${t}\n`) };
    const code = await cli.main(['run', path.join(root, 'assets/sample-workbook.xlsx'), '--out', path.join(dir, 'sample.results.xlsx'), '--json', path.join(dir, 'summary.json')], quiet);
    if (code !== 0) throw new Error(`the compiled tool exited ${code} on the sample workbook`);
    await cli.main(['--help'], quiet);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  writeWhole(codeCache, script.createCachedData());
}

async function build() {
  await bundleCli();
  // The cache is made in a fresh process, so it holds what a real run compiles and nothing else.
  // Without it the tool still works, only starts more slowly: a failure here is a warning.
  const made = spawnSync(process.execPath, [__filename, '--code-cache'], { stdio: 'inherit' });
  if (made.status !== 0) {
    fs.rmSync(codeCache, { force: true });
    console.warn('Warning: the compiled tool was built without its code cache (the sample run above failed), so it starts more slowly.');
  }
}

module.exports = { build, isStale, lazyHtmlEntities };

if (require.main === module) {
  const arg = process.argv[2];
  const work = arg === '--code-cache' ? makeCodeCache() : arg === '--if-stale' && !isStale() ? Promise.resolve() : build();
  work.catch((e) => {
    console.error(`Building the command-line tool failed: ${e && e.stack ? e.stack : e}`);
    process.exitCode = 1;
  });
}
