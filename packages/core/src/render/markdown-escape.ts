/**
 * Text from repository files (titles, ids, messages) placed into Markdown that GitHub renders: nothing in
 * a control may become a link, an image, HTML, a table cell break or a mention. Markdown punctuation and
 * "&" are backslash-escaped; a zero-width space follows "@" (GitHub decodes entities before it looks for
 * mentions, so an entity would not do), between "#" or "GH-" and a number (issue references), and breaks
 * "://" and "www." so nothing autolinks; line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]()<>#+!|~&]/g, (ch) => `\\${ch}`)
    .replace(/@/g, '@\u200b')
    // GitHub links #123, GH-123 and owner/repo#123 to issues even after a backslash: a zero-width space
    // between the marker and the number stops it, as it stops mentions.
    .replace(/\\#(?=\d)/g, '\\#\u200b')
    .replace(/\b(gh)-(?=\d)/gi, '$1\u200b-')
    .replace(/:\/\//g, ':\u200b//')
    .replace(/www\./gi, (m) => `${m.slice(0, 3)}\u200b.`);
}

/** A link to a repository file, relative or under `linkBase` (e.g. https://github.com/o/r/blob/<sha>/). */
export function fileLink(label: string, file: string, line: number | undefined, linkBase: string): string {
  const target = `${linkBase}${file.split('/').map(encodeURIComponent).join('/')}${line ? `#L${line}` : ''}`;
  return `[${escapeMarkdown(label)}](${target})`;
}
