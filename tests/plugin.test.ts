// Repository consistency: the plugin object, the rule registry, each rule's meta, and the configs
// derived from that meta (re-derived here independently of src/configs.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { rules } from '../src/rules.js';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const NAMESPACE = 'connection-hygiene';
const CONFIG_NAMES = ['recommended', 'strict', 'recommended-type-checked', 'all'] as const;

interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

interface RuleMeta {
  type: string;
  docs?: { description?: string; recommended?: unknown; url?: string; requiresTypeChecking?: boolean };
  messages?: Record<string, string>;
  schema?: JsonSchema | JsonSchema[] | false;
  defaultOptions?: unknown[];
  deprecated?: unknown;
  fixable?: string;
  hasSuggestions?: boolean;
}

const ruleEntries = Object.entries(rules as Record<string, { meta: RuleMeta; create: unknown }>);
const ruleFiles = readdirSync(join(root, 'rules'))
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();

/** Problems with a schema: objects whose properties lack descriptions or allow additional properties. */
function schemaProblems(schema: JsonSchema, path: string): string[] {
  const problems: string[] = [];
  if (schema.properties !== undefined) {
    if (schema.additionalProperties !== false) problems.push(`${path} must set additionalProperties: false`);
    for (const [key, sub] of Object.entries(schema.properties)) {
      if (typeof sub.description !== 'string' || sub.description.trim() === '') problems.push(`${path}.${key} has no description`);
      problems.push(...schemaProblems(sub, `${path}.${key}`));
    }
  }
  const items = schema.items === undefined ? [] : Array.isArray(schema.items) ? schema.items : [schema.items];
  for (const [i, sub] of [...items, ...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].entries()) {
    problems.push(...schemaProblems(sub, `${path}[${i}]`));
  }
  return problems;
}

function hasOptions(schema: RuleMeta['schema']): boolean {
  if (schema === undefined || schema === false) return false;
  if (Array.isArray(schema)) return schema.length > 0;
  return Object.keys(schema).length > 0;
}

describe('plugin object', () => {
  it('has meta from package.json and the namespace', () => {
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: NAMESPACE });
  });

  it('exports exactly the registered rules', () => {
    expect(plugin.rules).toBe(rules);
  });

  it('registers every file in rules/ and nothing else', () => {
    expect(Object.keys(rules).sort()).toEqual(ruleFiles);
  });

  it('keeps the registry sorted by name', () => {
    const names = Object.keys(rules);
    expect(names).toEqual([...names].sort());
  });
});

describe.each(ruleEntries)('rule %s', (name, rule) => {
  const { meta } = rule;

  it('has a doc page and a test file', () => {
    expect(existsSync(join(root, 'docs', 'rules', `${name}.md`)), `docs/rules/${name}.md`).toBe(true);
    expect(existsSync(join(root, 'tests', 'rules', `${name}.test.ts`)), `tests/rules/${name}.test.ts`).toBe(true);
  });

  it('has a valid type and docs URL', () => {
    expect(['problem', 'suggestion', 'layout']).toContain(meta.type);
    expect(meta.docs?.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
  });

  it('has a sentence-case imperative description without a trailing period', () => {
    expect(meta.docs?.description).toMatch(/^(Disallow|Require|Enforce|Prefer) /);
    expect(meta.docs?.description).not.toMatch(/\.$/);
  });

  it('says which config enables it', () => {
    expect(['recommended', 'strict', undefined]).toContain(meta.docs?.recommended);
  });

  it('has messages that are sentences ending in a period', () => {
    const messages = Object.entries(meta.messages ?? {});
    expect(messages.length).toBeGreaterThan(0);
    for (const [id, message] of messages) expect(message, `message ${id}`).toMatch(/\.$/);
  });

  it('has a closed, self-describing schema', () => {
    const schemas = meta.schema === undefined || meta.schema === false ? [] : Array.isArray(meta.schema) ? meta.schema : [meta.schema];
    expect(meta.schema, 'meta.schema must be declared').toBeDefined();
    expect(schemas.flatMap((schema, i) => schemaProblems(schema, `schema[${i}]`))).toEqual([]);
  });

  it('declares meta.defaultOptions when it has options', () => {
    if (hasOptions(meta.schema)) expect(Array.isArray(meta.defaultOptions)).toBe(true);
    else expect(meta.defaultOptions ?? []).toEqual([]);
  });
});

/** The rules a config must enable, re-derived from rule meta (DESIGN.md §3). */
function expectedRules(config: (typeof CONFIG_NAMES)[number]): Record<string, 'error'> {
  const expected: Record<string, 'error'> = {};
  for (const [name, rule] of ruleEntries) {
    if (rule.meta.deprecated) continue;
    const level = rule.meta.docs?.recommended;
    const on =
      config === 'all' ? true
      : config === 'strict' ? level === 'recommended' || level === 'strict'
      : level === 'recommended';
    if (on) expected[`${NAMESPACE}/${name}`] = 'error';
  }
  return expected;
}

describe('configs', () => {
  it('are exactly recommended, strict, recommended-type-checked and all', () => {
    expect(Object.keys(plugin.configs).sort()).toEqual([...CONFIG_NAMES].sort());
  });

  describe.each(CONFIG_NAMES)('%s', (configName) => {
    const config = plugin.configs[configName];

    it('is named and references the plugin itself', () => {
      expect(config.name).toBe(`${NAMESPACE}/${configName}`);
      expect(config.plugins?.[NAMESPACE]).toBe(plugin);
    });

    it('enables the rules its meta implies', () => {
      expect(config.rules).toEqual(expectedRules(configName));
    });

    it('sets typeAware only in recommended-type-checked', () => {
      const settings = config.settings?.[NAMESPACE];
      if (configName === 'recommended-type-checked') expect(settings?.typeAware).toBe(true);
      else expect(settings?.typeAware).toBeUndefined();
    });
  });

  it('puts every rule in `all` and every recommended rule in `strict`', () => {
    const all = Object.keys(plugin.configs.all.rules ?? {});
    expect(all.sort()).toEqual(ruleEntries.filter(([, r]) => !r.meta.deprecated).map(([n]) => `${NAMESPACE}/${n}`).sort());
    for (const id of Object.keys(plugin.configs.recommended.rules ?? {})) expect(plugin.configs.strict.rules).toHaveProperty([id]);
  });
});
