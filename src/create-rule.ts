import { applyDefault, RuleCreator, type RuleModule, type RuleWithMetaAndName } from '@typescript-eslint/utils/eslint-utils';

/** Extra `meta.docs` of this plugin's rules. */
export interface PluginDocs {
  /** the configs that enable the rule: `recommended` (defects as written) or `strict` (hazards and simplifications) */
  readonly recommended?: 'recommended' | 'strict';
  /** the rule needs type information (none does: types only widen what rules see) */
  readonly requiresTypeChecking?: boolean;
}

export const REPOSITORY_URL = 'https://github.com/connection-hygiene/eslint-plugin-connection-hygiene';

const withDocsUrl = RuleCreator<PluginDocs>((name: string) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`);

/**
 * typescript-eslint's `RuleCreator` (docs URL, typed options), except that a rule configured without
 * options gets its frozen defaults instead of a `structuredClone` of them on every file: `create`
 * runs for every file ESLint lints, most of which have no database code, and that clone was the
 * larger part of the plugin's cost on them (bench/RESULTS.md).
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<RuleWithMetaAndName<Options, MessageIds, PluginDocs>>,
): RuleModule<MessageIds, Options, PluginDocs> & { name: string } {
  const module = withDocsUrl(rule);
  const defaults = Object.freeze(rule.meta.defaultOptions ?? rule.defaultOptions ?? []) as Options;
  return {
    ...module,
    create(context) {
      const options = context.options.length === 0 ? defaults : applyDefault<Options, Options>(defaults, context.options);
      return rule.create(context, options);
    },
  };
}
