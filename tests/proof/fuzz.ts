// Seeded fuzzing (issue §4): random valid programs from eslump, wrapped so that the plugin's analysis
// actually runs on them (a pg import, a pool, a lease around random statements), linted with every
// rule; every fix and suggestion must leave code that parses. eslump draws from Math.random, so a
// seeded generator stands in for it while a program is generated.
import { createRequire } from 'node:module';
import type { Linter } from 'eslint';
import * as espree from 'espree';

const require = createRequire(import.meta.url);
const { generateRandomJS } = require('eslump') as { generateRandomJS: (o: { sourceType: 'module' | 'script'; maxDepth: number; comments: boolean; whitespace: boolean }) => string };

/** mulberry32 */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function withRandom<T>(random: () => number, fn: () => T): T {
  const original = Math.random;
  Math.random = random;
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}

function parses(code: string): boolean {
  try {
    espree.parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
    return true;
  } catch {
    return false;
  }
}

type Program = { body: Array<{ type: string; range: [number, number] }> };

/** A random program with a lease wrapped around some of its statements; deterministic per seed. */
export function fuzzProgram(seed: number): string | null {
  const random = seeded(seed);
  let code: string;
  try {
    code = withRandom(random, () => generateRandomJS({ sourceType: 'module', maxDepth: 5 + Math.floor(random() * 4), comments: random() < 0.3, whitespace: false }));
  } catch {
    return null;
  }
  let program: Program;
  try {
    program = espree.parse(code, { ecmaVersion: 'latest', sourceType: 'module', range: true }) as unknown as Program;
  } catch {
    return null; // eslump may generate early errors
  }
  const statements = program.body.filter((s) => !/^(Import|Export)/.test(s.type)).map((s) => code.slice(s.range[0], s.range[1]));
  const pick = () => statements[Math.floor(random() * statements.length)] ?? ';';
  const release = ['client.release();', 'client.release(err);', 'await client.end();', ''][Math.floor(random() * 4)];
  const shapes = [
    () => `  const client = await pool.connect();\n  ${pick()}\n  ${release}`,
    () => `  const client = await pool.connect();\n  try {\n    ${pick()}\n    await client.query('SELECT 1');\n  } finally {\n    ${release}\n  }`,
    () => `  const client = await pool.connect();\n  if (input) { ${pick()} return; }\n  for (const x of input) { ${pick()} if (x) break; }\n  ${release}`,
    () => `  const client = await pool.connect();\n  await client.query('BEGIN');\n  try {\n    ${pick()}\n    await client.query('COMMIT');\n  } catch (err) {\n    ${pick()}\n    ${release}\n  }`,
    () => `  for (const x of input) {\n    const p = new Pool();\n    ${pick()}\n  }\n  const client = await pool.connect();\n  pool.query('BEGIN');\n  client.query('x');\n  ${release}`,
  ];
  const body = shapes[Math.floor(random() * shapes.length)]!();
  const wrapped = `import { Pool } from 'pg';\nconst pool = new Pool();\n${code}\nexport async function fuzzLease(input, err) {\n${body}\n}\n`;
  if (parses(wrapped)) return wrapped;
  const plain = `import { Pool } from 'pg';\nconst pool = new Pool();\n${code}\n`;
  return parses(plain) ? plain : null;
}

export interface FuzzFailure {
  seed: number;
  problem: string;
  code: string;
}

/** Lints one program with every rule; checks that fixes and every suggestion keep it parsable. */
export function checkProgram(linter: Linter, config: Linter.Config[], seed: number, code: string): FuzzFailure | null {
  let messages: Linter.LintMessage[];
  try {
    messages = linter.verify(code, config, 'fuzz.js');
  } catch (error) {
    return { seed, problem: `exception: ${(error as Error).stack ?? String(error)}`, code };
  }
  const fatal = messages.find((m) => m.fatal);
  if (fatal) return { seed, problem: `the generated program does not parse (harness bug): ${fatal.message}`, code };
  for (const m of messages) {
    for (const s of m.suggestions ?? []) {
      const out = code.slice(0, s.fix.range[0]) + s.fix.text + code.slice(s.fix.range[1]);
      if (!parses(out)) return { seed, problem: `${m.ruleId} suggestion "${s.desc}" leaves code that does not parse`, code };
    }
  }
  try {
    const fixed = linter.verifyAndFix(code, config, 'fuzz.js');
    if (fixed.fixed && !parses(fixed.output)) return { seed, problem: 'eslint --fix leaves code that does not parse', code };
  } catch (error) {
    return { seed, problem: `exception while fixing: ${(error as Error).stack ?? String(error)}`, code };
  }
  return null;
}
