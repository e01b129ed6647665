export type ConfigName = 'recommended' | 'strict' | 'recommended-type-checked' | 'all';

/** What `rulesFor` reads of a rule: its `meta`. */
type RuleWithMeta = { meta: { deprecated?: unknown; docs?: { recommended?: string } } };

/**
 * The rules each config enables, derived from rule meta (DESIGN.md §3): `recommended` holds the
 * rules whose findings are defects as written; `strict` adds configuration hazards and
 * simplifications; `recommended-type-checked` is `recommended` with type-aware resolution on; `all`
 * enables every rule.
 */
export function rulesFor(config: ConfigName, rules: Readonly<Record<string, RuleWithMeta>>, namespace: string): Record<string, 'error'> {
  const selected: Record<string, 'error'> = {};
  for (const [name, rule] of Object.entries(rules)) {
    if (rule.meta.deprecated) continue;
    const level = rule.meta.docs?.recommended;
    const include =
      config === 'all' ||
      ((config === 'recommended' || config === 'recommended-type-checked') && level === 'recommended') ||
      (config === 'strict' && (level === 'recommended' || level === 'strict'));
    if (include) selected[`${namespace}/${name}`] = 'error';
  }
  return selected;
}

/** Settings a config carries. */
export function settingsFor(config: ConfigName, namespace: 'connection-hygiene'): { 'connection-hygiene': { typeAware: boolean } } | undefined {
  return config === 'recommended-type-checked' ? { [namespace]: { typeAware: true } } : undefined;
}
