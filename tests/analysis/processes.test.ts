import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configuredProcesses } from '../../src/analysis/processes.js';

const cwd = join('/', 'repo');
const at = (path: string): string => join(cwd, ...path.split('/'));

describe('budget.processes for a file', () => {
  it('is the number for every file', () => {
    expect(configuredProcesses({ maxConnections: 100, reservedConnections: 0, processes: 4 }, at('src/db.ts'), cwd)).toBe(4);
  });

  it('is absent without the setting', () => {
    expect(configuredProcesses({ maxConnections: 100, reservedConnections: 0 }, at('src/db.ts'), cwd)).toBeNull();
  });

  it.each([
    ['src/api/db.ts', 8],
    ['src/api/v2/db.ts', 8],
    ['src/jobs/db.ts', 1],
    ['src/db.ts', 2],
    ['scripts/migrate.ts', null],
    ['packages/web/src/api/db.ts', 8],
    ['lib/worker.ts', 16],
    ['lib/main.ts', null],
  ])('%s → %s (the longest matching key wins; keys match at folder boundaries; ./ anchors)', (file, expected) => {
    const processes = { src: 2, 'src/api': 8, 'src/jobs/**': 1, './lib/*er.ts': 16 };
    expect(configuredProcesses({ maxConnections: 100, reservedConnections: 0, processes }, at(file), cwd)).toBe(expected);
  });
});
