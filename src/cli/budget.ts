// `connection-hygiene budget [dir]`: every pool of a project, its effective maximum × the processes
// that run it, and the grand total against the server's max_connections minus what it reserves.
// It lints the directory through ESLint's Node API with the project's own eslint.config.* (so the
// budget can come from settings["connection-hygiene"].budget, and the files and parsers are the ones
// the project lints), running only the internal inventory rule (pool-inventory.ts), which asks the
// same analysis as no-connection-budget-overflow.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ESLint as ESLintClass, Linter } from 'eslint';
import { buildReport, displayPath, formatJson, formatTable, type BudgetLimits, type Report, type Unreadable } from './budget-report.js';
import { INVENTORY_PLUGIN, INVENTORY_RULE_ID, inventoryPlugin, parseFact, type BudgetOverrides, type FileFact, type PoolFact } from './pool-inventory.js';

export const USAGE = `Usage: connection-hygiene budget [dir] [options]

Lists every database pool under dir (default: the current directory) with its maximum size, the
processes that run it and their product, and compares the sum with the server's connection budget.
The budget comes from settings["connection-hygiene"].budget in the project's ESLint config; the
options below override it.

Options:
  --max-connections <n>       the server's max_connections
  --reserved-connections <n>  connections the server keeps for others (superuser_reserved_connections,
                              admin tools, migrations); default 0
  --processes <n>             processes that run every pool (replaces budget.processes)
  --cpus <n>                  CPUs of the machines that run the code (os.availableParallelism() fork
                              loops, PM2 instances: 'max')
  --driver <id>               count only the pools of this catalog driver (pg, mysql2, …); repeatable,
                              or comma-separated
  --config <file>             the ESLint config file to use (default: the eslint.config.* found from dir
                              upward; none: JavaScript and TypeScript files with default parsers)
  --json                      print the report as JSON
  -h, --help                  show this help

Exit status: 0 when the pools fit the budget (or no pool could be counted over it), 1 when they are
over it, 2 on bad input (an unknown option, a missing directory, a value that is not a number, no budget).`;

/** A problem with the command line or the project's configuration: reported in one message, exit 2. */
class InputError extends Error {}

export interface Io {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const defaultIo: Io = {
  cwd: process.cwd(),
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

interface Options {
  readonly dir: string;
  readonly overrides: BudgetOverrides;
  readonly drivers: readonly string[];
  readonly config: string | null;
  readonly json: boolean;
}

/** The `connection-hygiene` command: `budget` is its one subcommand. Resolves to the exit status. */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout)(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'budget') {
    io.stderr(`connection-hygiene: unknown command "${command}"; the command is \`connection-hygiene budget [dir]\` (see --help).\n`);
    return 2;
  }
  return budget(rest, io);
}

export async function budget(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  try {
    const options = parseOptions(argv, io.cwd);
    if (options === 'help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const report = await run(options, io.cwd);
    const unreadable = report.unreadable;
    if (options.json) {
      io.stdout(formatJson(report));
    } else {
      io.stdout(formatTable(report));
      if (unreadable.length > 0) {
        io.stderr(
          `\n${unreadable.length} file${unreadable.length === 1 ? '' : 's'} could not be parsed, so their pools are not counted:\n` +
            unreadable.map((u) => `  ${u.file}:${u.line}  ${u.message}\n`).join(''),
        );
      }
    }
    return report.status === 'over' ? 1 : 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`connection-hygiene budget: ${message.trimEnd()}\n`);
    if (!(error instanceof InputError) && process.env.DEBUG !== undefined && error instanceof Error && error.stack !== undefined) io.stderr(`${error.stack}\n`);
    return 2;
  }
}

const NUMERIC_OPTIONS = new Set(['--max-connections', '--reserved-connections', '--processes', '--cpus']);

/** `--cpus -1` as `--cpus=-1`, so that a negative number gets the number's message, not parseArgs' "ambiguous". */
function joinNegativeNumbers(argv: readonly string[]): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (NUMERIC_OPTIONS.has(arg) && next !== undefined && /^-\d/u.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else args.push(arg);
  }
  return args;
}

function parseOptions(argv: readonly string[], cwd: string): Options | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeNumbers(argv),
      allowPositionals: true,
      strict: true,
      options: {
        'max-connections': { type: 'string' },
        'reserved-connections': { type: 'string' },
        processes: { type: 'string' },
        cpus: { type: 'string' },
        driver: { type: 'string', multiple: true },
        config: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const option = /'([^']+)'/u.exec(message)?.[1] ?? message;
      throw new InputError(`unknown option ${option}; see --help for the options.`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = /'(--?[a-z-]+)/u.exec(message)?.[1];
      throw new InputError(option !== undefined && /argument missing/u.test(message) ? `${option} needs a value.` : `${message.replace(/\.$/u, '')}.`);
    }
    throw new InputError(message);
  }
  const { values, positionals } = parsed;
  if (values.help === true) return 'help';
  if (positionals.length > 1) throw new InputError(`one directory at most, got ${positionals.length}: ${positionals.join(', ')}.`);
  const dir = resolve(cwd, positionals[0] ?? '.');
  if (!existsSync(dir)) throw new InputError(`no such directory: ${positionals[0] ?? '.'}`);
  if (!statSync(dir).isDirectory()) throw new InputError(`not a directory: ${positionals[0]}`);
  const overrides: { -readonly [K in keyof BudgetOverrides]: BudgetOverrides[K] } = {};
  const maxConnections = count('--max-connections', values['max-connections'], 1);
  if (maxConnections !== undefined) overrides.maxConnections = maxConnections;
  const reserved = count('--reserved-connections', values['reserved-connections'], 0);
  if (reserved !== undefined) overrides.reservedConnections = reserved;
  const processes = count('--processes', values.processes, 1);
  if (processes !== undefined) overrides.processes = processes;
  const cpus = count('--cpus', values.cpus, 1);
  if (cpus !== undefined) overrides.cpus = cpus;
  if (maxConnections !== undefined && reserved !== undefined && reserved >= maxConnections) {
    throw new InputError(`--reserved-connections (${reserved}) must be less than --max-connections (${maxConnections}).`);
  }
  const drivers = (values.driver ?? []).flatMap((d) => d.split(',')).map((d) => d.trim()).filter((d) => d !== '');
  let config: string | null = null;
  if (values.config !== undefined) {
    config = resolve(cwd, values.config);
    if (!existsSync(config)) throw new InputError(`no such config file: ${values.config}`);
  }
  return { dir, overrides, drivers, config, json: values.json === true };
}

/** A whole number of at least `min`, from an option's text; undefined when the option is absent. */
function count(option: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = /^\s*\d+\s*$/u.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min) throw new InputError(`${option} must be a whole number of at least ${min}, got "${text}".`);
  return value;
}

const CONFIG_FILES = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];

/** The ESLint config file that applies to `dir`: the first eslint.config.* from `dir` upward, as ESLint finds it. */
function findConfig(dir: string): string | null {
  for (let current = dir; ; ) {
    for (const name of CONFIG_FILES) {
      const file = join(current, name);
      if (existsSync(file)) return file;
    }
    const up = dirname(current);
    if (up === current) return null;
    current = up;
  }
}

/** Files no project lints for its own pools: builds and vendored code (only without a config of the project's own). */
const BUILD_OUTPUT = ['**/dist/**', '**/build/**', '**/out/**', '**/coverage/**', '**/.next/**', '**/.nuxt/**', '**/.output/**', '**/.svelte-kit/**', '**/vendor/**'];

async function ownConfig(): Promise<Linter.Config[]> {
  const configs: Linter.Config[] = [
    { ignores: BUILD_OUTPUT },
    { files: ['**/*.{js,mjs,cjs,jsx}'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } } },
    { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  ];
  // TypeScript sources need @typescript-eslint/parser (an optional peer); without it they are reported as unreadable
  const parser = await import('@typescript-eslint/parser').then(
    (loaded) => ((loaded as { default?: Linter.Parser }).default ?? (loaded as Linter.Parser)) as Linter.Parser | null,
    () => null,
  );
  configs.push({ files: ['**/*.{ts,mts,cts,tsx}'], ...(parser === null ? {} : { languageOptions: { parser } }) });
  return configs;
}

async function run(options: Options, cwd: string): Promise<Report> {
  let ESLint: typeof ESLintClass;
  try {
    ({ ESLint } = await import('eslint'));
  } catch {
    throw new InputError('the budget command runs ESLint, which is not installed here: `npm install --save-dev eslint`.');
  }
  const configFile = options.config ?? findConfig(options.dir);
  const inventory: Linter.Config = {
    plugins: { [INVENTORY_PLUGIN]: inventoryPlugin as unknown as ESLintClass.Plugin },
    rules: { [INVENTORY_RULE_ID]: ['warn', { overrides: options.overrides }] },
  };
  // declaration files never create pools (and are TypeScript even in JavaScript projects)
  const declarations: Linter.Config = { ignores: ['**/*.d.ts'] };
  const eslintOptions: ESLintClass.Options =
    configFile === null
      ? { cwd: options.dir, overrideConfigFile: true, overrideConfig: [...(await ownConfig()), declarations, inventory] }
      : {
          // as `eslint` run where the config is: budget.processes paths are relative to it
          cwd: dirname(configFile),
          overrideConfigFile: configFile,
          overrideConfig: [declarations, inventory],
        };
  let results: ESLintClass.LintResult[];
  try {
    const eslint = new ESLint({
      ...eslintOptions,
      // only the inventory runs: not the project's rules, and no inline comment turns it off
      ruleFilter: ({ ruleId }) => ruleId === INVENTORY_RULE_ID,
      allowInlineConfig: false,
      errorOnUnmatchedPattern: false,
      warnIgnored: false,
      cache: false,
    });
    results = await eslint.lintFiles([options.dir]);
  } catch (error) {
    // a config that does not load, invalid settings (SettingsError names the key): the message says what
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError(message.replace(`Error while loading rule '${INVENTORY_RULE_ID}': `, ''));
  }
  if (results.length === 0) {
    const config = configFile === null ? '' : ` with ${displayPath(configFile, cwd)}`;
    throw new InputError(`no files to lint under ${displayPath(options.dir, cwd)}${config} (all ignored, or none is JavaScript or TypeScript).`);
  }

  const files = new Map<string, { pools: PoolFact[]; file: FileFact | null }>();
  const unreadable: Unreadable[] = [];
  for (const result of results) {
    const entry = { pools: [] as PoolFact[], file: null as FileFact | null };
    for (const message of result.messages) {
      if (message.fatal === true) {
        unreadable.push({ file: result.filePath, line: message.line, message: message.message });
        continue;
      }
      if (message.ruleId !== INVENTORY_RULE_ID) continue;
      const fact = parseFact(message.message);
      if (fact?.kind === 'pool') entry.pools.push(fact);
      else if (fact?.kind === 'file') entry.file = fact;
    }
    if (entry.pools.length > 0 || entry.file !== null) files.set(result.filePath, entry);
  }

  const known = new Set([...files.values()].flatMap((f) => f.pools.map((p) => p.driver)));
  for (const driver of options.drivers) {
    if (!known.has(driver)) {
      throw new InputError(`--driver ${driver}: no pool of that driver under ${displayPath(options.dir, cwd)}; the drivers found are ${[...known].sort().join(', ') || 'none'}.`);
    }
  }

  return buildReport({
    files,
    budget: budgetOf(files, options),
    dir: options.dir === cwd ? basename(options.dir) || '.' : displayPath(options.dir, cwd),
    displayRoot: cwd,
    drivers: options.drivers,
    filesLinted: results.length,
    processesFlag: options.overrides.processes !== undefined,
    unreadable,
  });
}

/** The budget: the command line's, else the one the ESLint config gives the files with pools. */
function budgetOf(files: ReadonlyMap<string, { pools: readonly PoolFact[] }>, options: Options): BudgetLimits | null {
  const { maxConnections, reservedConnections } = options.overrides;
  const fromConfig = [...files.values()].flatMap((f) => f.pools.map((p) => p.budget)).find((b) => b !== null) ?? null;
  const max = maxConnections ?? fromConfig?.maxConnections;
  const anyPool = [...files.values()].some((f) => f.pools.length > 0);
  if (max === undefined) {
    if (!anyPool) return null;
    throw new InputError(
      'no budget: pass --max-connections <n> (the server’s max_connections), or set settings["connection-hygiene"].budget.maxConnections in the ESLint config.',
    );
  }
  const reserved = reservedConnections ?? fromConfig?.reservedConnections ?? 0;
  if (reserved >= max) throw new InputError(`the reserved connections (${reserved}) must be fewer than max_connections (${max}).`);
  return { maxConnections: max, reservedConnections: reserved };
}
