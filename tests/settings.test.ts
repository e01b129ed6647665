import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { readSettings } from '../src/settings.js';

const code = `import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function f() { const c = await pool.connect(); return 1; }\n`;

function lint(settings: unknown): Linter.LintMessage[] {
  const linter = new Linter();
  return linter.verify(code, [
    {
      plugins: { 'connection-hygiene': plugin as never },
      rules: { 'connection-hygiene/require-release': 'error' },
      settings: { 'connection-hygiene': settings },
    },
  ]);
}

describe('settings["connection-hygiene"]', () => {
  it('uses defaults when absent', () => {
    expect(readSettings({})).toEqual({ resources: [], ownershipFunctions: [], typeAware: false, autofix: 'safe' });
  });

  it.each([
    [{ autofix: 'yes' }, 'settings["connection-hygiene"].autofix must be "safe" or "all", got "yes".'],
    [{ typeAware: 'on' }, 'settings["connection-hygiene"].typeAware must be true or false, got "on".'],
    [{ ownershipFunctions: 'withClient' }, 'settings["connection-hygiene"].ownershipFunctions must be an array of non-empty strings'],
    [{ unknownKey: 1 }, 'settings["connection-hygiene"].unknownKey is not a setting of this plugin; the settings are resources, ownershipFunctions, typeAware, autofix.'],
    [{ resources: {} }, 'settings["connection-hygiene"].resources must be an array'],
    [{ resources: [{ id: 'db', modules: ['./db'], exports: [], shapes: { Pool: { role: 'pond' } } }] }, 'settings["connection-hygiene"].resources[0].shapes.Pool.role must be one of "pool", "connection", "lease", "transaction", "cursor", "handle".'],
    [{ resources: [{ id: 'db', modules: ['./db'], exports: [{ path: ['acquire'], via: 'call', shape: 'Lease' }], shapes: {} }] }, 'settings["connection-hygiene"].resources[0].exports[0].shape names the shape "Lease", which is not in .shapes.'],
    [{ resources: [{ id: 'db', modules: [{ pattern: '(' }], exports: [], shapes: {} }] }, 'settings["connection-hygiene"].resources[0].modules[0].pattern is not a valid regular expression'],
    [{ resources: [{ modules: ['./db'], exports: [], shapes: {} }] }, 'settings["connection-hygiene"].resources[0].id is required.'],
  ])('rejects %j with a message naming the key', (settings, message) => {
    expect(() => lint(settings)).toThrow(message);
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
      [{ plugins: { 'connection-hygiene': plugin as never }, rules: { 'connection-hygiene/require-release': 'error' }, settings: { 'connection-hygiene': custom } }],
    );
    expect(messages.map((m) => [m.messageId, m.line, m.column])).toEqual([['neverReleased', 3, 19]]);
    expect(messages[0]!.message).toContain('h.giveBack()');
  });
});
