import type { FrameworkKey } from '@trustops/frameworks';
import type { Entity } from '../load/load-repo.js';
import { REPORT_TYPE_LABEL } from '../render/labels.js';
import type { EvidenceRecordData } from '../schemas/types.js';
import type { ControlAssessment, EvidenceItemState } from '../score/assess-controls.js';
import { renderSamples } from './audit-sections.js';
import { deviationAnchor, deviationStatus, sortDeviations, windowLabel, windowMarks, windowsLine } from './deviations.js';
import { escapeHtml as e } from './markdown-html.js';
import type { PacketInput } from './packet-input.js';

/**
 * The controls part of index.html: a static index of every control, then each control with its mappings
 * (every requirement id a link to the requirement's row), its design and operation and its evidence as a
 * grid of windows, each window linking to the records that cover it and their files.
 */

export interface SiteLinks {
  /** Packet path of a policy's HTML page. */
  policyPage(policyId: string): string;
  /** Packet path of an evidence file (repo path -> packet path). */
  evidenceFile(repoPath: string): string;
}

type Readiness = PacketInput['readiness'];
type EvidenceRecord = Entity<EvidenceRecordData>;

/** The HTML id of a requirement's row: an id has no spaces ("clause 9.2.1" becomes "clause-9.2.1"). */
export function requirementAnchor(key: FrameworkKey, id: string): string {
  return `req-${key}-${id.replace(/\s+/g, '-')}`;
}

const linkers = new WeakMap<Readiness, (key: FrameworkKey, id: string) => string>();

/** A requirement id as a link to its row, where the page has one (in scope), else as text. */
export function requirementLinker(readiness: Readiness): (key: FrameworkKey, id: string) => string {
  let link = linkers.get(readiness);
  if (!link) {
    const anchors = new Set<string>();
    for (const fw of Object.values(readiness.frameworks)) for (const r of fw?.requirements ?? []) anchors.add(requirementAnchor(fw!.key, r.id));
    link = (key, id) => (anchors.has(requirementAnchor(key, id)) ? `<a class="id" href="#${e(requirementAnchor(key, id))}">${e(id)}</a>` : `<span class="id">${e(id)}</span>`);
    linkers.set(readiness, link);
  }
  return link;
}

export const controlLink = (id: string) => `<a class="id" href="#control-${e(id)}">${e(id)}</a>`;

function statusCell(status: string): string {
  return `<span class="status ${e(status)}">${e(status)}</span>`;
}

/** Every control in one table (id, title, status, design and operation), each id a link to its entry. */
export function renderControlIndex(input: PacketInput): string[] {
  const { model, readiness } = input;
  const type2 = readiness.type === 'type2';
  const out = [
    '<section id="control-index"><h2>Control index</h2>',
    `<p>${model.controls.length} controls. Designed: ${REPORT_TYPE_LABEL.type1} (designed and implemented)${type2 ? `; operating: ${REPORT_TYPE_LABEL.type2} (operating with evidence for every ended window)` : ''}.</p>`,
    `<table><thead><tr><th scope="col">Control</th><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Owner</th><th scope="col">Designed</th>${type2 ? '<th scope="col">Operating</th>' : ''}</tr></thead><tbody>`,
  ];
  for (const c of sortedControls(input)) {
    const d = c.data;
    const a = readiness.controls.get(d.id);
    const yesNo = (v: boolean | undefined) => (a === undefined ? '–' : v ? '<span class="met">yes</span>' : '<span class="gap">no</span>');
    out.push(`<tr><td>${controlLink(d.id)}</td><td>${e(d.title)}</td><td>${e(d.status)}</td><td>${e(d.owner)}</td><td>${yesNo(a?.designed)}</td>${type2 ? `<td>${yesNo(a?.operating)}</td>` : ''}</tr>`);
  }
  out.push('</tbody></table></section>');
  return out;
}

function sortedControls(input: PacketInput): PacketInput['model']['controls'] {
  return [...input.model.controls].sort((a, b) => (a.data.id < b.data.id ? -1 : a.data.id > b.data.id ? 1 : 0));
}

/** Every control with its mappings and, when assessed, whether it is designed and (Type II only) operating. */
export function* renderControls(input: PacketInput, links: SiteLinks): Generator<string, void, undefined> {
  const { model, readiness } = input;
  const req = requirementLinker(readiness);
  const records = recordsByItem(input);
  yield '<section id="controls"><h2>Controls</h2><p><a href="matrix/controls.csv">controls.csv</a> · <a href="matrix/controls.xlsx">controls.xlsx</a> (the risk and control matrix)</p>';
  for (const c of sortedControls(input)) {
    const d = c.data;
    const a = readiness.controls.get(d.id);
    const maps = (key: FrameworkKey, ids: readonly string[] | undefined) => (ids?.length ? ids.map((id) => req(key, id)).join(', ') : '–');
    yield `<article id="control-${e(d.id)}"><h3>${e(d.id)}: ${e(d.title)}</h3>`;
    yield `<p class="muted">status ${e(d.status)}${d.implemented_on ? ` since ${e(d.implemented_on)}` : ''} · owner ${e(d.owner)} · maturity ${e(d.maturity ?? 'n/a')}${a && !a.maturitySupported ? ` (counts as ${a.effectiveMaturity})` : ''} · ${e(d.kind ?? '')} ${e(d.automation ?? '')} ${e(d.frequency ?? '')} · <code>${e(c.source.file)}</code></p>`;
    yield `<p>${e(d.description)}</p>`;
    yield `<p>Maps to: CCM ${maps('ccm', d.maps?.ccm)} · TSC ${maps('tsc', d.maps?.tsc)} · ISO ${maps('iso27001', d.maps?.iso27001)} · Policies ${(d.policies ?? []).map((p) => (model.policies.some((x) => x.data.id === p) ? `<a href="${e(links.policyPage(p))}">${e(p)}</a>` : e(p))).join(', ') || '–'}</p>`;
    if (a) yield* renderAssessment(a, readiness.type, links, (item) => records.get(`${d.id}\u0000${item}`) ?? []);
    yield* renderSamples(input, d.id, links.evidenceFile);
    yield '</article>';
  }
  yield '</section>';
}

/** The records of each control's evidence item ("control\0item"), in path order, indexed once per packet. */
function recordsByItem(input: PacketInput): Map<string, EvidenceRecord[]> {
  const out = new Map<string, EvidenceRecord[]>();
  for (const r of [...input.model.evidence].sort((a, b) => (a.source.file < b.source.file ? -1 : 1))) {
    const key = `${r.data.control}\u0000${r.data.evidence}`;
    const list = out.get(key);
    if (list) list.push(r);
    else out.set(key, [r]);
  }
  return out;
}

/** Design, and in the Type II view operation; each evidence item; the deviations its records state. */
function renderAssessment(a: ControlAssessment, type: Readiness['type'], links: SiteLinks, recordsOf: (item: string) => EvidenceRecord[]): string[] {
  const out: string[] = [];
  const designed = `Designed (${REPORT_TYPE_LABEL.type1}): ${a.designed ? 'yes' : `no (${e(a.designIssues.join('; '))})`}`;
  out.push(type === 'type2' ? `<p>${designed} · Operating (${REPORT_TYPE_LABEL.type2}): ${a.operating ? 'yes' : `no (${e(a.operationIssues.join('; '))})`}</p>` : `<p>${designed}</p>`);
  if (type === 'type2' && a.lateStart) out.push(`<p class="muted">Late start: ${e(a.lateStart)}</p>`);
  for (const item of a.evidence) out.push(...renderEvidenceItem(item, type, links, recordsOf(item.id)));
  if (a.exceptions.length) {
    const list = sortDeviations(a.exceptions).map((x) => `<a href="#${deviationAnchor(x)}">${e(windowLabel(x.window))} ${e(x.severity)}, ${e(deviationStatus(x))}</a>`);
    out.push(`<p>Deviations: ${list.join(' · ')}</p>`);
  }
  return out;
}

/** A record and its files as links: the record's file name, then each file's. */
function recordLinks(record: EvidenceRecord | undefined, file: string, links: SiteLinks): string {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const folder = file.slice(0, file.lastIndexOf('/') + 1);
  const files = (record?.data.files ?? []).map((f) => `<a href="${e(links.evidenceFile(`${folder}${f.path}`))}">${e(f.path)}</a>`);
  return `<a href="${e(links.evidenceFile(file))}" title="${e(file)}">${e(name)}</a>${files.length ? ` (${files.join(', ')})` : ''}`;
}

/** One evidence item: for Type II a grid of its windows (✓, ✗ or due) with the records of each; records that show nothing, and why. */
function renderEvidenceItem(item: EvidenceItemState, type: Readiness['type'], links: SiteLinks, records: EvidenceRecord[]): string[] {
  const out: string[] = [];
  const byFile = new Map(records.map((r) => [r.source.file, r]));
  if (type === 'type2') {
    out.push(`<h4>Evidence ${e(item.id)} (${e(item.every)})</h4>`, `<p class="muted">${item.records} record(s), ${item.recordsInPeriod} in the observation period${item.recordsInPeriod === 0 ? ' (not yet evidenced)' : ''}</p>`);
    if (item.windows.length > 24) out.push(`<p class="windows">${e(windowsLine(item))}</p>`);
    else if (item.windows.length) {
      out.push(`<ul class="window-grid" aria-label="Windows of ${e(item.id)}">`);
      for (const m of windowMarks(item)) {
        const what = m.records.length ? m.records.map((f) => recordLinks(byFile.get(f), f, links)).join('<br>') : m.state === 'missing' ? 'no record' : '';
        out.push(`<li class="${e(m.state)}"><strong>${e(m.label)}</strong> <span class="mark">${e(m.mark)}</span>${what ? `<br>${what}` : ''}</li>`);
      }
      out.push('</ul>');
    }
  } else {
    out.push(`<h4>Evidence ${e(item.id)} (${e(item.every)})</h4>`, `<p class="muted">${item.records} record(s)${records.length ? `: ${records.map((r) => recordLinks(r, r.source.file, links)).join(' · ')}` : ''}</p>`);
  }
  if (item.ignoredRecords.length) {
    out.push('<ul class="ignored">');
    for (const r of item.ignoredRecords) out.push(`<li>Shows nothing: <a href="${e(links.evidenceFile(r.file))}"><code>${e(r.file)}:${r.line}</code></a>: ${e(r.why)}</li>`);
    out.push('</ul>');
  }
  return out;
}

export { statusCell };
