import { getCcmCatalog, getCcmMapping, getIso27001Catalog, getTscCatalog, type FrameworkKey } from '@trustops/frameworks';
import { Document, isSeq, isScalar } from 'yaml';
import type { RepoModel } from '../load/load-repo.js';
import type { SourceFile } from '../load/source-files.js';
import type { Ownership } from '../model/ownership.js';
import type { ImportFinding, ImportKind } from './columns.js';
import type { ImportRead, ImportRow } from './read-rows.js';
import { appendExclusions, appendSsrmEntries, newComplianceFile, newSsrmFile, type NewExclusion, type NewSsrmEntry } from './write-yaml.js';

/** A file the import writes: new (no `before`) or merged into what is there (`before` is its current text). */
export interface ImportWrite {
  path: string;
  before?: string;
  after: string;
}

export interface PlannedControl {
  id: string;
  path: string;
  rows: number[];
  title: string;
  status: 'implemented' | 'planned';
  maps: Partial<Record<FrameworkKey, string[]>>;
  /** Placeholders written for what the source did not say (description, owner). */
  placeholders: string[];
}

export interface ImportPlan {
  kind: ImportKind;
  controls: PlannedControl[];
  exclusions: (NewExclusion & { rows: number[] })[];
  ssrm: (NewSsrmEntry & { rows: number[] })[];
  writes: ImportWrite[];
  /** What exists already and was left as it is: "control C-01 (controls/iam/C-01.yaml)". */
  kept: string[];
  /** ISO 2013 ids and what they became. */
  iso2013: { from: string; to: readonly string[]; change: string; rows: number[] }[];
  notes: string[];
  findings: ImportFinding[];
  createdConfig: boolean;
}

export interface PlanInput {
  read: ImportRead;
  /** The file's name, for provenance comments ("soa.xlsx"). */
  sourceName: string;
  /** The repository as it is (empty for a new one). */
  files: readonly SourceFile[];
  model: RepoModel;
  /** CCM version of the program (or of a new compliance.yaml). */
  ccmVersion: string;
}

const FRAMEWORK: Record<ImportKind, FrameworkKey> = { soa: 'iso27001', 'tsc-matrix': 'tsc', 'ccm-matrix': 'ccm' };

interface Group {
  id: string;
  rows: ImportRow[];
  requirements: string[];
}

function sanitizeId(text: string): string | undefined {
  const id = text.toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return id || undefined;
}

/** The controls the rows become: one per Annex A control (SoA), per "Control #" (SOC 2 matrix), per CCM control or own control (CCM matrix). */
function groupRows(read: ImportRead, findings: ImportFinding[]): Group[] {
  const groups = new Map<string, Group>();
  const add = (id: string, row: ImportRow, requirements: readonly string[]) => {
    const group = groups.get(id) ?? { id, rows: [], requirements: [] };
    group.rows.push(row);
    for (const r of requirements) if (!group.requirements.includes(r)) group.requirements.push(r);
    groups.set(id, group);
  };
  const owners = new Map<string, string>();
  for (const row of read.rows.filter((r) => r.applicable)) {
    if (read.kind === 'soa') {
      for (const req of row.requirements) add(`ISO-${req.replace('.', '-')}`, row, [req]);
      continue;
    }
    const prefix = read.kind === 'tsc-matrix' ? 'TSC' : 'CCM';
    const derived = `${prefix}-${row.requirements[0]!.replace(/&/g, '').replace('.', '-')}`;
    const id = (row.sourceId && sanitizeId(row.sourceId)) ?? derived;
    // Two source ids that read the same ("C 01", "C-01") are two controls.
    const source = row.sourceId ?? derived;
    const owner = owners.get(id);
    if (owner !== undefined && owner !== source) {
      let n = 2;
      while (owners.has(`${id}-${n}`) && owners.get(`${id}-${n}`) !== source) n++;
      findings.push({ severity: 'warning', row: row.row, message: `control id "${source}" reads as ${id}, which "${owner}" has already: written as ${id}-${n}` });
      owners.set(`${id}-${n}`, source);
      add(`${id}-${n}`, row, row.requirements);
      continue;
    }
    owners.set(id, source);
    add(id, row, row.requirements);
  }
  return [...groups.values()];
}

/**
 * What an import writes: controls (one per source control, with its id, description, owner, status and
 * mappings, to CCM too through CSA's mappings where the source is ISO or TSC), SSRM entries from a CCM
 * matrix's ownership, and exclusions from rows not applicable, with their justification. Nothing that
 * exists is overwritten: an existing control, SSRM entry or exclusion is kept and listed; compliance.yaml
 * and an SSRM file are merged into (their text edited in place), other files are new.
 */
export function planImport(input: PlanInput): ImportPlan {
  const { read, model } = input;
  const plan: ImportPlan = { kind: read.kind, controls: [], exclusions: [], ssrm: [], writes: [], kept: [], iso2013: [], notes: [], findings: [], createdConfig: !model.config };
  const scopesCcm = model.config ? Boolean(model.config.data.frameworks?.ccm) : true;
  const framework = FRAMEWORK[read.kind];
  if (model.config && !model.config.data.frameworks?.[framework]) {
    plan.notes.push(`compliance.yaml does not scope ${framework}: the imported maps.${framework} stay out of scope until frameworks.${framework} is added.`);
  }
  const existingIds = new Set(model.controls.map((c) => c.data.id));
  const existingPaths = new Set(input.files.map((f) => f.path));
  const groups = groupRows(read, plan.findings);
  const ccmOf = read.kind === 'ccm-matrix' || !scopesCcm ? () => [] : ccmThroughCsa(groups, framework as 'tsc' | 'iso27001', input.ccmVersion);
  for (const group of groups) {
    const path = `controls/imported/${group.id}.yaml`;
    if (existingIds.has(group.id) || existingPaths.has(path)) {
      const where = model.controls.find((c) => c.data.id === group.id)?.source.file ?? path;
      plan.kept.push(`control ${group.id} (${where}), rows ${group.rows.map((r) => r.row).join(', ')}`);
      continue;
    }
    const control = controlFile(group, { ...input, framework, ccm: ccmOf(group) });
    plan.controls.push(control.planned);
    plan.writes.push({ path, after: control.text });
  }
  plan.iso2013 = collect2013(read.rows);
  planExclusions(plan, input, framework);
  if (read.kind === 'ccm-matrix') planSsrm(plan, input);
  finishConfig(plan, input, framework);
  return plan;
}

/**
 * The CCM controls each imported control helps carry, through CSA's mapping: a CCM control whose every
 * ISO or TSC target the imported program covers is mapped to each imported control covering one of them,
 * so it is met only when all of those count. A CCM control with a target the file does not cover is left
 * unmapped: a gap, which `trustops gaps` shows, not a guess.
 */
function ccmThroughCsa(groups: readonly Group[], target: 'tsc' | 'iso27001', ccmVersion: string): (group: Group) => string[] {
  const covered = new Set(groups.flatMap((g) => g.requirements));
  const tsc = getTscCatalog();
  const isCovered = (id: string) => covered.has(id) || (target === 'tsc' && !tsc.get(id) && tsc.requirements.some((c) => c.group === id) && tsc.requirements.filter((c) => c.group === id).every((c) => covered.has(c.id)));
  const carried = [...getCcmMapping(ccmVersion, target).values()].filter((m) => m.relationship !== 'no-relationship' && m.targets.length > 0 && m.targets.every(isCovered));
  const order = new Map(getCcmCatalog(ccmVersion).requirements.map((r, i) => [r.id, i]));
  return (group) =>
    carried
      .filter((m) => m.targets.some((t) => group.requirements.includes(t) || (target === 'tsc' && group.requirements.some((r) => tsc.get(r)?.group === t))))
      .map((m) => m.ccm)
      .sort((a, b) => order.get(a)! - order.get(b)!);
}

function controlFile(group: Group, ctx: PlanInput & { framework: FrameworkKey; ccm: string[] }): { planned: PlannedControl; text: string } {
  const { read, sourceName } = ctx;
  const first = group.rows[0]!;
  const placeholders: string[] = [];
  const descriptions = [...new Set(group.rows.flatMap((r) => [r.description ?? (read.kind === 'ccm-matrix' ? r.csp : undefined)].filter((d): d is string => Boolean(d))))];
  let description = descriptions.join('\n\n');
  if (description.length < 20) {
    placeholders.push('description');
    // An SoA rarely describes the control; its justification is a start for whoever writes it.
    const said = description || group.rows.find((r) => r.justification)?.justification;
    description = `TODO: describe what we do for ${group.requirements.join(', ')} (tools, settings, who, how often)${said ? `; the source says: "${said}"` : ''}.`;
  }
  const owner = group.rows.find((r) => r.owner)?.owner;
  if (!owner) placeholders.push('owner');
  const status = group.rows.every((r) => r.status === 'implemented') ? 'implemented' : 'planned';
  const maps: Partial<Record<FrameworkKey, string[]>> = { [ctx.framework]: group.requirements, ...(ctx.ccm.length ? { ccm: ctx.ccm } : {}) };
  const title = first.title ?? titleOf(group, read.kind, ctx.ccmVersion, description);
  const data: Record<string, unknown> = { id: group.id, title, description, owner: owner ?? 'TODO', status };
  const frequency = group.rows.find((r) => r.frequency)?.frequency;
  if (frequency) data['frequency'] = frequency;
  data['maps'] = maps;
  const doc = new Document(data);
  for (const key of Object.keys(maps)) {
    const node = doc.getIn(['maps', key], true);
    if (isSeq(node)) node.flow = true;
  }
  const descriptionNode = doc.getIn(['description'], true);
  if (isScalar(descriptionNode) && (description.includes('\n') || description.length > 80)) descriptionNode.type = 'BLOCK_LITERAL';
  const rows = group.rows.map((r) => r.row);
  const comment = [
    ` Imported by \`trustops import ${read.kind}\` from ${sourceName}${read.sheet && read.sheet !== 'CSV' ? ` (sheet "${read.sheet}")` : ''}, ${rows.length > 1 ? 'rows' : 'row'} ${rows.join(', ')}${first.sourceId && first.sourceId !== group.id ? ` (source id "${first.sourceId}")` : ''}.`,
  ];
  const from2013 = group.rows.flatMap((r) => r.iso2013.filter((t) => t.to.some((to) => group.requirements.includes(to))));
  if (from2013.length) comment.push(` ISO/IEC 27001:2013 ${from2013.map((t) => `A.${t.from} (${t.change})`).join(', ')}, as ISO/IEC 27002:2022 Annex B maps it.`);
  if (ctx.ccm.length) {
    comment.push(` maps.ccm: the CCM controls whose every ${ctx.framework === 'tsc' ? 'TSC criterion' : 'Annex A control'} in CSA's mapping the import covers, this control among them; review them.`);
  }
  if (status === 'planned' && group.rows.some((r) => r.status === 'partial')) comment.push(' The source says partially implemented: planned until it is in place.');
  doc.commentBefore = comment.join('\n');
  return {
    planned: { id: group.id, path: `controls/imported/${group.id}.yaml`, rows, title, status, maps, placeholders },
    text: doc.toString({ lineWidth: 0, flowCollectionPadding: false }),
  };
}

function titleOf(group: Group, kind: ImportKind, ccmVersion: string, description: string): string {
  const req = group.requirements[0]!;
  if (kind === 'soa') return getIso27001Catalog().get(req)?.title ?? `Annex A ${req}`;
  if (kind === 'ccm-matrix') return getCcmCatalog(ccmVersion).get(req)?.title ?? `CCM ${req}`;
  if (!description.startsWith('TODO')) {
    const sentence = description.split(/(?<=[.;:])\s|\n/)[0]!.replace(/[.;:]$/, '');
    return sentence.length > 80 ? `${sentence.slice(0, 77).replace(/\s+\S*$/, '')}…` : sentence;
  }
  return `${getTscCatalog().get(req) ? req : 'Control'} ${group.id}`;
}

function collect2013(rows: readonly ImportRow[]): ImportPlan['iso2013'] {
  const out = new Map<string, ImportPlan['iso2013'][number]>();
  for (const row of rows) {
    for (const t of row.iso2013) {
      const entry = out.get(t.from) ?? { from: t.from, to: t.to, change: t.change, rows: [] };
      entry.rows.push(row.row);
      out.set(t.from, entry);
    }
  }
  return [...out.values()];
}

/** A requirement is excluded when every row that names it says it does not apply. */
function planExclusions(plan: ImportPlan, input: PlanInput, framework: FrameworkKey): void {
  const rowsOf = new Map<string, ImportRow[]>();
  for (const row of input.read.rows) for (const id of row.requirements) rowsOf.set(id, [...(rowsOf.get(id) ?? []), row]);
  const existing = new Set((input.model.config?.data.exclusions ?? []).map((e) => `${e.framework}:${e.id}`));
  for (const [id, rows] of rowsOf) {
    if (rows.some((r) => r.applicable)) continue;
    if (existing.has(`${framework}:${id}`)) {
      plan.kept.push(`exclusion of ${framework} ${id} (compliance.yaml)`);
      continue;
    }
    const reason = rows.find((r) => r.justification && r.justification.length >= 10)?.justification;
    plan.exclusions.push({
      framework,
      id,
      reason: reason ?? `TODO: why ${id} does not apply (${input.sourceName} row ${rows.map((r) => r.row).join(', ')} gave no reason)`,
      placeholder: !reason,
      rows: rows.map((r) => r.row),
    });
  }
}

/** SSRM entries from a CCM matrix's ownership, csp and csc columns. */
function planSsrm(plan: ImportPlan, input: PlanInput): void {
  const assigned = new Set(input.model.responsibilities.flatMap((r) => Object.keys(r.data.assignments)));
  const seen = new Map<string, NewSsrmEntry & { rows: number[] }>();
  for (const row of input.read.rows) {
    if (!row.applicable || !row.ownership) continue;
    for (const id of row.requirements) {
      const entry = seen.get(id);
      if (entry) {
        entry.rows.push(row.row);
        if (entry.ownership !== row.ownership) plan.findings.push({ severity: 'warning', row: row.row, message: `${id} is ${row.ownership} here but ${entry.ownership} in row ${entry.rows[0]}: the first is kept` });
        continue;
      }
      if (assigned.has(id)) {
        plan.kept.push(`SSRM entry ${id}`);
        continue;
      }
      const next: NewSsrmEntry & { rows: number[] } = { id, ownership: row.ownership as Ownership, rows: [row.row], ...(row.csp ? { csp: row.csp } : {}), ...(row.csc ? { csc: row.csc } : {}) };
      const vendor = row.vendor?.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
      if (vendor) next.vendor = vendor;
      seen.set(id, next);
    }
  }
  plan.ssrm = [...seen.values()];
}

/** compliance.yaml and the SSRM file: merged into when they exist, written new when not. */
function finishConfig(plan: ImportPlan, input: PlanInput, framework: FrameworkKey): void {
  const config = input.files.find((f) => f.path === 'compliance.yaml' || f.path === 'compliance.yml');
  if (config) {
    if (plan.exclusions.length) plan.writes.push({ path: config.path, before: config.text, after: appendExclusions(config.text, plan.exclusions) });
  } else {
    const tscCategories = [...new Set(input.read.rows.flatMap((r) => r.requirements).map((id) => getTscCatalog().get(id)?.category).filter((c): c is NonNullable<typeof c> => Boolean(c)))];
    plan.writes.push({ path: 'compliance.yaml', after: newComplianceFile({ kind: input.read.kind, sourceName: input.sourceName, ccmVersion: input.ccmVersion, framework, tscCategories, exclusions: plan.exclusions }) });
  }
  if (plan.ssrm.length === 0) return;
  const ssrm = input.files.find((f) => f.path === 'controls/responsibility/ccm.yaml') ?? input.files.find((f) => f.path.startsWith('controls/responsibility/') && /\.ya?ml$/.test(f.path));
  if (ssrm) plan.writes.push({ path: ssrm.path, before: ssrm.text, after: appendSsrmEntries(ssrm.text, plan.ssrm) });
  else plan.writes.push({ path: 'controls/responsibility/ccm.yaml', after: newSsrmFile(plan.ssrm, input.ccmVersion, input.sourceName) });
}
