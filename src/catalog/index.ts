import type { DriverSpec, ModuleSpec, ShapeSpec } from './types.js';
import { builtinDrivers } from './drivers.js';

export type * from './types.js';
export { builtinDrivers };

/** A shape together with the driver that defines it. */
export interface ShapeRef {
  readonly driver: DriverSpec;
  readonly name: string;
  readonly shape: ShapeSpec;
}

interface ModuleMatcher {
  readonly driver: DriverSpec;
  readonly exact?: string;
  readonly pattern?: RegExp;
  readonly exports?: readonly string[];
}

/**
 * The catalog a file is linted against: the built-in drivers plus the user's `resources`. Built
 * once per distinct resources setting and cached; lookups are maps.
 */
export class Catalog {
  readonly drivers: readonly DriverSpec[];
  private readonly byId = new Map<string, DriverSpec>();
  private readonly exact = new Map<string, DriverSpec[]>();
  private readonly patterns: ModuleMatcher[] = [];
  private readonly shapeRefs = new Map<string, ShapeRef>();

  constructor(drivers: readonly DriverSpec[]) {
    this.drivers = drivers;
    for (const driver of drivers) {
      this.byId.set(driver.id, driver);
      for (const m of driver.modules) {
        const matcher = toMatcher(driver, m);
        if (matcher.exact !== undefined) {
          const list = this.exact.get(matcher.exact) ?? [];
          list.push(driver);
          this.exact.set(matcher.exact, list);
        } else {
          this.patterns.push(matcher);
        }
      }
    }
  }

  /** The drivers an import specifier loads, with the named exports a pattern match is limited to. */
  driversForModule(specifier: string): ReadonlyArray<{ driver: DriverSpec; exports?: readonly string[] }> {
    const found: Array<{ driver: DriverSpec; exports?: readonly string[] }> = [];
    for (const driver of this.exact.get(specifier) ?? []) found.push({ driver });
    for (const m of this.patterns) {
      if (m.pattern!.test(specifier)) found.push({ driver: m.driver, exports: m.exports });
    }
    return found;
  }

  /** Resolves `Shape` (in `from`) or `driverId:Shape` to its definition. */
  shape(from: DriverSpec, reference: string): ShapeRef | undefined {
    const key = reference.includes(':') ? reference : `${from.id}:${reference}`;
    let ref = this.shapeRefs.get(key);
    if (ref === undefined) {
      const [driverId, name] = key.split(':') as [string, string];
      const driver = this.byId.get(driverId);
      const shape = driver?.shapes[name];
      if (driver === undefined || shape === undefined) return undefined;
      ref = { driver, name, shape };
      this.shapeRefs.set(key, ref);
    }
    return ref;
  }

  driver(id: string): DriverSpec | undefined {
    return this.byId.get(id);
  }
}

function toMatcher(driver: DriverSpec, m: ModuleSpec): ModuleMatcher {
  if (typeof m === 'string') return { driver, exact: m };
  return { driver, pattern: new RegExp(m.pattern, 'u'), exports: m.exports };
}

/**
 * Memoizes an index derived from a catalog (method-name sets, type-name maps, patterns), computed on
 * first use and kept as long as the catalog: analyses ask for them in every rule's `create`.
 */
export function perCatalog<T>(derive: (catalog: Catalog) => T): (catalog: Catalog) => T {
  const cache = new WeakMap<Catalog, T>();
  return (catalog) => {
    let value = cache.get(catalog);
    if (value === undefined) {
      value = derive(catalog);
      cache.set(catalog, value);
    }
    return value;
  };
}

let builtinCatalog: Catalog | undefined;
const customCatalogs = new WeakMap<readonly DriverSpec[], Catalog>();

/** The catalog for a set of custom resources (empty: the built-in catalog). */
export function getCatalog(custom: readonly DriverSpec[] = []): Catalog {
  if (custom.length === 0) return (builtinCatalog ??= new Catalog(builtinDrivers));
  let catalog = customCatalogs.get(custom);
  if (catalog === undefined) {
    catalog = new Catalog([...builtinDrivers, ...custom]);
    customCatalogs.set(custom, catalog);
  }
  return catalog;
}
