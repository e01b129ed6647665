#!/usr/bin/env node
// One measured lint in a fresh process, for peak memory: `node bench/lint-child.js <list.json> <base|plugin>`.
// Lints every file of the list (JSON array of paths) with ESLint's own `recommended` rules (`base`: a
// lint without the plugin) or with those plus the plugin's `recommended` config (`plugin`), then prints
// { maxRssKb, ms, files } as JSON. A base with no rules at all would measure ESLint doing nothing.
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import { lintOne, loadPlugin, newLinter, readText } from './lib.js';

const [listFile, mode] = process.argv.slice(2);
const files = JSON.parse(readFileSync(listFile, 'utf8'));
const plugin = mode === 'plugin' ? await loadPlugin() : null;
const rules = { ...js.configs.recommended.rules, ...(plugin ? plugin.configs.recommended.rules : {}) };
const linter = newLinter();
const start = performance.now();
let findings = 0;
for (const file of files) {
  const result = lintOne(linter, readText(file), file, { plugin, rules });
  if (result.error) throw result.error;
  findings += result.messages.filter((m) => m.ruleId).length;
}
const ms = performance.now() - start;
console.log(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, ms, files: files.length, findings }));
