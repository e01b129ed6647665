// Fenced code blocks and the ❌/✅ example convention of rule docs (CONTRIBUTING.md, "The doc-example convention").

export interface CodeBlock {
  /** info string's first word, lower-cased (`ts`, `js`, …) */
  lang: string;
  code: string;
  /** 1-based line of the opening fence */
  line: number;
}

export interface DocExample extends CodeBlock {
  kind: 'incorrect' | 'correct';
  /** the rule's options (`// options: [...]`), or undefined */
  options: unknown[] | undefined;
  /** `settings["connection-hygiene"]` (`// settings: {...}`), or undefined */
  settings: Record<string, unknown> | undefined;
}

export const EXAMPLE_LANGS = ['ts', 'typescript', 'js', 'javascript', 'mjs', 'cjs'];

/** Top-level fenced blocks (``` or ~~~, any length ≥ 3); blocks nested in a longer fence are part of it. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split(/\r?\n/);
  let open: { fence: string; lang: string; line: number; body: string[] } | null = null;
  lines.forEach((text, i) => {
    if (open === null) {
      const start = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(text);
      if (start) open = { fence: start[1] ?? '```', lang: (start[2] ?? '').toLowerCase(), line: i + 1, body: [] };
      return;
    }
    const end = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(text);
    if (end && end[1]?.[0] === open.fence[0] && (end[1]?.length ?? 0) >= open.fence.length) {
      blocks.push({ lang: open.lang, code: open.body.join('\n') + '\n', line: open.line });
      open = null;
      return;
    }
    open.body.push(text);
  });
  return blocks;
}

/** The marked examples of a doc; throws on a malformed `options`/`settings` line. */
export function docExamples(markdown: string): DocExample[] {
  const examples: DocExample[] = [];
  for (const block of codeBlocks(markdown)) {
    if (!EXAMPLE_LANGS.includes(block.lang)) continue;
    const lines = block.code.split('\n');
    const marker = /^\/\/\s*(❌|✅)/u.exec(lines[0] ?? '');
    if (!marker) continue;
    let options: unknown[] | undefined;
    let settings: Record<string, unknown> | undefined;
    for (const text of lines.slice(1)) {
      const directive = /^\/\/\s*(options|settings):\s*(.*)$/.exec(text);
      if (!directive) break;
      let value: unknown;
      try {
        value = JSON.parse(directive[2] ?? '');
      } catch (error) {
        throw new Error(`line ${block.line}: the ${directive[1]} line is not JSON: ${(error as Error).message}`, { cause: error });
      }
      if (directive[1] === 'options') {
        if (!Array.isArray(value)) throw new Error(`line ${block.line}: options must be a JSON array (what follows the severity).`);
        options = value;
      } else {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          throw new Error(`line ${block.line}: settings must be a JSON object (the value of settings["connection-hygiene"]).`);
        }
        settings = value as Record<string, unknown>;
      }
    }
    examples.push({ ...block, kind: marker[1] === '❌' ? 'incorrect' : 'correct', options, settings });
  }
  return examples;
}

/** `## ` headings outside code blocks, in order. */
export function sections(markdown: string): string[] {
  let fence: string | null = null;
  const found: string[] = [];
  for (const text of markdown.split(/\r?\n/)) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence === null) {
      if (marker !== undefined) fence = marker;
      else if (text.startsWith('## ')) found.push(text.slice(3).trim());
    } else if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length && /^ {0,3}(`{3,}|~{3,})\s*$/.test(text)) {
      fence = null;
    }
  }
  return found;
}
