import type { DriverSpec } from './types.js';
import { betterSqlite3 } from './better-sqlite3.js';
import { cassandra } from './cassandra.js';
import { clickhouse } from './clickhouse.js';
import { databricks } from './databricks.js';
import {
  drizzleBetterSqlite3,
  drizzleLibsql,
  drizzleMysql2,
  drizzleNeonHttp,
  drizzleNeonServerless,
  drizzleNodePostgres,
  drizzlePlanetscaleServerless,
  drizzlePostgresJs,
  drizzleVercelPostgres,
} from './drizzle.js';
import { genericPool } from './generic-pool.js';
import { ioredis } from './ioredis.js';
import { knex } from './knex.js';
import { kysely } from './kysely.js';
import { libsql } from './libsql.js';
import { mariadb, mariadbCallback } from './mariadb.js';
import { mongodb } from './mongodb.js';
import { mongoose } from './mongoose.js';
import { mssql } from './mssql.js';
import { mysql } from './mysql.js';
import { mysql2, mysql2Promise } from './mysql2.js';
import { neo4j } from './neo4j.js';
import { neon } from './neon.js';
import { nodeSqlite } from './node-sqlite.js';
import { oracledb } from './oracledb.js';
import { pg, pgCursor, pgPool, pgQueryStream } from './pg.js';
import { pgPromise } from './pg-promise.js';
import { planetscale } from './planetscale.js';
import { postgres } from './postgres.js';
import { prisma, prismaAdapterPg } from './prisma.js';
import { redis } from './redis.js';
import { sequelize } from './sequelize.js';
import { serverlessMysql } from './serverless-mysql.js';
import { slonik } from './slonik.js';
import { snowflake } from './snowflake.js';
import { sqlite3 } from './sqlite3.js';
import { tedious } from './tedious.js';
import { typeorm } from './typeorm.js';
import { vercelPostgres } from './vercel-postgres.js';

/** Every built-in driver family, in the order of `shared/reference/drivers.md` (§2.1–§2.29). */
export const builtinDrivers: readonly DriverSpec[] = [
  pg, pgPool, pgCursor, pgQueryStream, // 2.1
  mysql, // 2.2
  mysql2, mysql2Promise, // 2.3
  mariadb, mariadbCallback, // 2.4
  prisma, prismaAdapterPg, // 2.5
  knex, // 2.6
  typeorm, // 2.7
  sequelize, // 2.8
  mongodb, // 2.9
  mongoose, // 2.10
  redis, // 2.11
  ioredis, // 2.12
  oracledb, // 2.13
  mssql, tedious, // 2.14
  betterSqlite3, // 2.15
  sqlite3, // 2.16
  nodeSqlite, // 2.17
  postgres, // 2.18
  neon, // 2.19
  vercelPostgres, // 2.20
  planetscale, // 2.21
  libsql, // 2.22
  kysely, // 2.23
  drizzleNodePostgres, drizzlePostgresJs, drizzleMysql2, drizzleBetterSqlite3, drizzleLibsql, // 2.24
  drizzleNeonHttp, drizzleNeonServerless, drizzlePlanetscaleServerless, drizzleVercelPostgres,
  pgPromise, // 2.25
  slonik, // 2.26
  neo4j, // 2.27
  cassandra, // 2.28
  genericPool, // 2.29
  // not (yet) in drivers.md: sources in each file
  snowflake,
  databricks,
  clickhouse,
  serverlessMysql,
];
