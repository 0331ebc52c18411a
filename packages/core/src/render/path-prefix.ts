/**
 * Paths in findings are relative to the compliance repository. GitHub reads annotation and SARIF paths
 * relative to the root of the repository it knows, which holds the compliance repository in a folder
 * when `--repo` (the action's `repo-path`) is a subfolder: that folder is the prefix.
 */

/** `prefix/file`; the file alone when there is no prefix. */
export function joinPathPrefix(prefix: string, file: string): string {
  const folder = prefix.replace(/\/+$/, '');
  return folder ? `${folder}/${file}` : file;
}

/**
 * A prefix as written by a user or by `git rev-parse --show-prefix` ("compliance", "./compliance/",
 * "a\\b") as "compliance/" or "" for the root; undefined when it is absolute or climbs out with "..".
 */
export function normalizePathPrefix(prefix: string): string | undefined {
  const segments = prefix.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (/^([\\/]|[A-Za-z]:)/.test(prefix) || segments.includes('..')) return undefined;
  return segments.length ? `${segments.join('/')}/` : '';
}
