import { scanSecrets, type SecretMatch } from './scan.js';

/** Text before each window that is scanned again, so a secret split across two chunks is still found. */
const OVERLAP = 16 * 1024;

/**
 * Scans text that arrives in pieces (a large evidence file read as a stream) without holding it whole:
 * each piece is scanned with the end of the one before, and positions are counted across pieces.
 */
export class SecretStreamScanner {
  private tail = '';
  /** Offset and line of the first character of `tail` in the whole text. */
  private tailOffset = 0;
  private tailLine = 1;
  private readonly found = new Map<number, SecretMatch>();

  constructor(private readonly path?: string) {}

  push(piece: string): void {
    const window = this.tail + piece;
    for (const m of scanSecrets(window, this.path ? { path: this.path } : {})) {
      const index = this.tailOffset + m.index;
      if (this.found.has(index) || this.found.size >= 50) continue;
      const line = this.tailLine + m.line - 1;
      const column = m.line === 1 ? this.columnBeforeTail + m.column : m.column;
      this.found.set(index, { ...m, index, line, column });
    }
    const keep = Math.min(OVERLAP, window.length);
    const dropped = window.slice(0, window.length - keep);
    const newlines = countNewlines(dropped);
    this.columnBeforeTail = newlines ? dropped.length - dropped.lastIndexOf('\n') - 1 : this.columnBeforeTail + dropped.length;
    this.tailLine += newlines;
    this.tailOffset += dropped.length;
    this.tail = window.slice(window.length - keep);
  }

  /** The matches so far, in order of position. */
  matches(): SecretMatch[] {
    return [...this.found.values()].sort((a, b) => a.index - b.index);
  }

  /** Characters on the tail's first line before the tail starts (its column offset). */
  private columnBeforeTail = 0;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
