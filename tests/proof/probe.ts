// What a scenario can observe while it runs a doc example against the real server.
import type pg from 'pg';
import { registry } from './tracked-pg.js';

export interface LeaseState {
  pools: number;
  total: number;
  idle: number;
  waiting: number;
  /** clients checked out of every pool the example created (totalCount − idleCount) */
  checkedOut: number;
}

/** a doc example's exports: its functions (called with test inputs) and, for some, its `pool` */
export type ExampleExports = Record<string, (...args: unknown[]) => Promise<unknown>>;

export type Outcome<T> = { status: 'resolved'; value: T } | { status: 'rejected'; error: Error } | { status: 'pending' };

export class Probe {
  constructor(
    /** the example's exports */
    readonly mod: ExampleExports,
    private readonly admin: pg.Client,
  ) {}

  /** Calls an exported function of the example (a clear error when the doc example no longer exports it). */
  call(name: string, ...args: unknown[]): Promise<unknown> {
    const fn = this.mod[name];
    if (typeof fn !== 'function') throw new Error(`the example exports no function \`${name}\` (exports: ${Object.keys(this.mod).join(', ')})`);
    return Promise.resolve(fn(...args));
  }

  leases(): LeaseState {
    const state: LeaseState = { pools: 0, total: 0, idle: 0, waiting: 0, checkedOut: 0 };
    for (const pool of registry().pools) {
      state.pools++;
      state.total += pool.totalCount;
      state.idle += pool.idleCount;
      state.waiting += pool.waitingCount;
    }
    state.checkedOut = state.total - state.idle;
    return state;
  }

  /** the example's pools (in creation order) */
  pools(): pg.Pool[] {
    return [...registry().pools];
  }

  /** clients the example (or its pools) created: one server connection each */
  clientsCreated(): number {
    return registry().clients.size;
  }

  /** releases of a client that still had a query, cursor or stream queued or running */
  busyReleases(): number {
    return registry().releases.filter((r) => r.busy).length;
  }

  /** releases of a client inside a transaction (`T`) or an aborted one (`E`) */
  releasesInTransaction(): number {
    return registry().releases.filter((r) => r.txStatus === 'T' || r.txStatus === 'E').length;
  }

  /** errors the driver threw from a release */
  driverErrors(): string[] {
    return registry().errors.map((e) => e.message);
  }

  /** server-side view: client backends other than the observer's own connection */
  async activity(): Promise<Array<{ pid: number; state: string | null }>> {
    const { rows } = await this.admin.query<{ pid: number; state: string | null }>(
      "SELECT pid, state FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND application_name <> 'proof-admin'",
    );
    return rows;
  }

  async idleInTransaction(): Promise<number> {
    return (await this.activity()).filter((r) => r.state?.startsWith('idle in transaction')).length;
  }

  /** Waits up to `ms` for a promise, without leaving it unhandled. */
  async within<T>(promise: Promise<T>, ms: number): Promise<Outcome<T>> {
    let timer: NodeJS.Timeout | undefined;
    const settled = promise.then(
      (value): Outcome<T> => ({ status: 'resolved', value }),
      (error: unknown): Outcome<T> => ({ status: 'rejected', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    const timeout = new Promise<Outcome<T>>((resolve) => {
      timer = setTimeout(() => resolve({ status: 'pending' }), ms);
    });
    try {
      return await Promise.race([settled, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Lets queued I/O and timers run. */
  settle(ms = 50): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** Borrows a client from the example's first pool and runs `sql` on it, with a time limit. */
  async nextBorrower(sql = 'SELECT 1', ms = 1000): Promise<Outcome<unknown>> {
    const pool = this.pools()[0];
    if (!pool) throw new Error('the example created no pool');
    return this.within(pool.query(sql), ms);
  }
}

export function describeOutcome(o: Outcome<unknown>): string {
  return o.status === 'rejected' ? `rejected: ${o.error.message}` : o.status;
}
