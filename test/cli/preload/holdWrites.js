'use strict';
// A test preload for the compiled command-line tool (node --require this bin/...): it
// holds the tool at a chosen moment so a test can stop the process there.
//   LP_TEST_HOLD_TEMPORARY=N  the Nth temporary file is written but never flushed; the
//                             process says "held at <file>" on stderr and waits
//   LP_TEST_SLOW_READ_MS=N    opening the input workbook takes N ms longer
// Nothing else changes: every other call goes straight to Node.
const fs = require('node:fs');

const holdAt = Number(process.env.LP_TEST_HOLD_TEMPORARY || 0);
const slowRead = Number(process.env.LP_TEST_SLOW_READ_MS || 0);
let temporaries = 0;
const open = fs.promises.open;

fs.promises.open = async function holdingOpen(file, flags, mode) {
  const creating = typeof flags === 'number' && (flags & fs.constants.O_CREAT) !== 0;
  if (!creating && slowRead > 0 && String(file).endsWith('.xlsx')) await new Promise((resolve) => setTimeout(resolve, slowRead));
  const handle = await open.call(this, file, flags, mode);
  if (creating && String(file).endsWith('.tmp') && ++temporaries === holdAt) {
    handle.sync = () => {
      process.stderr.write(`held at ${file}\n`);
      setInterval(() => undefined, 60_000);
      return new Promise(() => undefined);
    };
  }
  return handle;
};
