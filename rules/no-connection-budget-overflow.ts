import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getFileModel } from '../src/analysis/file-model.js';
import { OptionsReader } from '../src/analysis/options.js';
import { connectionTarget, isUnconditional, poolSize, safely, type PoolSize } from '../src/analysis/pool-size.js';
import { absorbingCreation, creationName, poolCreation, type PoolCreation } from '../src/analysis/pools.js';
import { multiplierInput, processMultiplier, serverlessHandler } from '../src/analysis/processes.js';
import { createRule } from '../src/create-rule.js';
import { insertArgument, insertProperty, propertyText } from '../src/fixes/insert-property.js';
import { withFixPolicy } from '../src/fixes/policy.js';

type Node = TSESTree.Node;

export type MessageIds = 'overBudget' | 'serverlessPool' | 'setSize';

export interface RuleOptions {
  readonly serverless?: boolean;
  readonly poolerInEnvironment?: boolean;
}

type KnownSize = Extract<PoolSize, { kind: 'known' }>;

interface Pool {
  readonly creation: PoolCreation;
  readonly size: KnownSize;
  /** counted with the file's other pools: created unconditionally, outside functions */
  readonly shared: boolean;
}

export default createRule<[RuleOptions], MessageIds>({
  name: 'no-connection-budget-overflow',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow pools whose maximum size, times the processes that run them, exceeds the database server’s connection budget',
      recommended: 'strict',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          serverless: {
            type: 'boolean',
            description: 'Report pools of more than one connection in serverless handler modules (a `handler` export, Next.js route files, Workers `fetch`) whose connection string shows no pooler.',
          },
          poolerInEnvironment: {
            type: 'boolean',
            description: 'Connection strings and hosts read from the environment point at a pooler, so serverless pools configured from the environment are not reported.',
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      overBudget:
        '`{{name}}` can open {{connections}} × {{processes}} = {{total}}, above the {{available}} left of max_connections {{maxConnections}} after {{reserved}} reserved; lower the pool size or the number of processes.',
      serverlessPool:
        '`{{name}}` can open {{size}} connections in every concurrent invocation of {{handler}}, and its connection string shows no pooler; set `{{setting}}` to 1 or connect through a pooler (PgBouncer, Neon’s `-pooler` host, Supabase’s port 6543, Prisma Accelerate, RDS Proxy).',
      setSize: 'Set `{{setting}}` to {{value}}.',
    },
    defaultOptions: [{ serverless: true, poolerInEnvironment: false }],
  },
  create(context, [{ serverless = true, poolerInEnvironment = false }]) {
    const model = getFileModel(context);
    if (model === null) return {};
    const { provenance, sourceCode, settings } = model;
    const budget = settings.budget;
    const program = sourceCode.ast;
    const handler = serverless ? safely(() => serverlessHandler(program, context.filename), null) : null;
    // with no budget, only serverless handler modules have findings
    if (budget === undefined && handler === null) return {};
    const reader = new OptionsReader((id) => provenance.findVariable(id));
    const pools: Pool[] = [];

    function onCreation(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const creation = poolCreation(node, provenance);
      if (creation === null || creation.role !== 'pool') return;
      const size = safely<PoolSize | null>(() => poolSize(node, creation.value.ref.shape.limits, reader, sourceCode), null);
      if (size === null || size.kind !== 'known') return;
      // an adapter pool owned by another creation (`new PrismaClient({ adapter: new PrismaPg(…) })`) is counted once, here
      pools.push({ creation, size, shared: isUnconditional(node) });
    }

    function onEnd(): void {
      if (pools.length === 0) return;
      const reported = new Set<Node>();
      if (budget !== undefined) {
        const multiplier = safely(() => processMultiplier(multiplierInput(context, budget, (id) => provenance.findVariable(id))), null);
        if (multiplier?.kind === 'known') {
          const available = budget.maxConnections - budget.reservedConnections;
          const sharedTotal = pools.filter((p) => p.shared).reduce((n, p) => n + p.size.value, 0);
          for (const pool of pools) {
            const others = pool.shared ? sharedTotal - pool.size.value : 0;
            const perProcess = pool.size.value + others;
            const total = perProcess * multiplier.count;
            if (total <= available) continue;
            const fits = Math.floor(available / multiplier.count) - others;
            const connections = others > 0 ? `${pool.size.value} + ${others} connections (with the file’s other pools)` : `${pool.size.value} connection${pool.size.value === 1 ? '' : 's'}`;
            report(pool, 'overBudget', {
              name: creationName(pool.creation, sourceCode),
              connections,
              processes: multiplier.words,
              total: String(total),
              available: String(available),
              maxConnections: String(budget.maxConnections),
              reserved: String(budget.reservedConnections),
            }, fits >= 1 && fits < pool.size.value ? fits : null);
            reported.add(pool.creation.node);
          }
        }
      }
      if (handler === null) return;
      for (const pool of pools) {
        if (reported.has(pool.creation.node) || pool.size.value <= 1) continue;
        const target = safely(() => connectionTarget(pool.creation.node, reader), { pooler: 'unknown', unseen: true });
        if (target.pooler !== null || (poolerInEnvironment && target.unseen)) continue;
        const outer = absorbingCreation(pool.creation.node, provenance, sourceCode);
        report(pool, 'serverlessPool', {
          name: creationName(outer ?? pool.creation, sourceCode),
          size: String(pool.size.value),
          handler,
          setting: pool.size.path.join('.'),
        }, 1);
      }
    }

    function report(pool: Pool, messageId: MessageIds, data: Record<string, string>, fits: number | null): void {
      const suggest = fits === null ? [] : suggestions(pool.size, pool.creation, fits);
      context.report(withFixPolicy({ node: pool.creation.node, messageId, data, suggest }, settings));
    }

    function suggestions(size: KnownSize, creation: PoolCreation, value: number): Array<TSESLint.SuggestionReportDescriptor<MessageIds>> {
      const data = { setting: size.path.join('.'), value: String(value) };
      if (size.replace !== null) {
        const node = size.replace;
        return [{ messageId: 'setSize', data, fix: (fixer) => fixer.replaceText(node, String(value)) }];
      }
      const insert = size.insert;
      if (insert === null) return [];
      if ('into' in insert) {
        const text = propertyText(insert.path, String(value));
        return [{ messageId: 'setSize', data, fix: (fixer) => insertProperty(fixer, sourceCode, insert.into, text) }];
      }
      if (creation.node.arguments.length !== insert.argument) return [];
      const text = `{ ${propertyText(size.path, String(value))} }`;
      return [{ messageId: 'setSize', data, fix: (fixer) => insertArgument(fixer, sourceCode, creation.node, insert.argument, text) }];
    }

    return {
      NewExpression: onCreation,
      CallExpression: onCreation,
      'Program:exit': onEnd,
    };
  },
});
