import type { RuleModule, RuleWithMetaAndName } from '@typescript-eslint/utils/eslint-utils';

/** Extra `meta.docs` of this plugin's rules. */
export interface PluginDocs {
  /** the configs that enable the rule: `recommended` (defects as written) or `strict` (hazards and simplifications) */
  readonly recommended?: 'recommended' | 'strict';
  /** the rule needs type information (none does: types only widen what rules see) */
  readonly requiresTypeChecking?: boolean;
}

export const REPOSITORY_URL = 'https://github.com/connection-hygiene/eslint-plugin-connection-hygiene';

/** A plain object (not an array, not `null`): the options that merge key by key. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `second` over `first`, key by key, into a new object; nested plain objects merge the same way. */
function deepMerge(first: Record<string, unknown>, second: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...first };
  for (const [key, value] of Object.entries(second)) {
    const base = merged[key];
    merged[key] = isPlainObject(base) && isPlainObject(value) ? deepMerge(base, value) : value;
  }
  return merged;
}

/** The user's options over the defaults, position by position (what typescript-eslint's `applyDefault` does). */
function withDefaults<Options extends readonly unknown[]>(defaults: Options, user: readonly unknown[]): Options {
  return defaults.map((base, index) => {
    const value = user[index];
    if (value === undefined) return base;
    return isPlainObject(base) && isPlainObject(value) ? deepMerge(base, value) : value;
  }) as unknown as Options;
}

/**
 * A rule with its docs URL and typed options, as typescript-eslint's `RuleCreator` makes it, written
 * here so the plugin has no runtime dependency (a JavaScript project does not install TypeScript for
 * it). A rule configured without options gets its frozen defaults instead of a copy of them on every
 * file: `create` runs for every file ESLint lints, most of which have no database code, and that copy
 * was the larger part of the plugin's cost on them (bench/RESULTS.md).
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<RuleWithMetaAndName<Options, MessageIds, PluginDocs>>,
): RuleModule<MessageIds, Options, PluginDocs> & { name: string } {
  const { create, meta, name } = rule;
  const defaults = Object.freeze(meta.defaultOptions ?? rule.defaultOptions ?? []) as Options;
  return {
    name,
    meta: { ...meta, docs: { ...meta.docs, url: `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md` } },
    defaultOptions: rule.defaultOptions ?? defaults,
    create(context) {
      return create(context, context.options.length === 0 ? defaults : withDefaults(defaults, context.options));
    },
  };
}
