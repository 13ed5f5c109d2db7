'use strict';
// Jest's global setup. Tests that start the command-line tool as a process run the
// compiled tool (build/cli, as users do), so it is rebuilt first if any source changed.
const { build, isStale } = require('../../scripts/buildCli.js');

module.exports = async function buildTheCompiledCli() {
  if (isStale()) await build();
};
