import type { App } from '../http.js';
import { pool } from '../db.js';

export function userRoutes(app: App): void {
  // ❌ The early return for an unknown user skips client.release(): one leaked connection per 404.
  app.get('/users/profile', async (req, res) => {
    const client = await pool.connect();
    const { rows } = await client.query('SELECT id, name FROM users WHERE id = $1', [req.query.id]);
    if (rows.length === 0) {
      res.status(404).json({ error: 'no such user' });
      return;
    }
    const { rows: roles } = await client.query('SELECT role FROM roles WHERE user_id = $1', [req.query.id]);
    client.release();
    res.json({ ...rows[0], roles: roles.map((r) => r.role) });
  });

  // ✅ Released in a finally that covers every use.
  app.get('/users/profile-fixed', async (req, res) => {
    const client = await pool.connect();
    try {
      const { rows } = await client.query('SELECT id, name FROM users WHERE id = $1', [req.query.id]);
      if (rows.length === 0) {
        res.status(404).json({ error: 'no such user' });
        return;
      }
      const { rows: roles } = await client.query('SELECT role FROM roles WHERE user_id = $1', [req.query.id]);
      res.json({ ...rows[0], roles: roles.map((r) => r.role) });
    } finally {
      client.release();
    }
  });
}
