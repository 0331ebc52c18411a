import { rangeText } from '../model/dates.js';
import { DUE_KIND_LABEL } from '../render/due.js';
import { attestationText } from '../score/complementary-controls.js';
import { escapeHtml as e } from './markdown-html.js';
import type { AuditData, PacketInput } from './packet-input.js';

/**
 * The sections of index.html an auditor asks for on the first day: the Statement of Applicability, the
 * SOC 2 system description with its CUECs and CSOCs, the risk register, the vendor register and the PBC
 * list. Plain tables in the site's classes; every id links to where the packet describes it.
 */

const controlLink = (id: string) => `<a href="#control-${e(id)}">${e(id)}</a>`;
// The SSRM's CCM ids: each has a requirement row on the page (the SSRM covers in-scope controls only).
const ccmLink = (id: string) => `<a class="id" href="#req-ccm-${e(id)}">${e(id)}</a>`;
// "tsc CC6.4": a framework key and a requirement id, linked to the requirement's row.
const inheritedLink = (text: string) => {
  const [key, ...id] = text.split(' ');
  return `<a class="id" href="#req-${e(key!)}-${e(id.join('-'))}">${e(text)}</a>`;
};
const riskLink = (id: string) => `<a href="#risk-${e(id)}">${e(id)}</a>`;
const list = (ids: readonly string[], link: (id: string) => string) => (ids.length ? ids.map(link).join(', ') : '–');

const IMPLEMENTATION_CLASS: Readonly<Record<string, string>> = {
  implemented: 'met',
  'partially implemented': 'partial',
  'not implemented': 'gap',
  'not applicable': 'excluded',
};

export function renderSoaSection(audit: AuditData, policyPage: (id: string) => string): string[] {
  const soa = audit.soa;
  if (!soa) return ['<section id="soa"><h2>Statement of Applicability</h2><p class="muted">ISO 27001 is not in scope (frameworks.iso27001 in compliance.yaml).</p></section>'];
  const c = soa.counts;
  const out = [
    '<section id="soa"><h2>Statement of Applicability (ISO/IEC 27001:2022)</h2>',
    '<p><a href="soa/soa.csv">soa.csv</a> · <a href="soa/soa.xlsx">soa.xlsx</a></p>',
    `<p>${soa.rows.length} Annex A controls: ${c.applicable} applicable, ${c.excluded} excluded with their reasons; ${c.implemented} implemented, ${c.partial} partially implemented, ${c.notImplemented} not implemented (${soa.type === 'type2' ? 'operating over the observation period' : 'designed and implemented'}, as of ${e(soa.asOf)}). Clause 6.1.3 d.</p>`,
    '<table><thead><tr><th>Annex A</th><th>Title</th><th>Applicable</th><th>Implementation</th><th>Justification</th><th>Controls</th><th>Policies</th><th>Risks</th></tr></thead><tbody>',
  ];
  for (const r of soa.rows) {
    out.push(
      `<tr id="soa-${e(r.id)}"><td><a href="#req-iso27001-${e(r.id)}">${e(r.id)}</a></td><td>${e(r.title)}</td><td>${r.applicable ? 'yes' : '<strong>no</strong>'}</td>` +
        `<td><span class="status ${IMPLEMENTATION_CLASS[r.implementation] ?? ''}">${e(r.implementation)}</span></td><td>${e(r.justification)}</td>` +
        `<td>${list(r.controls, controlLink)}</td><td>${list(r.policies, (p) => `<a href="${e(policyPage(p))}">${e(p)}</a>`)}</td><td>${list(r.risks, riskLink)}</td></tr>`,
    );
  }
  out.push('</tbody></table></section>');
  return out;
}

export function renderSystemDescriptionSection(audit: AuditData): string[] {
  const d = audit.system;
  const out = ['<section id="system-description"><h2>System description (SOC 2, DC 200)</h2>'];
  if (d.missing.length) {
    out.push(`<div class="notice" id="description-missing"><strong>Not stated in the repository.</strong> These parts of the description are missing; trustops does not write them for you:<ul>${d.missing.map((m) => `<li>${e(m)}</li>`).join('')}</ul></div>`);
  }
  for (const s of d.sections) {
    out.push(`<h3 id="${e(s.id.toLowerCase())}">${e(s.id.replace('DC', 'DC '))}: ${e(s.heading)}</h3>`);
    for (const p of s.parts) {
      if (p.heading) out.push(`<h4>${e(p.heading)}</h4>`);
      if (p.missing) out.push(`<p class="muted">Missing: ${e(p.missing)}.</p>`);
      if (p.items.length) out.push(`<ul>${p.items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`);
    }
    if (s.id === 'DC6') out.push(...cuecTable(audit));
    if (s.id === 'DC7') out.push(...csocTable(audit));
  }
  out.push('</section>');
  return out;
}

function cuecTable(audit: AuditData): string[] {
  const { cuecs } = audit.complementary;
  if (cuecs.length === 0) return [];
  return [
    '<p><a href="system/cuecs.csv">cuecs.csv</a> · <a href="system/cuecs.xlsx">cuecs.xlsx</a></p>',
    '<table id="cuecs"><thead><tr><th>CUEC</th><th>CCM</th><th>Complementary user entity control</th></tr></thead><tbody>',
    ...cuecs.map((c) => `<tr id="${e(c.id.toLowerCase())}"><td class="nowrap">${e(c.id)}</td><td><a href="#req-ccm-${e(c.ccm)}">${e(c.ccm)}</a> ${e(c.title)}</td><td>${e(c.text)}</td></tr>`),
    '</tbody></table>',
  ];
}

function csocTable(audit: AuditData): string[] {
  const { csocs } = audit.complementary;
  if (csocs.length === 0) return [];
  return [
    '<p><a href="system/csocs.csv">csocs.csv</a> · <a href="system/csocs.xlsx">csocs.xlsx</a></p>',
    '<table id="csocs"><thead><tr><th>CSOC</th><th>CCM</th><th>Vendor</th><th>What we rely on</th><th>Attestation relied on</th><th>Uncovered days</th></tr></thead><tbody>',
    ...csocs.map(
      (c) =>
        `<tr id="${e(c.id.toLowerCase())}"><td class="nowrap">${e(c.id)}</td><td><a href="#req-ccm-${e(c.ccm)}">${e(c.ccm)}</a> ${e(c.title)}</td><td><a href="#vendor-${e(c.vendor)}">${e(c.vendorName)}</a></td><td>${e(c.reliedOn)}</td>` +
        `<td>${c.attestation ? e(attestationText(c.attestation)) : '<span class="gap">none current</span>'}</td><td>${c.coverageGaps.length ? `<span class="gap">${e(c.coverageGaps.map(rangeText).join(', '))}</span>` : '–'}</td></tr>`,
    ),
    '</tbody></table>',
  ];
}

export function renderRiskSection(input: PacketInput): string[] {
  const register = input.readiness.risks;
  if (register.risks.length === 0) return ['<section id="risks"><h2>Risk register</h2><p class="muted">The repository has no risk register (risks/*.yaml).</p></section>'];
  const out = [
    '<section id="risks"><h2>Risk register</h2>',
    '<p><a href="risks/register.csv">register.csv</a> · <a href="risks/register.xlsx">register.xlsx</a></p>',
    `<p>${register.risks.length} risks${register.appetite !== undefined ? `; risk appetite: residual ${register.appetite} (likelihood x impact) or less is accepted without a written acceptance` : ''}. ${register.counts ? 'Every risk is reviewed on schedule and treated as its treatment says.' : `<span class="gap">${register.issues.length} problem(s)</span>: ${e(register.issues.join('; '))}`}</p>`,
    '<table><thead><tr><th>Risk</th><th>Title</th><th>Owner</th><th>Inherent</th><th>Residual</th><th>Treatment</th><th>Controls</th><th>Acceptance</th><th>Review</th></tr></thead><tbody>',
  ];
  for (const r of register.risks) {
    const acceptance = r.acceptance ? `${e(r.acceptance.by ?? 'no one')}${r.acceptance.on ? `, ${e(r.acceptance.on)}` : ''}${r.acceptance.until ? ` until ${e(r.acceptance.until)}` : ''}` : '–';
    const above = r.aboveAppetite ? ' <small class="muted">above appetite</small>' : '';
    out.push(
      `<tr id="risk-${e(r.id)}"><td class="nowrap">${e(r.id)}</td><td>${e(r.title)}${r.issues.length ? `<br><small class="gap">${e(r.issues.join('; '))}</small>` : ''}</td><td>${e(r.owner)}</td><td>${r.inherent ?? '–'}</td><td>${r.residual ?? '–'}${above}</td><td>${e(r.treatment ?? '–')}</td>` +
        `<td>${list(r.controls, controlLink)}${r.controlsPlanned.length ? `<br><small class="muted">planned: ${e(r.controlsPlanned.join(', '))}</small>` : ''}</td><td>${acceptance}</td><td>${e(r.reviewEvery)}, last ${e(r.lastReviewed ?? 'never')}${r.reviewDue ? `, next ${e(r.reviewDue)}` : ''}</td></tr>`,
    );
  }
  out.push('</tbody></table></section>');
  return out;
}

export function renderVendorRegisterSection(audit: AuditData): string[] {
  const out = ['<section id="vendors"><h2>Vendor register</h2>', '<p><a href="vendors/register.csv">register.csv</a> · <a href="vendors/register.xlsx">register.xlsx</a></p>'];
  if (audit.vendors.length === 0) return [...out, '<p class="muted">No vendors (controls/vendors/).</p></section>'];
  for (const v of audit.vendors) {
    out.push(
      `<article id="vendor-${e(v.id)}"><h3>${e(v.name)} <small class="muted">${e(v.id)} · ${e(v.kind)} · <code>${e(v.file)}</code></small></h3>`,
      `<p>Services: ${e(v.services.join(', ') || '–')} · data: ${e(v.data.join(', ') || '–')} · ${v.vouched ? '<span class="met">vouched for</span>' : '<span class="gap">not vouched for</span>'}: ${e(v.standing)}</p>`,
    );
    if (v.coverage) {
      out.push(
        `<p>Observation period so far ${e(rangeText(v.coverage.required))}: covered ${e(v.coverage.covered.map(rangeText).join(', ') || 'nothing')}${v.coverage.gaps.length ? `; <span class="gap">uncovered ${e(v.coverage.gaps.map(rangeText).join(', '))}</span>` : ''}</p>`,
      );
    }
    if (v.attestations.length) {
      out.push('<table><thead><tr><th>Attestation</th><th>Period or expiry</th><th>Reviewed</th><th>State</th><th>Reference</th></tr></thead><tbody>');
      for (const a of v.attestations) {
        const use = [a.relied ? 'relied on' : '', a.covering ? 'covers the period' : ''].filter(Boolean).join(', ');
        const state = a.current ? `current until ${a.until}` : (a.problem ?? `lapsed${a.until ? ` on ${a.until}` : ''}`);
        out.push(`<tr><td>${e(a.type)}</td><td>${e(a.period ? rangeText(a.period) : a.expires ? `expires ${a.expires}` : '–')}</td><td>${e(a.reviewedOn ?? '–')}</td><td><span class="${a.current ? 'met' : 'gap'}">${e(state)}</span>${use ? ` <small class="muted">${e(use)}</small>` : ''}</td><td>${e(a.reference ?? '')}</td></tr>`);
      }
      out.push('</tbody></table>');
    }
    out.push(
      `<p class="muted">Last review: ${e(v.lastReview ? `${v.lastReview.on} by ${v.lastReview.by}${v.lastReview.outcome ? ` (${v.lastReview.outcome})` : ''}` : 'none recorded')}${v.nextReview ? `; next due ${e(v.nextReview)}` : ''} · SSRM: ${list(v.ssrm, ccmLink)} · inherited: ${list(v.inherited, inheritedLink)} · controls: ${list(v.controls, controlLink)}</p>`,
      '</article>',
    );
  }
  out.push('</section>');
  return out;
}

export function renderPbcSection(audit: AuditData): string[] {
  const due = audit.due;
  const out = [
    '<section id="pbc"><h2>Due (PBC list)</h2>',
    '<p><a href="pbc.md">pbc.md</a> · <a href="pbc.csv">pbc.csv</a></p>',
    `<p>What is due, from whom, by when: ${due.counts.overdue} overdue and ${due.counts.due} due by ${e(due.until)} (as of ${e(due.today)}).</p>`,
  ];
  if (due.items.length === 0) return [...out, '<p>Nothing is due.</p></section>'];
  out.push('<table><thead><tr><th>Due</th><th>Status</th><th>Kind</th><th>Subject</th><th>What</th><th>From</th></tr></thead><tbody>');
  for (const i of due.items) {
    out.push(`<tr><td class="nowrap">${e(i.due)}</td><td>${i.overdue ? '<span class="open">overdue</span>' : 'due'}</td><td>${e(DUE_KIND_LABEL[i.kind])}</td><td>${e(i.subject)}</td><td>${e(i.what)}</td><td>${e(i.from)}</td></tr>`);
  }
  out.push('</tbody></table></section>');
  return out;
}

const sampledByInput = new WeakMap<PacketInput, Map<string, PacketInput['model']['evidence']>>();

/** The records that state a population or a sample, by control, indexed once per packet (a packet has thousands of controls). */
function sampledRecords(input: PacketInput): Map<string, PacketInput['model']['evidence']> {
  let byControl = sampledByInput.get(input);
  if (!byControl) {
    byControl = new Map();
    for (const r of input.model.evidence) if (r.data.population || r.data.sample) byControl.set(r.data.control, [...(byControl.get(r.data.control) ?? []), r]);
    sampledByInput.set(input, byControl);
  }
  return byControl;
}

/** Per control: the populations its records were drawn from and the samples taken, so an auditor can draw them again. */
export function renderSamples(input: PacketInput, controlId: string, evidenceFile: (repoPath: string) => string): string[] {
  const records = sampledRecords(input).get(controlId) ?? [];
  if (records.length === 0) return [];
  const out = ['<ul class="samples">'];
  for (const r of [...records].sort((a, b) => (a.source.file < b.source.file ? -1 : 1))) {
    const { population: p, sample: s } = r.data;
    const folder = r.source.file.slice(0, r.source.file.lastIndexOf('/') + 1);
    const file = p?.file ? ` (<a href="${e(evidenceFile(`${folder}${p.file}`))}">${e(p.file)}</a>)` : '';
    const population = p ? `population ${p.size}: ${e(p.source)}${file}` : 'population not stated';
    const sample = s ? `; sample ${s.size}, ${e(s.method)}${s.seed ? `, seed <code>${e(s.seed)}</code>` : ''}` : '';
    out.push(`<li>${e(r.data.evidence)} ${e(rangeText(r.data.covers))}: ${population}${sample} · <a href="${e(evidenceFile(r.source.file))}"><code>${e(r.source.file)}</code></a></li>`);
  }
  out.push('</ul>');
  return out;
}
