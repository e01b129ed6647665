import { DataSource } from 'typeorm';

export const dataSource = new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  poolSize: 10,
  extra: { connectionTimeoutMillis: 5_000 },
});

// ❌ The query runner holds a connection until release(), which never comes.
export async function recordLogin(userId: number): Promise<void> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.query('INSERT INTO audit (user_id, action) VALUES ($1, $2)', [userId, 'login']);
  await queryRunner.query('UPDATE users SET last_login = now() WHERE id = $1', [userId]);
}

// ✅ Released in finally.
export async function recordLoginFixed(userId: number): Promise<void> {
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.connect();
    await queryRunner.query('INSERT INTO audit (user_id, action) VALUES ($1, $2)', [userId, 'login']);
    await queryRunner.query('UPDATE users SET last_login = now() WHERE id = $1', [userId]);
  } finally {
    await queryRunner.release();
  }
}
