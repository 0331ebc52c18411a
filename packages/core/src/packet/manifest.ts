import type { PacketFileEntry } from './packet-input.js';

/** manifest.json: what the packet is and every file in it with size and digest. */
export function renderManifest(meta: { commit: string; version: string; createdAt: string; toolVersion: string; dirty: boolean; builtWithFindings: boolean }, files: readonly PacketFileEntry[]): string {
  const manifest = {
    packet: 'trustops audit packet',
    version: meta.version,
    commit: meta.commit,
    workTreeHadChanges: meta.dirty,
    createdAt: meta.createdAt,
    toolVersion: meta.toolVersion,
    builtWithFindings: meta.builtWithFindings,
    files: [...files].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => ({ path: f.path, size: f.size, sha256: f.sha256 })),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * SHA256SUMS in the format `sha256sum -c` reads. A name with a backslash, a line feed or a carriage return
 * is written as GNU coreutils writes it (the line starts with a backslash and those characters are escaped), so
 * a file name can never break the list or forge a line of it.
 */
export function renderSha256Sums(files: readonly PacketFileEntry[]): string {
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((f) => {
      if (!/[\\\n\r]/.test(f.path)) return `${f.sha256}  ${f.path}\n`;
      const escaped = f.path.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
      return `\\${f.sha256}  ${escaped}\n`;
    })
    .join('');
}
