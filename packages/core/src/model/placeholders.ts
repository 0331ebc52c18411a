/**
 * Text that stands in for documentation nobody has written yet. A placeholder never counts as
 * documentation: `csc: TODO` tells customers nothing, and a CAIQ of "TBD" answers no question.
 *
 * The markers are upper-case words (TODO, TBD, FIXME, XXX) so that prose ("a to-do list") does not trip
 * them, template slots in angle brackets with a space inside (`<describe the control>`, not an autolink
 * like `<security@example.com>` or a tag like `<br>`), lorem ipsum, and "to be written/completed/...".
 */
const MARKERS: readonly [RegExp, (match: string) => string][] = [
  [/\b(TODO|TBD|FIXME|XXX)\b/, (m) => m],
  [/lorem ipsum/i, () => 'lorem ipsum'],
  [/<[A-Za-z][A-Za-z0-9 _/,.'-]*\s[A-Za-z0-9 _/,.'-]*>/, (m) => m],
  [/\bto be (?:written|completed|defined|determined|confirmed|added|done)\b/i, (m) => `"${m}"`],
];

/** Why `text` is a placeholder ("empty", "TODO", `"to be written"`), or undefined when it is real text. */
export function placeholderIn(text: string | undefined | null): string | undefined {
  if (text === undefined || text === null || text.trim() === '') return 'empty';
  for (const [pattern, describe] of MARKERS) {
    const match = pattern.exec(text);
    if (match) return describe(match[0].length > 40 ? `${match[0].slice(0, 39)}…` : match[0]);
  }
  return undefined;
}

/** true when `text` is absent, empty or a placeholder: it documents nothing. */
export function isPlaceholder(text: string | undefined | null): boolean {
  return placeholderIn(text) !== undefined;
}
