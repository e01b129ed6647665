#!/usr/bin/env node
// Lints examples/ with its own eslint.config.js (which loads the built plugin from dist/) and prints
// every finding as `file:line:column  rule  message`, then a count. The findings are the demo, so
// the exit code is 0 when there are findings; it is non-zero only when linting itself fails.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';

const root = join(import.meta.dirname, '..');
const examples = join(root, 'examples');

if (!existsSync(join(root, 'dist', 'src', 'index.js'))) {
  console.error('dist/src/index.js is missing: run `npm run build` first (`npm run example` does).');
  process.exit(2);
}

const eslint = new ESLint({ cwd: examples, overrideConfigFile: join(examples, 'eslint.config.js') });
const results = await eslint.lintFiles(['.']);

let findings = 0;
let fatal = 0;
for (const result of results) {
  const file = relative(root, result.filePath);
  for (const m of result.messages) {
    if (m.fatal || m.ruleId === null) fatal++;
    else findings++;
    console.log(`${file}:${m.line}:${m.column}  ${m.ruleId ?? '(parse error)'}  ${m.message}`);
  }
}
console.log(`\n${findings} finding${findings === 1 ? '' : 's'} in ${results.length} files linted.`);
if (fatal > 0) {
  console.error(`${fatal} file${fatal === 1 ? '' : 's'} could not be parsed.`);
  process.exitCode = 1;
}
