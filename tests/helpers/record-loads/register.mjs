// Preload for `node --import`: records every module the process loads into the file $RECORD_LOADS_OUT.
// - ESM: a `resolve` hook (module.register) sees every `import`, including imports of CommonJS files.
// - CommonJS: on Node 20 the hooks do not see `require()`, so at exit every key of `require.cache`
//   (every CommonJS module loaded by `require` or by `import`) is appended as a file URL too.
import { appendFileSync, writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const out = process.env.RECORD_LOADS_OUT;
if (!out) throw new Error('record-loads: set RECORD_LOADS_OUT to the file that receives the module list');
writeFileSync(out, '');
register('./hooks.mjs', { parentURL: import.meta.url, data: { out } });

const require = createRequire(import.meta.url);
process.on('exit', () => {
  const files = Object.keys(require.cache).map((file) => pathToFileURL(file).href);
  appendFileSync(out, files.map((url) => `${url}\n`).join(''));
});
