import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';

// The rule a newcomer can say in one sentence: outside io/ and pipeline/ every file is pure; pipeline/
// composes; render/ and packet/ only turn data into text or bytes. This test keeps it so.
const CORE = new URL('.', import.meta.url).pathname;
const PACKAGES = new URL('../../', import.meta.url).pathname;
const PURE_ROOMS = ['model', 'schemas', 'load', 'rules', 'score', 'diff', 'migrate', 'import', 'render', 'packet', 'scaffold', 'secrets', 'collect'];
const IMPURE_MODULES = /^(node:)?(fs|fs\/promises|child_process)$|^simple-git$/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : walk(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

// The syntax trees come from oxc-parser (ESTree with TypeScript's nodes): TypeScript 7, which type-checks
// and builds this repository, has no stable JavaScript API to parse with.
interface AstNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

/** Every node of a file's syntax tree with its parent, depth first. */
function walkAst(file: string, visit: (node: AstNode, parent: AstNode | undefined) => void): void {
  const { program, errors } = parseSync(file, readFileSync(file, 'utf8'));
  if (errors.length) throw new Error(`${file}: ${errors[0]!.message}`);
  const walk = (value: unknown, parent: AstNode | undefined): void => {
    if (Array.isArray(value)) return value.forEach((v) => walk(v, parent));
    if (!value || typeof value !== 'object') return;
    const node = value as AstNode;
    if (typeof node.type === 'string') visit(node, parent);
    for (const [key, child] of Object.entries(node)) if (key !== 'parent' && child && typeof child === 'object') walk(child, typeof node.type === 'string' ? node : parent);
  };
  walk(program, undefined);
}

/** The functions of a file over 100 lines, as "line (n lines)". */
function longFunctions(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
  const long: string[] = [];
  walkAst(file, (node, parent) => {
    if (!['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'].includes(node.type) || !node['body']) return;
    // A method counts from its name: its function expression starts at the parameters.
    const from = parent && ['MethodDefinition', 'Property'].includes(parent.type) && parent['value'] === node ? parent.start : node.start;
    const lines = lineAt(node.end) - lineAt(from) + 1;
    if (lines > 100) long.push(`${lineAt(from)} (${lines} lines)`);
  });
  return long;
}

const MODULE_REFERENCES = new Set(['ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration', 'ImportExpression', 'TSImportType']);

/** Every module a file imports or re-exports, statically, with import(), or in an import('…') type. */
function importsOf(file: string): string[] {
  const out: string[] = [];
  walkAst(file, (node) => {
    const source = node['source'] as { type?: string; value?: unknown } | null | undefined;
    if (MODULE_REFERENCES.has(node.type) && source?.type === 'Literal' && typeof source.value === 'string') out.push(source.value);
  });
  return out;
}

const sources = walk(CORE).filter((f) => !f.endsWith('.test.ts'));
const room = (file: string) => relative(CORE, file).split('/')[0]!;

describe('the layout of @trustops/core', () => {
  it('only io/ (and the test helpers) touch the disk, processes or git', () => {
    const leaks = sources
      .filter((f) => !['io', 'testing'].includes(room(f)))
      .flatMap((f) => importsOf(f).filter((m) => IMPURE_MODULES.test(m)).map((m) => `${relative(CORE, f)} imports ${m}`));
    expect(leaks).toEqual([]);
  });

  it('the pure rooms never import from io/ or pipeline/', () => {
    const leaks = sources
      .filter((f) => PURE_ROOMS.includes(room(f)))
      .flatMap((f) =>
        importsOf(f)
          .filter((m) => m.startsWith('.'))
          .filter((m) => ['io', 'pipeline'].includes(room(join(f, '..', m))))
          .map((m) => `${relative(CORE, f)} imports ${m}`),
      );
    expect(leaks).toEqual([]);
  });

  it('has every source file in a room that says what it is', () => {
    const loose = sources.filter((f) => !f.slice(CORE.length).includes('/')).map((f) => relative(CORE, f));
    // The package entry points sit at the top: index.ts (the library), packet.ts (the packet), and the
    // narrow entries that keep commands' start-up small: check.ts, catalog.ts, rule-list.ts.
    expect(loose.sort()).toEqual(['catalog.ts', 'check.ts', 'index.ts', 'packet.ts', 'rule-list.ts']);
    const rooms = new Set(sources.map(room).filter((r) => !r.endsWith('.ts')));
    expect([...rooms].sort()).toEqual(['collect', 'diff', 'import', 'io', 'load', 'migrate', 'model', 'packet', 'pipeline', 'render', 'rules', 'scaffold', 'schemas', 'score', 'secrets', 'testing']);
  });
});

describe('sizes across packages/*/src', () => {
  // Tests, test helpers and the fake GitHub are not held to this.
  const files = ['cli', 'core', 'frameworks', 'github']
    .flatMap((p) => walk(join(PACKAGES, p, 'src')))
    .filter((f) => !f.endsWith('.test.ts') && !f.includes('/testing/'));

  it('no source file is over 600 lines', () => {
    const long = files.map((f) => [relative(PACKAGES, f), readFileSync(f, 'utf8').split('\n').length] as const).filter(([, n]) => n > 600);
    expect(long).toEqual([]);
  });

  it('no function is over 100 lines', () => {
    const long: string[] = [];
    for (const file of files) long.push(...longFunctions(file).map((f) => `${relative(PACKAGES, file)}:${f}`));
    expect(long).toEqual([]);
  });
});

describe('the checks above see what they check', () => {
  it('finds every kind of import and a long function or method, wherever non-ASCII text moves the offsets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trustops-architecture-'));
    try {
      const file = join(dir, 'sample.ts');
      const body = Array.from({ length: 100 }, (_, i) => `  const v${i} = '€ ${i}';`).join('\n');
      writeFileSync(
        file,
        [
          "import { readFileSync } from 'node:fs';",
          "import type { A } from './a.js';",
          "export { b } from './b.js';",
          "export * from './c.js';",
          "type T = import('./d.js').T;",
          "const lazy = () => import('./e.js');",
          `export function long() {\n${body}\n}`,
          `class K {\n  method() {\n${body}\n  }\n  short() {\n    return 1;\n  }\n}`,
          '',
        ].join('\n'),
      );
      expect(importsOf(file)).toEqual(['node:fs', './a.js', './b.js', './c.js', './d.js', './e.js']);
      expect(longFunctions(file)).toEqual(['7 (102 lines)', '110 (102 lines)']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
