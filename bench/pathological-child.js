#!/usr/bin/env node
// One pathological input in a fresh process: `node --stack-size=7000 bench/pathological-child.js <kind> <plugin|base>`.
// Prints { ms, error, fatal, findings } as JSON. ESLint's own parser needs more than Node's default
// stack for 5,000-deep nesting (it reports "Not enough stack space to parse input" without any
// plugin), so bench/crash.js runs these with a larger stack (still within the OS's 8 MB thread stack).
import { join } from 'node:path';
import { deepNesting, largeFile, manyLeases } from './generate.js';
import { lintOne, loadPlugin, newLinter, root } from './lib.js';

const [kind, mode] = process.argv.slice(2);
const inputs = {
  deep: () => deepNesting(5000),
  large: () => largeFile(5 * 1024 * 1024),
  leases: () => manyLeases(10_000),
};
const text = inputs[kind]();
const plugin = mode === 'plugin' ? await loadPlugin() : null;
const rules = plugin ? plugin.configs.all.rules : { 'no-unused-vars': 'error' };
const start = performance.now();
const result = lintOne(newLinter(), text, join(root, `pathological-${kind}.js`), { plugin, rules });
const ms = performance.now() - start;
const fatal = result.messages.find((m) => m.fatal)?.message ?? null;
console.log(
  JSON.stringify({
    bytes: text.length,
    ms,
    error: result.error ? String(result.error.stack ?? result.error).slice(0, 2000) : null,
    fatal,
    findings: result.messages.filter((m) => m.ruleId?.startsWith('connection-hygiene/')).length,
  }),
);
