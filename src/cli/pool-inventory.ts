// The budget command's view of one file, gathered through ESLint's Node API: an internal rule (never
// part of the plugin's `rules`) that reports one message per pool and one per file, each carrying its
// facts as JSON. It asks the same analysis as `no-connection-budget-overflow` — the catalog's pool
// creations (pools.ts), their effective maximum (pool-size.ts) and the file's process multiplier
// (processes.ts) — and knows no driver itself.
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable } from '../analysis/ast.js';
import { getFileModel } from '../analysis/file-model.js';
import { OptionsReader } from '../analysis/options.js';
import { isUnconditional, poolSize, safely, type PoolSize } from '../analysis/pool-size.js';
import { absorbingCreation, creationName, poolCreation } from '../analysis/pools.js';
import { configuredProcesses, multiplierInput, processMultiplier, serverlessHandler, spawnedInFile, type MultiplierInput } from '../analysis/processes.js';
import { readSettings, type Budget } from '../settings.js';

type Node = TSESTree.Node;

/** The plugin name and rule the command registers (a namespace of its own, so it never meets the plugin's). */
export const INVENTORY_PLUGIN = 'connection-hygiene-budget';
export const INVENTORY_RULE = 'pools';
export const INVENTORY_RULE_ID = `${INVENTORY_PLUGIN}/${INVENTORY_RULE}`;

/** Budget values given on the command line; they win over `settings["connection-hygiene"].budget`. */
export interface BudgetOverrides {
  readonly maxConnections?: number;
  readonly reservedConnections?: number;
  readonly processes?: number;
  readonly cpus?: number;
}

export interface InventoryOptions {
  readonly overrides?: BudgetOverrides;
}

/** A count, or why it cannot be told. */
export type Counted = { readonly known: true; readonly count: number; readonly words: string } | { readonly known: false; readonly reason: string };

export interface PoolFact {
  readonly kind: 'pool';
  readonly line: number;
  readonly column: number;
  /** the variable the pool is bound to, or the creation's text */
  readonly name: string;
  /** the catalog's driver id and title */
  readonly driver: string;
  readonly driverTitle: string;
  /** the effective maximum: the number and where it comes from, or why it is unknown */
  readonly size: { readonly known: true; readonly value: number; readonly from: string; readonly setting: string } | { readonly known: false; readonly reason: string };
  /** the file's process multiplier, as the rule computes it */
  readonly processes: Counted;
  /** the multiplier comes from `budget.processes` (then nothing in the code changes it) */
  readonly configured: boolean;
  /** created inside a function, a branch or a loop: counted once, though it may be created more often */
  readonly conditional: boolean;
  /** the budget in effect for this file (settings, then command-line overrides), when there is one */
  readonly budget: { readonly maxConnections: number; readonly reservedConnections: number } | null;
}

export interface FileFact {
  readonly kind: 'file';
  /** the file itself forks cluster workers or spawns worker threads that run it */
  readonly spawns: boolean;
  /** the file's process multiplier (what its own code, PM2 and the settings say) */
  readonly processes: Counted;
  /** the project files it imports (static and literal dynamic imports, `require`, re-exports), resolved */
  readonly imports: readonly string[];
}

export type Fact = PoolFact | FileFact;

/** Reads a fact back from a message the inventory rule reported. */
export function parseFact(message: string): Fact | null {
  try {
    const value = JSON.parse(message) as Fact;
    return value !== null && typeof value === 'object' && (value.kind === 'pool' || value.kind === 'file') ? value : null;
  } catch {
    return null;
  }
}

/** Stands in for `maxConnections` when only the multiplier is wanted (processes.ts reads `processes` and `cpus`). */
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

function effectiveBudget(settingsBudget: Budget | undefined, overrides: BudgetOverrides): { budget: Budget; limits: PoolFact['budget'] } {
  const merged: { -readonly [K in keyof Budget]: Budget[K] } = {
    maxConnections: overrides.maxConnections ?? settingsBudget?.maxConnections ?? NO_LIMIT,
    reservedConnections: overrides.reservedConnections ?? settingsBudget?.reservedConnections ?? 0,
  };
  const processes = overrides.processes ?? settingsBudget?.processes;
  if (processes !== undefined) merged.processes = processes;
  const cpus = overrides.cpus ?? settingsBudget?.cpus;
  if (cpus !== undefined) merged.cpus = cpus;
  const limits = merged.maxConnections === NO_LIMIT ? null : { maxConnections: merged.maxConnections, reservedConnections: merged.reservedConnections };
  return { budget: merged, limits };
}

export const inventoryRule: TSESLint.RuleModule<'fact', [InventoryOptions]> = {
  defaultOptions: [{}],
  meta: {
    type: 'suggestion',
    docs: { description: 'Internal to the `connection-hygiene budget` command: reports every pool and file fact as JSON' },
    schema: [
      {
        type: 'object',
        properties: {
          overrides: {
            type: 'object',
            properties: {
              maxConnections: { type: 'integer', minimum: 1 },
              reservedConnections: { type: 'integer', minimum: 0 },
              processes: { type: 'integer', minimum: 1 },
              cpus: { type: 'integer', minimum: 1 },
            },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
    ],
    messages: { fact: '{{json}}' },
  },
  create(context) {
    const overrides = context.options[0]?.overrides ?? {};
    const sourceCode = context.sourceCode;
    const program = sourceCode.ast;
    // invalid settings throw a SettingsError naming the key: the command reports it as bad input
    const settings = readSettings(context.settings);
    const { budget, limits } = effectiveBudget(settings.budget, overrides);
    const model = getFileModel(context);
    const lookup = model !== null ? (id: TSESTree.Identifier) => model.provenance.findVariable(id) : (id: TSESTree.Identifier) => findVariable(sourceCode.getScope(id), id.name);
    const input = multiplierInput(context, budget, lookup);
    const emit = (node: Node, fact: Fact): void => context.report({ node, messageId: 'fact', data: { json: JSON.stringify(fact) } });

    let fileMultiplier: Counted | null = null;
    const multiplier = (): Counted => (fileMultiplier ??= countedMultiplier(input));
    const configured = (): boolean => configuredProcesses(budget, context.filename, context.cwd) !== null;
    let handler: string | null | undefined;
    const reader = model === null ? null : new OptionsReader(lookup);

    function onCreation(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      if (model === null || reader === null) return;
      const creation = poolCreation(node, model.provenance);
      if (creation === null || creation.role !== 'pool') return;
      let size: PoolSize | null;
      try {
        size = poolSize(node, creation.value.ref.shape.limits, reader, sourceCode);
      } catch {
        size = { kind: 'unknown', reason: 'its options could not be read' };
      }
      // no size in the catalog (a client whose pool is its adapter's, counted there), or the setting does not apply
      if (size === null) return;
      let processes = multiplier();
      const isConfigured = configured();
      if (!isConfigured) {
        handler ??= safely(() => serverlessHandler(program, context.filename), null);
        if (handler !== null) {
          processes = { known: false, reason: `every concurrent invocation of ${handler} has its own pool; state the concurrency in budget.processes (or --processes)` };
        }
      }
      const driver = creation.value.ref.driver;
      emit(node, {
        kind: 'pool',
        line: node.loc.start.line,
        column: node.loc.start.column + 1,
        // an adapter's pool under its client's name (`prisma`, not `new PrismaPg()`), as the rule names it
        name: creationName(safely(() => absorbingCreation(node, model.provenance, sourceCode), null) ?? creation, sourceCode),
        driver: driver.id,
        driverTitle: driver.title,
        size: size.kind === 'known' ? { known: true, value: size.value, from: size.from, setting: size.path.join('.') } : { known: false, reason: size.reason },
        processes,
        configured: isConfigured,
        conditional: !isUnconditional(node),
        budget: limits,
      });
    }

    return {
      NewExpression: onCreation,
      CallExpression: onCreation,
      'Program:exit'(node) {
        const spawns = safely(() => spawnedInFile(input) !== null, false);
        const imports = importedFiles(program, context.filename);
        if (!spawns && imports.length === 0) return;
        emit(node, { kind: 'file', spawns, processes: spawns ? multiplier() : { known: true, count: 1, words: '1 process' }, imports });
      },
    };
  },
};

function countedMultiplier(input: MultiplierInput): Counted {
  const found = safely(() => processMultiplier(input), null);
  if (found === null) return { known: false, reason: 'the process count could not be read' };
  return found.kind === 'known' ? { known: true, count: found.count, words: found.words } : { known: false, reason: found.reason };
}

// ---- the project's import graph ------------------------------------------------------------------

/**
 * The project files a module loads: `import`/`export … from` (not type-only), `import('…')` and
 * `require('…')` with a literal specifier, relative specifiers only, resolved the way TypeScript's
 * NodeNext resolution and Node do (`./db.js` is `./db.ts` in TypeScript sources).
 */
export function importedFiles(program: TSESTree.Program, filename: string): string[] {
  const specifiers: string[] = [];
  const stack: Node[] = [program];
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.type) {
      case 'ImportDeclaration':
        if (node.importKind !== 'type') specifiers.push(String(node.source.value));
        continue;
      case 'ExportAllDeclaration':
        if (node.exportKind !== 'type') specifiers.push(String(node.source.value));
        continue;
      case 'ExportNamedDeclaration':
        if (node.source !== null && node.exportKind !== 'type') specifiers.push(String(node.source.value));
        break;
      case 'ImportExpression': {
        const text = literalText(node.source);
        if (text !== null) specifiers.push(text);
        break;
      }
      case 'CallExpression': {
        const arg = node.arguments[0];
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && arg !== undefined) {
          const text = literalText(arg);
          if (text !== null) specifiers.push(text);
        }
        break;
      }
      default:
    }
    for (const key of Object.keys(node)) {
      if (key === 'parent') continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) stack.push(item);
      } else if (isNode(value)) stack.push(value);
    }
  }
  const files = new Set<string>();
  for (const specifier of specifiers) {
    if (!specifier.startsWith('./') && !specifier.startsWith('../')) continue;
    const file = resolveFile(resolve(dirname(filename), specifier));
    if (file !== null) files.add(file);
  }
  return [...files];
}

function literalText(node: Node): string | null {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]!.value.cooked ?? null;
  return null;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const resolved = new Map<string, string | null>();

function resolveFile(base: string): string | null {
  let found = resolved.get(base);
  if (found !== undefined) return found;
  const emitted = /\.([mc]?)js(x?)$/u.exec(base);
  const candidates = [
    ...(emitted === null ? [] : [`${base.slice(0, emitted.index)}.${emitted[1]}ts${emitted[2]}`]),
    base,
    ...EXTENSIONS.map((ext) => base + ext),
    ...EXTENSIONS.map((ext) => `${base}/index${ext}`),
  ];
  found = candidates.find(isFile) ?? null;
  resolved.set(base, found);
  return found;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The internal plugin object the command hands to ESLint. */
export const inventoryPlugin = {
  meta: { name: INVENTORY_PLUGIN },
  rules: { [INVENTORY_RULE]: inventoryRule },
};
