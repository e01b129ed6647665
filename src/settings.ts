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
  /** `safe`: only fixes that keep the success path unchanged; `all`: every suggestion applies under --fix */
  readonly autofix: 'safe' | 'all';
}

export const SETTINGS_KEY = 'connection-hygiene';

const defaults: PluginSettings = { resources: [], ownershipFunctions: [], typeAware: false, autofix: 'safe' };

/** A setting the plugin cannot use. The message names the key and what is allowed. */
export class SettingsError extends Error {
  constructor(key: string, message: string) {
    super(`eslint-plugin-connection-hygiene: settings["${SETTINGS_KEY}"].${key} ${message}`);
    this.name = 'SettingsError';
  }
}

const cache = new WeakMap<object, PluginSettings>();

const allowedKeys = ['resources', 'ownershipFunctions', 'typeAware', 'autofix'];

/** Reads and validates the plugin settings from a rule context's `settings`. Throws `SettingsError`. */
export function readSettings(settings: Readonly<Record<string, unknown>> | undefined): PluginSettings {
  const raw = settings?.[SETTINGS_KEY];
  if (raw === undefined || raw === null) return defaults;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Error(`eslint-plugin-connection-hygiene: settings["${SETTINGS_KEY}"] must be an object with the keys ${allowedKeys.join(', ')}.`);
  }
  const cached = cache.get(raw);
  if (cached !== undefined) return cached;
  const input = raw as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!allowedKeys.includes(key)) {
      throw new SettingsError(key, `is not a setting of this plugin; the settings are ${allowedKeys.join(', ')}.`);
    }
  }
  const parsed: PluginSettings = {
    resources: readResources(input.resources),
    ownershipFunctions: readStringArray('ownershipFunctions', input.ownershipFunctions),
    typeAware: readBoolean('typeAware', input.typeAware, defaults.typeAware),
    autofix: readAutofix(input.autofix),
  };
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
