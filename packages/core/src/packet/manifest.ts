import { stringifyJsonChunks } from '../render/json-chunks.js';
import type { PacketFileEntry } from './packet-input.js';

type ManifestMeta = { commit: string; version: string; createdAt: string; toolVersion: string; dirty: boolean; builtWithFindings: boolean };

/** manifest.json: what the packet is and every file in it with size and digest. */
export function renderManifest(meta: ManifestMeta, files: readonly PacketFileEntry[]): string {
  return [...renderManifestParts(meta, files)].join('');
}

/**
 * renderManifest's text in pieces (joined with nothing), one per file: the packet writes them as they come,
 * never the 2.7 MB string of a 16,000-file packet, which would go straight into the old generation.
 */
export function renderManifestParts(meta: ManifestMeta, files: readonly PacketFileEntry[]): Iterable<string> {
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
  return stringifyJsonChunks(manifest, 2);
}

/**
 * SHA256SUMS in the format `sha256sum -c` reads. A name with a backslash, a line feed or a carriage return
 * is written as GNU coreutils writes it (the line starts with a backslash and those characters are escaped), so
 * a file name can never break the list or forge a line of it.
 */
export function renderSha256Sums(files: readonly PacketFileEntry[]): string {
  return [...renderSha256SumsLines(files)].join('');
}

/** renderSha256Sums' lines, each with its line feed (joined with nothing): written as they come. */
export function* renderSha256SumsLines(files: readonly PacketFileEntry[]): Generator<string> {
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    if (!/[\\\n\r]/.test(f.path)) {
      yield `${f.sha256}  ${f.path}\n`;
      continue;
    }
    const escaped = f.path.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
    yield `\\${f.sha256}  ${escaped}\n`;
  }
}
