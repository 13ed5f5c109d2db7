#!/usr/bin/env node
'use strict';
// The command-line tool. `--version` is answered here, from package.json, without loading
// the tool; everything else runs the compiled tool (see loadCli.js).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  require('./loadCli.js').loadCli().cli.runFromCommandLine(args);
}
