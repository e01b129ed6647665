// The budget command's arithmetic and its two outputs (a table with a bar per pool, and JSON for CI),
// from the facts the inventory rule reported. Nothing here reads files or names a driver.
import { relative, sep } from 'node:path';
import type { Counted, FileFact, PoolFact } from './pool-inventory.js';

export interface BudgetLimits {
  readonly maxConnections: number;
  readonly reservedConnections: number;
}

export interface ReportInput {
  /** absolute file path → the facts the inventory rule reported for it */
  readonly files: ReadonlyMap<string, { readonly pools: readonly PoolFact[]; readonly file: FileFact | null }>;
  /** null only when there is no pool to count */
  readonly budget: BudgetLimits | null;
  /** the directory the user named, as they wrote it (for the title) */
  readonly dir: string;
  /** paths in the output are relative to this directory (the user's working directory) */
  readonly displayRoot: string;
  /** only pools of these driver ids count (empty: all) */
  readonly drivers: readonly string[];
  /** how many files ESLint linted */
  readonly filesLinted: number;
  /** the multiplier given as `--processes` (it replaces budget.processes for every file) */
  readonly processesFlag: boolean;
  /** files the parser could not read (their pools are not counted) */
  readonly unreadable: readonly Unreadable[];
}

export interface Unreadable {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export interface ReportPool {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly name: string;
  readonly driver: string;
  /** the effective maximum, or null when unknown */
  readonly max: number | null;
  /** where the maximum comes from (`literal`, `const`, `default`, `connection string`), or `unknown: <why>` */
  readonly maxFrom: string;
  /** the catalog setting that bounds the size (`max`, `pool.max`, `connectionLimit`) */
  readonly setting: string | null;
  /** the process multiplier, or null when unknown */
  readonly processes: number | null;
  /** where the multiplier comes from ("4 cluster workers (src/cluster.ts)", "1 process"), or `unknown: <why>` */
  readonly processesFrom: string;
  /** max × processes, or null when either is unknown */
  readonly total: number | null;
  /** created inside a function, a branch or a loop: counted once, though it may be created more often */
  readonly conditional: boolean;
}

export type Status = 'over' | 'fits' | 'incomplete';

export interface Report {
  readonly dir: string;
  /** null only when there is no pool to count */
  readonly budget: (BudgetLimits & { readonly available: number }) | null;
  readonly pools: readonly ReportPool[];
  /** the sum of every pool whose total is known */
  readonly total: number;
  /** pools whose total is unknown (not in `total`) */
  readonly uncounted: number;
  /** over: `total` > available; incomplete: fits so far, but some pools could not be counted */
  readonly status: Status;
  /** total − available, when over */
  readonly overBy: number;
  /** the driver ids of the listed pools */
  readonly drivers: readonly string[];
  /** the `--driver` filter: only these drivers' pools are listed (empty: all) */
  readonly onlyDrivers: readonly string[];
  readonly filesLinted: number;
  readonly unreadable: readonly Unreadable[];
}

/**
 * The spawning entry points that load each file: every file reachable through the import graph from
 * a file that forks cluster workers or spawns worker threads of itself (that file excluded).
 */
export function entryPointsOf(files: ReportInput['files']): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  for (const [entry, facts] of files) {
    if (facts.file?.spawns !== true) continue;
    const seen = new Set<string>([entry]);
    const queue = [...facts.file.imports];
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      const list = reached.get(next) ?? [];
      list.push(entry);
      reached.set(next, list);
      for (const imported of files.get(next)?.file?.imports ?? []) queue.push(imported);
    }
  }
  return reached;
}

export function buildReport(input: ReportInput): Report {
  const display = (file: string): string => displayPath(file, input.displayRoot);
  const entries = entryPointsOf(input.files);
  const pools: ReportPool[] = [];
  for (const [file, facts] of input.files) {
    for (const pool of facts.pools) {
      if (input.drivers.length > 0 && !input.drivers.includes(pool.driver)) continue;
      const processes = multiplierOf(pool, facts.file, entries.get(file) ?? [], input, display);
      const max = pool.size.known ? pool.size.value : null;
      const count = processes.known ? processes.count : null;
      pools.push({
        file: display(file),
        line: pool.line,
        column: pool.column,
        name: pool.name,
        driver: pool.driver,
        max,
        maxFrom: pool.size.known ? pool.size.from : `unknown: ${pool.size.reason}`,
        setting: pool.size.known ? pool.size.setting : null,
        processes: count,
        processesFrom: processes.known ? processes.words : `unknown: ${processes.reason}`,
        total: max !== null && count !== null ? max * count : null,
        conditional: pool.conditional,
      });
    }
  }
  pools.sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1));
  const available = input.budget === null ? Infinity : input.budget.maxConnections - input.budget.reservedConnections;
  const total = pools.reduce((n, p) => n + (p.total ?? 0), 0);
  const uncounted = pools.filter((p) => p.total === null).length;
  const status: Status = total > available ? 'over' : uncounted > 0 ? 'incomplete' : 'fits';
  return {
    dir: input.dir,
    budget: input.budget === null ? null : { ...input.budget, available },
    pools,
    total,
    uncounted,
    status,
    overBy: Math.max(0, total - available),
    drivers: [...new Set(pools.map((p) => p.driver))].sort(),
    onlyDrivers: input.drivers,
    filesLinted: input.filesLinted,
    unreadable: input.unreadable.map((u) => ({ ...u, file: display(u.file) })),
  };
}

/**
 * A pool's multiplier: the settings (or `--processes`) when they name its file; in a serverless
 * handler module, unknown; in a module loaded by spawning entry points, the sum of their process
 * counts; otherwise what its own file shows (the rule's multiplier).
 */
function multiplierOf(pool: PoolFact, file: FileFact | null, entries: readonly string[], input: ReportInput, display: (file: string) => string): Counted {
  if (pool.configured) {
    const source = input.processesFlag ? '--processes' : 'budget.processes';
    return pool.processes.known ? { ...pool.processes, words: `${pool.processes.words} (${source})` } : pool.processes;
  }
  if (!pool.processes.known || file?.spawns === true || entries.length === 0) return pool.processes;
  let count = 0;
  const words: string[] = [];
  for (const entry of entries) {
    const spawned = input.files.get(entry)?.file?.processes;
    if (spawned === undefined) continue;
    if (!spawned.known) return { known: false, reason: `${display(entry)} loads it: ${spawned.reason}` };
    count += spawned.count;
    words.push(`${spawned.words} (${display(entry)})`);
  }
  return words.length === 0 ? pool.processes : { known: true, count, words: words.join(' + ') };
}

/** A path as the user sees it: relative to their working directory when inside it, with `/`. */
export function displayPath(file: string, root: string): string {
  const rel = relative(root, file);
  const shown = rel === '' || rel.startsWith('..') ? file : rel;
  return shown.split(sep).join('/');
}

// ---- JSON -----------------------------------------------------------------------------------------

export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

// ---- the table ------------------------------------------------------------------------------------

const BAR_WIDTH = 30;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `value` on a scale where `scale` is `BAR_WIDTH` cells, in eighths of a cell. */
export function bar(value: number, scale: number, char = '█'): string {
  if (value <= 0 || scale <= 0) return '';
  if (char !== '█') return char.repeat(Math.max(1, Math.round((value / scale) * BAR_WIDTH)));
  const eighths = Math.max(1, Math.round((value / scale) * BAR_WIDTH * 8));
  return char.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]!;
}

function pad(text: string, width: number, right = false): string {
  const gap = ' '.repeat(Math.max(0, width - [...text].length));
  return right ? gap + text : text + gap;
}

export function formatTable(report: Report): string {
  const { budget, pools } = report;
  const lines: string[] = [];
  if (budget === null || pools.length === 0) {
    lines.push(`No pools found in ${report.dir} (${report.filesLinted} file${report.filesLinted === 1 ? '' : 's'} linted).`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`Connection budget of ${report.dir}: max_connections ${budget.maxConnections} − ${budget.reservedConnections} reserved = ${budget.available} available`);
  lines.push('');
  const rows = pools.map((p) => ({
    pool: `${p.file}:${p.line}  ${p.name}${p.conditional ? ' *' : ''}`,
    driver: p.driver,
    max: p.max === null ? 'unknown' : p.maxFrom === 'literal' ? String(p.max) : `${p.max} (${p.maxFrom})`,
    processes: p.processes === null ? '× unknown' : `× ${p.processesFrom}`,
    total: p.total === null ? '?' : String(p.total),
    value: p.total,
    notes: [p.max === null ? `max ${p.maxFrom}` : null, p.processes === null ? `processes ${p.processesFrom}` : null].filter((n) => n !== null),
  }));
  const header = { pool: 'POOL', driver: 'DRIVER', max: 'MAX', processes: 'PROCESSES', total: 'TOTAL' };
  const width = (key: keyof typeof header): number => Math.max([...header[key]].length, ...rows.map((r) => [...r[key]].length));
  const w = { pool: width('pool'), driver: width('driver'), max: width('max'), processes: width('processes'), total: Math.max(width('total'), String(report.total).length) };
  const scale = Math.max(budget.available, report.total, 1);
  const line = (pool: string, driver: string, max: string, processes: string, total: string, barText: string): string =>
    `  ${pad(pool, w.pool)}  ${pad(driver, w.driver)}  ${pad(max, w.max, true)}  ${pad(processes, w.processes)}  ${pad(total, w.total, true)}  ${barText}`.trimEnd();
  lines.push(line(header.pool, header.driver, header.max, header.processes, header.total, ''));
  for (const row of rows) {
    lines.push(line(row.pool, row.driver, row.max, row.processes, row.total, row.value === null ? '' : bar(row.value, scale)));
    for (const note of row.notes) lines.push(`      ${note}`);
  }
  const labelWidth = w.pool + w.driver + w.max + w.processes + 8;
  const within = Math.min(report.total, budget.available);
  const over = report.total - within;
  const totalBar = bar(within, scale) + (over > 0 ? bar(over, scale, '░') : '');
  const sumLabel = report.uncounted > 0 ? `total of the pools counted (${report.uncounted} not counted)` : 'total';
  lines.push(`  ${pad(sumLabel, labelWidth, true)}  ${pad(String(report.total), w.total, true)}  ${totalBar}`);
  lines.push(`  ${pad('available', labelWidth, true)}  ${pad(String(budget.available), w.total, true)}  ${bar(budget.available, scale)}`);
  lines.push('');
  if (report.status === 'over') {
    lines.push(`Over budget by ${report.overBy}: the pools can open ${report.total} connections, and ${budget.available} are available${over > 0 ? ' (░ is the excess)' : ''}.`);
  } else if (report.status === 'incomplete') {
    lines.push(`Fits so far: ${report.total} of ${budget.available}, but ${report.uncounted} pool${report.uncounted === 1 ? '' : 's'} could not be counted (see the note under each).`);
  } else {
    lines.push(`Fits: the pools can open ${report.total} connections, and ${budget.available} are available (${budget.available - report.total} to spare).`);
  }
  if (pools.some((p) => p.conditional)) {
    lines.push('* created inside a function, a branch or a loop: counted once, though it may be created more often.');
  }
  if (pools.some((p) => p.processes === null)) {
    lines.push('Process counts the code does not show: pass --cpus or --processes, or set budget.cpus / budget.processes in the ESLint config.');
  }
  if (report.drivers.length > 1 && report.onlyDrivers.length === 0) {
    lines.push(
      `Pools of ${report.drivers.length} drivers (${report.drivers.join(', ')}) are summed against one server's budget; if they connect to different servers, run once per server with --driver.`,
    );
  }
  return `${lines.join('\n')}\n`;
}
