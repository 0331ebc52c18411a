import { beforeAll, describe, expect, it } from 'vitest';
import { preparePacket } from '../pipeline/packet.js';
import { BASE_FILES, BASE_TODAY } from '../testing/base-repo.js';
import { createInMemoryRepo, mergeFiles, type FileOverrides } from '../testing/in-memory-repo.js';
import { patch } from '../testing/patch.js';
import type { PacketInput } from './packet-input.js';
import { renderSite } from './site.js';

/** The base repository with `files` changed, as `trustops packet --allow-findings` builds it. */
function packetInput(files: FileOverrides = {}): Promise<PacketInput> {
  return preparePacket(createInMemoryRepo(mergeFiles(BASE_FILES, files)), {
    meta: { commit: 'a'.repeat(40), version: 'v', createdAt: '2026-11-01T12:00:00Z', toolVersion: '0' },
    allowFindings: true,
    today: BASE_TODAY,
  });
}

const LINKS = { policyPage: (id: string) => `policies/${id}.html`, evidenceFile: (path: string) => path };
const Q1 = 'evidence/IAM-MFA/2026-Q1.yaml';
const Q2 = 'evidence/IAM-MFA/2026-Q2.yaml';

// Three deviations: Q1 a low one (remediated, line 10) and a medium one for February (open, line 15);
// Q2 a high one (open on 2026-11-22: its remediation is due 2026-12-15, line 10).
const DEVIATIONS: FileOverrides = {
  [Q1]: `${BASE_FILES[Q1]!}exceptions:
  - description: One contractor signed in with SMS for two days after a policy change.
    severity: low
    root_cause: The change reached the contractor group a day late.
    management_response: Policy changes now go to every group at once (IT-101).
    remediated_on: 2026-02-20
  - description: The break-glass account's WebAuthn exemption was not reviewed in February.
    window: { start: 2026-02-01, end: 2026-02-28 }
    severity: medium
`,
  [Q2]: `${BASE_FILES[Q2]!}exceptions:
  - description: 14 accounts could sign in without MFA for 3 weeks after a migration.
    severity: high
    root_cause: The migration script skipped the MFA enrolment step.
    management_response: The script is fixed and every account is being re-enrolled (IT-204).
    remediated_on: 2026-12-15
`,
};

/** The text of an HTML fragment, tags dropped and entities of the escaper decoded. */
function textOf(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<\/?(?:a|span|code|small|strong)\b[^>]*>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

function section(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}">`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
}

describe('the deviations list', () => {
  let input: PacketInput;
  let html: string;
  beforeAll(async () => {
    input = await packetInput(DEVIATIONS);
    html = renderSite(input, LINKS);
  });

  it('lists every deviation, open high-severity first, with its control, window, response and record link', () => {
    expect(html).toContain('<a href="#deviations">Deviations</a>');
    const rows = [...section(html, 'deviations').matchAll(/<tr id="([^"]+)">(.*?)<\/tr>/g)];
    expect(rows.map((r) => r[1])).toEqual(['deviation-evidence-IAM-MFA-2026-Q2-yaml-10', 'deviation-evidence-IAM-MFA-2026-Q1-yaml-15', 'deviation-evidence-IAM-MFA-2026-Q1-yaml-10']);
    const [high, medium, low] = rows.map((r) => r[2]!);
    expect(high).toContain('<a href="#control-IAM-MFA">IAM-MFA</a>');
    expect(high).toContain(`<a href="${Q2}"><code>${Q2}:10</code></a>`);
    expect(textOf(high!)).toContain('mfa-policy-export 2026-Q2 2026-04-01.. 2026-06-30 high 14 accounts could sign in without MFA');
    expect(textOf(high!)).toContain('The migration script skipped the MFA enrolment step. The script is fixed and every account is being re-enrolled (IT-204). open (remediation due 2026-12-15)');
    expect(textOf(medium!)).toContain('2026-02 2026-02-01.. 2026-02-28 medium');
    expect(textOf(medium!)).toMatch(/– – open /);
    expect(low).toContain(`<a href="${Q1}"><code>${Q1}:10</code></a>`);
    expect(textOf(low!)).toContain('remediated 2026-02-20');
    // The line is where the exception starts in the record.
    expect(BASE_FILES[Q1]!.split('\n').length).toBe(9);
    expect(DEVIATIONS[Q1]!.toString().split('\n')[9]).toContain('- description: One contractor');
  });

  it('links the control to its deviations, and counts them on the overview', () => {
    const control = html.slice(html.indexOf('<article id="control-IAM-MFA">'), html.indexOf('</article>', html.indexOf('<article id="control-IAM-MFA">')));
    expect(control).toContain('<a href="#deviation-evidence-IAM-MFA-2026-Q2-yaml-10">2026-Q2 high, open (remediation due 2026-12-15)</a>');
    expect(textOf(section(html, 'overview'))).toContain('Deviations the evidence records: 3 (2 open, 1 open of high severity).');
  });

  it('says so when the evidence records none', async () => {
    const clean = renderSite(await packetInput(), LINKS);
    expect(section(clean, 'deviations')).toContain('<p>No deviations recorded in the evidence.</p>');
    expect(section(clean, 'deviations')).not.toContain('<table>');
  });
});

describe('the readiness charts', () => {
  it('stack met, inherited, partial and gap in that order, as wide as their counts, with a legend and the numbers', async () => {
    const input = await packetInput();
    const html = renderSite(input, LINKS);
    let stacked = 0;
    for (const fw of Object.values(input.readiness.frameworks)) {
      const svg = /<svg class="readiness-chart"[^>]*>.*?<\/svg>/.exec(section(html, 'overview').slice(section(html, 'overview').indexOf(`<h3 id="fw-${fw!.key}">`)))![0];
      expect(svg).toMatch(/^<svg class="readiness-chart" role="img" aria-label="[^"]*readiness by/);
      const legend = /<g class="legend"[^>]*>(.*?)<\/g>/.exec(svg)![1]!;
      expect(textOf(legend).trim()).toBe('met inherited partial gap excluded requirements are left out');
      for (const g of fw!.groups) {
        const row = new RegExp(`<g class="group" data-group="${g.id.replace('&', '&amp;')}">(.*?)</g>`).exec(svg)![1]!;
        const track = /<rect class="track" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/.exec(row)!;
        const [left, width] = [Number(track[1]), Number(track[2])];
        const segments = [...row.matchAll(/<rect class="segment (\w+)" data-status="\w+" data-count="(\d+)" x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="16" fill="(#[0-9a-f]{6})"/g)].map((m) => ({
          status: m[1]!,
          count: Number(m[2]),
          x: Number(m[3]),
          width: Number(m[4]),
          fill: m[5]!,
        }));
        const c = g.counts;
        const total = c.met + c.inherited + c.partial + c.gap;
        const expected = (['met', 'inherited', 'partial', 'gap'] as const).filter((s) => c[s] > 0);
        expect(segments.map((s) => s.status)).toEqual(expected);
        let x = left;
        for (const s of segments) {
          expect(s.count).toBe(c[s.status as keyof typeof c]);
          expect(Math.abs(s.width - (width * s.count) / total)).toBeLessThan(0.11);
          expect(Math.abs(s.x - x)).toBeLessThan(0.11);
          x = s.x + s.width;
        }
        if (total > 0) expect(Math.abs(x - (left + width))).toBeLessThan(0.11);
        if (segments.length >= 2) stacked++;
        const numbers = `${c.met} met · ${c.inherited} inherited · ${c.partial} partial · ${c.gap} gap — `;
        expect(textOf(row)).toContain(numbers);
        expect(svg).toContain(`${g.id.replace('&', '&amp;')} ${numbers}`); // in the accessible name too
      }
      // Met and inherited are drawn in different colours.
      const fills = new Map([...svg.matchAll(/class="segment (\w+)"[^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => [m[1], m[2]]));
      if (fills.has('met') && fills.has('inherited')) expect(fills.get('met')).not.toBe(fills.get('inherited'));
    }
    expect(stacked).toBeGreaterThan(0);
    // The CCM DCS domain: DCS-01 inherited from AWS, DCS-07 excluded (left out), the rest gaps.
    const dcs = input.readiness.frameworks.ccm!.groups.find((g) => g.id === 'DCS')!;
    expect(dcs.counts).toMatchObject({ met: 0, inherited: 1, partial: 0, excluded: 1 });
    expect(html).toMatch(new RegExp(`<g class="group" data-group="DCS">.*?<rect class="segment inherited" data-status="inherited" data-count="1" x="70.0" y="[\\d.]+" width="${(360 / (1 + dcs.counts.gap)).toFixed(1)}"`));
    expect(html).toContain(`0 met · 1 inherited · 0 partial · ${dcs.counts.gap} gap — `);
    expect(html).toMatch(/maturity \d\.\d \(N=\d+\)|maturity n\/a \(N=0\)/);
  });
});

describe('a control in the Type II view', () => {
  it('shows each evidence window as a row of marks, and the records that show nothing with why', async () => {
    // The Q3 record says it covers up to 2026-09-30 but was collected on 2026-09-15: it shows nothing, Q3 is missing.
    const q3 = 'evidence/IAM-MFA/2026-Q3.yaml';
    const input = await packetInput({ [q3]: patch(BASE_FILES[q3]!, 'collected_on: 2026-09-30', 'collected_on: 2026-09-15') });
    const html = renderSite(input, LINKS);
    const control = html.slice(html.indexOf('<article id="control-IAM-MFA">'), html.indexOf('</article>', html.indexOf('<article id="control-IAM-MFA">')));
    // A grid of the windows: each with its mark and the records that cover it (with their files), or "no record".
    const grid = [...control.matchAll(/<li class="(covered|missing|open)">(.*?)<\/li>/g)].map((m) => `${m[1]}: ${textOf(m[2]!)}`);
    expect(grid).toEqual([
      'covered: 2026-Q1 ✓ 2026-Q1.yaml (2026-Q1-okta-policy.json)',
      'covered: 2026-Q2 ✓ 2026-Q2.yaml (2026-Q2-okta-policy.json)',
      'missing: 2026-Q3 ✗ no record',
      'open: 2026-Q4 due 2026-12-31',
    ]);
    expect(control).toContain('<a href="evidence/IAM-MFA/2026-Q1.yaml" title="evidence/IAM-MFA/2026-Q1.yaml">2026-Q1.yaml</a>');
    expect(textOf(control)).toMatch(/Evidence mfa-policy-export \(quarterly\)\s+2 record\(s\), 2 in the observation period/);
    expect(control).toContain(`<li>Shows nothing: <a href="${q3}"><code>${q3}:4</code></a>: it covers up to 2026-09-30 but was collected on 2026-09-15: it cannot show time that had not happened</li>`);
    expect(textOf(control)).toContain('Operating (Type II): no (');
  });
});

describe('a Type I program', () => {
  it('shows no observation period, no windows and no operation lines', async () => {
    const input = await packetInput({
      ...DEVIATIONS,
      'compliance.yaml': patch(BASE_FILES['compliance.yaml']!, '    report: type2\n    period: { start: 2026-01-01, end: 2026-12-31 }', '    report: type1\n    as_of: 2026-10-31'),
    });
    // Deviations are listed in a Type I packet too, dated, without Type II words.
    expect(section(renderSite(input, LINKS), 'deviations')).toContain('<th>When</th>');
    expect(input.readiness.type).toBe('type1');
    expect(input.readiness.period).toBeUndefined();
    // The PBC list is the one place a Type I packet says "due": reviews and renewals fall due whatever the view.
    const full = renderSite(input, LINKS);
    expect(section(full, 'pbc')).toContain('policy review');
    expect(section(full, 'pbc')).not.toMatch(/window|evidence/i);
    // The control index has a Designed column and no Operating one; its Status column is each control's own (status: operating).
    expect(section(full, 'control-index')).toContain('<th scope="col">Designed</th>');
    expect(section(full, 'control-index')).not.toContain('<th scope="col">Operating</th>');
    const html = full.replace(section(full, 'pbc'), '').replace(section(full, 'control-index'), '').replace('<a href="#pbc">Due</a>', '');
    const text = textOf(html);
    expect(text).toContain('Type I view: a control counts when it is designed and implemented; as of 2026-10-31');
    expect(text).toContain('SOC 2 Type I report, as of 2026-10-31');
    expect(text).toContain('Designed (Type I): yes');
    expect(text).toMatch(/Evidence mfa-policy-export \(quarterly\)\s+3 record\(s\): 2026-Q1\.yaml/);
    const around = (re: RegExp) => [...text.matchAll(new RegExp(re.source, `${re.flags}g`))].map((m) => text.slice(Math.max(0, m.index - 60), m.index + 60));
    expect(around(/observation period/i)).toEqual([]);
    // The SSRM's own words name AWS's report ("its SOC 2 Type II report"), and so does the vendor register's
    // attestation reference ("SOC 2 Type II report from AWS Artifact"): data, not Type II lines.
    expect(around(/Type II(?! report yearly| report from AWS Artifact)/)).toEqual([]);
    expect(around(/window/i)).toEqual([]);
    expect(around(/(?<!remediation )\bdue\b/)).toEqual([]); // a window "due 2026-12-31"; a deviation's remediation may be due
    expect(html).not.toContain('class="windows"');
    // "operating" is left only as a control's status ("status operating", "IAM-MFA (operating, maturity 4)")
    // and in catalog titles ("Operating Systems", "System Operations").
    const titles = Object.values(input.readiness.frameworks).flatMap((fw) => [...fw!.requirements.map((r) => r.title), ...fw!.groups.map((g) => g.name)]);
    let rest = text.replace(/status operating/g, '').replace(/\(operating, maturity/g, '');
    for (const title of titles.sort((a, b) => b.length - a.length)) rest = rest.replaceAll(title, '');
    expect([...rest.matchAll(/.{0,60}operat.{0,60}/gi)].map((m) => m[0])).toEqual([]);
  });
});

describe('the first page', () => {
  it('says how many placeholder texts the CAIQ carries', async () => {
    const input = await packetInput({
      'controls/responsibility/ccm.yaml': patch(BASE_FILES['controls/responsibility/ccm.yaml']!, 'csc: Customers enable SSO and MFA for the users of their own tenants.', 'csc: TODO'),
    });
    expect(input.meta.caiqPlaceholders).toBeGreaterThan(0);
    const html = renderSite(input, LINKS);
    const n = input.meta.caiqPlaceholders;
    expect(textOf(html)).toContain(`The CAIQ in this packet carries ${n} placeholder text${n === 1 ? '' : 's'} (TODO, TBD, ...): it was built with --allow-findings.`);
    // Before the first section.
    expect(html.indexOf('id="caiq-placeholders"')).toBeLessThan(html.indexOf('<section id="overview">'));
    expect(renderSite(await packetInput(), LINKS)).not.toContain('caiq-placeholders');
  });
});
