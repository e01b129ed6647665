import { pool } from '../db.js';

// ❌ Each pool.query() may run on a different connection: BEGIN, the UPDATE and COMMIT are not one transaction.
export async function archiveInactiveUsers(): Promise<void> {
  await pool.query('BEGIN');
  await pool.query("UPDATE users SET archived = true WHERE last_login < now() - interval '1 year'");
  await pool.query("DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE archived)");
  await pool.query('COMMIT');
}

// ✅ One leased client for the whole transaction, rolled back on error, released in finally.
export async function archiveInactiveUsersFixed(): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("UPDATE users SET archived = true WHERE last_login < now() - interval '1 year'");
    await client.query("DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE archived)");
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
