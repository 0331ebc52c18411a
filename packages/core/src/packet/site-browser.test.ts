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
import { findChromium, missingChromiumMessage } from '../testing/chromium.js';

// Real Chromium (Debian's, installed by .ci/run and by `pnpm test` where it may) opens the packet as an
// auditor would: from disk, offline. Without one, every test here fails in one line that says what to
// install; the setup hook never throws (vitest would skip the tests, and a skip is a defect here).
const CHROMIUM = findChromium();
const SCREENSHOTS = new URL('../../../../test-output/', import.meta.url).pathname;

let fx: GitFixture;
let launched: Browser | undefined;
/** The browser, or a one-line failure naming what to install. */
const browser = {
  newPage: (...args: Parameters<Browser['newPage']>) => {
    if (!launched) {
      const error = new Error(missingChromiumMessage());
      error.stack = `Error: ${error.message}`;
      throw error;
    }
    return launched.newPage(...args);
  },
};
let packet: BuildPacketResult;

beforeAll(async () => {
  fx = await createGitFixture({
    ...BASE_FILES,
    'controls/responsibility/ccm.yaml': fullSsrmFile(),
    // A deviation in Q2, so that the packet has a deviations list whose record link must resolve.
    'evidence/IAM-MFA/2026-Q2.yaml': `${BASE_FILES['evidence/IAM-MFA/2026-Q2.yaml']!}exceptions:
  - description: Two accounts kept SMS as a second factor for a week after the migration.
    severity: medium
    root_cause: The migration kept legacy factors.
    management_response: Legacy factors are removed by the migration script (IT-204).
    remediated_on: 2026-07-10
`,
    'policies/evil.md': patch(patch(BASE_FILES['policies/access-control.md']!, 'id: POL-ACCESS', 'id: POL-EVIL'), '## Scope', '<script>window.__pwned = 1</script>\n<img src="x" onerror="window.__pwned = 2">\n\n## Scope'),
  });
  await fx.commit('program');
  packet = await buildPacket(fx.dir, { out: join(fx.dir, 'out'), toolVersion: '0.1.0' });
  if (!CHROMIUM) return;
  launched = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 60_000);

afterAll(async () => {
  await launched?.close();
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

  it('shows readiness as stacked SVG bars with a legend, met and inherited in different colours', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(join(packet.folder, 'index.html')).href);
    expect(await page.textContent('#overview')).toContain('Readiness');
    const charts = await page.$$eval('#overview svg.readiness-chart', (svgs) =>
      svgs.map((svg) => ({
        role: svg.getAttribute('role'),
        label: svg.getAttribute('aria-label') ?? '',
        legend: svg.querySelector('g.legend')?.textContent ?? '',
        groups: [...svg.querySelectorAll('g.group')].map((g) => ({
          id: g.getAttribute('data-group'),
          track: Number(g.querySelector('rect.track')!.getAttribute('width')),
          trackBox: g.querySelector('rect.track')!.getBoundingClientRect().width,
          text: g.querySelector(':scope > text:last-of-type')!.textContent ?? '',
          segments: [...g.querySelectorAll('rect.segment')].map((r) => ({
            status: r.getAttribute('data-status')!,
            count: Number(r.getAttribute('data-count')),
            width: Number(r.getAttribute('width')),
            fill: (globalThis as unknown as { getComputedStyle(e: unknown): { fill: string } }).getComputedStyle(r).fill,
          })),
        })),
      })),
    );
    expect(charts).toHaveLength(3);
    const fills = new Map<string, string>();
    for (const chart of charts) {
      expect(chart.role).toBe('img');
      expect(chart.legend).toBe('metinheritedpartialgapexcluded requirements are left out');
      for (const g of chart.groups) {
        expect(g.trackBox).toBeGreaterThan(100); // drawn, not collapsed
        const total = g.segments.reduce((n, s) => n + s.count, 0);
        for (const s of g.segments) {
          expect(Math.abs(s.width - (g.track * s.count) / total)).toBeLessThan(0.11);
          fills.set(s.status, s.fill);
        }
        // The numbers beside the bar, and in the chart's accessible name.
        expect(g.text).toMatch(/^\d+ met · \d+ inherited · \d+ partial · \d+ gap — (\d+\.\d%|n\/a \(all excluded\)) · maturity (\d\.\d|n\/a) \(N=\d+\)$/);
        expect(chart.label).toContain(`${g.id} ${g.text.split(' · maturity')[0]}`);
      }
    }
    expect(fills.get('met')).toBeDefined();
    expect(fills.get('inherited')).toBeDefined();
    expect(fills.get('inherited')).not.toBe(fills.get('met'));
    await page.close();
  });

  it('lists the deviations with links to the control and the record, and the control links back', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(join(packet.folder, 'index.html')).href);
    expect(await page.$('nav a[href="#deviations"]')).not.toBeNull();
    const rows = await page.$$eval('#deviations tbody tr', (trs) => trs.map((tr) => ({ id: tr.id, cells: [...tr.querySelectorAll('td')].map((td) => td.innerText), links: [...tr.querySelectorAll('a')].map((a) => a.getAttribute('href')) })));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.cells.slice(0, 4)).toEqual(['IAM-MFA', 'mfa-policy-export', '2026-Q2\n2026-04-01..\n2026-06-30', 'medium']);
    expect(rows[0]!.cells.slice(7)).toEqual(['remediated 2026-07-10', 'evidence/IAM-MFA/2026-Q2.yaml:10']);
    expect(rows[0]!.links).toEqual(['#control-IAM-MFA', 'evidence/IAM-MFA/2026-Q2.yaml']);
    expect(existsSync(join(packet.folder, 'evidence/IAM-MFA/2026-Q2.yaml'))).toBe(true);
    expect(await page.$eval('#control-IAM-MFA', (a) => (a as unknown as { innerText: string }).innerText)).toContain('Windows: 2026-Q1 ✓ · 2026-Q2 ✓ · 2026-Q3 ✓ · 2026-Q4 due 2026-12-31');
    expect(await page.$(`#control-IAM-MFA a[href="#${rows[0]!.id}"]`)).not.toBeNull();
    mkdirSync(SCREENSHOTS, { recursive: true });
    await (await page.$('#deviations'))!.screenshot({ path: join(SCREENSHOTS, 'packet-deviations.png') });
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
