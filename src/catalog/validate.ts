/**
 * Structural validation of a driver description given by a user in
 * `settings["connection-hygiene"].resources`. Built-in entries are typed; user entries are JSON, so
 * every key is checked and a problem is reported with its path and what is allowed.
 */

export interface SpecProblem {
  /** the path below the resource, e.g. `.shapes.Pool.role` */
  readonly path: string;
  readonly message: string;
}

type Check = (value: unknown, path: string) => SpecProblem | null;

const problem = (path: string, message: string): SpecProblem => ({ path, message });

const roles = ['pool', 'connection', 'lease', 'transaction', 'cursor', 'handle'];

const isString: Check = (v, p) => (typeof v === 'string' && v.length > 0 ? null : problem(p, 'must be a non-empty string.'));
const isBoolean: Check = (v, p) => (typeof v === 'boolean' ? null : problem(p, 'must be true or false.'));
const isIndex: Check = (v, p) => (Number.isInteger(v) && (v as number) >= 0 ? null : problem(p, 'must be a non-negative integer.'));
const oneOf =
  (...allowed: string[]): Check =>
  (v, p) =>
    typeof v === 'string' && allowed.includes(v) ? null : problem(p, `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}.`);

const arrayOf =
  (item: Check): Check =>
  (v, p) => {
    if (!Array.isArray(v)) return problem(p, 'must be an array.');
    for (let i = 0; i < v.length; i++) {
      const found = item(v[i], `${p}[${i}]`);
      if (found) return found;
    }
    return null;
  };

const objectOf =
  (fields: Record<string, Check>, required: string[] = []): Check =>
  (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return problem(p, 'must be an object.');
    const record = v as Record<string, unknown>;
    for (const key of required) if (record[key] === undefined) return problem(`${p}.${key}`, 'is required.');
    for (const [key, value] of Object.entries(record)) {
      const check = fields[key];
      if (check === undefined) return problem(`${p}.${key}`, `is not a known key; allowed: ${Object.keys(fields).join(', ')}.`);
      const found = check(value, `${p}.${key}`);
      if (found) return found;
    }
    return null;
  };

const recordOf =
  (item: Check): Check =>
  (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return problem(p, 'must be an object.');
    for (const [key, value] of Object.entries(v)) {
      const found = item(value, `${p}.${key}`);
      if (found) return found;
    }
    return null;
  };

const strings = arrayOf(isString);

const argumentCondition: Check = (v, p) => {
  if (typeof v !== 'object' || v === null) return problem(p, 'must be an object.');
  const r = v as Record<string, unknown>;
  if ('is' in r) return objectOf({ index: isIndex, is: oneOf('string', 'absent') }, ['index', 'is'])(v, p);
  if ('hasProperty' in r) return objectOf({ index: isIndex, hasProperty: isString }, ['index', 'hasProperty'])(v, p);
  if ('lacksProperty' in r) return objectOf({ index: isIndex, lacksProperty: isString }, ['index', 'lacksProperty'])(v, p);
  return problem(p, 'must have "is", "hasProperty" or "lacksProperty".');
};

const limitSetting = objectOf(
  {
    kind: oneOf('acquireTimeout', 'maxSize', 'idleTimeout', 'maxLifetime', 'queueLimit'),
    path: strings,
    default: (v, p) => (v === null || typeof v === 'number' ? null : problem(p, 'must be a number or null.')),
    unbounded: arrayOf((v, p) => (typeof v === 'number' ? null : problem(p, 'must be a number.'))),
    suggested: (v, p) => (typeof v === 'number' ? null : problem(p, 'must be a number.')),
    unit: oneOf('ms', 's', 'connections', 'requests'),
    moot: objectOf(
      {
        path: strings,
        equals: (v, p) => (typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string' ? null : problem(p, 'must be a boolean, a number or a string.')),
      },
      ['path', 'equals'],
    ),
    defaultBy: objectOf(
      {
        path: strings,
        values: recordOf((v, p) => (v === null || typeof v === 'number' ? null : problem(p, 'must be a number or null.'))),
      },
      ['path', 'values'],
    ),
    overriddenBy: arrayOf(strings),
  },
  ['kind', 'path', 'default', 'suggested', 'unit'],
);

const shape = objectOf(
  {
    role: oneOf(...roles),
    types: strings,
    release: strings,
    discard: strings,
    open: strings,
    openResolvesToSelf: isBoolean,
    lazy: strings,
    statusMethods: strings,
    subscriber: objectOf({ methods: strings, events: strings }, []),
    releasesArgument: strings,
    asyncRelease: strings,
    produces: arrayOf(
      objectOf(
        {
          method: isString,
          shape: isString,
          awaited: isBoolean,
          callback: objectOf({ resourceParam: isIndex, releaseParam: isIndex }, ['resourceParam']),
          withoutCallback: isBoolean,
          when: arrayOf(argumentCondition),
          property: isString,
        },
        ['method', 'shape'],
      ),
    ),
    submits: recordOf(isIndex),
    queries: strings,
    evidenceQueries: strings,
    queryResult: oneOf('promise', 'callback', 'sync'),
    consumers: strings,
    closedWithLease: isBoolean,
    managed: arrayOf(
      objectOf({ method: isString, scopeParam: isIndex, scopeShape: isString, transaction: isBoolean }, ['method']),
    ),
    transaction: objectOf(
      {
        sql: isBoolean,
        begin: strings,
        commit: strings,
        rollback: strings,
        releaseWhileOpen: oneOf('stays-open', 'rolls-back', 'commits', 'not-applicable'),
      },
      ['releaseWhileOpen'],
    ),
    dispose: objectOf(
      { symbol: oneOf('asyncDispose', 'dispose'), since: isString, note: isString, commitsOpenTransaction: isBoolean },
      ['symbol', 'since'],
    ),
    lifetime: oneOf('single', 'per-request', 'free'),
    limits: objectOf({ optionsArgument: isIndex, optionsLast: isBoolean, settings: arrayOf(limitSetting) }, ['optionsArgument', 'settings']),
    call: objectOf({ shape: isString, awaited: isBoolean }, ['shape']),
    taggedQuery: objectOf({ shape: isString }),
    iterationCloses: isBoolean,
    releaseChain: isString,
  },
  ['role'],
);

const moduleSpec: Check = (v, p) => {
  if (typeof v === 'string') return isString(v, p);
  const found = objectOf({ pattern: isString, exports: strings }, ['pattern'])(v, p);
  if (found) return found;
  try {
    new RegExp((v as { pattern: string }).pattern, 'u');
  } catch (error) {
    return problem(`${p}.pattern`, `is not a valid regular expression: ${(error as Error).message}`);
  }
  return null;
};

const driverSpec = objectOf(
  {
    id: (v, p) =>
      typeof v === 'string' && /^[\w@/.-]+$/u.test(v) ? null : problem(p, 'must be a string of letters, digits, "@", "/", ".", "_" or "-".'),
    title: isString,
    checkedAgainst: recordOf(isString),
    modules: arrayOf(moduleSpec),
    exports: arrayOf(
      objectOf(
        {
          path: arrayOf((v, p) => (typeof v === 'string' ? null : problem(p, 'must be a string.'))),
          via: oneOf('new', 'call', 'new-or-call', 'value'),
          shape: isString,
          awaited: isBoolean,
          when: arrayOf(argumentCondition),
          unless: arrayOf(argumentCondition),
          moduleSingleton: isBoolean,
        },
        ['path', 'via', 'shape'],
      ),
    ),
    shapes: recordOf(shape),
  },
  ['id', 'modules', 'exports', 'shapes'],
);

/** Checks a user-supplied resource description. Shape references to the same entry must resolve. */
export function validateDriverSpec(value: unknown): SpecProblem | null {
  const found = driverSpec(value, '');
  if (found) return found;
  const spec = value as {
    shapes: Record<string, { produces?: Array<{ shape: string }>; managed?: Array<{ scopeShape?: string }> }>;
    exports: Array<{ shape: string }>;
  };
  const local = (ref: string | undefined): boolean => ref === undefined || ref.includes(':') || ref in spec.shapes;
  for (const [i, e] of spec.exports.entries()) {
    if (!local(e.shape)) return problem(`.exports[${i}].shape`, `names the shape "${e.shape}", which is not in .shapes.`);
  }
  for (const [name, s] of Object.entries(spec.shapes)) {
    for (const [i, pr] of (s.produces ?? []).entries()) {
      if (!local(pr.shape)) return problem(`.shapes.${name}.produces[${i}].shape`, `names the shape "${pr.shape}", which is not in .shapes.`);
    }
    for (const [i, m] of (s.managed ?? []).entries()) {
      if (!local(m.scopeShape)) return problem(`.shapes.${name}.managed[${i}].scopeShape`, `names the shape "${m.scopeShape}", which is not in .shapes.`);
    }
  }
  return null;
}
