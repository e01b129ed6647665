// How to exercise each ❌ example of the rule docs that uses node-postgres, against the real server.
// Keyed by `<rule>#<n>`, n = the example's 1-based position among the doc's ❌ blocks. `marker` must
// occur in the example's `// ❌` line, so an edited or reordered doc fails loudly here instead of
// silently running the wrong scenario; a new pg ❌ example without a scenario fails too.
//
// `exercise` runs the example's exports and returns the defects it observed (empty: healthy). The
// harness requires a non-empty list for the ❌ example, then applies the rule's autofix (or its first
// suggestion) through ESLint, runs the result with the same `exercise`, and requires an empty list.
// When the rule offers no fix, `remedy` names a ✅ example of the same doc (by its marker text) with
// the same exports, which is run instead.
import { Writable } from 'node:stream';
import type { Pool } from 'pg';
import { describeOutcome, type Probe } from './probe.js';

export interface Scenario {
  /** text that occurs in the example's `// ❌` line */
  marker: string;
  /**
   * `defect` (default): the ❌ example misbehaves at run time; `equivalence`: a simplification whose ❌ and
   * fixed forms must both be healthy; `static`: a configuration hazard with no run-time symptom in a short
   * test (`reason` says why); it is only linted and its fix checked to parse.
   */
  kind?: 'defect' | 'equivalence' | 'static';
  reason?: string;
  remedy?: string;
  exercise?: (p: Probe) => Promise<string[]>;
}

/** Checked-out clients left behind, as a defect line (or none). */
function leaked(p: Probe): string[] {
  const s = p.leases();
  return s.checkedOut > 0 ? [`${s.checkedOut} client(s) still checked out after every call settled (totalCount=${s.total}, idleCount=${s.idle}, waitingCount=${s.waiting})`] : [];
}

function busy(p: Probe): string[] {
  const n = p.busyReleases();
  return n > 0 ? [`${n} client(s) went back to the pool with a query, cursor or stream still queued or running on them`] : [];
}

function doubleRelease(p: Probe): string[] {
  const errors = p.driverErrors();
  return errors.length > 0 ? [`pg-pool threw: ${[...new Set(errors)].join('; ')} (×${errors.length})`] : [];
}

async function inTransaction(p: Probe): Promise<string[]> {
  const out: string[] = [];
  const n = p.releasesInTransaction();
  if (n > 0) out.push(`${n} client(s) went back to the pool inside an open or aborted transaction (ReadyForQuery status T/E)`);
  const idle = await p.idleInTransaction();
  if (idle > 0) out.push(`pg_stat_activity: ${idle} backend(s) 'idle in transaction'`);
  return out;
}

async function settleAll(p: Probe, calls: Array<Promise<unknown>>, ms = 3000): Promise<string[]> {
  const outcomes = await Promise.all(calls.map((c) => p.within(c, ms)));
  return outcomes.filter((o) => o.status !== 'resolved').map((o) => `a call ${describeOutcome(o)}`);
}

/** Waits until the pool limit: `count` clients checked out of `pool`, then one more acquire. */
async function acquireBeyondMax(p: Probe): Promise<string[]> {
  const pool = p.mod.pool as unknown as Pool;
  const max = (pool as unknown as { options: { max: number } }).options.max;
  const held = await Promise.all(Array.from({ length: max }, () => pool.connect()));
  const start = Date.now();
  const next = await p.within(pool.connect(), 7000);
  const waited = Date.now() - start;
  const waiting = p.leases().waiting;
  for (const c of held) c.release();
  if (next.status === 'resolved') next.value.release();
  if (next.status === 'pending') return [`with all ${max} clients checked out, pool.connect() was still waiting after ${waited} ms (waitingCount=${waiting}, no acquire timeout)`];
  return [];
}

const sink = () => new Writable({ objectMode: true, write: (_chunk, _enc, cb) => cb() });

export const scenarios: Record<string, Scenario> = {
  'no-double-release#1': {
    marker: 'released in the try and again in the finally',
    exercise: async (p) => [...(await settleAll(p, [p.call('touch', 1)])), ...doubleRelease(p)],
  },
  'no-double-release#2': {
    marker: 'both call done()',
    remedy: 'a release-once guard',
    exercise: async (p) => {
      await p.within(Promise.resolve(p.call('touch', 1)), 3000);
      await p.settle(300);
      return doubleRelease(p);
    },
  },
  'no-double-release#5': {
    marker: 'the INSERT is still running when the client is released',
    exercise: async (p) => [...(await settleAll(p, [p.call('log', 'proof')])), ...busy(p)],
  },
  'no-double-release#6': {
    marker: "'close' fires after 'end'",
    exercise: async (p) => {
      await p.call('exportUsers', sink());
      await p.settle(500);
      return doubleRelease(p);
    },
  },
  'no-floating-query#1': {
    marker: 'the lease is released while the UPDATE still runs',
    exercise: async (p) => [...(await settleAll(p, [p.call('touch', '1')])), ...busy(p)],
  },
  'no-floating-query#3': {
    marker: 'awaited only after the lease went back to the pool',
    exercise: async (p) => [...(await settleAll(p, [p.call('names')])), ...busy(p)],
  },
  'no-pool-in-loop#1': {
    marker: 'a pg pool per id, ended each time',
    exercise: async (p) => {
      const ids = ['1', '2', '3', '4', '5'];
      const failed = await settleAll(p, [p.call('refreshAll', ids)]);
      const opened = p.clientsCreated();
      return [...failed, ...(opened > 1 ? [`${opened} server connections opened (one handshake each) for ${ids.length} ids`] : [])];
    },
  },
  'no-pool-in-loop#2': {
    marker: 'a direct connection per item of Promise.all',
    remedy: 'a lease per iteration is what pools are for',
    exercise: async (p) => {
      const ids = Array.from({ length: 24 }, (_, i) => String(i + 1));
      const run = (list: string[]) => p.call(p.mod.loadAll ? 'loadAll' : 'each', list);
      const failed = await settleAll(p, [run(ids)], 10_000);
      const opened = p.clientsCreated();
      return [...failed, ...(opened > 16 ? [`${opened} direct connections for ${ids.length} items`] : [])];
    },
  },
  'no-transaction-on-pool#1': {
    marker: 'BEGIN, UPDATE and COMMIT may each run on a different connection',
    remedy: 'the whole transaction runs on one leased client',
    exercise: async (p) => [...(await settleAll(p, [p.call('archiveUsers')])), ...(await inTransaction(p))],
  },
  'prefer-pool-query#1': {
    marker: 'a lease for one query',
    kind: 'equivalence',
    exercise: async (p) => {
      const result = await p.within(p.call('findUser', '1'), 3000);
      const rows = result.status === 'resolved' ? (result.value as { rows: Array<{ id: number }> }).rows : [];
      return [...(rows.length === 1 && rows[0]?.id === 1 ? [] : [`findUser('1') ${describeOutcome(result)} with ${rows.length} rows`]), ...leaked(p), ...busy(p)];
    },
  },
  'prefer-singleton-pool#1': {
    marker: 'a new pg pool on every call, never ended',
    exercise: async (p) => {
      const failed = await settleAll(p, [p.call('listUsers'), p.call('listUsers'), p.call('listUsers')]);
      await Promise.all([p.call('listUsers'), p.call('listUsers')]);
      const pools = p.leases().pools;
      const backends = (await p.activity()).length;
      return [...failed, ...(pools > 1 ? [`${pools} pools for 5 calls, none ended; pg_stat_activity shows ${backends} open server connections`] : [])];
    },
  },
  'require-cursor-close#1': {
    marker: 'the cursor is never closed',
    exercise: async (p) => {
      const failed = await settleAll(p, [p.call('firstPage')]);
      const out = [...failed, ...busy(p)];
      const next = await p.nextBorrower('SELECT 1', 1000);
      if (next.status !== 'resolved') out.push(`the next borrower's SELECT 1 ${describeOutcome(next)} after 1000 ms: it queued behind the open cursor`);
      return out;
    },
  },
  'require-cursor-close#2': {
    marker: 'the client goes back to the pool while the stream still runs on it',
    remedy: 'for await closes the stream on every exit',
    exercise: async (p) => {
      let rows = 0;
      const failed = await settleAll(p, [p.call('streamEvents', () => rows++)]);
      return [...failed, ...busy(p)];
    },
  },
  'require-cursor-close#3': {
    marker: 'the pool checks out a client for the stream and never gets it back',
    exercise: async (p) => {
      const result = await p.within(Promise.resolve(p.call('streamEvents')), 1500);
      const out = result.status === 'pending' ? ['pool.query(new QueryStream(…)) never settles (the pool passes a callback the stream ignores)'] : [];
      return [...out, ...leaked(p)];
    },
  },
  'no-connection-budget-overflow#1': {
    marker: "8 workers × pg's default of 10 = 80 connections",
    kind: 'static',
    reason: 'the overflow needs 8 forked processes against a server with max_connections 50; the test checks the suggested size silences the rule',
  },
  'no-connection-budget-overflow#3': {
    marker: 'every concurrent invocation of the handler holds a pool',
    kind: 'static',
    reason: 'the fan-out needs concurrent serverless instances; the test checks the suggested max: 1 silences the rule',
  },
  'require-pool-limits#1': { marker: 'pg waits for ever for a free client', exercise: acquireBeyondMax },
  'require-pool-limits#2': { marker: '0 means no limit', exercise: acquireBeyondMax },
  'require-pool-limits#6': { marker: 'the config is followed within the file', exercise: acquireBeyondMax },
  'require-pool-limits#7': {
    marker: 'with requireRecycling, connections must be recycled',
    kind: 'static',
    reason: 'a missing maxLifetimeSeconds shows only after the lifetime (minutes) or a server/firewall idle cut; the test checks the fix parses and silences the rule',
  },
  'require-release#1': {
    marker: 'the early return skips client.release()',
    exercise: async (p) => {
      const failed = await settleAll(p, [p.call('findUser', undefined), p.call('findUser', undefined), p.call('findUser', '1')]);
      return [...failed, ...leaked(p)];
    },
  },
  'require-release#4': {
    marker: 'the finally releases the client before the returned query has finished',
    exercise: async (p) => [...(await settleAll(p, [p.call('listUsers')])), ...busy(p)],
  },
  'require-release#10': {
    marker: 'a failing setup query leaks the client',
    remedy: 'the client is released when the setup fails',
    exercise: async (p) => {
      const call = await p.within(p.call('borrowClient', 'not a duration'), 3000);
      const out = call.status === 'rejected' ? [] : [`borrowClient with a bad timeout ${describeOutcome(call)} (expected a rejection)`];
      return [...out, ...leaked(p)];
    },
  },
  'require-rollback#1': {
    marker: 'an exception between BEGIN and COMMIT',
    exercise: async (p) => {
      const call = await p.within(p.call('transfer', '1', '2', 'not a number'), 3000);
      const out = call.status === 'rejected' ? [] : [`transfer with a bad amount ${describeOutcome(call)} (expected a rejection)`];
      out.push(...(await inTransaction(p)));
      const next = await p.nextBorrower('SELECT 1', 1000);
      if (next.status !== 'resolved') out.push(`the next borrower's SELECT 1 ${describeOutcome(next)}`);
      return out;
    },
  },
  'require-rollback#2': {
    marker: 'the early return releases the client in the middle of the transaction',
    exercise: async (p) => [...(await settleAll(p, [p.call('archive', '1', true)])), ...(await inTransaction(p))],
  },
};
