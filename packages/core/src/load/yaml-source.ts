import { Document, isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Node, type YAMLError } from 'yaml';
import { readPlainYaml } from './fast-yaml.js';
import { MAX_ALIAS_EXPANSION } from './limits.js';

/** A 1-based position in a file. */
export interface Position {
  line: number;
  column: number;
}

/** One problem the YAML parser reported. */
export interface YamlProblem {
  code: string;
  message: string;
  position: Position;
  /** The source text the problem is about (e.g. the duplicated key), when the parser marks a range. */
  excerpt?: string;
}

/**
 * The empty list of problems, shared: most of a program's files have none, and three fresh arrays per
 * file were ~20 MB at 100,000 records. Frozen, so a caller that tried to add to it would fail loudly.
 */
export const NO_PROBLEMS = Object.freeze([]) as unknown as never[];

const PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false, keepSourceTokens: false } as const;

/**
 * A YAML document that can say where any of its values came from. Policies embed one in their front
 * matter, so `lineOffset` shifts positions to the Markdown file's lines.
 *
 * It keeps the text, not the syntax tree: a repository has thousands of files and only the few with
 * findings need positions, so the tree is rebuilt on demand (keeping every tree costs a third more time
 * in garbage collection on large repositories).
 */
export class YamlSource {
  constructor(
    readonly file: string,
    readonly text: string,
    readonly lineOffset: number,
    private tree?: { doc: Document.Parsed; lineCounter: Pick<LineCounter, 'linePos'> },
  ) {}

  /** The parsed document with its line counter, built on first use. */
  document(): { doc: Document.Parsed; lineCounter: Pick<LineCounter, 'linePos'> } {
    if (!this.tree) {
      const lineCounter = new LineCounter();
      this.tree = { doc: parseDocument(this.text, { lineCounter, ...PARSE_OPTIONS }), lineCounter };
    }
    return this.tree;
  }
}

export type PathSegment = string | number;

/** Where to point: at the key of a mapping entry (unknown field) or at its value (wrong type). */
export type LocateTarget = 'key' | 'value';

// Alias expansion is capped so that a "billion laughs" document cannot exhaust memory.
const MAX_ALIAS_COUNT = 100;

export interface ParsedYaml {
  source: YamlSource;
  /** The scalar at `path` as written, while the tree of this parse is at hand (for validation hints). */
  sourceTextAt: (path: readonly PathSegment[]) => string | undefined;
  /** The plain JS value; undefined when the document could not be converted. */
  value: unknown;
  errors: YamlProblem[];
  /** Problems that do not stop the document from being read: tags the format does not know. */
  warnings: YamlProblem[];
}

/** Tags that only restate what a plain value already is; any other tag changes what a value means. */
const PLAIN_TAGS = new Set(['tag:yaml.org,2002:str', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:null', 'tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq']);

/**
 * Parses YAML with positions. `keepTree` lets the returned source keep this parse for placing findings
 * (the loader allows it for a few large files: parsing those again costs as much as this parse).
 */
export function parseYamlSource(file: string, text: string, lineOffset = 0, keepTree = false): ParsedYaml {
  // A UTF-8 BOM is legal at the start of a YAML stream; drop it so column 1 stays column 1.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Plain documents take the fast path; their tree (for positions and hints) is built only if asked for.
  const plain = keepTree ? undefined : readPlainYaml(body);
  if (plain) {
    const source = new YamlSource(file, body, lineOffset);
    return { source, value: plain.value, errors: NO_PROBLEMS, warnings: NO_PROBLEMS, sourceTextAt: (path) => scalarSource(source.document().doc, path) };
  }
  return parseYamlSourceExact(file, body, lineOffset, keepTree);
}

/** parseYamlSource through `yaml` alone: the reference the fast path must agree with (load/fast-yaml.test.ts). */
export function parseYamlSourceExact(file: string, text: string, lineOffset = 0, keepTree = false): ParsedYaml {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // No LineCounter here: most files have no problem, and the few positions needed are computed from the
  // text (errors) or from a tree rebuilt on demand (locate).
  const doc = parseDocument(body, PARSE_OPTIONS);
  const lineCounter = { linePos: (offset: number) => linePosition(body, offset) };
  const source = new YamlSource(file, body, lineOffset, keepTree ? { doc, lineCounter: lineStartCounter(body) } : undefined);
  let errors = doc.errors.map((e) => toProblem(e, body, lineCounter, lineOffset));
  // The parser's recursion gives out on pathological nesting; where it does depends on the machine's
  // stack, so report one stable problem instead of positions that vary.
  if (errors.some((e) => /call stack/i.test(e.message))) {
    errors = [
      {
        code: 'NESTING_TOO_DEEP',
        message: 'the document nests too deeply to be read',
        position: { line: 1 + lineOffset, column: 1 },
      },
    ];
  }
  if (errors.length === 0 && body.includes('*')) {
    const expansion = aliasExpansion(doc);
    if (expansion > MAX_ALIAS_EXPANSION) {
      errors.push({
        code: 'ALIAS_LIMIT',
        message: `the document expands too many aliases (they would add over ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} characters)`,
        position: { line: 1 + lineOffset, column: 1 },
      });
    }
  }
  const warnings = body.includes('!') ? unknownTags(doc, body, lineOffset) : NO_PROBLEMS;
  let value: unknown;
  if (errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      errors.push({
        code: 'ALIAS_LIMIT',
        message: `the document expands too many aliases (${error instanceof Error ? error.message : String(error)})`,
        position: { line: 1 + lineOffset, column: 1 },
      });
    }
  }
  return { source, value, errors, warnings, sourceTextAt: (path) => scalarSource(doc, path) };
}

/**
 * How many characters the document's aliases add once expanded, stopping early past the limit. Each
 * anchored node's expanded size is computed once; an alias adds its target's expanded size.
 */
function aliasExpansion(doc: Document.Parsed): number {
  const anchors = new Map<string, Node>();
  const sizes = new Map<Node, number>();
  const expanded = (node: unknown, depth: number): number => {
    if (!node || typeof node !== 'object') return 0;
    const known = sizes.get(node as Node);
    if (known !== undefined) return known;
    if (depth > 64) return MAX_ALIAS_EXPANSION + 1;
    sizes.set(node as Node, 0);
    let size = 0;
    if (isAlias(node)) {
      size = expanded(anchors.get(node.source), depth + 1);
    } else if (isCollection(node)) {
      for (const item of node.items) {
        size += isPair(item) ? expanded(item.key, depth + 1) + expanded(item.value, depth + 1) : expanded(item, depth + 1);
        if (size > MAX_ALIAS_EXPANSION) break;
      }
    } else if (isScalar(node)) {
      const range = node.range;
      size = range ? range[1] - range[0] : String(node.value).length;
    }
    sizes.set(node as Node, size);
    return size;
  };
  let added = 0;
  visit(doc, (_key, node) => {
    if (isAlias(node)) {
      added += expanded(anchors.get(node.source), 0);
      if (added > MAX_ALIAS_EXPANSION) return visit.BREAK;
    } else if ((isScalar(node) || isCollection(node)) && node.anchor) {
      anchors.set(node.anchor, node);
    }
    return undefined;
  });
  return added;
}

/** Unresolved tags (!custom) and tags that turn a value into something other than plain data (!!binary). */
function unknownTags(doc: Document.Parsed, text: string, lineOffset: number): YamlProblem[] {
  const problems: YamlProblem[] = [];
  const seen = new Set<number>();
  const add = (offset: number, tag: string) => {
    if (seen.has(offset) || problems.length >= 100) return;
    seen.add(offset);
    const pos = linePosition(text, offset);
    problems.push({ code: 'UNKNOWN_TAG', message: `the tag ${tag.length > 60 ? `${tag.slice(0, 59)}…` : tag}`, position: { line: pos.line + lineOffset, column: pos.col } });
  };
  for (const w of doc.warnings) if (w.code === 'TAG_RESOLVE_FAILED') add(w.pos[0], w.message.replace(/^Unresolved tag: /, '').split('\n')[0]!);
  visit(doc, (_key, node) => {
    if ((isScalar(node) || isCollection(node)) && node.tag && !PLAIN_TAGS.has(node.tag)) {
      const start = node.range?.[0] ?? 0;
      // The tag is written before the node's start: point at the "!" on that line when it can be found.
      let bang = text.lastIndexOf('!', start);
      while (bang > 0 && text[bang - 1] === '!') bang--;
      add(bang >= 0 && !text.slice(bang, start).includes('\n') ? bang : start, node.tag.replace(/^tag:yaml\.org,2002:/, '!!'));
    }
    return undefined;
  });
  return problems.sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column);
}

/** A line counter from the text's line starts: binary search per position, as yaml's LineCounter does. */
function lineStartCounter(text: string): Pick<LineCounter, 'linePos'> {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return {
    linePos(offset: number) {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo + 1, col: offset - starts[lo]! + 1 };
    },
  };
}

/** 1-based line and column of a character offset. */
function linePosition(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

function toProblem(error: YAMLError, text: string, lineCounter: Pick<LineCounter, 'linePos'>, lineOffset: number): YamlProblem {
  const pos = lineCounter.linePos(error.pos[0]);
  // yaml's messages end with a source excerpt after "at line"; the position is reported separately.
  const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  // yaml marks a duplicate key by its first character only: take the rest of the line so the key can be named.
  const excerpt = text.slice(error.pos[0], error.pos[0] + 120).split('\n')[0]!.trim();
  return {
    code: error.code,
    message,
    position: { line: pos.line + lineOffset, column: pos.col },
    ...(excerpt ? { excerpt } : {}),
  };
}

/** The position of the value (or key) at `path`; falls back to the nearest ancestor that exists. */
export function locate(source: YamlSource, path: readonly PathSegment[], target: LocateTarget = 'value'): Position {
  const quick =
    path.length === 1 && typeof path[0] === 'string'
      ? locateTopLevelKey(source, path[0], target)
      : path.length === 2 && target === 'key' && typeof path[0] === 'string' && typeof path[1] === 'string'
        ? locateChildKey(source, path[0], path[1])
        : undefined;
  if (quick) return quick;
  return locateInTree(source, path, target);
}

/** locate through the document's tree: the reference the quick paths must agree with. */
export function locateInTree(source: YamlSource, path: readonly PathSegment[], target: LocateTarget = 'value'): Position {
  const { doc, lineCounter } = source.document();
  let node: unknown = doc.contents;
  let found: { start: number } | undefined = rangeStart(node);
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyOf(p.key) === String(segment));
      if (!pair) break;
      const keyStart = rangeStart(pair.key);
      if (last && target === 'key') {
        found = keyStart ?? found;
        break;
      }
      node = pair.value;
      found = rangeStart(node) ?? keyStart ?? found;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (node === undefined) break;
      found = rangeStart(node) ?? found;
    } else {
      break;
    }
  }
  if (!found) return { line: 1 + source.lineOffset, column: 1 };
  const pos = lineCounter.linePos(found.start);
  return { line: pos.line + source.lineOffset, column: pos.col };
}

/**
 * Where a finding points, by name rather than by line: the path with each sequence index replaced by its
 * item's identity (a scalar's value, or a mapping's `id`), so that it stays the same when lines move or
 * items are reordered: `maps.ccm[IAM-14]`, `evidence[mfa-policy-export].every`. SARIF fingerprints use it.
 */
export function logicalPath(source: YamlSource, path: readonly PathSegment[]): string {
  const join = (out: string, name: string) => (out ? `${out}.${name}` : name);
  if (!path.some((s) => typeof s === 'number')) return path.reduce<string>((out, s) => join(out, String(s)), '');
  let node: unknown = source.document().doc.contents;
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      const item: unknown = isSeq(node) ? node.items[segment] : undefined;
      const id = isMap(item) ? item.items.find((p) => isPair(p) && keyOf(p.key) === 'id')?.value : undefined;
      const name = isScalar(item) ? keyOf(item) : isScalar(id) ? keyOf(id) : undefined;
      out += `[${name ?? segment}]`;
      node = item;
    } else {
      out = join(out, segment);
      node = isMap(node) ? node.items.find((p) => isPair(p) && keyOf(p.key) === segment)?.value : undefined;
    }
  }
  return out;
}

/**
 * Fast path for the most common question (where is `id:`?) without building a tree: a block-style
 * top-level key written plainly at column 1 with a plain value on the same line.
 */
function locateTopLevelKey(source: YamlSource, key: string, target: LocateTarget): Position | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return undefined;
  const match = topLevelKeyPattern(key, target).exec(source.text);
  if (!match) return undefined;
  const column = target === 'key' ? 1 : key.length + 2 + match[1]!.length;
  return { line: lineAt(source.text, match.index) + source.lineOffset, column };
}

// One compiled pattern per key and target: readiness places `covers:` of every record (100,000 of them).
const topLevelPatterns = new Map<string, RegExp>();

function topLevelKeyPattern(key: string, target: LocateTarget): RegExp {
  const name = `${target}\0${key}`;
  let pattern = topLevelPatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(target === 'key' ? `^${key}:( *)(?=\\s|$)` : `^${key}:( *)(?=[^\\s#])`, 'm');
    if (topLevelPatterns.size < 1000) topLevelPatterns.set(name, pattern);
  }
  return pattern;
}

/** The 1-based line of an offset: newlines counted in place rather than by splitting the text before it. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

/**
 * Fast path for a key of a block mapping under a top-level key (an SSRM's `assignments.IAM-01`, located
 * for every assignment): building the tree of a 200-entry SSRM costs yaml ~0.3 s. Only the plain layout
 * qualifies: `parent:` alone on its line at column 1, its entries one indentation deeper, the key written
 * plainly; anything else (flow style, quotes, tabs, the key not found) goes to the tree.
 */
function locateChildKey(source: YamlSource, parent: string, key: string): Position | undefined {
  const { text } = source.text.includes('\t') ? { text: undefined } : source;
  if (text === undefined || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(parent) || !/^[A-Za-z0-9][A-Za-z0-9&._-]*$/.test(key)) return undefined;
  const heads = [...text.matchAll(new RegExp(`^${parent}:[ ]*(?:#.*)?\\r?$`, 'gm'))];
  if (heads.length !== 1) return undefined;
  const start = heads[0]!.index + heads[0]![0].length + 1;
  let line = text.slice(0, start).split('\n').length;
  let indent = 0;
  for (let at = start; at < text.length; line++) {
    const end = text.indexOf('\n', at);
    const row = text.slice(at, end === -1 ? text.length : end);
    at = end === -1 ? text.length : end + 1;
    const content = row.trimStart();
    if (content === '' || content === '\r' || content.startsWith('#')) continue;
    const depth = row.length - content.length;
    if (indent === 0) {
      if (depth === 0 || content.startsWith('-') || content.startsWith('?')) return undefined;
      indent = depth;
    }
    if (depth < indent) return undefined;
    if (depth === indent && content.startsWith(`${key}:`) && /^[ \r]?$|^[ ]/.test(content.slice(key.length + 1, key.length + 2))) {
      return { line: line + source.lineOffset, column: indent + 1 };
    }
  }
  return undefined;
}

function scalarSource(doc: Document.Parsed, path: readonly PathSegment[]): string | undefined {
  const node = doc.getIn(path, true);
  return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
}

function keyOf(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function rangeStart(node: unknown): { start: number } | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? { start: range[0] } : undefined;
}
