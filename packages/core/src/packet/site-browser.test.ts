import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_FILES } from '../testing/base-repo.js';
import { createGitFixture, type GitFixture } from '../testing/git-fixture.js';
import { fullSsrmFile } from '../testing/temp-repo.js';
import { buildPacket, type BuildPacketResult } from '../io/build-packet.js';
import { patch } from '../testing/patch.js';

// Real Chromium (Debian's, installed by .ci/run) opens the packet as an auditor would: from disk, offline.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = new URL('../../../../test-output/', import.meta.url).pathname;

let fx: GitFixture;
let browser: Browser;
let packet: BuildPacketResult;

beforeAll(async () => {
  fx = await createGitFixture({
    ...BASE_FILES,
    'controls/responsibility/ccm.yaml': fullSsrmFile(),
    'policies/evil.md': patch(patch(BASE_FILES['policies/access-control.md']!, 'id: POL-ACCESS', 'id: POL-EVIL'), '## Scope', '<script>window.__pwned = 1</script>\n<img src="x" onerror="window.__pwned = 2">\n\n## Scope'),
  });
  await fx.commit('program');
  packet = await buildPacket(fx.dir, { out: join(fx.dir, 'out'), toolVersion: '0.1.0' });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  fx?.cleanup();
});

describe('the packet in a browser', () => {
  it('loads with no console errors and no network requests, and every internal link resolves', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    const index = pathToFileURL(join(packet.folder, 'index.html')).href;
    await page.goto(index, { waitUntil: 'load' });
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    expect(requests).toEqual([index]);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    const links = await page.$$eval('a[href]', (anchors) => anchors.map((a) => a.getAttribute('href')!));
    expect(links.length).toBeGreaterThan(20);
    const broken: string[] = [];
    for (const href of links) {
      if (href.startsWith('#')) {
        if (!(await page.$(`[id="${href.slice(1)}"]`))) broken.push(href);
      } else if (/^[a-z]+:/i.test(href)) {
        broken.push(href); // the packet links only to itself
      } else if (!existsSync(join(packet.folder, decodeURIComponent(href.split('#')[0]!)))) {
        broken.push(href);
      }
    }
    expect(broken).toEqual([]);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'packet-overview.png') });
    expect(existsSync(join(SCREENSHOTS, 'packet-overview.png'))).toBe(true);
    await page.close();
  });

  it('shows readiness as SVG charts on the overview', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(packet.folder, 'index.html')).href);
    expect(await page.$$eval('#overview svg rect', (r) => r.length)).toBeGreaterThan(10);
    expect(await page.textContent('#overview')).toContain('Readiness');
    await page.close();
  });

  it('opens a policy page without running its hostile markup', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(join(packet.folder, 'policies', 'POL-EVIL.html')).href);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.$('img[onerror]')).toBeNull();
    expect(problems).toEqual([]);
    await page.close();
  });
});
