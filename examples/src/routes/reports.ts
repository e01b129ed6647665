import { Pool } from 'pg';
import Cursor from 'pg-cursor';
import type { App } from '../http.js';
import { pool } from '../db.js';

export function reportRoutes(app: App): void {
  // ❌ A new pool for every request: a fresh set of connections (and handshakes) per call, never ended.
  app.get('/reports/daily', async (_req, res) => {
    const reportPool = new Pool({ connectionString: process.env.REPORTS_URL, connectionTimeoutMillis: 5_000 });
    const { rows } = await reportPool.query('SELECT day, total FROM daily_totals ORDER BY day DESC LIMIT 30');
    res.json(rows);
  });

  // ✅ The shared pool.
  app.get('/reports/daily-fixed', async (_req, res) => {
    const { rows } = await pool.query('SELECT day, total FROM daily_totals ORDER BY day DESC LIMIT 30');
    res.json(rows);
  });

  // ❌ The cursor is read once and never closed: the server-side portal stays open on the client.
  app.get('/reports/export', async (_req, res) => {
    const client = await pool.connect();
    try {
      const cursor = client.query(new Cursor('SELECT * FROM orders ORDER BY id'));
      const firstPage = await cursor.read(500);
      res.json(firstPage);
    } finally {
      client.release();
    }
  });

  // ✅ Closed in finally, before the client goes back to the pool.
  app.get('/reports/export-fixed', async (_req, res) => {
    const client = await pool.connect();
    try {
      const cursor = client.query(new Cursor('SELECT * FROM orders ORDER BY id'));
      try {
        const firstPage = await cursor.read(500);
        res.json(firstPage);
      } finally {
        await cursor.close();
      }
    } finally {
      client.release();
    }
  });
}
