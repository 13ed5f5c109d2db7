'use strict';
// Loaded with --require into the compiled tool by test/cli/startupCosts.test.ts. Records, as
// the process exits, each call that loads ICU's locale data on first use (number, date and
// collation formatting: 15–30 ms each on this machine) and each Node module loaded that the
// tool was found not to need (node:crypto), and writes them, one a line, to
// LP_STARTUP_COSTS_FILE.
const { appendFileSync } = require('node:fs');

const seen = [];
const watch = (owner, name, label) => {
  const original = owner[name];
  owner[name] = function watched(...args) {
    seen.push(label);
    return new.target ? Reflect.construct(original, args, new.target) : original.apply(this, args);
  };
};
watch(Number.prototype, 'toLocaleString', 'Number.prototype.toLocaleString');
watch(BigInt.prototype, 'toLocaleString', 'BigInt.prototype.toLocaleString');
watch(Date.prototype, 'toLocaleString', 'Date.prototype.toLocaleString');
watch(Date.prototype, 'toLocaleDateString', 'Date.prototype.toLocaleDateString');
watch(Date.prototype, 'toLocaleTimeString', 'Date.prototype.toLocaleTimeString');
watch(String.prototype, 'localeCompare', 'String.prototype.localeCompare');
for (const name of ['NumberFormat', 'DateTimeFormat', 'Collator', 'PluralRules', 'RelativeTimeFormat', 'ListFormat']) watch(Intl, name, `Intl.${name}`);

const before = new Set(process.moduleLoadList);
process.on('exit', () => {
  for (const m of process.moduleLoadList) if (!before.has(m) && m === 'NativeModule crypto') seen.push('node:crypto');
  appendFileSync(process.env.LP_STARTUP_COSTS_FILE, seen.map((s) => `${s}\n`).join(''));
});
