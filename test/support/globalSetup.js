'use strict';
// Jest's global setup. Tests that start the command-line tool as a process run the
// compiled tool (build/cli, as users do), so it is rebuilt first if any source changed.
const { build, isStale } = require('../../scripts/buildCli.js');

module.exports = async function buildTheCompiledCli() {
  try {
    if (isStale()) await build();
  } catch (e) {
    // Only the tests that start the tool as a process need it; they fail on their own, saying why.
    console.warn(`Could not build the compiled command-line tool: ${e && e.message ? e.message : e}`);
  }
};
