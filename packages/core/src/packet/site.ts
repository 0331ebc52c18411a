import { renderChangelogMarkdown } from '../render/changelog.js';
import { describeReason } from '../render/explain.js';
import { frameworkName, OWNERSHIP_LABEL, plural, REPORT_TYPE_LABEL } from '../render/labels.js';
import { renderPercent } from '../render/score.js';
import type { FrameworkResult } from '../score/readiness.js';
import { renderReadinessSvg } from './charts.js';
import { countDeviations, deviationAnchor, deviationStatus, sortDeviations, windowLabel } from './deviations.js';
import { escapeHtml as e, renderMarkdownHtml } from './markdown-html.js';
import type { PacketInput } from './packet-input.js';
import { renderPbcSection, renderRiskSection, renderSoaSection, renderSystemDescriptionSection, renderVendorRegisterSection } from './audit-sections.js';
import { controlLink, renderControlIndex, renderControls, requirementAnchor, requirementLinker, statusCell, type SiteLinks } from './site-controls.js';
import { SITE_STYLE as STYLE } from './site-style.js';

export type { SiteLinks } from './site-controls.js';




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
    '<nav aria-label="Sections"><a href="#overview">Overview</a><a href="#scope">Scope</a><a href="#ssrm">SSRM</a><a href="#control-index">Control index</a><a href="#controls">Controls</a><a href="#soa">SoA</a><a href="#system-description">System description</a><a href="#risks">Risks</a><a href="#vendors">Vendors</a><a href="#pbc">Due</a><a href="#deviations">Deviations</a><a href="#policies">Policies</a><a href="#evidence">Evidence</a><a href="#changelog">Changelog</a><a href="#findings">Findings</a><a href="#files">Files</a></nav>',
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
function renderOverview(meta: Meta, model: Model, readiness: Readiness, frameworks: readonly FrameworkResult[]): string[] {
  const out: string[] = [];
  out.push('<section id="overview"><h2>Overview</h2>', `<p>${e(meta.systemDescription ?? '')}</p>`);
  out.push(
    `<p class="muted">${readiness.type === 'type2' && readiness.period ? `SOC 2 Type II view: a control counts when it is designed and operating, with evidence for every ended window; observation period ${e(readiness.period.start)} to ${e(readiness.period.end)}; as of ${e(readiness.today)}` : `Type I view: a control counts when it is designed and implemented; as of ${e(readiness.asOf)}`}. Bars: met, inherited, partial and gap requirements of each group (excluded ones are left out); maturity is the mean, over the N requirements that are neither excluded nor inherited, of each requirement's lowest counted control maturity. How every number is computed: docs/scoring.md in trustops.</p>`,
  );
  out.push('<table><thead><tr><th>Framework</th><th>Readiness</th><th>Met</th><th>Inherited</th><th>Partial</th><th>Gap</th><th>Excluded</th></tr></thead><tbody>');
  for (const fw of frameworks) {
    const c = fw.counts;
    out.push(`<tr><td><a href="#fw-${fw.key}">${e(frameworkName(fw.key, fw.version))}</a></td><td>${renderPercent(fw.readiness)}</td><td>${c.met}</td><td>${c.inherited}</td><td>${c.partial}</td><td>${c.gap}</td><td>${c.excluded}</td></tr>`);
  }
  out.push('</tbody></table>');
  const d = countDeviations(readiness.exceptions);
  out.push(
    `<p><a href="#deviations">Deviations</a> the evidence records: ${d.total === 0 ? 'none' : `${d.total} (${d.open} open${d.openHigh ? `, <span class="high">${d.openHigh} open of high severity</span>` : ''})`}.</p>`,
  );
  for (const fw of frameworks) {
    out.push(`<h3 id="fw-${fw.key}">${e(frameworkName(fw.key, fw.version))}: ${renderPercent(fw.readiness)}</h3>`, renderReadinessSvg(fw));
    out.push(`<details><summary>Every requirement of ${e(frameworkName(fw.key, fw.version))} with its status, reasons and controls</summary><table><thead><tr><th scope="col">Id</th><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Why</th><th scope="col">Controls</th></tr></thead><tbody>`);
    const controls = controlsByRequirement(model, fw.key);
    for (const r of fw.requirements) {
      out.push(
        `<tr id="${e(requirementAnchor(fw.key, r.id))}"><td class="id">${e(r.id)}</td><td>${e(r.title)}</td><td>${statusCell(r.status)}</td><td>${r.reasons.map((x) => e(describeReason(x))).join('<br>')}</td><td>${(controls.get(r.id) ?? []).map(controlLink).join(', ') || '–'}</td></tr>`,
      );
    }
    out.push('</tbody></table></details>');
  }
  out.push('</section>');
  return out;
}

function renderScope(model: Model, readiness: Readiness, frameworks: readonly FrameworkResult[]): string[] {
  const out: string[] = [];
  out.push('<section id="scope"><h2>Scope and exclusions</h2><ul>');
  for (const fw of frameworks) out.push(`<li>${e(frameworkName(fw.key, fw.version))}: ${fw.requirements.length} requirements in scope</li>`);
  const tsc = model.config?.data.frameworks?.tsc;
  if (tsc) out.push(`<li>SOC 2 categories: security${(tsc.categories ?? []).filter((c) => c !== 'security').map((c) => `, ${e(c)}`).join('')}; ${readiness.type === 'type2' && readiness.period ? `SOC 2 ${REPORT_TYPE_LABEL.type2} report, observation period ${e(readiness.period.start)} to ${e(readiness.period.end)}` : `SOC 2 ${REPORT_TYPE_LABEL.type1} report, as of ${e(readiness.asOf)}`}</li>`);
  out.push('</ul><table><thead><tr><th scope="col">Framework</th><th scope="col">Requirement</th><th scope="col">Reason</th></tr></thead><tbody>');
  const req = requirementLinker(readiness);
  const versions = new Map(frameworks.map((fw) => [fw.key as string, fw]));
  for (const x of model.config?.data.exclusions ?? []) {
    const fw = versions.get(x.framework);
    out.push(`<tr><td>${e(fw ? frameworkName(fw.key, fw.version) : x.framework)}</td><td>${fw ? req(fw.key, x.id) : e(x.id)}</td><td>${e(x.reason)}</td></tr>`);
  }
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
    out.push('<table><thead><tr><th scope="col">CCM</th><th scope="col">SSRM Control Ownership</th><th scope="col">Vendor</th><th scope="col">CSP implementation</th><th scope="col">CSC responsibilities</th><th scope="col">Status</th></tr></thead><tbody>');
    const req = requirementLinker(readiness);
    for (const r of ccm.requirements) {
      const a = assignments.get(r.id);
      out.push(`<tr><td>${req('ccm', r.id)}</td><td>${e(a ? OWNERSHIP_LABEL[a.ownership] : r.status === 'excluded' ? 'Excluded' : '')}</td><td>${e(a?.vendor ?? '')}</td><td>${e(a?.csp ?? '')}</td><td>${e(a?.csc ?? '')}</td><td>${statusCell(r.status)}</td></tr>`);
    }
    out.push('</tbody></table>');
  }
  out.push('</section>');
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
      demoteHeadings(policyHtml(p)),
      '</div>',
    );
  }
  out.push('</section>');
  return out;
}

/** One row per evidence file, linked to where the packet carries it. */
function* renderEvidence(model: Model, links: SiteLinks, withheld: ReadonlyMap<string, string>): Generator<string, void, undefined> {
  yield '<section id="evidence"><h2>Evidence index</h2><p><a href="evidence/index.csv">index.csv</a></p><table><thead><tr><th>Control</th><th>Item</th><th>Covers</th><th>Collected</th><th>By</th><th>File</th><th>SHA-256</th></tr></thead><tbody>';
  const records = [...model.evidence].sort((a, b) => (a.source.file < b.source.file ? -1 : 1));
  for (const r of records) {
    const d = r.data;
    const folder = r.source.file.slice(0, r.source.file.lastIndexOf('/') + 1);
    for (const f of d.files ?? []) {
      const repoPath = `${folder}${f.path}`;
      const why = withheld.get(repoPath);
      const cell = why ? `${e(f.path)} <span class="muted">(withheld: ${e(why)})</span>` : `<a href="${e(links.evidenceFile(repoPath))}">${e(f.path)}</a>`;
      yield `<tr><td><a href="#control-${e(d.control)}">${e(d.control)}</a></td><td>${e(d.evidence)}</td><td>${e(d.covers.start)}..${e(d.covers.end)}</td><td>${e(d.collected_on)}</td><td>${e(d.collected_by ?? '')}</td><td>${cell}</td><td><code>${e(f.sha256)}</code></td></tr>`;
    }
  }
  yield '</tbody></table></section>';
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
    '</main>',
    '<footer class="muted"><p>Catalog facts only (ids, short titles, mappings): Cloud Controls Matrix and CAIQ © Cloud Security Alliance; Trust Services Criteria © AICPA; ISO/IEC 27001:2022 © ISO/IEC.</p></footer>',
    '</body></html>',
    '',
  ];
}

/** The controls (not retired) that map to each requirement of a framework, in id order. */
function controlsByRequirement(model: Model, key: FrameworkResult['key']): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of [...model.controls].sort((a, b) => (a.data.id < b.data.id ? -1 : 1))) {
    if (c.data.status === 'retired') continue;
    for (const id of c.data.maps?.[key] ?? []) out.set(id, [...(out.get(id) ?? []), c.data.id]);
  }
  return out;
}

/**
 * Every table in a box of its own that scrolls sideways (so the page never does) and keeps its header in
 * view; focusable, so a keyboard can scroll it too. The HTML is ours or sanitised: "<table" is a tag.
 */
function wrapTables(html: string): string {
  return html.replace(/<table\b/g, '<div class="table-wrap" tabindex="0"><table').replace(/<\/table>/g, '</table></div>');
}

/** A policy's headings two levels down, under the page's h2 "Policies" (a policy's # title becomes an h3). */
function demoteHeadings(html: string): string {
  return html.replace(/<(\/?)h([1-6])(?=[\s>])/g, (_, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + 2)}`);
}

/** index.html: the whole packet as one self-contained page, readable in any browser with no install. */
export function renderSite(input: PacketInput, links: SiteLinks): string {
  return [...renderSiteLines(input, links)].join('\n');
}

/**
 * index.html as its lines, to be joined with line breaks, one section at a time: the packet writes them a
 * batch at a time, so that the page (15 MB of text at 2,000 controls) is never in memory whole.
 */
export function* renderSiteLines(input: PacketInput, links: SiteLinks): Generator<string, void, undefined> {
  const { meta, model, readiness, findings } = input;
  const frameworks = Object.values(readiness.frameworks).filter((f): f is FrameworkResult => Boolean(f));
  // Each section returns its lines; one join puts the same line breaks between sections as within them.
  // Tables are wrapped line by line (no tag spans the line break a join adds): wrapping the joined page
  // made two more copies of it.
  const sections: (() => Iterable<string>)[] = [
    () => renderHead(meta, findings),
    () => renderOverview(meta, model, readiness, frameworks),
    () => renderScope(model, readiness, frameworks),
    () => renderSsrm(model, readiness),
    () => renderControlIndex(input),
    () => renderControls(input, links),
    () => renderSoaSection(input.audit, links.policyPage),
    () => renderSystemDescriptionSection(input.audit),
    () => renderRiskSection(input),
    () => renderVendorRegisterSection(input.audit),
    () => renderPbcSection(input.audit),
    () => renderDeviations(readiness, links),
    () => renderPolicies(model, links),
    () => renderEvidence(model, links, input.withheld),
    () => renderChangelogSection(input.changelog, input.changelogNote),
    () => renderFindings(findings),
    () => renderFilesAndFooter(),
  ];
  for (const section of sections) for (const line of section()) yield wrapTables(line);
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
    wrapTables(policyHtml(p)),
    '</main></body></html>',
    '',
  ].join('\n');
}
