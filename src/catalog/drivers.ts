import type { DriverSpec } from './types.js';
import { pg, pgCursor, pgPool, pgQueryStream } from './pg.js';

/** Every built-in driver family, in the order of `shared/reference/drivers.md`. */
export const builtinDrivers: readonly DriverSpec[] = [pg, pgPool, pgCursor, pgQueryStream];
