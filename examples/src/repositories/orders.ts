import mysql from 'mysql2/promise';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';

const pool = mysql.createPool({
  uri: process.env.MYSQL_URL,
  connectionLimit: 10,
  queueLimit: 100,
  connectTimeout: 5_000,
  maxIdle: 10,
  idleTimeout: 60_000,
});

export class OrderRepository {
  // ❌ release() runs only on the success path: a failed INSERT leaks the connection.
  async create(userId: number, skus: string[]): Promise<number> {
    const conn = await pool.getConnection();
    await conn.beginTransaction();
    const [order] = await conn.query<ResultSetHeader>('INSERT INTO orders (user_id) VALUES (?)', [userId]);
    await conn.query('INSERT INTO order_items (order_id, sku) VALUES ?', [skus.map((sku) => [order.insertId, sku])]);
    await conn.commit();
    conn.release();
    return order.insertId;
  }

  // ✅ Rolled back on error, released in finally.
  async createFixed(userId: number, skus: string[]): Promise<number> {
    const conn = await pool.getConnection();
    try {
      await conn.beginTransaction();
      const [order] = await conn.query<ResultSetHeader>('INSERT INTO orders (user_id) VALUES (?)', [userId]);
      await conn.query('INSERT INTO order_items (order_id, sku) VALUES ?', [skus.map((sku) => [order.insertId, sku])]);
      await conn.commit();
      return order.insertId;
    } catch (error) {
      await conn.rollback();
      throw error;
    } finally {
      conn.release();
    }
  }

  async count(): Promise<number> {
    const [rows] = await pool.query<RowDataPacket[]>('SELECT count(*) AS n FROM orders');
    return Number(rows[0]?.n ?? 0);
  }
}
