import type { DriverSpec } from './catalog/types.js';
import { validateDriverSpec } from './catalog/validate.js';

/** `settings["connection-hygiene"]`, validated and with defaults applied. */
export interface PluginSettings {
  /** in-house pools, leases and cursors, in the catalog's own shape */
  readonly resources: readonly DriverSpec[];
  /**
   * Functions that take ownership of a lease passed to them (they release it): plain names
   * (`withClient`) or member paths (`db.releaseLater`).
   */
  readonly ownershipFunctions: readonly string[];
  /** resolve receivers through TypeScript types when the parser provides a program */
  readonly typeAware: boolean;
  /** follow relative imports into the project's own modules (read with the configured parser) */
  readonly followImports: boolean;
  /** `safe`: only fixes that keep the success path unchanged; `all`: every suggestion applies under --fix */
  readonly autofix: 'safe' | 'all';
  /** the database server's connection budget, when configured (`no-connection-budget-overflow`) */
  readonly budget?: Budget;
}

/**
 * `settings["connection-hygiene"].budget`: what the server allows and how many processes run the
 * code, for what the code cannot show.
 */
export interface Budget {
  /** the server's `max_connections` */
  readonly maxConnections: number;
  /** connections the server keeps for others (PostgreSQL's `superuser_reserved_connections`, admin tools, migrations); default 0 */
  readonly reservedConnections: number;
  /**
   * How many processes run each pool: one number for every file, or per file or folder (paths
   * relative to the working directory, `*` and `**` allowed; the longest matching key wins). When
   * absent, the rule reads the multiplier from the code (cluster fork loops, PM2 ecosystem files).
   */
  readonly processes?: number | Readonly<Record<string, number>>;
  /** the CPU count of the machines that run the code, for `os.availableParallelism()` fork loops and PM2 `instances: 'max'` */
  readonly cpus?: number;
}

export const SETTINGS_KEY = 'connection-hygiene';

const defaults: PluginSettings = { resources: [], ownershipFunctions: [], typeAware: false, followImports: true, autofix: 'safe' };

/**
 * A setting the plugin cannot use. The message names the key and what is allowed, and says that this
 * is a configuration error: ESLint reports an exception thrown while a rule starts as "Oops! Something
 * went wrong!", prefixed with that rule's name — here whichever rule of the plugin read the settings
 * first, which has nothing to do with the mistake.
 */
export class SettingsError extends Error {
  /** `key`: the path below `settings["connection-hygiene"]` (`autofix`, `resources[0].id`), or '' for the object itself. */
  constructor(key: string, message: string) {
    const where = key === '' ? `settings["${SETTINGS_KEY}"]` : `settings["${SETTINGS_KEY}"].${key}`;
    super(
      `${SETTINGS_KEY}: invalid settings: ${where} ${message}\n` +
        `Fix it in the "settings" of your lint config (eslint.config.js, or .oxlintrc.json with oxlint). It is not a problem of the linted file, nor of any one rule: every rule of eslint-plugin-${SETTINGS_KEY} reads these settings.`,
    );
    this.name = 'SettingsError';
    // ESLint's CLI prints `error.stack`: the plugin's call stack says nothing about a wrong setting.
    Object.defineProperty(this, 'stack', { value: `${this.name}: ${this.message}`, writable: true, configurable: true });
  }
}

const cache = new WeakMap<object, PluginSettings>();

const allowedKeys = ['resources', 'ownershipFunctions', 'typeAware', 'followImports', 'autofix', 'budget'];

/** Reads and validates the plugin settings from a rule context's `settings`. Throws `SettingsError`. */
export function readSettings(settings: Readonly<Record<string, unknown>> | undefined): PluginSettings {
  const raw = settings?.[SETTINGS_KEY];
  if (raw === undefined || raw === null) return defaults;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new SettingsError('', `must be an object with the keys ${allowedKeys.join(', ')}, got ${describe(raw)}.`);
  }
  const cached = cache.get(raw);
  if (cached !== undefined) return cached;
  const input = raw as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!allowedKeys.includes(key)) {
      throw new SettingsError(key, `is not a setting of this plugin; the settings are ${allowedKeys.join(', ')}.${didYouMean(key, allowedKeys)}`);
    }
  }
  const parsed: PluginSettings = {
    resources: readResources(input.resources),
    ownershipFunctions: readStringArray('ownershipFunctions', input.ownershipFunctions),
    typeAware: readBoolean('typeAware', input.typeAware, defaults.typeAware),
    followImports: readBoolean('followImports', input.followImports, defaults.followImports),
    autofix: readAutofix(input.autofix),
  };
  const budget = readBudget(input.budget);
  if (budget !== undefined) (parsed as { budget?: Budget }).budget = budget;
  cache.set(raw, parsed);
  return parsed;
}

function readBoolean(key: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new SettingsError(key, `must be true or false, got ${describe(value)}.`);
  return value;
}

function readAutofix(value: unknown): 'safe' | 'all' {
  if (value === undefined) return defaults.autofix;
  if (value !== 'safe' && value !== 'all') throw new SettingsError('autofix', `must be "safe" or "all", got ${describe(value)}.`);
  return value;
}

const budgetKeys = ['maxConnections', 'reservedConnections', 'processes', 'cpus'];

function readBudget(value: unknown): Budget | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SettingsError('budget', `must be an object { maxConnections, reservedConnections?, processes?, cpus? }, got ${describe(value)}.`);
  }
  const input = value as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!budgetKeys.includes(key)) throw new SettingsError(`budget.${key}`, `is not a budget setting; the budget settings are ${budgetKeys.join(', ')}.`);
  }
  if (input.maxConnections === undefined) throw new SettingsError('budget.maxConnections', 'is required: the server’s max_connections (for example 100).');
  const maxConnections = readCount('budget.maxConnections', input.maxConnections, 1);
  const reservedConnections = input.reservedConnections === undefined ? 0 : readCount('budget.reservedConnections', input.reservedConnections, 0);
  if (reservedConnections >= maxConnections) {
    throw new SettingsError('budget.reservedConnections', `must be less than budget.maxConnections (${maxConnections}), got ${reservedConnections}.`);
  }
  const budget: { -readonly [K in keyof Budget]: Budget[K] } = { maxConnections, reservedConnections };
  if (input.cpus !== undefined) budget.cpus = readCount('budget.cpus', input.cpus, 1);
  const processes = input.processes;
  if (processes !== undefined) {
    if (typeof processes === 'object' && processes !== null && !Array.isArray(processes)) {
      const entries = Object.entries(processes as Record<string, unknown>);
      if (entries.length === 0) throw new SettingsError('budget.processes', 'must list at least one file or folder, or be a number.');
      const perPath: Record<string, number> = {};
      for (const [key, count] of entries) {
        if (key.trim() === '') throw new SettingsError('budget.processes', 'has an empty key; keys are files or folders relative to the working directory ("src/api", "src/workers/**").');
        perPath[key] = readCount(`budget.processes[${JSON.stringify(key)}]`, count, 1);
      }
      budget.processes = perPath;
    } else {
      budget.processes = readCount('budget.processes', processes, 1, ' or an object from files or folders to counts ({ "src/api": 8 })');
    }
  }
  return budget;
}

/** A whole number at least `min`. */
function readCount(key: string, value: unknown, min: number, alternative = ''): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new SettingsError(key, `must be a whole number of at least ${min}${alternative}, got ${describe(value)}.`);
  }
  return value;
}

function readStringArray(key: string, value: unknown): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.length === 0)) {
    throw new SettingsError(key, `must be an array of non-empty strings (function names such as "withClient" or "db.releaseLater"), got ${describe(value)}.`);
  }
  return value as string[];
}

function readResources(value: unknown): readonly DriverSpec[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new SettingsError('resources', `must be an array of resource descriptions in the catalog's shape, got ${describe(value)}.`);
  const ids = new Set<string>();
  return value.map((entry, i) => {
    const problem = validateDriverSpec(entry);
    if (problem !== null) throw new SettingsError(`resources[${i}]${problem.path}`, problem.message);
    const spec = entry as DriverSpec;
    if (ids.has(spec.id)) throw new SettingsError(`resources[${i}].id`, `repeats the id "${spec.id}"; ids must be unique.`);
    ids.add(spec.id);
    return spec;
  });
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? `${typeof value} ${value}` : typeof value;
}

/** ` Did you mean "ownershipFunctions"?` for a key that differs from an allowed one in case or by at most two edits, else ''. */
function didYouMean(key: string, allowed: readonly string[]): string {
  const lower = key.toLowerCase();
  const close = allowed.find((name) => name.toLowerCase() === lower) ?? allowed.find((name) => editDistance(lower, name.toLowerCase()) <= 2);
  return close === undefined ? '' : ` Did you mean "${close}"?`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
