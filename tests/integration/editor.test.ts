// Editor squiggles and quick fixes through the real ESLint language server: `vscode-eslint-language-server`
// from vscode-langservers-extracted (the server VS Code's ESLint extension runs, built from
// microsoft/vscode-eslint), started over stdio and driven by the minimal LSP client below the way the
// extension drives it: its default `eslint` settings answered to workspace/configuration, documents
// opened and changed, diagnostics pulled with textDocument/diagnostic, code actions requested at a
// finding and their commands executed, the server's workspace/applyEdit applied here.
//
// The workspace is a copy of tests/fixtures/editor/ (in .cache/, inside the repository so that its
// eslint.config.js finds eslint, the parser and the plugin itself by name): a JavaScript file and a
// TypeScript file under `recommended`, and typed/ under `recommended-type-checked` with `projectService`.
// Everything the editor shows is compared with what the ESLint Node API gives for the same text and
// config (the "CLI"): diagnostics (rule, message, exact range, severity, documentation link), the code
// actions offered at each finding and the document after each fix, suggestion and disable comment.
// Latencies are measured by bench/editor.js (`node bench/editor.js`; `npm run bench` runs it too), not
// asserted here.
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltPlugin, root } from '../helpers/built-plugin.js';

// ---- a minimal JSON-RPC/LSP client: Content-Length framing, requests, responses, notifications --------

interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

type RequestHandler = (params: unknown) => unknown;

class LspClient {
  readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private readonly handlers = new Map<string, RequestHandler>();
  readonly notifications: Message[] = [];
  stderr = '';
  private exited: Promise<number | null>;

  constructor(command: string, args: string[], cwd: string) {
    this.child = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    void this.exited.then((code) => {
      for (const [, p] of this.pending) {
        clearTimeout(p.timer);
        p.reject(new Error(`language server exited (${code}) with requests pending; stderr:\n${this.stderr}`));
      }
      this.pending.clear();
    });
  }

  /** Answers requests of `method` from the server. */
  onRequest(method: string, handler: RequestHandler): void {
    this.handlers.set(method, handler);
  }

  request<T>(method: string, params: unknown, timeoutMs = 60_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} timed out after ${timeoutMs} ms; stderr:\n${this.stderr}`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** shutdown + exit, then SIGKILL if the server is still alive after `timeoutMs`. */
  async close(timeoutMs = 10_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    try {
      await this.request('shutdown', null, timeoutMs);
      this.notify('exit', null);
    } catch {
      // the server is gone or stuck: killed below
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const match = /Content-Length:\s*(\d+)/i.exec(header);
      if (!match) throw new Error(`LSP header without Content-Length: ${header}`);
      const length = Number(match[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const message = JSON.parse(this.buffer.subarray(start, start + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    if (message.method === undefined) {
      const pending = this.pending.get(Number(message.id));
      if (!pending) return;
      this.pending.delete(Number(message.id));
      clearTimeout(pending.timer);
      if (message.error) pending.reject(new Error(`${message.error.code}: ${message.error.message}`));
      else pending.resolve(message.result);
      return;
    }
    if (message.id === undefined) {
      this.notifications.push(message);
      return;
    }
    const handler = this.handlers.get(message.method);
    let result: unknown;
    try {
      result = handler ? handler(message.params) : null;
    } catch (error) {
      this.send({ jsonrpc: '2.0', id: message.id, error: { code: -32603, message: String(error) } });
      return;
    }
    this.send({ jsonrpc: '2.0', id: message.id, result: result ?? null });
  }
}

// ---- the workspace, the server and the editor's side of the protocol ------------------------------------

const fixture = join(root, 'tests', 'fixtures', 'editor');
const serverBin = join(root, 'node_modules', 'vscode-langservers-extracted', 'bin', 'vscode-eslint-language-server');
const NAMESPACE = 'connection-hygiene';
const LANGUAGE: Record<string, string> = { '.js': 'javascript', '.ts': 'typescript' };

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface TextEdit {
  range: Range;
  newText: string;
}
interface Diagnostic {
  range: Range;
  severity: number;
  source?: string;
  code?: string;
  codeDescription?: { href: string };
  message: string;
}
interface Command {
  title: string;
  command: string;
  arguments?: unknown[];
}
interface CodeAction {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  diagnostics?: Diagnostic[];
  command?: Command;
  edit?: WorkspaceEdit;
}
interface WorkspaceEdit {
  changes?: Record<string, TextEdit[]>;
  documentChanges?: { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }[];
}

/** The `eslint` settings VS Code's ESLint extension sends for a validated file, all at their defaults
 *  (client.ts `readConfiguration` and the extension's package.json): validate on, lint on type, disable
 *  comments on a separate line, documentation actions, nodePath null, `experimental.useFlatConfig` false
 *  and `useFlatConfig` / `workingDirectory` unset (so absent from the JSON): the server then takes the
 *  directory of the nearest eslint.config.js as the working directory and detects the flat config there;
 *  ESLint 10 only has flat configs anyway (the server logs that the setting is ignored). */
function editorSettings(workspace: string) {
  return {
    validate: 'on',
    packageManager: 'npm',
    useESLintClass: false,
    experimental: { useFlatConfig: false },
    codeActionOnSave: { mode: 'all' },
    format: false,
    quiet: false,
    onIgnoredFiles: 'off',
    options: {},
    rulesCustomizations: [],
    run: 'onType',
    problems: { shortenToSingleLine: false },
    nodePath: null,
    workspaceFolder: { name: 'editor', uri: pathToFileURL(workspace).href },
    codeAction: {
      disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' },
      showDocumentation: { enable: true },
    },
  };
}

/** Offset of an LSP position (UTF-16 code units, as JS strings count them). */
function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  return Math.min(offset + position.character, lineEnd < 0 ? text.length : lineEnd);
}

/** Applies text edits the way an editor does: all positions refer to the text before the edit. */
function applyTextEdits(text: string, edits: TextEdit[]): string {
  const sorted = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const e of sorted) result = result.slice(0, e.start) + e.newText + result.slice(e.end);
  return result;
}

function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  const fromDocumentChanges = (edit.documentChanges ?? []).filter((c) => c.textDocument.uri === uri).flatMap((c) => c.edits);
  return [...fromDocumentChanges, ...(edit.changes?.[uri] ?? [])];
}

class Editor {
  readonly lsp: LspClient;
  readonly texts = new Map<string, string>();
  private readonly versions = new Map<string, number>();
  readonly appliedEdits: WorkspaceEdit[] = [];
  readonly configurationRequests: unknown[] = [];

  constructor(readonly workspace: string) {
    this.lsp = new LspClient(process.execPath, [serverBin, '--stdio'], workspace);
    this.lsp.onRequest('workspace/configuration', (params) => {
      this.configurationRequests.push(params);
      const { items } = params as { items: { scopeUri?: string; section?: string }[] };
      // the extension answers only the resource-scoped request for the whole `eslint` section
      return items.map((item) => (item.section || !item.scopeUri ? null : editorSettings(workspace)));
    });
    this.lsp.onRequest('workspace/applyEdit', (params) => {
      this.appliedEdits.push((params as { edit: WorkspaceEdit }).edit);
      return { applied: true };
    });
    for (const method of ['client/registerCapability', 'window/workDoneProgress/create', 'workspace/diagnostic/refresh']) {
      this.lsp.onRequest(method, () => null);
    }
    // eslint/noConfig, eslint/noLibrary, eslint/probeFailed, eslint/openDoc: acknowledged like the extension does
    for (const method of ['eslint/noConfig', 'eslint/noLibrary', 'eslint/probeFailed', 'eslint/openDoc']) {
      this.lsp.onRequest(method, () => ({}));
    }
  }

  uri(file: string): string {
    return pathToFileURL(join(this.workspace, file)).href;
  }

  async start(): Promise<void> {
    await this.lsp.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(this.workspace).href,
      workspaceFolders: [{ name: 'editor', uri: pathToFileURL(this.workspace).href }],
      capabilities: {
        workspace: { configuration: true, applyEdit: true, workspaceFolders: true, diagnostics: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: false } },
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: false },
          diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
          codeAction: {
            dynamicRegistration: false,
            isPreferredSupport: true,
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'source', 'source.fixAll', 'source.fixAll.eslint'] } },
          },
        },
      },
    });
    this.lsp.notify('initialized', {});
  }

  open(file: string, text = readFileSync(join(this.workspace, file), 'utf8')): void {
    this.texts.set(file, text);
    this.versions.set(file, 1);
    this.lsp.notify('textDocument/didOpen', {
      textDocument: { uri: this.uri(file), languageId: LANGUAGE[extname(file)], version: 1, text },
    });
  }

  /** A whole-document change (allowed under incremental sync: a content change without a range). */
  change(file: string, text: string): void {
    const version = (this.versions.get(file) ?? 0) + 1;
    this.versions.set(file, version);
    this.texts.set(file, text);
    this.lsp.notify('textDocument/didChange', { textDocument: { uri: this.uri(file), version }, contentChanges: [{ text }] });
  }

  async diagnostics(file: string): Promise<Diagnostic[]> {
    const report = await this.lsp.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', {
      textDocument: { uri: this.uri(file) },
    });
    expect(report.kind).toBe('full');
    return report.items;
  }

  codeActions(file: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return this.lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: this.uri(file) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], triggerKind: 1 },
    });
  }

  fixAll(file: string): Promise<CodeAction[]> {
    return this.lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: this.uri(file) },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.eslint'], triggerKind: 2 },
    });
  }

  /** Runs a code action's command; the server answers with workspace/applyEdit, whose edits are applied
   *  here to the editor's text (not synced back: the document stays as it was for the next action). */
  async run(file: string, action: CodeAction): Promise<string> {
    const before = this.appliedEdits.length;
    if (action.command) await this.lsp.request('workspace/executeCommand', { command: action.command.command, arguments: action.command.arguments });
    const edit = action.edit ?? this.appliedEdits[before];
    expect(edit, `"${action.title}" produced a workspace edit`).toBeDefined();
    return applyTextEdits(this.texts.get(file)!, editsFor(edit!, this.uri(file)));
  }
}

// ---- what the CLI (the ESLint Node API on the same workspace) gives ------------------------------------

interface CliMessage {
  ruleId: string | null;
  message: string;
  severity: number;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fix?: { range: [number, number]; text: string };
  suggestions?: { desc: string; fix: { range: [number, number]; text: string } }[];
}

async function cli(workspace: string, file: string, text: string, fix = false) {
  const eslint = new ESLint({ cwd: workspace, fix });
  const results = await eslint.lintText(text, { filePath: join(workspace, file) });
  const meta = eslint.getRulesMetaForResults(results);
  const result = results[0]!;
  const messages = result.messages as CliMessage[];
  for (const m of messages) if (m.ruleId === null) throw new Error(`${file}:${m.line}:${m.column} ${m.message}`);
  return { messages, meta, output: result.output };
}

const applyFix = (text: string, fix: { range: [number, number]; text: string }) => text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);

/** A CLI message as the ESLint server turns it into an LSP diagnostic (0-based lines and columns). */
function asDiagnostic(m: CliMessage, meta: Record<string, { docs?: { url?: string } }>) {
  const url = meta[m.ruleId!]?.docs?.url;
  return {
    code: m.ruleId,
    message: m.message,
    severity: m.severity === 2 ? 1 : 2,
    source: 'eslint',
    range: {
      start: { line: m.line - 1, character: m.column - 1 },
      end: { line: (m.endLine ?? m.line) - 1, character: (m.endColumn ?? m.column) - 1 },
    },
    ...(url === undefined ? {} : { codeDescription: { href: url } }),
  };
}

const normalize = (d: Diagnostic) => ({
  code: d.code,
  message: d.message,
  severity: d.severity,
  source: d.source,
  range: d.range,
  ...(d.codeDescription ? { codeDescription: d.codeDescription } : {}),
});

const byPosition = <T extends { range: Range }>(list: T[]) =>
  [...list].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);

/** Waits, without fixed sleeps, until `probe` gives a value `done` accepts (or the deadline passes). */
async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}

// ---- the tests ----------------------------------------------------------------------------------------

const FILES = {
  'leak.js': ['require-release', 'no-floating-query'],
  'leak.ts': ['require-release', 'no-floating-query'],
  'typed/orders.ts': ['require-release'],
} as const;
type FixtureFile = keyof typeof FILES;
const fileNames = Object.keys(FILES) as FixtureFile[];

let workspace: string;
let editor: Editor;
// generous: the first typed lint starts TypeScript's project service, slow on a loaded 2-core machine
const slow = { timeout: 120_000 };

beforeAll(async () => {
  await loadBuiltPlugin(); // fails with a clear message when dist/ is missing or stale
  mkdirSync(join(root, '.cache'), { recursive: true });
  workspace = mkdtempSync(join(root, '.cache', 'editor-'));
  cpSync(fixture, workspace, { recursive: true });
  editor = new Editor(workspace);
  await editor.start();
  for (const file of fileNames) editor.open(file);
});

afterAll(async () => {
  await editor?.lsp.close();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe.each(fileNames)('%s', (file) => {
  it('the editor shows the CLI findings: rule, message, exact range, severity and documentation link', slow, async () => {
    const text = editor.texts.get(file)!;
    const [diagnostics, expected] = await Promise.all([editor.diagnostics(file), cli(workspace, file, text)]);
    expect(byPosition(diagnostics.map(normalize))).toEqual(byPosition(expected.messages.map((m) => asDiagnostic(m, expected.meta))));
    expect(diagnostics.map((d) => d.code).sort()).toEqual(FILES[file].map((rule) => `${NAMESPACE}/${rule}`).sort());
    for (const d of diagnostics) {
      expect(d.codeDescription?.href).toBe(
        `https://github.com/connection-hygiene/eslint-plugin-connection-hygiene/blob/main/docs/rules/${d.code!.slice(NAMESPACE.length + 1)}.md`,
      );
    }
  });

  it('offers the CLI fix and every suggestion at each finding, plus disable comments, and applies them as the CLI does', slow, async () => {
    const text = editor.texts.get(file)!;
    const diagnostics = await editor.diagnostics(file);
    const { messages, meta } = await cli(workspace, file, text);
    for (const m of messages) {
      const rule = m.ruleId!;
      const diagnostic = diagnostics.find((d) => d.code === rule && d.range.start.line === m.line - 1)!;
      expect(diagnostic, `${rule} at line ${m.line}`).toBeDefined();
      const actions = await editor.codeActions(file, diagnostic);
      const suggestions = m.suggestions ?? [];
      expect(actions.map((a) => a.title), `the actions at ${rule}`).toEqual([
        ...(m.fix ? [`Fix this ${rule} problem`] : []),
        ...suggestions.map((s) => `${s.desc} (${rule})`),
        `Disable ${rule} for this line`,
        `Disable ${rule} for the entire file`,
        `Show documentation for ${rule}`,
        ...(m.fix ? ['Fix all auto-fixable problems'] : []),
      ]);
      const action = (title: string) => actions.find((a) => a.title === title)!;

      if (m.fix) {
        const fix = action(`Fix this ${rule} problem`);
        expect(fix.isPreferred).toBe(true);
        expect(await editor.run(file, fix), 'the fix').toBe(applyFix(text, m.fix));
      }
      for (const s of suggestions) {
        expect(await editor.run(file, action(`${s.desc} (${rule})`)), `the suggestion "${s.desc}"`).toBe(applyFix(text, s.fix));
      }

      // the disable comments silence exactly this finding in the CLI
      const lineDisabled = await editor.run(file, action(`Disable ${rule} for this line`));
      const indent = /^[ \t]*/.exec(text.split('\n')[m.line - 1]!)![0];
      const lines = text.split('\n');
      lines.splice(m.line - 1, 0, `${indent}// eslint-disable-next-line ${rule}`);
      expect(lineDisabled).toBe(lines.join('\n'));
      const afterLine = await cli(workspace, file, lineDisabled);
      expect(afterLine.messages.filter((x) => x.ruleId === rule)).toHaveLength(messages.filter((x) => x.ruleId === rule).length - 1);
      const fileDisabled = await editor.run(file, action(`Disable ${rule} for the entire file`));
      expect(fileDisabled).toBe(`/* eslint-disable ${rule} */\n${text}`);
      expect((await cli(workspace, file, fileDisabled)).messages.filter((x) => x.ruleId === rule)).toEqual([]);

      // the documentation action asks the editor to open the rule's page
      const opened: unknown[] = [];
      editor.lsp.onRequest('eslint/openDoc', (params) => (opened.push(params), {}));
      const doc = action(`Show documentation for ${rule}`);
      await editor.lsp.request('workspace/executeCommand', { command: doc.command!.command, arguments: doc.command!.arguments });
      await until(() => Promise.resolve(opened.length), (n) => n > 0, 10_000);
      expect(opened).toEqual([{ url: meta[rule]?.docs?.url }]);

      if (m.fix) {
        const all = await editor.run(file, action('Fix all auto-fixable problems'));
        expect(all, 'fix all (quick fix menu) = eslint --fix').toBe((await cli(workspace, file, text, true)).output ?? text);
      }
    }
  });

  it('fixes all on save (source.fixAll.eslint) exactly as `eslint --fix`', slow, async () => {
    const text = editor.texts.get(file)!;
    const { output } = await cli(workspace, file, text, true);
    const actions = await editor.fixAll(file);
    // offered even when nothing is fixable (then with no edits)
    expect(actions.map((a) => [a.title, a.kind])).toEqual([['Fix all fixable ESLint issues', 'source.fixAll.eslint']]);
    expect(await editor.run(file, actions[0]!)).toBe(output ?? text);
  });
});

describe('the editor protocol', () => {
  it('the server asks for the `eslint` settings of each document it lints, scoped to the document', () => {
    const asked = editor.configurationRequests.flatMap((p) => (p as { items: { scopeUri?: string; section?: string }[] }).items);
    for (const file of fileNames) expect(asked).toContainEqual({ scopeUri: editor.uri(file), section: '' });
  });

  it("the server lints with the project's own ESLint 10 and its flat config, without errors", () => {
    const logs = editor.lsp.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
    expect(logs).toContain(`ESLint library loaded from: ${createRequire(import.meta.url).resolve('eslint')}`);
    expect(logs).toContain(`ESLint version ${ESLint.version} only supports flat configs. Setting is ignored.`);
    const statuses = editor.lsp.notifications.filter((n) => n.method === 'eslint/status').map((n) => (n.params as { state: number }).state);
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses), 'every lint ended with status ok (1), none with warn or error').toEqual(new Set([1]));
  });
});

describe('edits between requests', () => {
  it.each(['leak.js', 'leak.ts'] as const)('%s: the finding disappears when the leak is fixed and returns when it is reintroduced', slow, async (file) => {
    const original = editor.texts.get(file)!;
    const before = await editor.diagnostics(file);
    const released = original.replace(/^(\s*)client\.release\(\);\n/m, '').replace(
      /^(\s*)const client = await pool\.connect\(\);\n([\s\S]*?)(\n\s*(?:return|\}))/m,
      (_all, indent: string, body: string, rest: string) => `${indent}const client = await pool.connect();\n${indent}try {\n${body}\n${indent}} finally {\n${indent}  client.release();\n${indent}}${rest}`,
    );
    expect(released).not.toBe(original);
    editor.change(file, released);
    const fixed = await editor.diagnostics(file);
    expect(fixed.map((d) => d.code)).not.toContain(`${NAMESPACE}/require-release`);
    const cliFixed = await cli(workspace, file, released);
    expect(byPosition(fixed.map(normalize))).toEqual(byPosition(cliFixed.messages.map((m) => asDiagnostic(m, cliFixed.meta))));

    editor.change(file, original);
    expect(await editor.diagnostics(file)).toEqual(before);
  });
});

// typed/orders.ts leaks the client that `database.lease()` from typed/db.ts returns; only its type
// (`Promise<PoolClient>`) makes it a lease. db.ts is changed to return an in-house `Handle` type instead.
// What the server needs to see the change (all observed here, asserted below):
//   - The server's ESLint reads db.ts through typescript-eslint's project service, which lives as long as
//     the server process and whose file watchers are stubs: db.ts changed on disk is never re-read, whatever
//     the editor sends (didSave, workspace/didChangeWatchedFiles — which VS Code's extension does not even
//     send for .ts files; it watches only ESLint config files and package.json). A new CLI run sees it.
//   - It sees the change when db.ts itself is linted: db.ts open in the editor and its diagnostics pulled
//     (VS Code pulls them on every change of an open file, saved or not). typescript-eslint then takes the
//     editor's text of db.ts into the project, and the next lint of orders.ts uses the new type.
//   - orders.ts shows it at its own next pull: the server declares `interFileDependencies: false`, so the
//     editor does not re-pull orders.ts when db.ts changes.
describe('typed: a change to the imported db.ts wrapper', () => {
  const file = 'typed/orders.ts';
  const dbFile = 'typed/db.ts';
  const codes = async (f: string) => (await editor.diagnostics(f)).map((d) => d.code);
  /** A new ESLint process on the workspace as it is on disk: what `eslint` run in a terminal reports. */
  const freshCli = () => {
    const run = spawnSync(process.execPath, [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', file], { cwd: workspace, encoding: 'utf8' });
    if (run.status !== 0 && run.status !== 1) throw new Error(`eslint exited with ${run.status}:\n${run.stderr}`);
    return (JSON.parse(run.stdout) as { messages: { ruleId: string }[] }[])[0]!.messages.map((m) => m.ruleId);
  };

  it('follows the wrapper once the server has linted the changed db.ts, not from the disk', slow, async () => {
    const leak = [`${NAMESPACE}/require-release`];
    const before = await editor.diagnostics(file);
    expect(before.map((d) => d.code)).toEqual(leak);
    const original = readFileSync(join(workspace, dbFile), 'utf8');
    const changed = original
      .replace(
        "import { Pool, type PoolClient } from 'pg';",
        "import { Pool } from 'pg';\n\nexport interface Handle {\n  query(sql: string, values?: unknown[]): Promise<unknown>;\n  release(): void;\n}",
      )
      .replace('lease(): Promise<PoolClient> {\n    return pool.connect();', 'lease(): Promise<Handle> {\n    return pool.connect() as Promise<Handle>;');
    expect(changed).toContain('Promise<Handle>');

    // 1. db.ts changed on disk only: the CLI follows, the running server does not
    writeFileSync(join(workspace, dbFile), changed);
    try {
      expect(freshCli()).toEqual([]);
      editor.lsp.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: editor.uri(dbFile), type: 2 }] });
      expect(await codes(file)).toEqual(leak);
      editor.change(file, editor.texts.get(file)!);
      expect(await codes(file), 'even after an edit of orders.ts').toEqual(leak);
    } finally {
      writeFileSync(join(workspace, dbFile), original);
    }

    // 2. db.ts changed in the editor (unsaved): nothing until the server lints db.ts ...
    editor.open(dbFile, original);
    editor.change(dbFile, changed);
    expect(await codes(file)).toEqual(leak);
    // ... then orders.ts follows at its next pull, as the CLI does with the same db.ts
    expect(await codes(dbFile)).toEqual([]);
    expect(await codes(file)).toEqual([]);

    // 3. the old wrapper back: the finding returns, the same as before
    editor.change(dbFile, original);
    expect(await codes(file), 'not before db.ts is linted again').toEqual([]);
    expect(await codes(dbFile)).toEqual([]);
    expect(await editor.diagnostics(file)).toEqual(before);
    expect(freshCli()).toEqual(leak);
  });
});
