import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { propertyName, skipWrappers } from './ast.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

/**
 * Options objects as written in the file: an object literal in place, or one bound to a `const`
 * (or a `let` never reassigned) in the same file, through spreads of such objects. Anything else —
 * an imported config, a parameter, a call — is unknown, and callers stay silent about it.
 */
export type SettingLookup =
  /** the property is written: its value node */
  | { readonly kind: 'found'; readonly value: Node }
  /** the property is certainly absent: insert `path` into `into` (an object literal in this file) */
  | { readonly kind: 'missing'; readonly into: TSESTree.ObjectExpression; readonly path: readonly string[] }
  /** cannot tell (a spread or value from elsewhere) */
  | { readonly kind: 'unknown' };

export class OptionsReader {
  constructor(private readonly findVariable: (id: TSESTree.Identifier) => Variable | null) {}

  /** The object literal an expression stands for, or null. */
  objectOf(node: Node, seen = new Set<Node>()): TSESTree.ObjectExpression | null {
    const inner = skipWrappers(node);
    if (seen.has(inner)) return null;
    seen.add(inner);
    if (inner.type === 'ObjectExpression') return inner;
    if (inner.type !== 'Identifier') return null;
    const init = this.constInit(inner);
    return init === null ? null : this.objectOf(init, seen);
  }

  /** A string an expression stands for: a literal, a template without expressions, a `const` bound to one. */
  stringOf(node: Node): string | null {
    const inner = skipWrappers(node);
    if (inner.type === 'Literal') return typeof inner.value === 'string' ? inner.value : null;
    if (inner.type === 'TemplateLiteral') return inner.expressions.length === 0 ? (inner.quasis[0]!.value.cooked ?? null) : null;
    if (inner.type === 'Identifier') {
      const init = this.constInit(inner);
      return init === null ? null : this.stringOf(init);
    }
    return null;
  }

  /** Looks up `path` in an object literal, following nested literals and spreads (later properties win). */
  lookup(object: TSESTree.ObjectExpression, path: readonly string[]): SettingLookup {
    const [head, ...rest] = path;
    if (head === undefined) return { kind: 'unknown' };
    for (let i = object.properties.length - 1; i >= 0; i -= 1) {
      const property = object.properties[i]!;
      if (property.type === 'SpreadElement') {
        const spread = this.objectOf(property.argument);
        if (spread === null) return { kind: 'unknown' };
        const found = this.lookup(spread, path);
        if (found.kind !== 'missing') return found;
        continue;
      }
      if (property.computed && propertyName(property) === null) return { kind: 'unknown' };
      if (propertyName(property) !== head) continue;
      if (property.kind !== 'init') return { kind: 'unknown' };
      if (rest.length === 0) return { kind: 'found', value: property.value as Node };
      const nested = this.objectOf(property.value);
      return nested === null ? { kind: 'unknown' } : this.lookup(nested, rest);
    }
    return { kind: 'missing', into: object, path };
  }

  /** The initialiser of a `const` (or never-reassigned `let`) of this file that `id` reads, or null. */
  constInitOf(id: TSESTree.Identifier): Node | null {
    return this.constInit(id);
  }

  private constInit(id: TSESTree.Identifier): Node | null {
    const variable = this.findVariable(id);
    const def = variable?.defs[0];
    if (variable === null || def?.type !== 'Variable' || variable.defs.length !== 1) return null;
    const declarator = def.node;
    if (declarator.id.type !== 'Identifier' || !declarator.init) return null;
    if (variable.references.some((r) => r.isWrite() && !r.init)) return null;
    return declarator.init;
  }
}

/** The numeric value of a literal (`5000`, `-1`), or null when it is not a number literal. */
export function numberOf(node: Node): number | null {
  const inner = skipWrappers(node);
  if (inner.type === 'Literal' && typeof inner.value === 'number') return inner.value;
  if (inner.type === 'UnaryExpression' && inner.operator === '-' && inner.argument.type === 'Literal' && typeof inner.argument.value === 'number') {
    return -inner.argument.value;
  }
  return null;
}

/** A query parameter of a connection string, matched case-insensitively (`?waitQueueTimeoutMS=5000`). */
export function uriParameter(uri: string, name: string): string | null | undefined {
  const query = uri.indexOf('?');
  if (query < 0) return undefined;
  for (const pair of uri.slice(query + 1).split('&')) {
    const [key, value] = pair.split('=');
    if (key !== undefined && key.toLowerCase() === name.toLowerCase()) return value ?? null;
  }
  return undefined;
}
