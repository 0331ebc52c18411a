/**
 * JSON.stringify(value, null, 2) as a sequence of pieces, byte for byte the same when joined: a large
 * report (score --format json at 10,000 controls is 37 MB) is written piece by piece instead of being held
 * whole, once as a string and again as the bytes written.
 *
 * Arrays and objects down to `depth` levels are taken apart; below that each value is one JSON.stringify
 * call, re-indented (JSON escapes newlines inside strings, so every raw newline is a line break).
 */
export function* stringifyJsonChunks(value: unknown, depth = 2): Generator<string> {
  yield* chunksOf(value, 0, depth);
  yield '\n';
}

function* chunksOf(value: unknown, level: number, depth: number): Generator<string> {
  const container = value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
  if (!container || level >= depth) {
    const text = JSON.stringify(value, null, 2) ?? 'null';
    yield level === 0 ? text : text.replaceAll('\n', `\n${'  '.repeat(level)}`);
    return;
  }
  const inner = '  '.repeat(level + 1);
  if (Array.isArray(value)) {
    if (value.length === 0) return yield '[]';
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '[' : ','}\n${inner}`;
      // JSON.stringify writes null for an array slot it cannot represent.
      const item: unknown = value[i];
      yield* chunksOf(item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : item, level + 1, depth);
    }
    return yield `\n${'  '.repeat(level)}]`;
  }
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    // JSON.stringify leaves out properties it cannot represent.
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* chunksOf(item, level + 1, depth);
  }
  yield first ? '{}' : `\n${'  '.repeat(level)}}`;
}

/**
 * Joins small pieces into pieces of about `size` characters, so that a writer is called a few hundred
 * times, not a million. 32 K characters stay well under the 128 KB above which V8 puts a string straight
 * into the old generation, where each batch would stay, garbage, until the next full collection.
 */
export function* batchChunks(chunks: Iterable<string>, size = 32 * 1024): Generator<string> {
  let parts: string[] = [];
  let length = 0;
  for (const chunk of chunks) {
    parts.push(chunk);
    length += chunk.length;
    if (length >= size) {
      yield parts.join('');
      parts = [];
      length = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}
