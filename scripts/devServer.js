#!/usr/bin/env node
// `npm start` / `npm stop`: run the pane's https dev server on localhost:3000 in the
// background for sideloading, and stop it again. (The yo-office template does this with
// office-addin-debugging, whose native dependency does not build here.)
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const pidFile = path.join(os.tmpdir(), `locality-planner-dev-server-${Buffer.from(root).toString('hex').slice(-16)}.pid`);
const port = require('../package.json').config.dev_server_port;

function running() {
  try {
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

const command = process.argv[2];
if (command === 'start') {
  const pid = running();
  if (pid) {
    console.log(`The dev server is already running (pid ${pid}) on https://localhost:${port}/taskpane.html`);
  } else {
    const log = fs.openSync(path.join(os.tmpdir(), 'locality-planner-dev-server.log'), 'a');
    const child = spawn(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), 'serve', '--mode', 'development'], { cwd: root, detached: true, stdio: ['ignore', log, log] });
    fs.writeFileSync(pidFile, String(child.pid));
    child.unref();
    console.log(`Serving the task pane on https://localhost:${port}/taskpane.html (pid ${child.pid}; log in ${os.tmpdir()}/locality-planner-dev-server.log).`);
    console.log('Now sideload manifest.xml into Excel (see the README, "Sideloading"); `npm stop` stops the server.');
  }
} else if (command === 'stop') {
  const pid = running();
  if (!pid) {
    console.log('The dev server is not running.');
  } else {
    process.kill(-pid);
    fs.rmSync(pidFile, { force: true });
    console.log(`Stopped the dev server (pid ${pid}).`);
  }
} else {
  console.error('Usage: node scripts/devServer.js start|stop');
  process.exitCode = 2;
}
