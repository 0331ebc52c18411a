/**
 * `text` with `search` replaced by `replacement`, for tests that change one line of a fixture. It throws
 * when `search` does not occur: a patch that silently changes nothing would let a test pass while testing
 * nothing. A string replaces its first occurrence, a RegExp as String.replace does (with /g, all).
 */
export function patch(text: string, search: string | RegExp, replacement: string): string {
  const found = typeof search === 'string' ? text.includes(search) : new RegExp(search.source, search.flags.replace('g', '')).test(text);
  if (!found) throw new Error(`patch: ${JSON.stringify(String(search))} does not occur in the text, so the patch would change nothing`);
  return text.replace(search, replacement);
}
