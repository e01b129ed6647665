// ESM loader hooks (module.register, Node >= 20.6): append every resolved URL to the file named by
// `initialize`'s data. Runs on the loader thread, so it writes synchronously rather than posting.
import { appendFileSync } from 'node:fs';

let out;

export function initialize(data) {
  out = data.out;
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  appendFileSync(out, `${result.url}\n`);
  return result;
}
