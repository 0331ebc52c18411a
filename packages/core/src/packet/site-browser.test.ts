import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
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
import { pdfText } from '../testing/pdf-text.js';

// axe-core's own build, evaluated in the page through the DevTools protocol (the page's CSP forbids
// script, and rightly: injecting it as a <script> would need the CSP loosened).
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// The example program at the repository root, dated on its snapshot day (its latest evidence is of 2026-11-27).
const EXAMPLE_PROGRAM = new URL('../../../../', import.meta.url).pathname;

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
let example: BuildPacketResult;
let exampleDir: string;

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
  exampleDir = mkdtempSync(join(tmpdir(), 'trustops-example-'));
  for (const part of ['compliance.yaml', 'controls', 'policies', 'evidence', 'risks']) cpSync(join(EXAMPLE_PROGRAM, part), join(exampleDir, 'program', part), { recursive: true });
  example = await buildPacket(join(exampleDir, 'program'), { out: join(exampleDir, 'out'), toolVersion: '0.1.0', sourceDateEpoch: '1796126400' });
  if (!CHROMIUM) return;
  launched = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 60_000);

afterAll(async () => {
  await launched?.close();
  fx?.cleanup();
  if (exampleDir) rmSync(exampleDir, { recursive: true, force: true });
});

type AxeResult = { violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[]; passes: unknown[] };

/** axe-core's findings on the page as it is, with every folded part opened first (axe skips hidden content). */
async function runAxe(page: Awaited<ReturnType<Browser['newPage']>>): Promise<AxeResult> {
  await page.evaluate(AXE_SOURCE);
  await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<{ open: boolean }> } }).document;
    for (const d of doc.querySelectorAll('details')) d.open = true;
  });
  return page.evaluate(async () => {
    const g = globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResult> }; document: unknown };
    const r = await g.axe.run(g.document, { resultTypes: ['violations'] });
    return { violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) })), passes: r.passes };
  });
}

/** The links of a page that do not resolve: anchors with no element of that id, files not in the packet. */
async function brokenLinks(page: Awaited<ReturnType<Browser['newPage']>>, folder: string, base = ''): Promise<{ links: number; broken: string[] }> {
  const links = await page.$$eval('a[href]', (anchors) => anchors.map((a) => a.getAttribute('href')!));
  const ids = new Set(await page.$$eval('[id]', (els) => els.map((el) => el.id)));
  const broken: string[] = [];
  for (const href of links) {
    if (href.startsWith('#')) {
      if (!ids.has(decodeURIComponent(href.slice(1)))) broken.push(href);
    } else if (/^mailto:/i.test(href)) {
      // a policy's contact address: no request, nothing to resolve
    } else if (/^[a-z]+:/i.test(href)) {
      broken.push(href); // the packet links only to itself
    } else if (!existsSync(join(folder, base, decodeURIComponent(href.split('#')[0]!)))) {
      broken.push(href);
    }
  }
  return { links: links.length, broken };
}

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

    const { links, broken } = await brokenLinks(page, packet.folder);
    expect(links).toBeGreaterThan(20);
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
    const grid = await page.$$eval('#control-IAM-MFA .window-grid li', (lis) => lis.map((li) => ({ state: li.className, text: (li as unknown as { innerText: string }).innerText.split('\n')[0], links: [...li.querySelectorAll('a')].map((a) => a.getAttribute('href')) })));
    expect(grid.map((g) => `${g.text}`)).toEqual(['2026-Q1 ✓', '2026-Q2 ✓', '2026-Q3 ✓', '2026-Q4 due 2026-12-31']);
    expect(grid.map((g) => g.state)).toEqual(['covered', 'covered', 'covered', 'open']);
    // Each covered window links to its record and the record's files, all of them in the packet.
    expect(grid[1]!.links).toContain('evidence/IAM-MFA/2026-Q2.yaml');
    expect(grid[1]!.links.length).toBeGreaterThan(1);
    for (const href of grid.flatMap((g) => g.links)) expect(existsSync(join(packet.folder, href!))).toBe(true);
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

describe('the example program\'s packet as an auditor uses it', () => {
  it('has no accessibility violations (axe-core, every rule it runs by default), on the page and on a policy page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(join(example.folder, 'index.html')).href);
    const result = await runAxe(page);
    expect(result.violations).toEqual([]);
    expect(result.passes.length).toBeGreaterThan(10);
    await page.goto(pathToFileURL(join(example.folder, 'policies', 'POL-ACCESS.html')).href);
    expect((await runAxe(page)).violations).toEqual([]);
    await page.close();
  }, 180_000);

  it('every internal link resolves, every control is in the index, and every requirement and control id is a link', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(join(example.folder, 'index.html')).href);
    const { links, broken } = await brokenLinks(page, example.folder);
    expect(links).toBeGreaterThan(500);
    expect(broken).toEqual([]);
    const index = await page.$$eval('#control-index tbody tr a', (as) => as.map((a) => a.getAttribute('href')));
    const articles = await page.$$eval('#controls article', (els) => els.map((el) => `#${el.id}`));
    expect(articles).toHaveLength(58);
    expect(index).toEqual(articles);
    // "Maps to" ids link to the requirement rows; the SSRM table's CCM ids too.
    expect(await page.$$eval('#control-IAM-MFA a[href^="#req-"]', (as) => as.length)).toBeGreaterThan(2);
    expect(await page.$$eval('#ssrm tbody tr', (trs) => trs.every((tr) => tr.querySelector('td a[href^="#req-ccm-"]')))).toBe(true);
    // CAIQ's ownership labels, not the file format's slugs; no edition said twice.
    // With every folded part open: the requirements' reasons say the SSRM's ownership too.
    await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<{ open: boolean }> } }).document;
      for (const d of doc.querySelectorAll('details')) d.open = true;
    });
    const text = await page.$eval('body', (b) => (b as unknown as { innerText: string }).innerText);
    expect(text).toContain('Shared CSP and CSC');
    expect(text).not.toMatch(/shared-csp-csc|csp-owned|third-party-outsourced/);
    expect(text).not.toContain('27001:2022 2022');
    expect(text).not.toMatch(/report type[12]/);
    // A link's target is not hidden under the sticky navigation.
    const nav = await page.$eval('nav', (n) => n.getBoundingClientRect().height);
    await page.goto(`${pathToFileURL(join(example.folder, 'index.html')).href}#control-IAM-MFA`);
    const top = await page.$eval('#control-IAM-MFA', (el) => el.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(nav);
    await page.close();
  }, 60_000);

  it('does not scroll sideways on a 390 px phone; wide tables scroll in their own box and the charts scale', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, deviceScaleFactor: 2 });
    await page.goto(pathToFileURL(join(example.folder, 'index.html')).href);
    const widths = await page.evaluate(() => {
      const g = globalThis as unknown as { document: { documentElement: { scrollWidth: number }; body: { scrollWidth: number } }; innerWidth: number };
      return { doc: g.document.documentElement.scrollWidth, body: g.document.body.scrollWidth, view: g.innerWidth };
    });
    expect(widths.view).toBe(390);
    expect(widths.doc).toBeLessThanOrEqual(390);
    expect(widths.body).toBeLessThanOrEqual(390);
    const charts = await page.$$eval('svg.readiness-chart', (svgs) => svgs.map((s) => s.getBoundingClientRect().right));
    for (const right of charts) expect(right).toBeLessThanOrEqual(390);
    const nav = await page.$eval('nav', (n) => ({ right: n.getBoundingClientRect().right, scroll: n.scrollWidth, client: n.clientWidth }));
    expect(nav.scroll).toBeLessThanOrEqual(nav.client);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'packet-phone.png') });
    await page.close();
  });

  it('prints everything: the PDF has the UEM-12 exclusion reason, the reasons of a requirement, and no URLs of internal links', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(example.folder, 'index.html')).href);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const text = (await pdfText(pdf)).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('UEM-12');
    expect(text).toContain('Northwind issues no mobile devices');
    // A requirement row from a folded <details>, with its reason ("why"), printed open.
    const why = await page.$eval('[id="req-ccm-IAM-14"] td:nth-child(4)', (td) => td.textContent ?? '');
    expect(why.length).toBeGreaterThan(10);
    expect(text).toContain(why.replace(/\s+/g, ' ').slice(0, 40));
    expect(text).not.toContain('#control-');
    expect(text).not.toContain('file://');
    // No navigation bar in print.
    await page.emulateMedia({ media: 'print' });
    expect(await page.$eval('nav', (n) => (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(n).display)).toBe('none');
    await page.close();
  }, 120_000);
});
