// `node --check` over generated code: the proof that a fix's JavaScript output runs, not only parses
// with ESLint's parser. It runs under the Node that runs the tests: Node 20 is the oldest engine the
// package supports (package.json `engines.node`, `^20.19.0 || …`), and CI's and this machine's Node is
// 20.x, so syntax that only newer Node accepts (`await using`, Node 24+) fails here.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { root } from '../helpers/built-plugin.js';

const run = promisify(execFile);
const dir = join(root, 'node_modules', '.cache', 'connection-hygiene-node-check');

/** The Node major this process runs on. */
export const nodeMajor = Number(process.versions.node.split('.')[0]);

/** What `tsc` emits for a TypeScript file (target ES2022, as the fixture project): types erased, `await using` lowered. */
export function emitJavaScript(code: string, fileName: string): string {
  return ts.transpileModule(code, {
    fileName,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false, isolatedModules: true },
  }).outputText;
}

/** `node --check` on each source (`.mjs`, or `.cjs` when asked); resolves to the error text per source, '' when it passes. */
export async function nodeCheck(sources: ReadonlyArray<{ code: string; ext?: 'mjs' | 'cjs' }>, concurrency = 8): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const results: string[] = new Array<string>(sources.length).fill('');
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next++;
      if (i >= sources.length) return;
      const { code, ext = 'mjs' } = sources[i]!;
      const file = join(dir, `${createHash('sha1').update(code).digest('hex').slice(0, 16)}.${ext}`);
      writeFileSync(file, code);
      try {
        await run(process.execPath, ['--check', file]);
      } catch (error) {
        results[i] = String((error as { stderr?: string }).stderr ?? error).trim() || 'node --check failed';
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}
