import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { LimitSetting } from '../src/catalog/types.js';
import { holderOf, skipWrappers } from '../src/analysis/ast.js';
import { getFileModel } from '../src/analysis/file-model.js';
import { numberOf, OptionsReader, uriParameter, type SettingLookup } from '../src/analysis/options.js';
import { poolOptions, settingApplies, type PoolOptions } from '../src/analysis/pool-size.js';
import { creationBinding, creationName, endCalls, poolCreation, type PoolCreation } from '../src/analysis/pools.js';
import { endingMethodNames } from '../src/analysis/releases.js';
import { createRule } from '../src/create-rule.js';
import { insertArgument, insertProperty, propertyText } from '../src/fixes/insert-property.js';
import { withFixPolicy } from '../src/fixes/policy.js';

type Node = TSESTree.Node;

export type MessageIds = 'unboundedWait' | 'missingSetting' | 'unboundedSetting' | 'insertSetting' | 'boundSetting';

export interface RuleOptions {
  readonly requireRecycling?: boolean;
}

const WAIT_KINDS: ReadonlySet<LimitSetting['kind']> = new Set(['acquireTimeout', 'queueLimit']);

const PURPOSE: Record<LimitSetting['kind'], string> = {
  acquireTimeout: 'how long a caller waits for a free connection',
  queueLimit: 'how many callers may wait for a free connection',
  maxSize: 'the maximum number of connections, which must fit the server’s limit across every process',
  idleTimeout: 'how long an idle connection is kept open',
  maxLifetime: 'how long a connection lives before it is replaced, so connections are recycled before a firewall or server timeout drops them',
};

const UNIT: Record<LimitSetting['unit'], string> = { ms: 'milliseconds', s: 'seconds', connections: 'connections', requests: 'waiting requests' };

export default createRule<[RuleOptions], MessageIds>({
  name: 'require-pool-limits',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require pools to bound the wait for a free connection, and optionally their size, idle time and connection lifetime',
      recommended: 'strict',
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          requireRecycling: {
            type: 'boolean',
            description: 'Also require an explicit maximum size, idle timeout and maximum connection lifetime, for the settings the driver has.',
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      unboundedWait: '`{{name}}` waits for a free connection for ever once the pool is exhausted: {{reason}}. Set `{{setting}}` so that a leak fails fast instead of hanging every caller.',
      missingSetting: '`{{name}}` does not set `{{setting}}`, {{purpose}}; set it explicitly.',
      unboundedSetting: '`{{name}}` sets `{{setting}}` to {{value}}, which means no limit on {{purpose}}; set a bound.',
      insertSetting: 'Set `{{setting}}: {{value}}` ({{unit}}).',
      boundSetting: 'Change `{{setting}}` to {{value}} ({{unit}}).',
    },
    defaultOptions: [{ requireRecycling: false }],
  },
  create(context, [{ requireRecycling = false }]) {
    const model = getFileModel(context);
    if (model === null) return {};
    const { provenance, sourceCode, settings } = model;
    const reader = new OptionsReader((id) => provenance.findVariable(id));

    function onCreation(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const creation = poolCreation(node, provenance);
      if (creation === null || creation.role !== 'pool') return;
      // `mysql.createPool(opts).promise()`, `rawPool.promise()`: a view of a pool made elsewhere, whose
      // limits are that pool's options (reported at its creation); the view's own arguments are not options
      if (isViewOfPool(node)) return;
      // a short-lived pool — created and ended in the same function or script (a migration, a one-shot
      // job, a test harness) — serves one caller: an unbounded wait there is not a production hazard
      if (endedWhereCreated(creation)) return;
      const limits = creation.value.ref.shape.limits;
      if (limits === undefined) return;
      const options = poolOptions(node, limits, reader, sourceCode);
      if (options.kind === 'unknown') return;
      const name = creationName(creation, sourceCode);
      for (const setting of limits.settings) {
        const wait = WAIT_KINDS.has(setting.kind);
        if (!wait && !requireRecycling) continue;
        if (isMoot(setting, options)) continue;
        // a setting whose default follows another option (TypeORM's `poolSize` by `type`) only where it applies
        if (setting.defaultBy !== undefined && settingApplies(setting, options.kind === 'object' ? options.object : null, reader) !== true) continue;
        check(creation, name, setting, options, wait);
      }
    }

    function endedWhereCreated(creation: PoolCreation): boolean {
      const binding = creationBinding(creation.node, sourceCode);
      if (binding === null) return false;
      const holder = holderOf(creation.node);
      return endCalls(binding.variable, provenance, endingMethodNames(provenance.catalog)).some((call) => holderOf(call) === holder);
    }

    function check(creation: PoolCreation, name: string, setting: LimitSetting, options: PoolOptions, wait: boolean): void {
      const settingName = setting.path.join('.');
      const found = lookup(options, setting.path);
      if (found.kind === 'unknown') return;
      const unbounded = setting.unbounded ?? [];
      const suggestData = { setting: settingName, value: String(setting.suggested), unit: UNIT[setting.unit] };
      if (found.kind === 'value') {
        const value = found.value;
        if (value === null || !unbounded.includes(value)) return;
        const reason = `\`${settingName}\` is ${value}, which means no limit`;
        const suggest: Array<TSESLint.SuggestionReportDescriptor<MessageIds>> =
          found.node !== null ? [{ messageId: 'boundSetting', data: suggestData, fix: (fixer) => fixer.replaceText(found.node!, String(setting.suggested)) }] : [];
        if (wait) report(creation, 'unboundedWait', { name, reason, setting: settingName }, suggest);
        else report(creation, 'unboundedSetting', { name, setting: settingName, value: String(value), purpose: PURPOSE[setting.kind] }, suggest);
        return;
      }
      // missing: a bounded default is fine for the wait; recycling settings must be explicit
      if (wait && setting.default !== null && !unbounded.includes(setting.default)) return;
      const suggest = insertion(creation, options, found, setting);
      if (wait) {
        const reason =
          setting.default === null ? `\`${settingName}\` is not set and the driver has no default` : `\`${settingName}\` is not set and defaults to ${setting.default}, which means no limit`;
        report(creation, 'unboundedWait', { name, reason, setting: settingName }, suggest);
      } else {
        report(creation, 'missingSetting', { name, setting: settingName, purpose: PURPOSE[setting.kind] }, suggest);
      }
    }

    function report(creation: PoolCreation, messageId: MessageIds, data: Record<string, string>, suggest: Array<TSESLint.SuggestionReportDescriptor<MessageIds>>): void {
      context.report(withFixPolicy({ node: creation.node, messageId, data, suggest }, settings));
    }

    function insertion(creation: PoolCreation, options: PoolOptions, found: Extract<Lookup, { kind: 'missing' }>, setting: LimitSetting): Array<TSESLint.SuggestionReportDescriptor<MessageIds>> {
      const data = { setting: setting.path.join('.'), value: String(setting.suggested), unit: UNIT[setting.unit] };
      if (found.into !== null) {
        const into = found.into;
        const text = propertyText(found.path, String(setting.suggested));
        return [{ messageId: 'insertSetting', data, fix: (fixer) => insertProperty(fixer, sourceCode, into, text) }];
      }
      if (options.kind === 'absent') {
        const text = `{ ${propertyText(setting.path, String(setting.suggested))} }`;
        const fix = (fixer: TSESLint.RuleFixer): TSESLint.RuleFix | null => insertArgument(fixer, sourceCode, creation.node, options.index, text);
        return creation.node.arguments.length === options.index ? [{ messageId: 'insertSetting', data, fix }] : [];
      }
      return [];
    }

    type Lookup =
      | { readonly kind: 'value'; readonly value: number | null; readonly node: Node | null }
      | { readonly kind: 'missing'; readonly into: TSESTree.ObjectExpression | null; readonly path: readonly string[] }
      | { readonly kind: 'unknown' };

    function lookup(options: PoolOptions, path: readonly string[]): Lookup {
      switch (options.kind) {
        case 'absent':
          return { kind: 'missing', into: null, path };
        case 'unknown':
          return { kind: 'unknown' };
        case 'uri': {
          const value = uriParameter(options.uri, path[path.length - 1]!);
          if (value === undefined) return { kind: 'missing', into: null, path };
          const number = value === null ? null : Number(value);
          return { kind: 'value', value: number !== null && Number.isFinite(number) ? number : null, node: null };
        }
        case 'object': {
          const found: SettingLookup = reader.lookup(options.object, path);
          if (found.kind === 'unknown') return found;
          if (found.kind === 'missing') return { kind: 'missing', into: found.into, path: found.path };
          return { kind: 'value', value: numberOf(found.value), node: found.value };
        }
      }
    }

    /** A pool produced by a method of another pool (`pool.promise()`): the same connections, not a new pool. */
    function isViewOfPool(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
      if (node.type !== 'CallExpression') return false;
      const callee = skipWrappers(node.callee);
      if (callee.type !== 'MemberExpression') return false;
      return provenance.shape(callee.object)?.ref.shape.role === 'pool';
    }

    /** `waitForConnections: false` makes `queueLimit` moot (the catalog's `moot`). */
    function isMoot(setting: LimitSetting, options: PoolOptions): boolean {
      if (setting.moot === undefined || options.kind !== 'object') return false;
      const found = reader.lookup(options.object, setting.moot.path);
      if (found.kind !== 'found') return false;
      const value = found.value.type === 'Literal' ? found.value.value : undefined;
      return value === setting.moot.equals;
    }

    return {
      NewExpression: onCreation,
      CallExpression: onCreation,
    };
  },
});

