import noConnectionBudgetOverflow from '../rules/no-connection-budget-overflow.js';
import noDoubleRelease from '../rules/no-double-release.js';
import noFloatingQuery from '../rules/no-floating-query.js';
import noPoolInLoop from '../rules/no-pool-in-loop.js';
import noTransactionOnPool from '../rules/no-transaction-on-pool.js';
import preferPoolQuery from '../rules/prefer-pool-query.js';
import preferSingletonPool from '../rules/prefer-singleton-pool.js';
import requireCursorClose from '../rules/require-cursor-close.js';
import requirePoolLimits from '../rules/require-pool-limits.js';
import requireRelease from '../rules/require-release.js';
import requireRollback from '../rules/require-rollback.js';

/** Every rule, by name. One file per rule in `rules/`; this registry is checked against the folder by tests. */
export const rules = {
  'no-connection-budget-overflow': noConnectionBudgetOverflow,
  'no-double-release': noDoubleRelease,
  'no-floating-query': noFloatingQuery,
  'no-pool-in-loop': noPoolInLoop,
  'no-transaction-on-pool': noTransactionOnPool,
  'prefer-pool-query': preferPoolQuery,
  'prefer-singleton-pool': preferSingletonPool,
  'require-cursor-close': requireCursorClose,
  'require-pool-limits': requirePoolLimits,
  'require-release': requireRelease,
  'require-rollback': requireRollback,
};
