// A clean install of a given commit must not depend on where a registry dist-tag points today.
// A dependency specified by a tag (`"jschardet": "latest"`) is re-resolved by `npm ci` against the
// registry's current tag and fails as soon as the tag moves past the locked version. Every such spec
// in the installed tree must be pinned by an exact version in package.json's `overrides`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  overrides?: Record<string, string>;
};
const lock = JSON.parse(readFileSync(`${root}package-lock.json`, 'utf8')) as {
  packages: Record<string, Record<string, unknown>>;
};

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];

/** A spec npm resolves through a dist-tag: not a semver range, alias, URL, git or path spec. */
export function isDistTagSpec(spec: string): boolean {
  if (/^(?:npm:|file:|link:|workspace:|git|github:|https?:|\.|\/)/.test(spec) || spec.includes('/')) return false;
  return semver.validRange(spec) === null;
}

function distTagSpecs(): string[] {
  const found: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const field of DEPENDENCY_FIELDS) {
      const deps = entry[field] as Record<string, string> | undefined;
      for (const [name, spec] of Object.entries(deps ?? {})) {
        if (isDistTagSpec(spec)) found.push(`${path || '(root)'} ${field}: ${name}@${spec}`);
      }
    }
  }
  return found;
}

describe('lockfile', () => {
  it('recognises dist-tag specs and only those', () => {
    expect(['latest', 'next', 'beta', 'canary'].map(isDistTagSpec)).toEqual([true, true, true, true]);
    expect(['4.0.0', '^1.2.3', '>=4.8.4 <6.1.0', '*', '', 'x', '1.x || 2', 'npm:eslint@9.39.5'].map(isDistTagSpec)).toEqual(
      [false, false, false, false, false, false, false, false],
    );
  });

  it('pins every dependency the tree specifies by a dist-tag with an exact override', () => {
    const unpinned = distTagSpecs().filter((line) => {
      const name = /\s([^\s]+)@[^@]+$/.exec(line)![1]!;
      const pin = manifest.overrides?.[name];
      return pin === undefined || semver.valid(pin) === null;
    });
    expect(unpinned).toEqual([]);
  });

  it('locks each overridden package at its pinned version', () => {
    for (const [name, pin] of Object.entries(manifest.overrides ?? {})) {
      const locked = Object.entries(lock.packages)
        .filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`))
        .map(([, entry]) => entry.version);
      expect(locked.length, name).toBeGreaterThan(0);
      expect(new Set(locked), name).toEqual(new Set([pin]));
    }
  });
});
