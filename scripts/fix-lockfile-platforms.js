#!/usr/bin/env node
// `npm ci` fails with "Missing: @oxlint/binding-…@ from lock file" when the lockfile was written
// against a registry that lacks some platform-specific optional packages (npm install tolerates the
// gap, npm ci does not). This adds an entry for each missing optional dependency, with the os/cpu/libc
// its name states, so `npm ci` validates and skips it on other platforms. Only additions; rerun after
// regenerating package-lock.json: `node scripts/fix-lockfile-platforms.js`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const file = join(import.meta.dirname, '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const OSES = ['android', 'darwin', 'freebsd', 'linux', 'openharmony', 'win32', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPUS = ['arm64', 'arm', 'x64', 'ia32', 'ppc64', 'riscv64', 's390x', 'loong64'];

function platformOf(name) {
  const base = name.split('/').pop();
  const os = OSES.find((o) => base.startsWith(`${o}-`) || base.includes(`-${o}-`));
  const cpu = CPUS.find((c) => base.includes(`-${c}`));
  const libc = base.includes('musl') ? 'musl' : base.includes('-gnu') ? 'glibc' : undefined;
  return { os, cpu, libc };
}

/** Where Node would find `dep` from the package at `path` (its own node_modules, then each parent's). */
function resolves(path, dep) {
  for (let p = path; ; ) {
    if (packages[`${p ? `${p}/` : ''}node_modules/${dep}`]) return true;
    if (p === '') return false;
    const i = p.lastIndexOf('/node_modules/');
    p = i === -1 ? '' : p.slice(0, i);
  }
}

const added = [];
for (const [path, entry] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolves(path, dep)) continue;
    const { os, cpu, libc } = platformOf(dep);
    if (!os || !cpu) {
      console.error(`cannot tell the platform of ${dep} (optional dependency of ${path}); left as is`);
      continue;
    }
    packages[`node_modules/${dep}`] = { version, cpu: [cpu], ...(entry.dev ? { dev: true } : {}), ...(libc ? { libc: [libc] } : {}), optional: true, os: [os] };
    added.push(`${dep}@${version}`);
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'))));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `added ${added.length} entries:\n  ${added.join('\n  ')}` : 'nothing to add');
