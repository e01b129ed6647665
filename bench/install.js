#!/usr/bin/env node
// Installs the pinned packages of a list, bench/<list>.json (`packages`: the database packages of the
// benchmark; `ts-packages`: published TypeScript sources for the crash corpus), into a cache OUTSIDE the
// repository (`$CONNECTION_HYGIENE_BENCH_DIR`, for another list its `<list>/` subfolder; else
// `${XDG_CACHE_HOME:-~/.cache}/connection-hygiene-bench/<hash>`), with `npm install --ignore-scripts`.
// A finished install is reused (marker file `.installed`).
// Usage: node bench/install.js [--list ts-packages]   → prints the install directory
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = import.meta.dirname;

/** @returns {Record<string, string>} package name → exact version */
export function pinnedPackages(list = 'packages') {
  return JSON.parse(readFileSync(join(here, `${list}.json`), 'utf8')).packages;
}

export function cacheDir(list = 'packages') {
  const packages = pinnedPackages(list);
  const hash = createHash('sha256').update(JSON.stringify(packages)).digest('hex').slice(0, 12);
  const fixed = process.env.CONNECTION_HYGIENE_BENCH_DIR;
  if (fixed) return list === 'packages' ? fixed : join(fixed, list);
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'connection-hygiene-bench', hash);
}

/** Installs (once) and returns the directory that holds `node_modules/`. */
export function ensureInstalled({ quiet = false, list = 'packages' } = {}) {
  const dir = cacheDir(list);
  const marker = join(dir, '.installed');
  const packages = pinnedPackages(list);
  const wanted = JSON.stringify(packages);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return dir;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'connection-hygiene-bench-corpus', private: true, dependencies: packages }, null, 2) + '\n',
  );
  if (!quiet) console.error(`Installing ${Object.keys(packages).length} packages into ${dir} …`);
  const result = spawnSync(
    'npm',
    ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--legacy-peer-deps', '--no-package-lock', '--prefix', dir],
    { cwd: dir, stdio: quiet ? 'pipe' : ['ignore', 'inherit', 'inherit'], encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`npm install into ${dir} failed (exit ${result.status}). ${result.stderr ?? ''}`);
  }
  writeFileSync(marker, wanted);
  return dir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--list');
  console.log(ensureInstalled(i === -1 ? {} : { list: process.argv[i + 1] }));
}
