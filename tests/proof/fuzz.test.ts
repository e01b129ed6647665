// Fuzzing (issue §4), seeded and bounded: FUZZ_RUNS programs (default 400 in CI; `npm run fuzz` runs
// 20,000) from FUZZ_SEED (default 1). A failure prints its seed: FUZZ_SEED=<seed> FUZZ_RUNS=1 reproduces it.
import { Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BuiltPlugin, loadBuiltPlugin } from '../helpers/built-plugin.js';
import { checkProgram, type FuzzFailure, fuzzProgram } from './fuzz.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? 1);

let plugin: BuiltPlugin;
beforeAll(async () => {
  plugin = await loadBuiltPlugin();
});

describe('fuzz: random programs around a lease, all rules', () => {
  it(`${RUNS} programs from seed ${SEED}: no exception, every fix and suggestion parses`, () => {
    const config: Linter.Config[] = [
      {
        plugins: { 'connection-hygiene': plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
        rules: plugin.configs.all.rules,
        settings: { 'connection-hygiene': { autofix: 'all' } },
      },
    ];
    const linter = new Linter();
    const failures: FuzzFailure[] = [];
    let linted = 0;
    let findings = 0;
    for (let seed = SEED; seed < SEED + RUNS; seed++) {
      const code = fuzzProgram(seed);
      if (code === null) continue;
      linted++;
      const failure = checkProgram(linter, config, seed, code);
      if (failure) failures.push(failure);
      else findings += linter.verify(code, config, 'fuzz.js').filter((m) => m.ruleId).length;
    }
    console.log(`fuzz: ${linted} of ${RUNS} seeds gave a program; ${findings} findings; ${failures.length} failures`);
    expect(linted, "eslump output that parses (about a third of it does)").toBeGreaterThan(RUNS / 5);
    expect(failures.map((f) => `seed ${f.seed}: ${f.problem}\n${f.code}`)).toEqual([]);
  }, 600_000);
});
