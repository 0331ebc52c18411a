/**
 * Text from repository files (titles, ids, messages) placed into Markdown that GitHub renders: nothing in
 * a control may become a link, an image, HTML, a table cell break or a mention. Markdown punctuation is
 * backslash-escaped; "@" becomes an HTML entity so "@org/team" notifies nobody; line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]()<>#+!|~]/g, (ch) => `\\${ch}`)
    .replace(/@/g, '&#64;')
    .replace(/:\/\//g, ':&#47;&#47;');
}

/** A link to a repository file, relative or under `linkBase` (e.g. https://github.com/o/r/blob/<sha>/). */
export function fileLink(label: string, file: string, line: number | undefined, linkBase: string): string {
  const target = `${linkBase}${file.split('/').map(encodeURIComponent).join('/')}${line ? `#L${line}` : ''}`;
  return `[${escapeMarkdown(label)}](${target})`;
}
