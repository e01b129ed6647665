import { RuleCreator } from '@typescript-eslint/utils/eslint-utils';

/** Extra `meta.docs` of this plugin's rules. */
export interface PluginDocs {
  /** the configs that enable the rule: `recommended` (defects as written) or `strict` (hazards and simplifications) */
  readonly recommended?: 'recommended' | 'strict';
  /** the rule needs type information (none does: types only widen what rules see) */
  readonly requiresTypeChecking?: boolean;
}

export const REPOSITORY_URL = 'https://github.com/connection-hygiene/eslint-plugin-connection-hygiene';

export const createRule = RuleCreator<PluginDocs>(
  (name: string) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`,
);
