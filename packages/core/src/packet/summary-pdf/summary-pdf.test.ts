import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TYPE2_PACKET_FILES, type2PacketInput } from '../../testing/packet-fixture.js';
import type { PacketInput } from '../packet-input.js';
import { renderSummaryPdf } from './summary-pdf.js';

const run = promisify(execFile);
const CORE = fileURLToPath(new URL('../../../', import.meta.url));
const MODULE_URL = new URL('./summary-pdf.ts', import.meta.url).href;
const FIXTURE_URL = new URL('../../testing/packet-fixture.ts', import.meta.url).href;

/** Latin-1 view of the file: the renderer leaves streams uncompressed, so the drawing operators are readable. */
function latin1(pdf: Uint8Array): string {
  return Buffer.from(pdf).toString('latin1');
}

/** The text drawn with TJ, one line per operator (pdfkit writes hex strings split by kerning numbers). */
function drawnText(pdf: Uint8Array): string {
  const lines: string[] = [];
  for (const match of latin1(pdf).matchAll(/\[((?:<[0-9a-f]*>\s*-?[\d.]*\s*)*)\]\s*TJ/g)) {
    const hex = [...match[1]!.matchAll(/<([0-9a-f]*)>/g)].map((m) => m[1]).join('');
    lines.push(Buffer.from(hex, 'hex').toString('latin1'));
  }
  return lines.join('\n');
}

function pageCount(pdf: Uint8Array): number {
  return [...latin1(pdf).matchAll(/\/Type \/Page\n/g)].length;
}

/** The text of each page, in page order: Pages /Kids -> each page's /Contents stream. */
function pageTexts(pdf: Uint8Array): string[] {
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
    return drawnText(Buffer.from(object(contents), 'latin1'));
  });
}

describe('renderSummaryPdf on the Type II scenario', () => {
  let input: PacketInput;
  let pdf: Uint8Array;
  let text: string;

  beforeAll(async () => {
    input = await type2PacketInput();
    pdf = await renderSummaryPdf(input, TYPE2_PACKET_FILES);
    text = drawnText(pdf);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('is a PDF of several A4 pages', () => {
    expect(latin1(pdf.subarray(0, 5))).toBe('%PDF-');
    expect(latin1(pdf.subarray(pdf.length - 6)).trim()).toBe('%%EOF');
    expect(pageCount(pdf)).toBeGreaterThan(1);
    expect(latin1(pdf)).toContain(`/Count ${pageCount(pdf)}`);
    expect(latin1(pdf)).toContain('/MediaBox [0 0 595.28 841.89]');
    // Only the standard fonts, nothing embedded from the machine.
    const fonts = [...latin1(pdf).matchAll(/\/BaseFont \/([\w-]+)/g)].map((m) => m[1]);
    expect(new Set(fonts)).toEqual(new Set(['Helvetica', 'Helvetica-Bold', 'Courier']));
    expect(latin1(pdf)).not.toMatch(/\/FontFile/);
  });

  it('names the organization and the system, and the packet it summarizes', () => {
    expect(text).toContain('Fixture Cloud Ltd');
    expect(text).toContain('Fixture Analytics');
    expect(text).toContain('2026-11-01-aaaaaaa');
    expect(text).toContain('a'.repeat(40));
    expect(text).toContain('2026-11-01 12:00:00 UTC');
    expect(text).toContain('trustops 0.1.0');
  });

  it('says on the first page that the packet was built with open error findings, and how many', () => {
    const errors = input.findings.filter((f) => f.severity === 'error').length;
    expect(errors).toBeGreaterThan(0);
    const [firstPage] = pageTexts(pdf);
    expect(firstPage).toContain('Fixture Cloud Ltd');
    expect(firstPage).toContain(`NOTICE: built with ${errors} open error findings`);
    expect(firstPage).toContain('This packet was built with --allow-findings');
  });

  it('has no notice when the packet was built clean', async () => {
    const clean = await renderSummaryPdf({ ...input, meta: { ...input.meta, builtWithFindings: false } }, TYPE2_PACKET_FILES);
    expect(drawnText(clean)).not.toContain('NOTICE');
  });

  it('shows scope, readiness per framework and group, exceptions, findings and files', () => {
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
    // Files: path, size, SHA-256 shortened to 16 hex digits.
    expect(text).toContain('evidence/IAM-MFA/2026-Q1-okta-policy.json');
    expect(text).toContain('2,048,576');
    expect(text).toContain('4444444444444444');
    expect(text).not.toContain('4444444444444444b');
    // Footer on every page, with the attribution.
    const pages = pageTexts(pdf);
    expect(pages.length).toBe(pageCount(pdf));
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(page).toContain('CSA Cloud Controls Matrix and CAIQ © Cloud Security Alliance; Trust Services Criteria © AICPA; ISO/IEC 27001:2022 © ISO/IEC.');
    });
    // The file list is on the last page.
    expect(pages.at(-1)).toContain('5  Files in this packet');
  });

  it('dates the document from meta.createdAt only', () => {
    const raw = latin1(pdf);
    expect(raw).toContain('(D:20261101120000Z)');
    expect([...raw.matchAll(/\(D:(\d{14})Z\)/g)].map((m) => m[1])).toEqual(['20261101120000', '20261101120000']);
  });

  it('renders the same bytes twice, and under another clock and time zone', async () => {
    const again = await renderSummaryPdf(input, TYPE2_PACKET_FILES);
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);

    const tz = process.env.TZ;
    try {
      process.env.TZ = 'America/St_Johns';
      vi.useFakeTimers({ now: new Date('2031-07-04T03:02:01Z'), toFake: ['Date'] });
      const later = await renderSummaryPdf(input, TYPE2_PACKET_FILES);
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
      const pdf = await renderSummaryPdf(await type2PacketInput(), TYPE2_PACKET_FILES);
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
