import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { preparePacket } from '../../pipeline/packet.js';
import { BASE_FILES, BASE_TODAY } from '../../testing/base-repo.js';
import { createInMemoryRepo, mergeFiles, type FileOverrides } from '../../testing/in-memory-repo.js';
import { TYPE2_PACKET_FILES, type2PacketInput } from '../../testing/packet-fixture.js';
import { patch } from '../../testing/patch.js';
import { SEGMENTS, TRACK_COLOR } from '../charts.js';
import type { PacketInput } from '../packet-input.js';
import { renderSummaryPdf } from './summary-pdf.js';
import { loadPdfFonts } from '../../io/pdf-fonts.js';
import { pdfOutline, pdfText } from '../../testing/pdf-text.js';

const run = promisify(execFile);
const CORE = fileURLToPath(new URL('../../../', import.meta.url));
const MODULE_URL = new URL('./summary-pdf.ts', import.meta.url).href;
const FIXTURE_URL = new URL('../../testing/packet-fixture.ts', import.meta.url).href;
const FONTS_URL = new URL('../../io/pdf-fonts.ts', import.meta.url).href;
const FONTS = loadPdfFonts();

/** Latin-1 view of the file: the renderer leaves streams uncompressed, so the drawing operators are readable. */
function latin1(pdf: Uint8Array): string {
  return Buffer.from(pdf).toString('latin1');
}

/**
 * The text layer of each page as a PDF reader extracts it (pdf.js, through the fonts' ToUnicode maps):
 * the strings as drawn, in drawing order, one space between them (pdf.js splits at font changes and
 * wide spaces, so "4  Deviations" reads "4 Deviations").
 */
async function pagesOf(pdf: Uint8Array): Promise<string[]> {
  return (await pdfText(pdf, ' ')).map((page) => page.replace(/\s+/g, ' ').trim());
}

async function textOf(pdf: Uint8Array): Promise<string> {
  return (await pagesOf(pdf)).join(' ');
}

function pageCount(pdf: Uint8Array): number {
  return [...latin1(pdf).matchAll(/\/Type \/Page\n/g)].length;
}

/** The content stream of each page, in page order: Pages /Kids -> each page's /Contents stream. */
function pageContents(pdf: Uint8Array): string[] {
  const raw = latin1(pdf);
  const object = (id: string): string => {
    const start = raw.indexOf(`\n${id} 0 obj\n`);
    if (start < 0) throw new Error(`object ${id} not found`);
    return raw.slice(start, raw.indexOf('\nendobj', start));
  };
  const kids = /\/Kids \[([^\]]*)\]/.exec(raw)?.[1] ?? '';
  return [...kids.matchAll(/(\d+) 0 R/g)].map((kid) => {
    const contents = /\/Contents (\d+) 0 R/.exec(object(kid[1]!))?.[1];
    if (!contents) throw new Error(`page ${kid[1]} has no content`);
    return object(contents);
  });
}

/** Every filled rectangle of a content stream (pdfkit: "x y w h re", a colour, "f"), colour as #rrggbb. */
function filledRects(content: string): { x: number; y: number; width: number; color: string }[] {
  const hex = (v: string) => Math.round(Number(v) * 255).toString(16).padStart(2, '0');
  return [...content.matchAll(/([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re\n\/DeviceRGB cs\n([\d.]+) ([\d.]+) ([\d.]+) scn\nf\n/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    width: Number(m[3]),
    color: `#${hex(m[5]!)}${hex(m[6]!)}${hex(m[7]!)}`,
  }));
}

/** The stacked bars of a page: each track with the segments drawn over it, in drawing order. */
function stackedBars(content: string): { x: number; width: number; segments: { color: string; x: number; width: number }[] }[] {
  const bars: { x: number; y: number; width: number; segments: { color: string; x: number; width: number }[] }[] = [];
  const palette = new Set(SEGMENTS.map((s) => s.color));
  for (const r of filledRects(content)) {
    if (r.color === TRACK_COLOR) bars.push({ x: r.x, y: r.y, width: r.width, segments: [] });
    else if (palette.has(r.color) && bars.at(-1)?.y === r.y) bars.at(-1)!.segments.push({ color: r.color, x: r.x, width: r.width });
  }
  return bars;
}

/** The base repository with `files` changed, as `trustops packet --allow-findings` builds it. */
function basePacketInput(files: FileOverrides = {}): Promise<PacketInput> {
  return preparePacket(createInMemoryRepo(mergeFiles(BASE_FILES, files)), {
    meta: { commit: 'a'.repeat(40), version: 'v', createdAt: '2026-11-01T12:00:00Z', toolVersion: '0' },
    allowFindings: true,
    today: BASE_TODAY,
  });
}

describe('renderSummaryPdf on the Type II scenario', () => {
  let input: PacketInput;
  let pdf: Uint8Array;
  let text: string;

  beforeAll(async () => {
    input = await type2PacketInput();
    pdf = await renderSummaryPdf(input, TYPE2_PACKET_FILES, FONTS);
    text = await textOf(pdf);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('is a PDF of several A4 pages', async () => {
    expect(latin1(pdf.subarray(0, 5))).toBe('%PDF-');
    expect(latin1(pdf.subarray(pdf.length - 6)).trim()).toBe('%%EOF');
    expect(pageCount(pdf)).toBeGreaterThan(1);
    expect(latin1(pdf)).toContain(`/Count ${pageCount(pdf)}`);
    expect(latin1(pdf)).toContain('/MediaBox [0 0 595.28 841.89]');
    // Embedded fonts (subsets, "ABCDEF+Name"), from the packages that ship them: none of the standard 14.
    const fonts = [...latin1(pdf).matchAll(/\/BaseFont \/([\w+-]+)/g)].map((m) => m[1]!.replace(/^[A-Z]{6}\+/, ''));
    expect(new Set(fonts)).toEqual(new Set(['DejaVuSansCondensed', 'DejaVuSansCondensed-Bold', 'DejaVuSansMono']));
    expect([...latin1(pdf).matchAll(/\/FontFile2 /g)].length).toBe(3);
    expect(latin1(pdf)).not.toMatch(/\/BaseFont \/(Helvetica|Courier|Times)/);
  });

  it('names the organization and the system, and the packet it summarizes', async () => {
    expect(text).toContain('Fixture Cloud Ltd');
    expect(text).toContain('Fixture Analytics');
    expect(text).toContain('2026-11-01-aaaaaaa');
    expect(text).toContain('a'.repeat(40));
    expect(text).toContain('2026-11-01 12:00:00 UTC');
    expect(text).toContain('trustops 0.1.0');
  });

  it('says on the first page that the packet was built with open error findings, and how many', async () => {
    const errors = input.findings.filter((f) => f.severity === 'error').length;
    expect(errors).toBeGreaterThan(0);
    const [firstPage] = await pagesOf(pdf);
    expect(firstPage).toContain('Fixture Cloud Ltd');
    expect(firstPage).toContain(`NOTICE: built with ${errors} open error findings`);
    expect(firstPage).toContain('This packet was built with --allow-findings');
  });

  it('has no notice when the packet was built clean', async () => {
    const clean = await renderSummaryPdf({ ...input, meta: { ...input.meta, builtWithFindings: false } }, TYPE2_PACKET_FILES, FONTS);
    expect(await textOf(clean)).not.toContain('NOTICE');
  });

  it('shows scope, readiness per framework and group, exceptions, findings and files', async () => {
    // Scope: frameworks with versions, TSC categories, report type and period, exclusions with reasons.
    expect(text).toContain('CSA Cloud Controls Matrix');
    expect(text).toContain('4.0.13');
    expect(text).toContain('Categories: Security');
    expect(text).toContain('observation period 2026-01-01 to 2026-12-31');
    expect(text).toContain('SOC 2 Type II view: controls must be designed and operating');
    expect(text).toContain('No facilities of our own; all hosting is AWS.');
    // Readiness: CCM (2 + 1 + 1/2) / 196 = 1.8%, a row per domain with its maturity.
    expect(text).toContain('CCM 4.0.13');
    expect(text).toContain('1.8%');
    expect(text).toContain('Identity & Access Management');
    expect(text).toContain('by domain, with maturity');
    // Exceptions: LOG-03 is partial for the missing Q2 window; gaps listed by domain.
    expect(text).toContain('LOG-03');
    expect(text).toContain('LOG-CENTRAL: evidence "retention-report" (quarterly) is missing for');
    expect(text).toContain('A&A-01, A&A-02');
    // Findings: rule, file:line, message; the long list is capped.
    expect(text).toContain('readiness/below-threshold');
    expect(text).toContain('compliance.yaml:19');
    expect(text).toMatch(/and \d+ more ssrm\/missing-assignment findings/);
    // Files: a count per folder and where the list is, not the list.
    expect(text).toContain('Every file with its size and SHA-256 is listed in');
    expect(text).toContain('manifest.json');
    expect(text).toMatch(/evidence\/ \d+ [\d,]+/);
    expect(text).not.toContain('evidence/IAM-MFA/2026-Q1-okta-policy.json');
    // Footer on every page, with the attribution.
    const pages = await pagesOf(pdf);
    expect(pages.length).toBe(pageCount(pdf));
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(page).toContain('CSA Cloud Controls Matrix and CAIQ © Cloud Security Alliance; Trust Services Criteria © AICPA; ISO/IEC 27001:2022 © ISO/IEC.');
    });
    // The file list is on the last page.
    expect(pages.at(-1)).toContain('7 Files in this packet');
  });

  it('dates the document from meta.createdAt only', async () => {
    const raw = latin1(pdf);
    expect(raw).toContain('(D:20261101120000Z)');
    expect([...raw.matchAll(/\(D:(\d{14})Z\)/g)].map((m) => m[1])).toEqual(['20261101120000', '20261101120000']);
  });

  it('renders the same bytes twice, and under another clock and time zone', async () => {
    const again = await renderSummaryPdf(input, TYPE2_PACKET_FILES, FONTS);
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);

    const tz = process.env.TZ;
    try {
      process.env.TZ = 'America/St_Johns';
      vi.useFakeTimers({ now: new Date('2031-07-04T03:02:01Z'), toFake: ['Date'] });
      const later = await renderSummaryPdf(input, TYPE2_PACKET_FILES, FONTS);
      expect(new Date().getUTCFullYear()).toBe(2031);
      expect(Buffer.from(later).equals(Buffer.from(pdf))).toBe(true);
    } finally {
      vi.useRealTimers();
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('renders the same bytes in another process, in UTC+14 with its clock set years ahead', async () => {
    const script = `
      const RealDate = Date;
      const fixed = RealDate.parse('2033-02-03T23:59:58Z');
      globalThis.Date = class extends RealDate {
        constructor(...args) { if (args.length) super(...args); else super(fixed); }
        static now() { return fixed; }
      };
      const { renderSummaryPdf } = await import(${JSON.stringify(MODULE_URL)});
      const { type2PacketInput, TYPE2_PACKET_FILES } = await import(${JSON.stringify(FIXTURE_URL)});
      const { loadPdfFonts } = await import(${JSON.stringify(FONTS_URL)});
      const pdf = await renderSummaryPdf(await type2PacketInput(), TYPE2_PACKET_FILES, loadPdfFonts());
      process.stdout.write(JSON.stringify({ year: new Date().getFullYear(), offset: new Date().getTimezoneOffset(), pdf: Buffer.from(pdf).toString('base64') }));
    `;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--conditions=source', '--input-type=module', '-e', script], {
      cwd: CORE,
      env: { ...process.env, TZ: 'Pacific/Kiritimati' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const child = JSON.parse(stdout) as { year: number; offset: number; pdf: string };
    expect(child.year).toBe(2033);
    expect(child.offset).toBe(-14 * 60);
    expect(Buffer.from(child.pdf, 'base64').equals(Buffer.from(pdf))).toBe(true);
  }, 60_000);
});

describe('summary.pdf: stacked bars, deviations, notices and the Type I view', () => {
  it('draws readiness as stacked bars in the site palette, segments as wide as their counts, with a legend', async () => {
    const input = await type2PacketInput();
    const pdf = await renderSummaryPdf(input, TYPE2_PACKET_FILES, FONTS);
    const [first] = pageContents(pdf);
    const bars = stackedBars(first!);
    const frameworks = (['ccm', 'tsc', 'iso27001'] as const).map((k) => input.readiness.frameworks[k]!);
    expect(bars).toHaveLength(frameworks.length);
    const colorOf = new Map(SEGMENTS.map((s) => [s.status, s.color]));
    bars.forEach((bar, i) => {
      const c = frameworks[i]!.counts;
      const total = c.met + c.inherited + c.partial + c.gap;
      const expected = SEGMENTS.filter((s) => c[s.status] > 0);
      expect(bar.segments.map((s) => s.color)).toEqual(expected.map((s) => s.color));
      let x = bar.x;
      bar.segments.forEach((segment, j) => {
        expect(Math.abs(segment.x - x)).toBeLessThan(0.11);
        expect(Math.abs(segment.width - (bar.width * c[expected[j]!.status]) / total)).toBeLessThan(0.11);
        x = segment.x + segment.width;
      });
    });
    // CCM: 1 inherited (DCS-01 from AWS) drawn in blue, not in the green of met.
    expect(frameworks[0]!.counts.inherited).toBe(1);
    expect(bars[0]!.segments.map((s) => s.color)).toContain(colorOf.get('inherited'));
    expect(colorOf.get('inherited')).not.toBe(colorOf.get('met'));
    // The legend: a swatch of each colour and its word, once under the table.
    const [firstText] = await pagesOf(pdf);
    expect(firstText).toMatch(/met inherited partial gap \(requirements per group; excluded ones are left out\)/);
    const swatches = filledRects(first!).filter((r) => r.width === 8).map((r) => r.color);
    expect(swatches).toEqual(SEGMENTS.map((s) => s.color));
    // Readiness per group: a legend under each framework's table, maturity as mean (N=...).
    const text = await textOf(pdf);
    expect(text.match(/\(requirements per group; excluded ones are left out\)/g)).toHaveLength(1 + 1 + frameworks.length);
    const iam = frameworks[0]!.groups.find((g) => g.id === 'IAM')!;
    expect(text).toContain(`${iam.maturity!.toFixed(1)} (N=${iam.maturityOf})`);
  });

  it('says "No deviations recorded in the evidence." when there are none, and lists the contents', async () => {
    const pdf = await renderSummaryPdf(await type2PacketInput(), TYPE2_PACKET_FILES, FONTS);
    const text = await textOf(pdf);
    expect(text).toContain('4 Deviations No deviations recorded in the evidence.');
    expect((await pagesOf(pdf))[0]).toMatch(/1 Scope 2 2 Readiness \d+ 3 Gaps and partial requirements \d+ 4 Deviations \d+ 5 Due \(PBC list\) \d+ 6 Open findings \d+ 7 Files in this packet \d+/);
  });

  it('lists the deviations as a table, open high first, with a note that the site has the rest', async () => {
    const q1 = 'evidence/IAM-MFA/2026-Q1.yaml';
    const q2 = 'evidence/IAM-MFA/2026-Q2.yaml';
    const input = await basePacketInput({
      [q1]: `${BASE_FILES[q1]!}exceptions:\n  - description: One contractor signed in with SMS for two days.\n    severity: low\n    root_cause: A late rollout.\n    remediated_on: 2026-02-20\n`,
      [q2]: `${BASE_FILES[q2]!}exceptions:\n  - description: 14 accounts could sign in without MFA for 3 weeks.\n    severity: high\n    window: { start: 2026-05-04, end: 2026-05-24 }\n    root_cause: The migration script skipped MFA enrolment.\n`,
    });
    const pdf = await renderSummaryPdf(input, TYPE2_PACKET_FILES, FONTS);
    const pages = await pagesOf(pdf);
    const page = pages.slice(1).find((p) => p.includes('4 Deviations'))!;
    const section = page.slice(page.indexOf('4 Deviations'));
    expect(section).toContain('2 deviations stated by evidence records (exceptions:), 1 open on 2026-11-22, 1 of them of high severity.');
    expect(section).toContain("The packet site (index.html, Deviations) has each one's root cause, management response and the record file and line");
    expect(section).toContain(
      'Control Window Severity Status Description IAM-MFA 2026-05-04 to 2026-05-24 high open 14 accounts could sign in without MFA for 3 weeks. ' +
        'IAM-MFA 2026-Q1 low remediated 2026-02-20 One contractor signed in with SMS for two days.',
    );
    // The root cause is for the site: the summary has no room for it.
    expect(section).not.toContain('The migration script');
    expect(pages[0]).toContain('2 recorded in the evidence, 1 open (1 of high severity): section 4');
  });

  it('says on the first page how many placeholder texts the CAIQ carries', async () => {
    const ssrm = 'controls/responsibility/ccm.yaml';
    const input = await basePacketInput({ [ssrm]: patch(BASE_FILES[ssrm]!, 'csc: Customers enable SSO and MFA for the users of their own tenants.', 'csc: TODO') });
    const n = input.meta.caiqPlaceholders;
    expect(n).toBeGreaterThan(0);
    const [first] = await pagesOf(await renderSummaryPdf(input, TYPE2_PACKET_FILES, FONTS));
    expect(first).toContain(`NOTICE: ${n} placeholder text${n === 1 ? '' : 's'} in the CAIQ`);
    expect(first).toContain(`The CAIQ in this packet carries ${n} placeholder text${n === 1 ? '' : 's'} (TODO, TBD, ...): it was built with --allow-findings.`);
    const [clean] = await pagesOf(await renderSummaryPdf(await basePacketInput(), TYPE2_PACKET_FILES, FONTS));
    expect(clean).not.toContain('placeholder text');
  });

  it('shows a Type I program with no observation period, no windows and no operating lines', async () => {
    const input = await basePacketInput({
      'compliance.yaml': patch(BASE_FILES['compliance.yaml']!, '    report: type2\n    period: { start: 2026-01-01, end: 2026-12-31 }', '    report: type1\n    as_of: 2026-10-31'),
      // Implemented, not operating: the Type I view counts it and has no reason to say it does not operate.
      'controls/iam/IAM-MFA.yaml': patch(BASE_FILES['controls/iam/IAM-MFA.yaml']!, 'status: operating', 'status: implemented'),
      // A deviation is listed in a Type I summary too, dated, without Type II words.
      'evidence/IAM-MFA/2026-Q2.yaml': `${BASE_FILES['evidence/IAM-MFA/2026-Q2.yaml']!}exceptions:\n  - description: Two accounts kept SMS for a week.\n    severity: medium\n`,
    });
    expect(input.readiness.period).toBeUndefined();
    const text = (await textOf(await renderSummaryPdf(input, TYPE2_PACKET_FILES, FONTS))).replace(/\s+/g, ' ');
    expect(text).toContain('Type I view: controls must be designed and implemented, as of 2026-10-31');
    expect(text).toContain('SOC 2 Type I, as of 2026-10-31');
    expect(text).toContain('Control When Severity Status Description IAM-MFA 2026-Q2 medium open Two accounts kept SMS for a week.');
    expect(text).not.toMatch(/observation period/i);
    expect(text).not.toMatch(/Type II/);
    expect(text).not.toMatch(/window/i);
    // "operat..." only in catalog titles ("Operating Systems", "System Operations") and findings' messages.
    const titles = Object.values(input.readiness.frameworks).flatMap((fw) => [...fw!.requirements.map((r) => r.title), ...fw!.groups.map((g) => g.name)]);
    let rest = text;
    for (const title of titles.sort((a, b) => b.length - a.length)) rest = rest.replaceAll(title, '');
    for (const f of input.findings) rest = rest.replaceAll(f.message.replace(/\s+/g, ' '), '');
    expect([...rest.matchAll(/.{0,50}operat.{0,50}/gi)].map((m) => m[0])).toEqual([]);
  });

  it('draws any script with embedded fonts: "北風株式会社" and "Łódź" are in the text layer; `code` in the monospaced font; an outline', async () => {
    const input = await type2PacketInput();
    const pdf = await renderSummaryPdf({ ...input, meta: { ...input.meta, organization: '北風株式会社', systemName: 'Łódź € “Analytics” ✓' } }, TYPE2_PACKET_FILES, FONTS);
    // pdf.js gives a string per font run (three slices of Noto Sans SC here): read them as one line.
    const [first] = await pdfText(pdf, '');
    expect(first).toContain('北風株式会社');
    expect(first).toContain('Łódź € “Analytics” ✓');
    expect(first).not.toContain('?');
    // The CJK glyphs come from Noto Sans SC's slices, embedded as subsets like the rest.
    const fonts = [...latin1(pdf).matchAll(/\/BaseFont \/([\w+-]+)/g)].map((m) => m[1]!.replace(/^[A-Z]{6}\+/, ''));
    expect(fonts.some((f) => /NotoSansSC/.test(f))).toBe(true);
    expect([...latin1(pdf).matchAll(/\/FontFile2 /g)].length).toBe(new Set([...latin1(pdf).matchAll(/\/BaseFont \/([\w+-]+)/g)].map((m) => m[1])).size);
    // Inline code: no backticks printed, the text in DejaVu Sans Mono.
    const text = await textOf(pdf);
    expect(text).toContain('sha256sum -c SHA256SUMS');
    expect(text).not.toMatch(/`/);
    expect(await pdfOutline(pdf)).toEqual(['Summary', 'Scope', 'Readiness', 'Gaps and partial requirements', 'Deviations', 'Due (PBC list)', 'Open findings', 'Files in this packet']);
    // The PBC list is in the summary too.
    expect(text).toContain(`5 Due (PBC list) What is due, from whom, by when: ${input.audit.due.counts.overdue} overdue`);
  });
});
