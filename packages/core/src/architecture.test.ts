import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The rule a newcomer can say in one sentence: outside io/ and pipeline/ every file is pure; pipeline/
// composes; render/ and packet/ only turn data into text or bytes. This test keeps it so.
const CORE = new URL('.', import.meta.url).pathname;
const PACKAGES = new URL('../../', import.meta.url).pathname;
const PURE_ROOMS = ['model', 'schemas', 'load', 'rules', 'score', 'diff', 'render', 'packet', 'secrets'];
const IMPURE_MODULES = /^(node:)?(fs|fs\/promises|child_process)$|^simple-git$/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : walk(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every module a file imports or re-exports, statically or with import(). */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push(node.moduleSpecifier.text);
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      out.push(node.arguments[0].text);
    }
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) out.push(node.argument.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
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
    // The two package entry points sit at the top: index.ts (the library) and packet.ts (the packet).
    expect(loose.sort()).toEqual(['index.ts', 'packet.ts']);
    const rooms = new Set(sources.map(room).filter((r) => !r.endsWith('.ts')));
    expect([...rooms].sort()).toEqual(['diff', 'io', 'load', 'model', 'packet', 'pipeline', 'render', 'rules', 'schemas', 'score', 'secrets', 'testing']);
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
    for (const file of files) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
          const end = source.getLineAndCharacterOfPosition(node.end).line;
          if (end - start + 1 > 100) long.push(`${relative(PACKAGES, file)}:${start + 1} (${end - start + 1} lines)`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(long).toEqual([]);
  });
});
