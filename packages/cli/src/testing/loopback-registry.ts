import { spawn } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * An npm registry on loopback, for tests that run the real npm client without the network: it serves the
 * packages of this workspace's pnpm store (node_modules/.pnpm, the versions the lockfile resolved) plus
 * tarballs made by `pnpm pack`. npm asks it for packuments (GET /<name>) and tarballs (GET /-/...).
 */
export interface LoopbackRegistry {
  url: string;
  /** Package names npm asked for that the registry does not have. */
  missing: Set<string>;
  close(): Promise<void>;
}

export interface PublishedTarball {
  /** The tarball's package.json, as npm would read it from the packument. */
  manifest: Record<string, unknown> & { name: string; version: string };
  file: string;
}

interface Entry {
  manifest: Record<string, unknown> & { name: string; version: string };
  /** A package folder to tar on request, or a tarball on disk. */
  dir?: string;
  file?: string;
}

/** Every package folder of the pnpm store: node_modules/.pnpm/<id>/node_modules/<name>, not the links beside it. */
function storePackages(root: string): Entry[] {
  const store = join(root, 'node_modules/.pnpm');
  const entries: Entry[] = [];
  for (const id of readdirSync(store)) {
    const modules = join(store, id, 'node_modules');
    let names: string[];
    try {
      names = readdirSync(modules).flatMap((n) => (n.startsWith('@') ? readdirSync(join(modules, n)).map((m) => `${n}/${m}`) : [n]));
    } catch {
      continue;
    }
    for (const name of names) {
      const dir = join(modules, name);
      if (lstatSync(dir).isSymbolicLink()) continue;
      try {
        const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Entry['manifest'];
        if (manifest.name === name) entries.push({ manifest, dir });
      } catch {
        // Not a package folder.
      }
    }
  }
  return entries;
}

/**
 * Starts the registry. `rewrite` may change a manifest as the packument shows it (to ask what npm would
 * do if a package said something else).
 */
export async function startLoopbackRegistry(options: {
  root: string;
  tarballs: readonly PublishedTarball[];
  rewrite?: (manifest: Entry['manifest']) => Entry['manifest'];
}): Promise<LoopbackRegistry> {
  const byName = new Map<string, Map<string, Entry>>();
  for (const entry of [...storePackages(options.root), ...options.tarballs.map((t) => ({ manifest: t.manifest, file: t.file }))]) {
    const versions = byName.get(entry.manifest.name) ?? new Map<string, Entry>();
    versions.set(entry.manifest.version, entry);
    byName.set(entry.manifest.name, versions);
  }
  const missing = new Set<string>();
  let base = '';
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const tarball = /^\/-\/(.+)\/-\/([^/]+)\.tgz$/.exec(path);
    if (tarball) {
      const entry = byName.get(tarball[1]!)?.get(tarball[2]!);
      if (!entry) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      if (entry.file) return void res.end(readFileSync(entry.file));
      // npm wants every file under package/. The store hard-links files of equal content (a package's dev/
      // and production builds); --hard-dereference writes each as a file, since pnpm's extractor makes a
      // tar hard-link entry an empty file.
      const tar = spawn('tar', ['-czf', '-', '--hard-dereference', '-C', entry.dir!, '--transform', 's,^\\.,package,', '.'], { stdio: ['ignore', 'pipe', 'ignore'] });
      tar.stdout.pipe(res);
      return;
    }
    const name = path.slice(1);
    const versions = byName.get(name);
    if (!versions) {
      missing.add(name);
      return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    }
    const shown = [...versions.values()].map((e) => {
      const { devDependencies: _dev, scripts: _scripts, ...manifest } = options.rewrite ? options.rewrite(e.manifest) : e.manifest;
      return { ...manifest, dist: { tarball: `${base}/-/${e.manifest.name}/-/${e.manifest.version}.tgz` } };
    });
    const latest = shown.map((m) => m.version).sort(compareVersions).at(-1)!;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ name, 'dist-tags': { latest }, versions: Object.fromEntries(shown.map((m) => [m.version, m])) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/`,
    missing,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

/** Release versions in semver order (pre-releases sort before their release, enough for dist-tags). */
function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.+-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const [p, q] = [x[i], y[i]];
    if (p === q) continue;
    if (p === undefined) return 1;
    if (q === undefined) return -1;
    if (typeof p === 'number' && typeof q === 'number') return p - q;
    return String(p) < String(q) ? -1 : 1;
  }
  return 0;
}
