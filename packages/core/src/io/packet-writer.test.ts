import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentCache, writeDeterministicZip, writePacketFiles, type DiskSource } from './packet-writer.js';

const root = mkdtempSync(join(tmpdir(), 'trustops-writer-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let made = 0;
const folder = () => {
  const dir = join(root, String(made++));
  mkdirSync(dir);
  return dir;
};

// Over 1,024 lines (a batch of writeLines), with text outside Latin-1 on both sides of a batch's edge.
const lines = Array.from({ length: 2500 }, (_, i) => (i % 1024 === 1023 ? `line ${i} → ✓ 漢字 😀` : `<tr><td>${i}</td><td>evidence · ${'x'.repeat(i % 7)}</td></tr>`));
const large = `${'{"control":"IAM-01","covers":"2026-Q1"}\n'.repeat(200_000)}`; // 8 MB: over the stream threshold
const evidence = join(root, 'evidence.json');
writeFileSync(evidence, '{"exportedAt":"2026-03-31"}\n');

function sources(): DiskSource[] {
  return [
    { path: 'index.html', render: () => ({ lines }) },
    { path: 'empty.html', render: () => ({ lines: [] }) },
    { path: 'exactly-one-batch.txt', render: () => ({ lines: lines.slice(0, 1024) }) },
    { path: 'readiness.json', render: () => large },
    { path: 'small.md', content: '# small\n' },
    { path: 'evidence/IAM-01/export.json', fromDisk: evidence },
  ];
}

describe('writePacketFiles', () => {
  it('writes a file given as lines as the lines joined with line breaks, and hashes those bytes', async () => {
    const dir = folder();
    const entries = await writePacketFiles(dir, sources());
    for (const [path, text] of [
      ['index.html', lines.join('\n')],
      ['empty.html', ''],
      ['exactly-one-batch.txt', lines.slice(0, 1024).join('\n')],
    ] as const) {
      const bytes = Buffer.from(text, 'utf8');
      expect(readFileSync(join(dir, path)).equals(bytes), path).toBe(true);
      expect(entries.find((e) => e.path === path), path).toEqual({ path, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') });
    }
  });
});

describe('writeDeterministicZip', () => {
  /** The zip of sources(), written with this cache. */
  async function zipWith(cache: ContentCache | undefined): Promise<Buffer> {
    const dir = folder();
    const entries = await writePacketFiles(dir, sources(), cache);
    const zip = join(dir, '..', `${made}.zip`);
    await writeDeterministicZip(dir, entries.map((e) => e.path), zip, '2026-11-01T12:00:00Z', cache, 'audit-packet-test');
    return readFileSync(zip);
  }

  it('gives the same bytes whether the cache kept a file, admitted it without its bytes, or the disk is read', async () => {
    // Everything kept; large files admitted but read again (the default); nothing kept at all.
    const keptAll = await zipWith(new ContentCache(64 * 1024 * 1024, Number.POSITIVE_INFINITY));
    expect(await zipWith(new ContentCache())).toEqual(keptAll);
    expect(await zipWith(new ContentCache(64 * 1024 * 1024, 0))).toEqual(keptAll);
  });

  it('streams a large file the budget did not admit, as it always has (a different deflate, the same files)', async () => {
    const admitted = await zipWith(new ContentCache());
    const streamed = await zipWith(new ContentCache(1024));
    expect(streamed).not.toEqual(admitted);
    expect(await zipWith(undefined)).toEqual(streamed);
  });

  it("writes the records as fflate's own Zip does, byte for byte: stored and deflated, empty, streamed, UTF-8 names", async () => {
    const dir = folder();
    const files: [string, Uint8Array][] = [
      ['a/empty.txt', new Uint8Array(0)],
      ['a/tiny.txt', Buffer.from('tiny\n')],
      ['b/photo.png', Buffer.from('not really a png, stored by its name '.repeat(40))],
      ['b/readme.md', Buffer.from('# readme\n'.repeat(300))],
      ['c/ünïcödé 漢字.md', Buffer.from('text beside a name that is not ASCII\n'.repeat(50))],
      ['d/large.json', Buffer.from(large)],
    ];
    for (const [path, bytes] of files) {
      mkdirSync(join(dir, ...path.split('/').slice(0, -1)), { recursive: true });
      writeFileSync(join(dir, ...path.split('/')), bytes);
    }
    const zip = join(dir, '..', `${made}-records.zip`);
    // No cache: the 8 MB file is streamed in chunks, the others pushed whole.
    await writeDeterministicZip(dir, files.map(([p]) => p).reverse(), zip, '2026-11-01T12:00:00Z', undefined, 'root');

    const chunks: Uint8Array[] = [];
    const reference = new Zip((error, chunk) => {
      if (error) throw error;
      chunks.push(chunk);
    });
    for (const [path, bytes] of files) {
      const stored = bytes.byteLength < 512 || path.endsWith('.png');
      const entry = stored ? new ZipPassThrough(`root/${path}`) : new ZipDeflate(`root/${path}`, { level: 6 });
      entry.mtime = new Date(2026, 10, 1, 12, 0, 0);
      entry.os = 3;
      entry.attrs = 0o100644 << 16;
      reference.add(entry);
      if (path !== 'd/large.json') entry.push(bytes, true);
      else {
        // As createReadStream gives it: 64 KB chunks.
        for (let offset = 0; offset < bytes.byteLength; offset += 65536) entry.push(bytes.subarray(offset, offset + 65536), offset + 65536 >= bytes.byteLength);
      }
    }
    reference.end();
    expect(readFileSync(zip).equals(Buffer.concat(chunks))).toBe(true);
  });
});
