import { renderChangelogMarkdown } from '../render/changelog.js';
import { describeReason } from '../render/explain.js';
import { FRAMEWORK_TITLE as LABEL, plural } from '../render/labels.js';
import { renderPercent } from '../render/score.js';
import type { ControlAssessment, EvidenceItemState } from '../score/assess-controls.js';
import type { FrameworkResult } from '../score/readiness.js';
import { renderReadinessSvg } from './charts.js';
import { countDeviations, deviationAnchor, deviationStatus, sortDeviations, windowLabel, windowMarks, windowsLine } from './deviations.js';
import { escapeHtml as e, renderMarkdownHtml } from './markdown-html.js';
import type { PacketInput } from './packet-input.js';
import { renderPbcSection, renderRiskSection, renderSamples, renderSoaSection, renderSystemDescriptionSection, renderVendorRegisterSection } from './audit-sections.js';


const STYLE = `
:root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--met:#1a7f37;--partial:#bf8700;--gap:#cf222e;--inh:#0969da;--exc:#8c959f}
*{box-sizing:border-box}body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);margin:0;background:#fff}
header{padding:24px 32px;border-bottom:1px solid var(--line);background:#f6f8fa}header h1{margin:0 0 4px;font-size:24px}
nav{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);padding:8px 32px;z-index:1}nav a{margin-right:16px;color:#0969da;text-decoration:none}
main{padding:8px 32px 48px;max-width:1400px}section{margin-top:32px}h2{border-bottom:1px solid var(--line);padding-bottom:4px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}
.muted{color:var(--muted)}.notice{background:#fff8c5;border:1px solid #d4a72c;padding:12px 16px;margin:16px 0;border-radius:6px}
.status{font-weight:600;white-space:nowrap}.met{color:var(--met)}.partial{color:var(--partial)}.gap{color:var(--gap)}.inherited{color:var(--inh)}.excluded{color:var(--exc)}
.policy{border:1px solid var(--line);border-radius:6px;padding:8px 16px;margin:16px 0}code{font-size:12px}
.high{color:var(--gap);font-weight:600}.medium{color:#9a6700;font-weight:600}.low{color:var(--muted)}.open{color:var(--gap);font-weight:600}
.nowrap{white-space:nowrap}.windows{font-size:13px}.windows .covered{color:var(--met)}.windows .missing{color:var(--gap);font-weight:600}.windows .due{color:var(--muted)}
svg.readiness-chart{max-width:100%;height:auto;display:block;margin:8px 0}svg text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
`;

function statusCell(status: string): string {
  return `<span class="status ${e(status)}">${e(status)}</span>`;
}

export interface SiteLinks {
  /** Packet path of a policy's HTML page. */
  policyPage(policyId: string): string;
  /** Packet path of an evidence file (repo path -> packet path). */
  evidenceFile(repoPath: string): string;
}

type Meta = PacketInput['meta'];
type Model = PacketInput['model'];
type Readiness = PacketInput['readiness'];
type Findings = PacketInput['findings'];

/** The document head, the page header with what the packet is, the navigation and, if so, the notice. */
function renderHead(meta: Meta, findings: Findings): string[] {
  const errors = findings.filter((f) => f.severity === 'error');
  const out: string[] = [];
  out.push(
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>Audit packet ${e(meta.version)}: ${e(meta.systemName)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<header><h1>${e(meta.organization)}: ${e(meta.systemName)}</h1>`,
    `<div class="muted">Audit packet ${e(meta.version)} · commit <code>${e(meta.commit)}</code> · created ${e(meta.createdAt)} from the commit · trustops ${e(meta.toolVersion)}</div></header>`,
    '<nav><a href="#overview">Overview</a><a href="#scope">Scope</a><a href="#ssrm">SSRM</a><a href="#controls">Controls</a><a href="#soa">SoA</a><a href="#system-description">System description</a><a href="#risks">Risks</a><a href="#vendors">Vendors</a><a href="#pbc">Due</a><a href="#deviations">Deviations</a><a href="#policies">Policies</a><a href="#evidence">Evidence</a><a href="#changelog">Changelog</a><a href="#findings">Findings</a><a href="#files">Files</a></nav>',
    '<main>',
  );
  if (meta.builtWithFindings) {
    out.push(`<div class="notice" id="built-with-findings"><strong>Built with open findings.</strong> This packet was built with --allow-findings while ${errors.length} error finding(s) were open; see <a href="#findings">Findings</a>.</div>`);
  }
  if (meta.caiqPlaceholders > 0) {
    out.push(
      `<div class="notice" id="caiq-placeholders"><strong>Placeholder texts in the CAIQ.</strong> The CAIQ in this packet carries ${meta.caiqPlaceholders} placeholder text${meta.caiqPlaceholders === 1 ? '' : 's'} (TODO, TBD, ...): it was built with --allow-findings. See <a href="caiq/caiq.csv">caiq.csv</a> and the content/placeholder findings.</div>`,
    );
  }
  return out;
}

/** Readiness per framework, a chart per framework and every requirement with its reasons (folded). */
function renderOverview(meta: Meta, readiness: Readiness, frameworks: readonly FrameworkResult[]): string[] {
  const out: string[] = [];
  out.push('<section id="overview"><h2>Overview</h2>', `<p>${e(meta.systemDescription ?? '')}</p>`);
  out.push(
    `<p class="muted">${readiness.type === 'type2' && readiness.period ? `SOC 2 Type II view: a control counts when it is designed and operating, with evidence for every ended window; observation period ${e(readiness.period.start)} to ${e(readiness.period.end)}; as of ${e(readiness.today)}` : `Type I view: a control counts when it is designed and implemented; as of ${e(readiness.asOf)}`}. Bars: met, inherited, partial and gap requirements of each group (excluded ones are left out); maturity is the mean, over the N requirements that are neither excluded nor inherited, of each requirement's lowest counted control maturity. How every number is computed: docs/scoring.md in trustops.</p>`,
  );
  out.push('<table><thead><tr><th>Framework</th><th>Readiness</th><th>Met</th><th>Inherited</th><th>Partial</th><th>Gap</th><th>Excluded</th></tr></thead><tbody>');
  for (const fw of frameworks) {
    const c = fw.counts;
    out.push(`<tr><td><a href="#fw-${fw.key}">${e(LABEL[fw.key])} ${e(fw.version)}</a></td><td>${renderPercent(fw.readiness)}</td><td>${c.met}</td><td>${c.inherited}</td><td>${c.partial}</td><td>${c.gap}</td><td>${c.excluded}</td></tr>`);
  }
  out.push('</tbody></table>');
  const d = countDeviations(readiness.exceptions);
  out.push(
    `<p><a href="#deviations">Deviations</a> the evidence records: ${d.total === 0 ? 'none' : `${d.total} (${d.open} open${d.openHigh ? `, <span class="high">${d.openHigh} open of high severity</span>` : ''})`}.</p>`,
  );
  for (const fw of frameworks) {
    out.push(`<h3 id="fw-${fw.key}">${e(LABEL[fw.key])} ${e(fw.version)}: ${renderPercent(fw.readiness)}</h3>`, renderReadinessSvg(fw));
    out.push('<details><summary>Every requirement with its status and reasons</summary><table><thead><tr><th>Id</th><th>Title</th><th>Status</th><th>Why</th></tr></thead><tbody>');
    for (const r of fw.requirements) {
      // An HTML id has no spaces: "clause 9.2.1" becomes "clause-9.2.1".
      out.push(`<tr id="req-${fw.key}-${e(r.id.replace(/\s+/g, '-'))}"><td>${e(r.id)}</td><td>${e(r.title)}</td><td>${statusCell(r.status)}</td><td>${r.reasons.map((x) => e(describeReason(x))).join('<br>')}</td></tr>`);
    }
    out.push('</tbody></table></details>');
  }
  out.push('</section>');
  return out;
}

function renderScope(model: Model, readiness: Readiness, frameworks: readonly FrameworkResult[]): string[] {
  const out: string[] = [];
  out.push('<section id="scope"><h2>Scope and exclusions</h2><ul>');
  for (const fw of frameworks) out.push(`<li>${e(LABEL[fw.key])} ${e(fw.version)}: ${fw.requirements.length} requirements in scope</li>`);
  const tsc = model.config?.data.frameworks?.tsc;
  if (tsc) out.push(`<li>SOC 2 categories: security${(tsc.categories ?? []).filter((c) => c !== 'security').map((c) => `, ${e(c)}`).join('')}; ${readiness.type === 'type2' && readiness.period ? `report type2, observation period ${e(readiness.period.start)} to ${e(readiness.period.end)}` : `report type1, as of ${e(readiness.asOf)}`}</li>`);
  out.push('</ul><table><thead><tr><th>Framework</th><th>Requirement</th><th>Reason</th></tr></thead><tbody>');
  for (const x of model.config?.data.exclusions ?? []) out.push(`<tr><td>${e(x.framework)}</td><td>${e(x.id)}</td><td>${e(x.reason)}</td></tr>`);
  out.push('</tbody></table></section>');
  return out;
}

/** The CCM shared-responsibility model, one row per CCM requirement, with links to the matrix files. */
function renderSsrm(model: Model, readiness: Readiness): string[] {
  const out: string[] = [];
  out.push('<section id="ssrm"><h2>Shared-responsibility model (CCM)</h2><p><a href="matrix/ssrm.csv">ssrm.csv</a> · <a href="matrix/ssrm.xlsx">ssrm.xlsx</a> · CAIQ: <a href="caiq/caiq.csv">caiq.csv</a> · <a href="caiq/caiq.xlsx">caiq.xlsx</a></p>');
  const assignments = new Map(model.responsibilities.flatMap((r) => Object.entries(r.data.assignments)));
  const ccm = readiness.frameworks.ccm;
  if (ccm) {
    out.push('<table><thead><tr><th>CCM</th><th>Ownership</th><th>Vendor</th><th>CSP implementation</th><th>CSC responsibilities</th><th>Status</th></tr></thead><tbody>');
    for (const r of ccm.requirements) {
      const a = assignments.get(r.id);
      out.push(`<tr><td>${e(r.id)}</td><td>${e(a?.ownership ?? (r.status === 'excluded' ? 'excluded' : ''))}</td><td>${e(a?.vendor ?? '')}</td><td>${e(a?.csp ?? '')}</td><td>${e(a?.csc ?? '')}</td><td>${statusCell(r.status)}</td></tr>`);
    }
    out.push('</tbody></table>');
  }
  out.push('</section>');
  return out;
}

/** Every control with its mappings and, when assessed, whether it is designed and (Type II only) operating. */
function renderControls(input: PacketInput, links: SiteLinks): string[] {
  const { model, readiness } = input;
  const out: string[] = [];
  out.push('<section id="controls"><h2>Controls</h2><p><a href="matrix/controls.csv">controls.csv</a> · <a href="matrix/controls.xlsx">controls.xlsx</a></p>');
  const controls = [...model.controls].sort((a, b) => (a.data.id < b.data.id ? -1 : 1));
  for (const c of controls) {
    const d = c.data;
    const a = readiness.controls.get(d.id);
    out.push(`<article id="control-${e(d.id)}"><h3>${e(d.id)}: ${e(d.title)}</h3>`);
    out.push(
      `<p class="muted">status ${e(d.status)}${d.implemented_on ? ` since ${e(d.implemented_on)}` : ''} · owner ${e(d.owner)} · maturity ${e(d.maturity ?? 'n/a')}${a && !a.maturitySupported ? ` (counts as ${a.effectiveMaturity})` : ''} · ${e(d.kind ?? '')} ${e(d.automation ?? '')} ${e(d.frequency ?? '')} · <code>${e(c.source.file)}</code></p>`,
      `<p>${e(d.description)}</p>`,
      `<p>Maps to: CCM ${e((d.maps?.ccm ?? []).join(', ') || '–')} · TSC ${e((d.maps?.tsc ?? []).join(', ') || '–')} · ISO ${e((d.maps?.iso27001 ?? []).join(', ') || '–')} · Policies ${(d.policies ?? []).map((p) => (model.policies.some((x) => x.data.id === p) ? `<a href="${e(links.policyPage(p))}">${e(p)}</a>` : e(p))).join(', ') || '–'}</p>`,
    );
    if (a) out.push(...renderAssessment(a, readiness.type, links));
    out.push(...renderSamples(input, d.id, links.evidenceFile));
    out.push('</article>');
  }
  out.push('</section>');
  return out;
}

/** Design, and in the Type II view operation; each evidence item; the deviations its records state. */
function renderAssessment(a: ControlAssessment, type: Readiness['type'], links: SiteLinks): string[] {
  const out: string[] = [];
  const designed = `Designed (Type I): ${a.designed ? 'yes' : `no (${e(a.designIssues.join('; '))})`}`;
  out.push(type === 'type2' ? `<p>${designed} · Operating (Type II): ${a.operating ? 'yes' : `no (${e(a.operationIssues.join('; '))})`}</p>` : `<p>${designed}</p>`);
  if (type === 'type2' && a.lateStart) out.push(`<p class="muted">Late start: ${e(a.lateStart)}</p>`);
  for (const item of a.evidence) out.push(...renderEvidenceItem(item, type, links));
  if (a.exceptions.length) {
    const list = sortDeviations(a.exceptions).map((x) => `<a href="#${deviationAnchor(x)}">${e(windowLabel(x.window))} ${e(x.severity)}, ${e(deviationStatus(x))}</a>`);
    out.push(`<p>Deviations: ${list.join(' · ')}</p>`);
  }
  return out;
}

/** One evidence item: its records and, for Type II, a row of its windows; records that show nothing, and why. */
function renderEvidenceItem(item: EvidenceItemState, type: Readiness['type'], links: SiteLinks): string[] {
  const out: string[] = [];
  if (type === 'type2') {
    out.push(
      `<p class="muted">Evidence ${e(item.id)} (${e(item.every)}): ${item.records} record(s), ${item.recordsInPeriod} in the observation period${item.recordsInPeriod === 0 ? ' (not yet evidenced)' : ''}</p>`,
    );
    if (item.windows.length > 24) out.push(`<p class="windows">${e(windowsLine(item))}</p>`);
    else if (item.windows.length) {
      const marks = windowMarks(item).map(
        (m) => `<span class="${m.state === 'open' ? 'due' : m.state}" title="${e(m.state)}${m.records.length ? `: ${e(m.records.join(', '))}` : ''}">${e(m.label)} ${e(m.mark)}</span>`,
      );
      out.push(`<p class="windows">Windows: ${marks.join(' · ')}</p>`);
    }
  } else {
    out.push(`<p class="muted">Evidence ${e(item.id)} (${e(item.every)}): ${item.records} record(s)</p>`);
  }
  if (item.ignoredRecords.length) {
    out.push('<ul class="ignored">');
    for (const r of item.ignoredRecords) out.push(`<li>Shows nothing: <a href="${e(links.evidenceFile(r.file))}"><code>${e(r.file)}:${r.line}</code></a>: ${e(r.why)}</li>`);
    out.push('</ul>');
  }
  return out;
}

/** Every deviation the evidence states, open high-severity ones first, each linked to its control and record. */
function renderDeviations(readiness: Readiness, links: SiteLinks): string[] {
  const out: string[] = ['<section id="deviations"><h2>Deviations</h2>'];
  if (readiness.exceptions.length === 0) {
    out.push('<p>No deviations recorded in the evidence.</p></section>');
    return out;
  }
  const d = countDeviations(readiness.exceptions);
  // "Window" is a Type II word: a Type I packet says when a deviation happened.
  const when = readiness.type === 'type2' ? 'Window' : 'When';
  out.push(
    `<p class="muted">${plural(d.total, 'deviation')} stated by evidence records (exceptions:), ${d.open} open on ${e(readiness.today)}. Open high-severity ones first, then by severity, control and ${when === 'Window' ? 'window' : 'date'}.${readiness.type === 'type2' ? ' An open high-severity deviation keeps the control from operating.' : ''}</p>`,
    `<table><thead><tr><th>Control</th><th>Evidence</th><th>${when}</th><th>Severity</th><th>Description</th><th>Root cause</th><th>Management response</th><th>Status</th><th>Record</th></tr></thead><tbody>`,
  );
  for (const x of sortDeviations(readiness.exceptions)) {
    const windowText = windowLabel(x.window);
    out.push(
      `<tr id="${deviationAnchor(x)}"><td class="nowrap"><a href="#control-${e(x.control)}">${e(x.control)}</a></td><td>${e(x.evidence)}</td>` +
        `<td class="nowrap">${windowText.includes('..') ? `${e(x.window.start)}..<br>${e(x.window.end)}` : `${e(windowText)}<br><small class="muted">${e(x.window.start)}..<br>${e(x.window.end)}</small>`}</td>` +
        `<td><span class="${e(x.severity)}">${e(x.severity)}</span></td><td>${e(x.description)}</td><td>${e(x.rootCause ?? '–')}</td><td>${e(x.managementResponse ?? '–')}</td>` +
        `<td><span class="${x.open ? 'open' : 'met'}">${e(deviationStatus(x))}</span></td><td><a href="${e(links.evidenceFile(x.file))}"><code>${e(x.file)}:${x.line}</code></a></td></tr>`,
    );
  }
  out.push('</tbody></table></section>');
  return out;
}

function renderPolicies(model: Model, links: SiteLinks): string[] {
  const out: string[] = [];
  out.push('<section id="policies"><h2>Policies</h2>');
  const policies = [...model.policies].sort((a, b) => (a.data.id < b.data.id ? -1 : 1));
  for (const p of policies) {
    const d = p.data;
    out.push(
      `<div class="policy" id="policy-${e(d.id)}"><p class="muted">${e(d.id)} · version ${e(d.version)} · effective ${e(d.effective)} · last reviewed ${e(d.last_reviewed ?? 'n/a')} · owner ${e(d.owner)} · approved by ${e((d.approved_by ?? []).join(', ') || 'n/a')} · <a href="${e(links.policyPage(d.id))}">page</a></p>`,
      policyHtml(p),
      '</div>',
    );
  }
  out.push('</section>');
  return out;
}

/** One row per evidence file, linked to where the packet carries it. */
function renderEvidence(model: Model, links: SiteLinks, withheld: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  out.push('<section id="evidence"><h2>Evidence index</h2><p><a href="evidence/index.csv">index.csv</a></p><table><thead><tr><th>Control</th><th>Item</th><th>Covers</th><th>Collected</th><th>By</th><th>File</th><th>SHA-256</th></tr></thead><tbody>');
  const records = [...model.evidence].sort((a, b) => (a.source.file < b.source.file ? -1 : 1));
  for (const r of records) {
    const d = r.data;
    const folder = r.source.file.slice(0, r.source.file.lastIndexOf('/') + 1);
    for (const f of d.files ?? []) {
      const repoPath = `${folder}${f.path}`;
      const why = withheld.get(repoPath);
      const cell = why ? `${e(f.path)} <span class="muted">(withheld: ${e(why)})</span>` : `<a href="${e(links.evidenceFile(repoPath))}">${e(f.path)}</a>`;
      out.push(`<tr><td><a href="#control-${e(d.control)}">${e(d.control)}</a></td><td>${e(d.evidence)}</td><td>${e(d.covers.start)}..${e(d.covers.end)}</td><td>${e(d.collected_on)}</td><td>${e(d.collected_by ?? '')}</td><td>${cell}</td><td><code>${e(f.sha256)}</code></td></tr>`);
    }
  }
  out.push('</tbody></table></section>');
  return out;
}

// A policy appears on the first page and on a page of its own: render its Markdown once (the toolchain
// costs far more per byte than anything else in the packet).
const rendered = new WeakMap<object, string>();
function policyHtml(p: { body: string }): string {
  let html = rendered.get(p);
  if (html === undefined) {
    html = renderMarkdownHtml(p.body);
    rendered.set(p, html);
  }
  return html;
}

function renderChangelogSection(changelog: PacketInput['changelog'], note: string | undefined): string[] {
  return [
    '<section id="changelog"><h2>Changes since the previous release</h2>',
    changelog ? renderMarkdownHtml(renderChangelogMarkdown(changelog, { headingLevel: 3 })) : `<p class="muted">${e(note ?? 'No previous release to compare with.')}</p>`,
    '</section>',
  ];
}

function renderFindings(findings: Findings): string[] {
  const out: string[] = [];
  out.push('<section id="findings"><h2>Open findings</h2>');
  if (findings.length === 0) out.push('<p>None.</p>');
  else {
    out.push('<table><thead><tr><th>Severity</th><th>Rule</th><th>Where</th><th>Message</th><th>Hint</th></tr></thead><tbody>');
    for (const f of findings) out.push(`<tr><td>${e(f.severity)}</td><td>${e(f.ruleId)}</td><td><code>${e(f.file)}:${f.line}</code></td><td>${e(f.message)}</td><td>${e(f.hint)}</td></tr>`);
    out.push('</tbody></table>');
  }
  out.push('</section>');
  return out;
}

/** Where the rest of the packet is, the catalog attribution and the end of the page. */
function renderFilesAndFooter(): string[] {
  return [
    '<section id="files"><h2>Files in this packet</h2><p>Every file with its size and SHA-256 is listed in <a href="manifest.json">manifest.json</a> and <a href="SHA256SUMS">SHA256SUMS</a>; a printable summary is <a href="summary.pdf">summary.pdf</a>; machine-readable: <a href="readiness.json">readiness.json</a>, <a href="oscal/component-definition.json">OSCAL component definition</a>, <a href="oscal/system-security-plan.json">OSCAL SSP</a>, <a href="oscal/assessment-results.json">OSCAL assessment results</a>.</p></section>',
    '<footer class="muted"><p>Catalog facts only (ids, short titles, mappings): Cloud Controls Matrix and CAIQ © Cloud Security Alliance; Trust Services Criteria © AICPA; ISO/IEC 27001:2022 © ISO/IEC.</p></footer>',
    '</main></body></html>',
    '',
  ];
}

/** index.html: the whole packet as one self-contained page, readable in any browser with no install. */
export function renderSite(input: PacketInput, links: SiteLinks): string {
  const { meta, model, readiness, findings } = input;
  const frameworks = Object.values(readiness.frameworks).filter((f): f is FrameworkResult => Boolean(f));
  // Each section returns its lines; one join puts the same line breaks between sections as within them.
  return [
    ...renderHead(meta, findings),
    ...renderOverview(meta, readiness, frameworks),
    ...renderScope(model, readiness, frameworks),
    ...renderSsrm(model, readiness),
    ...renderControls(input, links),
    ...renderSoaSection(input.audit, links.policyPage),
    ...renderSystemDescriptionSection(input.audit),
    ...renderRiskSection(input),
    ...renderVendorRegisterSection(input.audit),
    ...renderPbcSection(input.audit),
    ...renderDeviations(readiness, links),
    ...renderPolicies(model, links),
    ...renderEvidence(model, links, input.withheld),
    ...renderChangelogSection(input.changelog, input.changelogNote),
    ...renderFindings(findings),
    ...renderFilesAndFooter(),
  ].join('\n');
}

/** policies/<id>.html: one policy as a page of its own. */
export function renderPolicyPage(input: PacketInput, policyId: string): string {
  const p = input.model.policies.find((x) => x.data.id === policyId)!;
  const d = p.data;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${e(d.id)}: ${e(d.title)}</title><style>${STYLE}</style></head><body><main>`,
    `<p class="muted"><a href="../index.html#policy-${e(d.id)}">← audit packet</a> · ${e(d.id)} · version ${e(d.version)} · effective ${e(d.effective)} · owner ${e(d.owner)} · approved by ${e((d.approved_by ?? []).join(', ') || 'n/a')}</p>`,
    policyHtml(p),
    '</main></body></html>',
    '',
  ].join('\n');
}
