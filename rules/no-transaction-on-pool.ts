import type { TSESTree } from '@typescript-eslint/utils';
import { getFileModel } from '../src/analysis/file-model.js';
import { classifyQueryCall, isPoolLike, leaseProducer, managedTransaction, queryCallText, queryMethodNames } from '../src/analysis/queries.js';
import { classifySqlVerb, type SqlVerb } from '../src/analysis/transactions.js';
import { createRule } from '../src/create-rule.js';

export type MessageIds = 'transactionOnPool';

const STATEMENT: Record<SqlVerb, string> = {
  begin: 'BEGIN',
  commit: 'COMMIT',
  rollback: 'ROLLBACK',
  savepoint: 'SAVEPOINT',
};

export default createRule<[], MessageIds>({
  name: 'no-transaction-on-pool',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow transaction statements sent through a pool\'s one-shot query, where each statement may run on a different connection',
      recommended: 'recommended',
    },
    schema: [],
    messages: {
      transactionOnPool:
        '`{{statement}}` sent through `{{call}}` runs on whichever connection the pool picks, so the statements after it may run on other connections; {{remedy}}.',
    },
  },
  create(context) {
    const model = getFileModel(context);
    if (model === null) return {};
    const { provenance, catalog, sourceCode } = model;
    const names = queryMethodNames(catalog);
    const text = (node: TSESTree.Node): string => sourceCode.getText(node);

    function check(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): void {
      const query = classifyQueryCall(node, provenance, names);
      if (query === null || query.sql === null || !isPoolLike(query.receiver.ref, catalog)) return;
      const verb = classifySqlVerb(query.sql, { sourceCode });
      if (verb === null) return;
      context.report({
        node,
        messageId: 'transactionOnPool',
        data: { statement: STATEMENT[verb], call: queryCallText(query, text), remedy: remedyFor(query.receiverNode, query.receiver.ref) },
      });
    }

    function remedyFor(receiver: TSESTree.Node, ref: Parameters<typeof isPoolLike>[0]): string {
      const pool = text(receiver);
      const managed = managedTransaction(ref);
      if (managed !== null) return `run the transaction in \`${pool}.${managed.method}(…)\`, which commits or rolls back for you`;
      const lease = leaseProducer(ref, catalog);
      if (lease !== null) return `lease a connection with \`${pool}.${lease.method}()\` and run the whole transaction on it`;
      return 'run the whole transaction on one leased connection';
    }

    return {
      CallExpression: check,
      TaggedTemplateExpression: check,
    };
  },
});
