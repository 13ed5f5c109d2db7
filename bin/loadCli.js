'use strict';
// Loads the compiled command-line tool, build/cli/locality-planner.js (an esbuild bundle
// that `npm ci` builds through the prepare script), with the V8 code cache the build made
// beside it: Node then starts the tool without compiling it again. A cache from another
// Node version is rejected by V8 and the tool simply compiles as usual.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');

const bundle = path.join(__dirname, '..', 'build', 'cli', 'locality-planner.js');
const codeCache = `${bundle}.cache`;

/** The same wrapper Node puts round a CommonJS module; the cache is made and used with it. */
const wrap = (source) => `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;

function loadCli() {
  let source;
  try {
    source = fs.readFileSync(bundle, 'utf8');
  } catch (e) {
    if (e && e.code === 'ENOENT') {
      process.stderr.write('The compiled command-line tool is missing (build/cli/locality-planner.js). Run npm ci, or npm run build:cli.\n');
      process.exit(2);
    }
    throw e;
  }
  let cachedData;
  try {
    cachedData = fs.readFileSync(codeCache);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(wrap(source), { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  return { cli: module.exports, script };
}

module.exports = { loadCli, bundle, codeCache };
