import { Document, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLError } from 'yaml';

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
 * A parsed YAML document that can say where any of its values came from. Policies embed one in their
 * front matter, so `lineOffset` shifts positions to the Markdown file's lines.
 */
export interface YamlSource {
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  readonly lineOffset: number;
}

export type PathSegment = string | number;

/** Where to point: at the key of a mapping entry (unknown field) or at its value (wrong type). */
export type LocateTarget = 'key' | 'value';

// Alias expansion is capped so that a "billion laughs" document cannot exhaust memory.
const MAX_ALIAS_COUNT = 100;

export interface ParsedYaml {
  source: YamlSource;
  /** The plain JS value; undefined when the document could not be converted. */
  value: unknown;
  errors: YamlProblem[];
}

export function parseYamlSource(file: string, text: string, lineOffset = 0): ParsedYaml {
  const lineCounter = new LineCounter();
  // A UTF-8 BOM is legal at the start of a YAML stream; drop it so column 1 stays column 1.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const doc = parseDocument(body, { lineCounter, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  const source: YamlSource = { file, doc, lineCounter, lineOffset };
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
  return { source, value, errors };
}

function toProblem(error: YAMLError, text: string, lineCounter: LineCounter, lineOffset: number): YamlProblem {
  const pos = lineCounter.linePos(error.pos[0]);
  // yaml's messages end with a source excerpt after "at line"; the position is reported separately.
  const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const excerpt = text.slice(error.pos[0], Math.min(error.pos[1], error.pos[0] + 80)).split('\n')[0]!.trim();
  return {
    code: error.code,
    message,
    position: { line: pos.line + lineOffset, column: pos.col },
    ...(excerpt ? { excerpt } : {}),
  };
}

/** The position of the value (or key) at `path`; falls back to the nearest ancestor that exists. */
export function locate(source: YamlSource, path: readonly PathSegment[], target: LocateTarget = 'value'): Position {
  let node: unknown = source.doc.contents;
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
  const pos = source.lineCounter.linePos(found.start);
  return { line: pos.line + source.lineOffset, column: pos.col };
}

/** The source text of the scalar at `path` as written (e.g. `5.10` before YAML turned it into 5.1). */
export function sourceTextAt(source: YamlSource, path: readonly PathSegment[]): string | undefined {
  const node = source.doc.getIn(path, true);
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
