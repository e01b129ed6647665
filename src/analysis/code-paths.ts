import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Rule } from 'eslint';

/**
 * The path engine for "on every path" questions, on ESLint's code path analysis. Rules record
 * events (an acquisition, a release, a use) on the segments current when a node is visited; when
 * a function's code path ends, they ask whether some path from an event reaches the function's
 * exit without passing an event that closes it, and which jump (`return`, `throw`, `break`,
 * `continue`) that path takes — so a message can name the line that leaks.
 *
 * Segments are tracked in a `Set` (a `finally` block has two current segments), graph searches run
 * in `onCodePathEnd` (paths are precomputed since ESLint 9), and ESLint's shared `CodePath` and
 * segment objects are never mutated: all state lives in our own maps.
 */

type Segment = Rule.CodePathSegment;
type CodePath = Rule.CodePath;
type Node = TSESTree.Node;

export type JumpNode = TSESTree.ReturnStatement | TSESTree.ThrowStatement | TSESTree.BreakStatement | TSESTree.ContinueStatement;

type Entry<T> = { readonly kind: 'event'; readonly event: PathEvent<T> } | { readonly kind: 'jump'; readonly node: JumpNode };

export interface PathEvent<T> {
  readonly node: Node;
  readonly data: T;
}

/** How a path leaves the function while the resource is still held. */
export interface Escape {
  /** `return`: through a return or the end of the function; `throw`: an explicit throw; `reacquire`: the loop comes back to the acquisition */
  readonly exit: 'return' | 'throw' | 'reacquire';
  /** the first jump statement on that path after the event, if any */
  readonly jump: JumpNode | null;
}

/** One function's (or the program's) code path, with the events recorded on it. */
export interface PathFrame<T> {
  readonly codePath: CodePath;
  /** the function node, or the Program */
  readonly node: Node;
  /** every event recorded in this code path, in visiting order */
  readonly events: ReadonlyArray<PathEvent<T>>;
  /**
   * Some path from `start` to the function's exit that passes no event for which `closes` is true,
   * or null when every path is closed.
   */
  findEscape(start: PathEvent<T>, closes: (event: PathEvent<T>) => boolean): Escape | null;
  /** Whether `target` is reachable from `start` without passing an event for which `blocks` is true. */
  reaches(start: PathEvent<T>, target: PathEvent<T>, blocks?: (event: PathEvent<T>) => boolean): boolean;
}

interface FrameState<T> {
  readonly upper: FrameState<T> | null;
  readonly codePath: CodePath;
  readonly node: Node;
  readonly current: Set<Segment>;
  readonly entries: Map<Segment, Array<Entry<T>>>;
  readonly events: Array<PathEvent<T>>;
  /** each event's first position: segment and index in it */
  readonly positions: Map<PathEvent<T>, Array<{ segment: Segment; index: number }>>;
}

export interface PathTracker<T> {
  /** listeners to merge into the rule's visitor */
  readonly listeners: TSESLint.RuleListener;
  /** records an event at the node being visited now */
  record(node: Node, data: T): PathEvent<T>;
}

/** Creates a tracker; `onEnd` runs for each code path when it ends, innermost first. */
export function createPathTracker<T>(onEnd: (frame: PathFrame<T>) => void): PathTracker<T> {
  let frame: FrameState<T> | null = null;

  const add = (entry: Entry<T>, event?: PathEvent<T>): void => {
    const f = frame;
    if (f === null) return;
    for (const segment of f.current) {
      if (!segment.reachable) continue;
      let list = f.entries.get(segment);
      if (list === undefined) {
        list = [];
        f.entries.set(segment, list);
      }
      if (event !== undefined) {
        const positions = f.positions.get(event) ?? [];
        positions.push({ segment, index: list.length });
        f.positions.set(event, positions);
      }
      list.push(entry);
    }
  };
  const jump = (node: JumpNode): void => add({ kind: 'jump', node });

  const listeners = {
    onCodePathStart(codePath: CodePath, node: Node) {
      frame = { upper: frame, codePath, node, current: new Set(), entries: new Map(), events: [], positions: new Map() };
    },
    onCodePathEnd() {
      const f = frame!;
      frame = f.upper;
      if (f.events.length > 0) onEnd(makeFrame(f));
    },
    onCodePathSegmentStart(segment: Segment) {
      frame?.current.add(segment);
    },
    onCodePathSegmentEnd(segment: Segment) {
      frame?.current.delete(segment);
    },
    onUnreachableCodePathSegmentStart(segment: Segment) {
      frame?.current.add(segment);
    },
    onUnreachableCodePathSegmentEnd(segment: Segment) {
      frame?.current.delete(segment);
    },
    ReturnStatement: jump,
    ThrowStatement: jump,
    BreakStatement: jump,
    ContinueStatement: jump,
  };

  return {
    listeners: listeners as unknown as TSESLint.RuleListener,
    record(node, data) {
      const event: PathEvent<T> = { node, data };
      frame?.events.push(event);
      add({ kind: 'event', event }, event);
      return event;
    },
  };
}

function makeFrame<T>(f: FrameState<T>): PathFrame<T> {
  const thrown = new Set(f.codePath.thrownSegments);
  const returned = new Set(f.codePath.returnedSegments);
  const exits = new Set(f.codePath.finalSegments.filter((s) => s.reachable));

  const closedIn = (segment: Segment, from: number, to: number, closes: (e: PathEvent<T>) => boolean): boolean => {
    const list = f.entries.get(segment) ?? [];
    for (let i = from; i < Math.min(to, list.length); i++) {
      const entry = list[i]!;
      if (entry.kind === 'event' && closes(entry.event)) return true;
    }
    return false;
  };

  const findEscape = (start: PathEvent<T>, closes: (e: PathEvent<T>) => boolean): Escape | null => {
    for (const { segment, index } of f.positions.get(start) ?? []) {
      const escape = searchFrom(segment, index, closes);
      if (escape !== null) return escape;
    }
    return null;
  };

  const searchFrom = (origin: Segment, index: number, closes: (e: PathEvent<T>) => boolean): Escape | null => {
    if (closedIn(origin, index + 1, Infinity, closes)) return null;
    const parent = new Map<Segment, Segment | null>([[origin, null]]);
    const queue: Segment[] = [];
    const jumpsTo = (end: Segment): JumpNode[] => {
      const path: Segment[] = [];
      for (let s: Segment | null | undefined = end; s != null && s !== origin; s = parent.get(s)) path.unshift(s);
      const jumps: JumpNode[] = [];
      for (const entry of (f.entries.get(origin) ?? []).slice(index + 1)) if (entry.kind === 'jump') jumps.push(entry.node);
      for (const s of path) for (const entry of f.entries.get(s) ?? []) if (entry.kind === 'jump') jumps.push(entry.node);
      return jumps;
    };
    const finish = (end: Segment, exit: Escape['exit']): Escape | null => {
      const jumps = jumpsTo(end);
      // A thrown exit counts only when an explicit `throw` on the path leads there: code path
      // analysis also adds thrown paths for implicit exceptions (a `yield` resumed with `throw()`),
      // which belong to the syntactic exception-safety check, not to "every path".
      if (exit === 'throw' && !jumps.some((j) => j.type === 'ThrowStatement')) {
        // a `finally` reached both by a `return` and by a thrown path is one segment in both lists:
        // a path that took the `return` leaves by returning
        if (!(returned.has(end) && jumps.some((j) => j.type === 'ReturnStatement'))) return null;
        return { exit: 'return', jump: jumps[0] ?? null };
      }
      return { exit, jump: jumps[0] ?? null };
    };
    if (exits.has(origin)) {
      const escape = finish(origin, thrown.has(origin) ? 'throw' : 'return');
      if (escape) return escape;
    }
    for (const next of origin.nextSegments) {
      if (parent.has(next)) continue;
      parent.set(next, origin);
      queue.push(next);
    }
    for (let head = 0; head < queue.length; head++) {
      const segment = queue[head]!;
      if (closedIn(segment, 0, Infinity, closes)) continue;
      if (exits.has(segment)) {
        const escape = finish(segment, thrown.has(segment) ? 'throw' : 'return');
        if (escape) return escape;
        continue;
      }
      for (const next of segment.nextSegments) {
        if (next === origin) {
          // back in the acquiring segment through a loop: closed if released before the acquisition
          if (closedIn(origin, 0, index, closes)) continue;
          parent.set(origin, segment);
          return finish(segment, 'reacquire');
        }
        if (!parent.has(next)) {
          parent.set(next, segment);
          queue.push(next);
        }
      }
    }
    return null;
  };

  /** each segment's rank in a topological order of the graph's strongly connected components (computed on first use) */
  let ranks: Map<Segment, number> | null = null;
  const rankOf = (segment: Segment): number => {
    ranks ??= componentRanks([f.codePath.initialSegment, ...f.entries.keys()]);
    return ranks.get(segment) ?? Infinity;
  };

  const reaches = (start: PathEvent<T>, target: PathEvent<T>, blocks: (e: PathEvent<T>) => boolean = () => false): boolean => {
    const targets = new Map((f.positions.get(target) ?? []).map((p) => [p.segment, p.index]));
    if (targets.size === 0) return false;
    // every path only goes forward in the component order: a search never needs to pass the target's rank
    let limit = -Infinity;
    for (const segment of targets.keys()) limit = Math.max(limit, rankOf(segment));
    for (const { segment, index } of f.positions.get(start) ?? []) {
      const list = f.entries.get(segment) ?? [];
      // same segment, later in it
      const at = targets.get(segment);
      if (at !== undefined && at > index && !closedIn(segment, index + 1, at, blocks)) return true;
      if (rankOf(segment) > limit || closedIn(segment, index + 1, list.length, blocks)) continue;
      const seen = new Set<Segment>();
      const queue: Segment[] = [];
      const push = (next: Segment): void => {
        if (seen.has(next) || rankOf(next) > limit) return;
        seen.add(next);
        queue.push(next);
      };
      segment.nextSegments.forEach(push);
      for (let head = 0; head < queue.length; head++) {
        const s = queue[head]!;
        const targetIndex = targets.get(s);
        if (targetIndex !== undefined && !closedIn(s, 0, targetIndex, blocks)) return true;
        if (closedIn(s, 0, Infinity, blocks)) continue;
        s.nextSegments.forEach(push);
      }
    }
    return false;
  };

  return { codePath: f.codePath, node: f.node, events: f.events, findEscape, reaches };
}

/**
 * Ranks the strongly connected components of the segment graph reachable from `roots` in
 * topological order (Tarjan's algorithm, iterative: a function may have tens of thousands of
 * segments): along every edge the rank never decreases, and it stays the same only inside a loop.
 */
function componentRanks(roots: Iterable<Segment>): Map<Segment, number> {
  const index = new Map<Segment, number>();
  const low = new Map<Segment, number>();
  const onStack = new Set<Segment>();
  const stack: Segment[] = [];
  const component = new Map<Segment, number>();
  let components = 0;
  const visit = (segment: Segment, work: Array<{ segment: Segment; next: number }>): void => {
    index.set(segment, index.size);
    low.set(segment, index.get(segment)!);
    stack.push(segment);
    onStack.add(segment);
    work.push({ segment, next: 0 });
  };
  for (const root of roots) {
    if (index.has(root)) continue;
    const work: Array<{ segment: Segment; next: number }> = [];
    visit(root, work);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const successors = top.segment.nextSegments;
      if (top.next < successors.length) {
        const next = successors[top.next++]!;
        if (!index.has(next)) visit(next, work);
        else if (onStack.has(next)) low.set(top.segment, Math.min(low.get(top.segment)!, index.get(next)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.segment, Math.min(low.get(parent.segment)!, low.get(top.segment)!));
      if (low.get(top.segment) === index.get(top.segment)) {
        let member: Segment;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.set(member, components);
        } while (member !== top.segment);
        components++;
      }
    }
  }
  // Tarjan's algorithm completes a component after every component it reaches
  const ranks = new Map<Segment, number>();
  for (const [segment, c] of component) ranks.set(segment, components - 1 - c);
  return ranks;
}

const JUMP_WORDS: Readonly<Record<JumpNode['type'], string>> = {
  ReturnStatement: 'The early return',
  ThrowStatement: 'The throw',
  BreakStatement: 'The break',
  ContinueStatement: 'The continue',
};

/** How messages name a jump: "The early return", "The throw", "The break", "The continue". */
export function describeJump(jump: JumpNode): string {
  return JUMP_WORDS[jump.type];
}

/** Merges rule listeners: handlers for the same key run in order. */
export function mergeListeners(...all: ReadonlyArray<TSESLint.RuleListener>): TSESLint.RuleListener {
  const merged: Record<string, Array<(...args: unknown[]) => void>> = {};
  for (const listeners of all) {
    for (const [key, handler] of Object.entries(listeners)) {
      if (typeof handler !== 'function') continue;
      (merged[key] ??= []).push(handler as (...args: unknown[]) => void);
    }
  }
  const result: Record<string, (...args: unknown[]) => void> = {};
  for (const [key, handlers] of Object.entries(merged)) {
    // ESLint passes at most three arguments (`onCodePathSegmentLoop(from, to, node)`); no rest/spread
    // on the hot path: code-path events fire for every segment
    result[key] = handlers.length === 1 ? handlers[0]! : (a, b, c) => {
      for (const handler of handlers) handler(a, b, c);
    };
  }
  return result;
}
