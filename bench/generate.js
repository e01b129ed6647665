// Generated inputs for the scaling and pathological runs.

/** A module with `count` functions that each lease a client and release it (every fourth one leaks on an early return). */
export function leaseFunctions(count) {
  const parts = ["import { Pool } from 'pg';", '', 'const pool = new Pool();', ''];
  for (let i = 0; i < count; i++) {
    if (i % 4 === 3) {
      parts.push(
        `export async function load${i}(id) {`,
        '  const client = await pool.connect();',
        `  if (!id) return null;`,
        `  const { rows } = await client.query('SELECT $1::int AS n', [id + ${i}]);`,
        '  client.release();',
        '  return rows[0];',
        '}',
        '',
      );
    } else {
      parts.push(
        `export async function load${i}(id) {`,
        '  const client = await pool.connect();',
        '  try {',
        `    const { rows } = await client.query('SELECT $1::int AS n', [id + ${i}]);`,
        '    if (rows.length === 0) return null;',
        '    return rows[0];',
        '  } finally {',
        '    client.release();',
        '  }',
        '}',
        '',
      );
    }
  }
  return parts.join('\n');
}

/** `depth` nested blocks/ifs around a lease: deep ASTs must not overflow the stack. */
export function deepNesting(depth) {
  const open = [];
  const close = [];
  for (let i = 0; i < depth; i++) {
    open.push(i % 2 === 0 ? `if (x > ${i}) {` : '{');
    close.push('}');
  }
  return [
    "import { Pool } from 'pg';",
    'const pool = new Pool();',
    'export async function deep(x) {',
    '  const client = await pool.connect();',
    open.join('\n'),
    'await client.query("SELECT 1");',
    close.join('\n'),
    '  client.release();',
    '}',
    '',
  ].join('\n');
}

/** `count` leases in one function, each released in its own finally (one leaks). */
export function manyLeases(count) {
  const lines = ["import { Pool } from 'pg';", 'const pool = new Pool();', 'export async function many(ids) {'];
  for (let i = 0; i < count; i++) {
    lines.push(`  const c${i} = await pool.connect();`);
    lines.push(i === count - 1 ? `  await c${i}.query('SELECT 1');` : `  try { await c${i}.query('SELECT ${i}', ids); } finally { c${i}.release(); }`);
  }
  lines.push('}', '');
  return lines.join('\n');
}

/** About `bytes` of real-looking database code (a large generated file). */
export function largeFile(bytes) {
  const chunk = leaseFunctions(50);
  const copies = Math.ceil(bytes / chunk.length);
  const body = [];
  for (let i = 0; i < copies; i++) body.push(chunk.replace(/^import .*$|^const pool = .*$/gm, '').replace(/load(\d+)/g, `load${i}_$1`));
  return ["import { Pool } from 'pg';", 'const pool = new Pool();', ...body].join('\n');
}
