import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { readSettings } from '../src/settings.js';

const code = `import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function f() { const c = await pool.connect(); return 1; }\n`;

function lint(settings: unknown): Linter.LintMessage[] {
  const linter = new Linter();
  return linter.verify(code, [
    {
      plugins: { 'connection-hygiene': plugin },
      rules: { 'connection-hygiene/require-release': 'error' },
      settings: { 'connection-hygiene': settings },
    },
  ]);
}

describe('settings["connection-hygiene"]', () => {
  it('uses defaults when absent', () => {
    expect(readSettings({})).toEqual({ resources: [], ownershipFunctions: [], typeAware: false, followImports: true, autofix: 'safe' });
  });

  it.each([
    [{ autofix: 'yes' }, 'settings["connection-hygiene"].autofix must be "safe" or "all", got "yes".'],
    [{ typeAware: 'on' }, 'settings["connection-hygiene"].typeAware must be true or false, got "on".'],
    [{ ownershipFunctions: 'withClient' }, 'settings["connection-hygiene"].ownershipFunctions must be an array of non-empty strings'],
    [{ unknownKey: 1 }, 'settings["connection-hygiene"].unknownKey is not a setting of this plugin; the settings are resources, ownershipFunctions, typeAware, followImports, autofix, budget.'],
    [{ budget: 50 }, 'settings["connection-hygiene"].budget must be an object { maxConnections, reservedConnections?, processes?, cpus? }, got number 50.'],
    [{ budget: {} }, 'settings["connection-hygiene"].budget.maxConnections is required: the server’s max_connections (for example 100).'],
    [{ budget: { maxConnections: '100' } }, 'settings["connection-hygiene"].budget.maxConnections must be a whole number of at least 1, got "100".'],
    [{ budget: { maxConnections: 100, reserved: 3 } }, 'settings["connection-hygiene"].budget.reserved is not a budget setting; the budget settings are maxConnections, reservedConnections, processes, cpus.'],
    [{ budget: { maxConnections: 100, reservedConnections: -1 } }, 'settings["connection-hygiene"].budget.reservedConnections must be a whole number of at least 0, got number -1.'],
    [{ budget: { maxConnections: 10, reservedConnections: 10 } }, 'settings["connection-hygiene"].budget.reservedConnections must be less than budget.maxConnections (10), got 10.'],
    [{ budget: { maxConnections: 100, processes: 0 } }, 'settings["connection-hygiene"].budget.processes must be a whole number of at least 1 or an object from files or folders to counts ({ "src/api": 8 }), got number 0.'],
    [{ budget: { maxConnections: 100, processes: [2] } }, 'settings["connection-hygiene"].budget.processes must be a whole number of at least 1 or an object from files or folders to counts ({ "src/api": 8 }), got an array.'],
    [{ budget: { maxConnections: 100, processes: {} } }, 'settings["connection-hygiene"].budget.processes must list at least one file or folder, or be a number.'],
    [{ budget: { maxConnections: 100, processes: { 'src/api': 2.5 } } }, 'settings["connection-hygiene"].budget.processes["src/api"] must be a whole number of at least 1, got number 2.5.'],
    [{ budget: { maxConnections: 100, cpus: 0 } }, 'settings["connection-hygiene"].budget.cpus must be a whole number of at least 1, got number 0.'],
    [{ resources: {} }, 'settings["connection-hygiene"].resources must be an array'],
    [{ resources: [{ id: 'db', modules: ['./db'], exports: [], shapes: { Pool: { role: 'pond' } } }] }, 'settings["connection-hygiene"].resources[0].shapes.Pool.role must be one of "pool", "connection", "lease", "transaction", "cursor", "handle".'],
    [{ resources: [{ id: 'db', modules: ['./db'], exports: [{ path: ['acquire'], via: 'call', shape: 'Lease' }], shapes: {} }] }, 'settings["connection-hygiene"].resources[0].exports[0].shape names the shape "Lease", which is not in .shapes.'],
    [{ resources: [{ id: 'db', modules: [{ pattern: '(' }], exports: [], shapes: {} }] }, 'settings["connection-hygiene"].resources[0].modules[0].pattern is not a valid regular expression'],
    [{ resources: [{ modules: ['./db'], exports: [], shapes: {} }] }, 'settings["connection-hygiene"].resources[0].id is required.'],
  ])('rejects %j with a message naming the key', (settings, message) => {
    expect(() => lint(settings)).toThrow(message);
  });

  it('reads a budget with defaults applied', () => {
    expect(readSettings({ 'connection-hygiene': { budget: { maxConnections: 100 } } }).budget).toEqual({ maxConnections: 100, reservedConnections: 0 });
    expect(readSettings({ 'connection-hygiene': { budget: { maxConnections: 100, reservedConnections: 3, processes: { 'src/api': 8 }, cpus: 4 } } }).budget).toEqual({
      maxConnections: 100,
      reservedConnections: 3,
      processes: { 'src/api': 8 },
      cpus: 4,
    });
  });

  it('accepts a custom resource in the catalog shape and applies it', () => {
    const custom = {
      resources: [
        {
          id: 'in-house-db',
          title: 'our db wrapper',
          checkedAgainst: {},
          modules: ['./db'],
          exports: [{ path: ['acquire'], via: 'call', shape: 'Handle', awaited: true }],
          shapes: { Handle: { role: 'lease', release: ['giveBack'] } },
        },
      ],
    };
    const linter = new Linter();
    const messages = linter.verify(
      `import { acquire } from './db';\nexport async function f() {\n  const h = await acquire();\n  await h.run();\n}\n`,
      [{ plugins: { 'connection-hygiene': plugin }, rules: { 'connection-hygiene/require-release': 'error' }, settings: { 'connection-hygiene': custom } }],
    );
    expect(messages.map((m) => [m.messageId, m.line, m.column])).toEqual([['neverReleased', 3, 19]]);
    expect(messages[0]!.message).toContain('h.giveBack()');
  });
});
