#!/usr/bin/env node
// Editor latency through the real ESLint language server (`vscode-eslint-language-server` from the
// vscode-langservers-extracted dev dependency, the server VS Code's ESLint extension runs), over stdio, on a
// copy of tests/fixtures/editor/ (the workspace tests/integration/editor.test.ts checks for correctness):
//   - time to first diagnostic: a fresh server per kind of file, from didOpen to the answer of the
//     textDocument/diagnostic pull (includes loading ESLint, the config, the plugin, the parser and, for
//     the typed file, TypeScript's project service); the server's `initialize` is timed separately
//   - per-edit re-lint: didChange (the leak fixed, then back) + pull, median and max over the edits
// Run after `npm run build`: `node bench/editor.js` (`--ci`: fewer repetitions; `--json`: machine output).
// Prints a Markdown table; asserts nothing. `npm run bench` runs it too, after its own report.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const ci = process.argv.includes('--ci');
const COLD_RUNS = ci ? 1 : 3;
const EDITS = ci ? 10 : 30;
const serverBin = join(root, 'node_modules', 'vscode-langservers-extracted', 'bin', 'vscode-eslint-language-server');
const FILES = [
  { label: 'JavaScript (recommended)', file: 'leak.js' },
  { label: 'TypeScript, untyped (recommended)', file: 'leak.ts' },
  { label: 'TypeScript, typed (recommended-type-checked + projectService)', file: 'typed/orders.ts' },
];

/** A minimal LSP client: Content-Length framing, requests, notifications, answers to server requests. */
class Lsp {
  constructor(cwd, settings) {
    this.child = spawn(process.execPath, [serverBin, '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.stderr = '';
    this.child.stderr.on('data', (c) => (this.stderr += c));
    this.child.stdout.on('data', (chunk) => this.onData(chunk));
    this.exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.settings = settings;
  }
  send(message) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }
  request(method, params, timeoutMs = 120_000) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method} timed out\n${this.stderr}`)), timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.send({ id, method, params });
    });
  }
  notify(method, params) {
    this.send({ method, params });
  }
  onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length:\s*(\d+)/i.exec(this.buffer.subarray(0, end).toString())[1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(end + 4 + length);
      if (message.method === undefined) {
        const p = this.pending.get(message.id);
        this.pending.delete(message.id);
        clearTimeout(p?.timer);
        if (message.error) p?.reject(new Error(message.error.message));
        else p?.resolve(message.result);
      } else if (message.id !== undefined) {
        const result =
          message.method === 'workspace/configuration'
            ? message.params.items.map((item) => (item.section || !item.scopeUri ? null : this.settings))
            : message.method.startsWith('eslint/')
              ? {}
              : null;
        this.send({ id: message.id, result });
      }
    }
  }
  async close() {
    try {
      await this.request('shutdown', null, 10_000);
      this.notify('exit', null);
    } catch {
      // killed below
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** The extension's default `eslint` settings (see tests/integration/editor.test.ts, `editorSettings`). */
const settingsFor = (workspace) => ({
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
  codeAction: { disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' }, showDocumentation: { enable: true } },
});

const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The file with the leak fixed (release in `finally`), as the integration test edits it. */
function released(text) {
  return text
    .replace(/^(\s*)client\.release\(\);\n/m, '')
    .replace(
      /^(\s*)const client = await (.+?);\n([\s\S]*?)(\n\s*(?:return|\}))/m,
      (_all, indent, acquire, body, rest) =>
        `${indent}const client = await ${acquire};\n${indent}try {\n${body}\n${indent}} finally {\n${indent}  client.release();\n${indent}}${rest}`,
    );
}

async function measure(workspace, file) {
  const uri = pathToFileURL(join(workspace, file)).href;
  const lsp = new Lsp(workspace, settingsFor(workspace));
  try {
    let t = process.hrtime.bigint();
    await lsp.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      workspaceFolders: [{ name: 'editor', uri: pathToFileURL(workspace).href }],
      capabilities: {
        workspace: { configuration: true, applyEdit: true, workspaceFolders: true },
        textDocument: { diagnostic: {}, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll.eslint'] } } } },
      },
    });
    lsp.notify('initialized', {});
    const initialize = ms(t);
    const text = readFileSync(join(workspace, file), 'utf8');
    const fixed = released(text);
    if (fixed === text) throw new Error(`bench/editor.js: cannot fix the leak in ${file}`);
    t = process.hrtime.bigint();
    lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: extname(file) === '.js' ? 'javascript' : 'typescript', version: 1, text } });
    const first = await lsp.request('textDocument/diagnostic', { textDocument: { uri } });
    const firstDiagnostic = ms(t);
    if (first.items.length === 0) throw new Error(`bench/editor.js: no diagnostic for ${file}\n${lsp.stderr}`);
    const edits = [];
    for (let version = 2; version < EDITS + 2; version++) {
      const next = version % 2 === 0 ? fixed : text;
      t = process.hrtime.bigint();
      lsp.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: next }] });
      const report = await lsp.request('textDocument/diagnostic', { textDocument: { uri } });
      edits.push(ms(t));
      const leaks = report.items.filter((d) => d.code === 'connection-hygiene/require-release').length;
      if (leaks !== (next === text ? 1 : 0)) throw new Error(`bench/editor.js: unexpected diagnostics after an edit of ${file}`);
    }
    return { initialize, firstDiagnostic, edits };
  } finally {
    await lsp.close();
  }
}

mkdirSync(join(root, '.cache'), { recursive: true });
const workspace = mkdtempSync(join(root, '.cache', 'editor-bench-'));
cpSync(join(root, 'tests', 'fixtures', 'editor'), workspace, { recursive: true });
const rows = [];
try {
  for (const { label, file } of FILES) {
    const runs = [];
    for (let i = 0; i < COLD_RUNS; i++) runs.push(await measure(workspace, file));
    const edits = runs.flatMap((r) => r.edits);
    rows.push({
      label,
      file,
      initializeMs: median(runs.map((r) => r.initialize)),
      firstDiagnosticMs: median(runs.map((r) => r.firstDiagnostic)),
      editMedianMs: median(edits),
      editMaxMs: Math.max(...edits),
      coldRuns: COLD_RUNS,
      edits: edits.length,
    });
  }
} finally {
  rmSync(workspace, { recursive: true, force: true });
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const f = (x) => `${Math.round(x)} ms`;
  console.log(`### Editor latency (ESLint language server ${JSON.parse(readFileSync(join(root, 'node_modules', 'vscode-langservers-extracted', 'package.json'), 'utf8')).version}, ${ci ? 'CI run' : 'full run'})\n`);
  console.log('| file | server initialize | first diagnostic after open | re-lint per edit (median) | re-lint per edit (max) |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.label} | ${f(r.initializeMs)} | ${f(r.firstDiagnosticMs)} | ${f(r.editMedianMs)} | ${f(r.editMaxMs)} |`);
  console.log(`\nMedian of ${COLD_RUNS} fresh server(s) per file; ${rows[0]?.edits ?? 0} edits per file (didChange + textDocument/diagnostic), alternating leak fixed / reintroduced.`);
}
