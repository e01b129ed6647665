// Rule docs: generated header, required sections, and examples that lint as they claim — every ❌ block
// reports the rule, every ✅ block does not (CONTRIBUTING.md, "The doc-example convention"). The
// examples are linted with the BUILT plugin and only the documented rule enabled.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { rules as sourceRules } from '../src/rules.js';
import { type BuiltPlugin, loadBuiltPlugin, root } from './helpers/built-plugin.js';
import { type DocExample, docExamples, sections } from './helpers/markdown.js';

const NAMESPACE = 'connection-hygiene';
const docsDir = join(root, 'docs', 'rules');
const ruleNames = Object.keys(sourceRules);
const REQUIRED_SECTIONS = ['Examples', 'Fixes and suggestions', 'When Not To Use It'];

let plugin: BuiltPlugin;
beforeAll(async () => {
  plugin = await loadBuiltPlugin();
});

function readDoc(name: string): string {
  const file = join(docsDir, `${name}.md`);
  if (!existsSync(file)) throw new Error(`docs/rules/${name}.md is missing`);
  return readFileSync(file, 'utf8');
}

function hasOptions(schema: unknown): boolean {
  return Array.isArray(schema) ? schema.length > 0 : schema !== undefined && schema !== false && Object.keys(schema as object).length > 0;
}

/** Lints one example with only `rule` on; returns that rule's findings (throws on a parse error). */
function lintExample(name: string, example: DocExample): Linter.LintMessage[] {
  const ext = example.lang === 'typescript' ? 'ts' : example.lang === 'javascript' ? 'js' : example.lang;
  // A path inside the repository, so that imports of drivers resolve to node_modules for typed linting.
  const filename = join(docsDir, `${name}.example-line-${example.line}.${ext}`);
  const typeAware = example.settings?.typeAware === true;
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: {
        parser: tsParser,
        parserOptions: typeAware
          ? {
              projectService: {
                allowDefaultProject: ['docs/rules/*.ts'],
                maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 1000,
              },
              tsconfigRootDir: root,
            }
          : {},
      },
    },
    { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
    {
      plugins: { [NAMESPACE]: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
      rules: { [`${NAMESPACE}/${name}`]: ['error', ...(example.options ?? [])] },
      ...(example.settings ? { settings: { [NAMESPACE]: example.settings } } : {}),
    },
  ];
  const messages = new Linter({ cwd: root }).verify(example.code, config, filename);
  const fatal = messages.find((m) => m.fatal === true || m.ruleId === null);
  if (fatal) throw new Error(`docs/rules/${name}.md block at line ${example.line} does not parse: ${fatal.line}:${fatal.column} ${fatal.message}`);
  return messages.filter((m) => m.ruleId === `${NAMESPACE}/${name}`);
}

describe('docs/rules', () => {
  it('has one page per registered rule and no other', () => {
    const pages = existsSync(docsDir) ? readdirSync(docsDir).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)) : [];
    expect(pages.sort()).toEqual([...ruleNames].sort());
  });
});

describe.each(ruleNames)('docs/rules/%s.md', (name) => {
  it('starts with the generated header', () => {
    const doc = readDoc(name);
    const description = (sourceRules as Record<string, { meta: { docs?: { description?: string } } }>)[name]?.meta.docs?.description;
    expect(doc.startsWith(`# ${NAMESPACE}/${name}\n`), 'title line (run `npm run update:eslint-docs`)').toBe(true);
    expect(doc).toContain(`📝 ${description}.`);
    expect(doc).toContain('<!-- end auto-generated rule header -->');
  });

  it('has the required sections', () => {
    const doc = readDoc(name);
    const body = doc.slice(doc.indexOf('<!-- end auto-generated rule header -->'));
    const found = sections(body);
    for (const section of REQUIRED_SECTIONS) expect(found, `## ${section}`).toContain(section);
    const meta = (sourceRules as Record<string, { meta: { schema?: unknown } }>)[name]?.meta;
    expect(found.includes('Options'), hasOptions(meta?.schema) ? 'needs ## Options' : 'has no options: no ## Options').toBe(hasOptions(meta?.schema));
  });

  it('has at least one ❌ and one ✅ example', () => {
    const examples = docExamples(readDoc(name));
    expect(examples.filter((e) => e.kind === 'incorrect').length, '❌ examples').toBeGreaterThan(0);
    expect(examples.filter((e) => e.kind === 'correct').length, '✅ examples').toBeGreaterThan(0);
  });

  it('has ❌ examples that report and ✅ examples that do not', () => {
    const failures: string[] = [];
    for (const example of docExamples(readDoc(name))) {
      const findings = lintExample(name, example);
      if (example.kind === 'incorrect' && findings.length === 0) {
        failures.push(`❌ block at line ${example.line} produces no report of ${NAMESPACE}/${name}`);
      }
      if (example.kind === 'correct' && findings.length > 0) {
        const where = findings.map((f) => `doc line ${example.line + f.line}:${f.column} ${f.message}`).join('; ');
        failures.push(`✅ block at line ${example.line} is reported: ${where}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
