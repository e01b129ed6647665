import type { TSESLint } from '@typescript-eslint/utils';
import type { PluginSettings } from '../settings.js';

/**
 * The plugin's fix policy (DESIGN.md §3): a remedy is an `eslint --fix` autofix only when it
 * provably keeps the success path unchanged; everything else is an editor suggestion. With
 * `settings["connection-hygiene"].autofix: "all"`, the first suggestion of a report that has no
 * autofix is applied under `--fix` as well (a codemod for teams that want one).
 */
export function withFixPolicy<MessageIds extends string>(
  descriptor: TSESLint.ReportDescriptor<MessageIds>,
  settings: PluginSettings,
): TSESLint.ReportDescriptor<MessageIds> {
  if (settings.autofix !== 'all' || descriptor.fix != null) return descriptor;
  const first = descriptor.suggest?.[0];
  return first ? { ...descriptor, fix: first.fix } : descriptor;
}
