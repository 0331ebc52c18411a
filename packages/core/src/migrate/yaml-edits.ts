import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';

/** One change to a file's text: replace `[start, end)` with `text` (an insertion when start = end). */
interface TextEdit {
  start: number;
  end: number;
  text: string;
  order: number;
}

const PLAIN_SAFE = /^[A-Za-z0-9][A-Za-z0-9&._/-]*$/;

/**
 * Edits a YAML document where it stands: every change is a replacement of the exact source range of one
 * scalar, the removal of whole lines (a block entry) or of an item with its comma (a flow entry), or an
 * insertion. Everything else in the file (comments, order, quoting, blank lines, line breaks) keeps its
 * bytes, so a reviewer's diff shows only what changed. The document is never re-serialised.
 */
export class YamlEditor {
  readonly doc: Document.Parsed;
  private readonly edits: TextEdit[] = [];

  constructor(readonly text: string) {
    this.doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  }

  get errors(): readonly { message: string; offset: number }[] {
    return this.doc.errors.map((e) => ({ message: e.message, offset: e.pos[0] }));
  }

  /** The 1-based line of an offset. */
  lineOf(offset: number): number {
    let line = 1;
    for (let i = 0; i < offset && i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) line++;
    return line;
  }

  /** The node at a path of keys and indexes, or undefined. */
  nodeAt(path: readonly (string | number)[]): Node | undefined {
    const node = this.doc.getIn(path, true);
    return node && typeof node === 'object' ? (node as Node) : undefined;
  }

  /**
   * Replaces a scalar's value, written in the scalar's own style (plain stays plain where it can);
   * `quote` quotes a plain one, for values YAML would read as numbers ("4.1").
   */
  replaceScalar(node: Scalar, value: string, options: { quote?: boolean } = {}): void {
    const [start, end] = node.range!;
    this.push(start, end, renderScalar(options.quote && node.type === 'PLAIN' ? 'QUOTE_DOUBLE' : node.type, value));
  }

  /** Replaces a sequence item with one or more values: "A, B" in a flow sequence, one "- B" line more in a block one. */
  replaceItem(seq: YAMLSeq, index: number, values: readonly string[]): void {
    const item = seq.items[index] as Scalar;
    const [start, end] = item.range!;
    const rendered = values.map((v) => renderScalar(item.type, v));
    if (seq.flow || rendered.length === 1) {
      this.push(start, end, rendered.join(', '));
      return;
    }
    const dash = this.dashBefore(start);
    const prefix = this.text.slice(this.lineStart(dash), dash);
    this.push(start, end, rendered[0]!);
    this.insert(this.lineEnd(end), rendered.slice(1).map((v) => `${prefix}- ${v}\n`).join(''));
  }

  /** Removes one entry of a mapping: its lines in a block mapping, the entry and a comma in a flow one. */
  removePair(map: YAMLMap, pair: Pair): void {
    const index = map.items.indexOf(pair);
    const key = pair.key as Node;
    const value = pair.value as Node | null;
    if (!map.flow) {
      this.removeLines(key.range![0], (value ?? key).range![1]);
      return;
    }
    const next = map.items[index + 1];
    const prev = map.items[index - 1];
    if (next) this.push(key.range![0], (next.key as Node).range![0], '');
    else if (prev) this.push(((prev.value ?? prev.key) as Node).range![1], (value ?? key).range![1], '');
    else this.push(key.range![0], (value ?? key).range![1], '');
  }

  /** Removes one item of a sequence: its lines in a block sequence, the item and a comma in a flow one. */
  removeItem(seq: YAMLSeq, index: number): void {
    const item = seq.items[index] as Node;
    if (!seq.flow) {
      this.removeLines(this.dashBefore(item.range![0]), item.range![1]);
      return;
    }
    const next = seq.items[index + 1] as Node | undefined;
    const prev = seq.items[index - 1] as Node | undefined;
    if (next) this.push(item.range![0], next.range![0], '');
    else if (prev) this.push(prev.range![1], item.range![1], '');
    else this.push(item.range![0], item.range![1], '');
  }

  /** The source text of a mapping entry's lines (block) or of the entry (flow), for reports. */
  pairText(map: YAMLMap, pair: Pair): string {
    const key = pair.key as Node;
    const end = ((pair.value ?? pair.key) as Node).range![1];
    if (map.flow) return this.text.slice(key.range![0], end);
    return this.text.slice(this.lineStart(key.range![0]), this.lineEnd(end)).replace(/\n$/, '');
  }

  /** Inserts text (lines end in "\n"; in a file with CRLF line ends they get "\r\n"). */
  insert(offset: number, text: string): void {
    this.push(offset, offset, this.text.includes('\r\n') ? text.replace(/\r?\n/g, '\r\n') : text);
  }

  lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** The offset after the newline that ends the line holding `offset` (or the end of the text). */
  lineEnd(offset: number): number {
    const newline = this.text.indexOf('\n', Math.max(offset - 1, 0));
    return newline < 0 ? this.text.length : newline + 1;
  }

  /** The text with every edit applied; throws when two edits overlap (a bug, never bad content). */
  apply(): string {
    // Last first, so earlier offsets stay valid. At one offset a removal goes before an insertion, and
    // insertions keep the order they were made in.
    const sorted = [...this.edits].sort((a, b) => b.start - a.start || (b.end - b.start) - (a.end - a.start) || b.order - a.order);
    let text = this.text;
    let floor = Number.POSITIVE_INFINITY;
    for (const edit of sorted) {
      if (edit.end > floor) throw new Error(`overlapping edits at offset ${edit.start}`);
      text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
      floor = edit.start;
    }
    return text;
  }

  get changed(): boolean {
    return this.edits.length > 0;
  }

  private push(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text, order: this.edits.length });
  }

  private removeLines(from: number, to: number): void {
    this.push(this.lineStart(from), this.lineEnd(to), '');
  }

  /** Where a block sequence item begins: its "-", which may sit on the line before the value. */
  dashBefore(offset: number): number {
    let i = offset - 1;
    while (i >= 0 && (this.text[i] === ' ' || this.text[i] === '\t' || this.text[i] === '\n' || this.text[i] === '\r')) i--;
    return this.text[i] === '-' ? i : offset;
  }
}

function renderScalar(type: Scalar['type'], value: string): string {
  if (type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (type === 'PLAIN' && PLAIN_SAFE.test(value)) return value;
  return JSON.stringify(value);
}

/** The string scalars of a sequence, with their index (other items are left alone). */
export function stringItems(node: Node | undefined): { seq: YAMLSeq; index: number; scalar: Scalar & { value: string } }[] {
  if (!isSeq(node)) return [];
  return node.items.flatMap((item, index) =>
    isScalar(item) && typeof item.value === 'string' ? [{ seq: node, index, scalar: item as Scalar & { value: string } }] : [],
  );
}

/** The entries of a mapping whose keys are strings. */
export function stringPairs(node: Node | undefined): { map: YAMLMap; pair: Pair; key: Scalar & { value: string } }[] {
  if (!isMap(node)) return [];
  return node.items.flatMap((pair) =>
    isPair(pair) && isScalar(pair.key) && typeof pair.key.value === 'string'
      ? [{ map: node, pair, key: pair.key as Scalar & { value: string } }]
      : [],
  );
}
