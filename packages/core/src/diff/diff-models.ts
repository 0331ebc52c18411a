import { FRAMEWORK_KEYS, getCcmCatalog, type FrameworkKey } from '@trustops/frameworks';
import { compareText } from '../model/findings.js';
import type { FileChange } from '../model/revisions.js';
import type { Entity, PolicyEntity, RepoModel } from '../load/load-repo.js';
import { locate } from '../load/yaml-source.js';
import type { ControlData, EvidenceRecordData, RiskData, VendorData } from '../schemas/types.js';
import { riskScore } from '../model/risks.js';
import type { ReadinessReport, RequirementResult } from '../score/readiness.js';
import { translateIds, type CcmTranslation } from '../migrate/crosswalk.js';
import { ccmTranslationBetween, diffVersionSwitch, type VersionSwitch } from './version-switch.js';

export interface Change<T> {
  before: T;
  after: T;
}

export interface IdListChange {
  added: string[];
  removed: string[];
}

export interface ControlDiff {
  id: string;
  kind: 'added' | 'removed' | 'moved' | 'changed';
  file: string;
  line: number;
  oldFile?: string;
  title: string;
  status?: Change<string | undefined>;
  owner?: Change<string | undefined>;
  maturity?: Change<number | undefined>;
  frequency?: Change<string | undefined>;
  automation?: Change<string | undefined>;
  policies?: IdListChange;
  maps?: Partial<Record<FrameworkKey, IdListChange>>;
  evidenceItems?: IdListChange & { changed: string[] };
  descriptionChanged?: boolean;
  titleChanged?: boolean;
  /** Why this change weakens the control (status, maturity or automation down, a mapping removed). */
  weakened: string[];
}

export interface CoverageDiff {
  framework: FrameworkKey;
  id: string;
  title: string;
  change: 'lost' | 'gained';
  /** Controls covering it before and after. */
  before: string[];
  after: string[];
}

export interface SsrmDiff {
  id: string;
  kind: 'added' | 'removed' | 'changed';
  ownership: Change<string | undefined>;
  vendor: Change<string | undefined>;
  file: string;
  line: number;
}

export interface VendorDiff {
  id: string;
  kind: 'added' | 'removed' | 'changed';
  file: string;
  attestations: { added: string[]; removed: string[] };
}

export interface PolicyDiff {
  id: string;
  kind: 'added' | 'removed' | 'changed';
  file: string;
  title: string;
  version: Change<string | undefined>;
  effective: Change<string | undefined>;
  textChanged: boolean;
  fieldsChanged: string[];
}

/** A risk of the register added, removed or re-rated, re-treated or re-accepted. */
export interface RiskDiff {
  id: string;
  kind: 'added' | 'removed' | 'changed';
  file: string;
  line: number;
  title: string;
  residual: Change<number | undefined>;
  treatment: Change<string | undefined>;
  controls?: IdListChange;
  /** "by X until Y", or undefined without an acceptance. */
  acceptance?: Change<string | undefined>;
  lastReviewed?: Change<string | undefined>;
}

export interface EvidenceDiff {
  file: string;
  control: string;
  evidence: string;
  covers: { start: string; end: string };
  collectedOn: string;
}

export interface ReadinessDiff {
  framework: FrameworkKey;
  before: number | null;
  after: number | null;
  groups: { id: string; name: string; before: number | null; after: number | null }[];
}

export interface Changelog {
  base: { label: string; commit?: string };
  head: { label: string; commit?: string };
  type: string;
  controls: ControlDiff[];
  coverage: CoverageDiff[];
  ssrm: SsrmDiff[];
  vendors: VendorDiff[];
  policies: PolicyDiff[];
  risks: RiskDiff[];
  evidenceAdded: EvidenceDiff[];
  /** Evidence files or records changed or deleted: evidence is append-only. */
  evidenceRewritten: FileChange[];
  readiness: ReadinessDiff[];
  /** Present when compliance.yaml's CCM version changed: everything above compares through the crosswalk. */
  versionSwitch?: VersionSwitch;
}

const STATUS_RANK: Record<string, number> = { retired: 0, planned: 1, implemented: 2, operating: 3 };
const AUTOMATION_RANK: Record<string, number> = { manual: 0, 'semi-automated': 1, automated: 2 };

function byId<T extends { id: string }>(entities: readonly Entity<T>[]): Map<string, Entity<T>> {
  const map = new Map<string, Entity<T>>();
  for (const e of entities) if (!map.has(e.data.id)) map.set(e.data.id, e);
  return map;
}

function listChange(before: readonly string[] = [], after: readonly string[] = []): IdListChange | undefined {
  const added = after.filter((x) => !before.includes(x));
  const removed = before.filter((x) => !after.includes(x));
  return added.length || removed.length ? { added, removed } : undefined;
}

function fieldChange<T>(before: T, after: T): Change<T> | undefined {
  return before === after ? undefined : { before, after };
}

function sortedIds<T>(a: Map<string, T>, b: Map<string, T>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort(compareText);
}

/** Compares two loaded revisions: what an auditor and a reviewer need to know, not a text diff. */
export function diffModels(input: {
  base: { label: string; commit?: string; model: RepoModel; readiness: ReadinessReport };
  head: { label: string; commit?: string; model: RepoModel; readiness: ReadinessReport };
  changes: readonly FileChange[];
}): Changelog {
  const { base, head } = input;
  const translation = ccmTranslationBetween(base.model, head.model);
  const versionSwitch = diffVersionSwitch(base.model, head.model);
  return {
    base: { label: base.label, ...(base.commit ? { commit: base.commit } : {}) },
    head: { label: head.label, ...(head.commit ? { commit: head.commit } : {}) },
    type: head.readiness.type,
    controls: diffControls(base.model, head.model),
    coverage: diffCoverage(base.readiness, head.readiness, translation),
    ssrm: diffSsrm(base.model, head.model, translation),
    vendors: diffVendors(base.model, head.model),
    policies: diffPolicies(base.model, head.model),
    risks: diffRisks(base.model, head.model),
    evidenceAdded: diffEvidence(base.model, head.model),
    evidenceRewritten: input.changes.filter((c) => (c.path.startsWith('evidence/') || c.oldPath?.startsWith('evidence/')) && c.status !== 'added'),
    readiness: diffReadiness(base.readiness, head.readiness, translation),
    ...(versionSwitch ? { versionSwitch } : {}),
  };
}

/** Control changes; across a CCM version switch BASE's CCM mappings are read in HEAD's version first. */
export function diffControls(base: RepoModel, head: RepoModel): ControlDiff[] {
  const translation = ccmTranslationBetween(base, head);
  const before = byId(base.controls);
  const after = byId(head.controls);
  const out: ControlDiff[] = [];
  for (const id of sortedIds(before, after)) {
    const b = before.get(id);
    const a = after.get(id);
    if (!b && a) {
      out.push({ id, kind: 'added', file: a.source.file, line: locate(a.source, ['id']).line, title: a.data.title, weakened: [] });
      continue;
    }
    if (b && !a) {
      out.push({ id, kind: 'removed', file: b.source.file, line: 1, title: b.data.title, weakened: [`control ${id} was removed`] });
      continue;
    }
    const diff = diffControl(b!, a!, translation);
    if (diff) out.push(diff);
  }
  return out;
}

function diffControl(b: Entity<ControlData>, a: Entity<ControlData>, translation: CcmTranslation | undefined): ControlDiff | undefined {
  const bd = b.data;
  const ad = a.data;
  const diff: ControlDiff = {
    id: ad.id,
    kind: b.source.file === a.source.file ? 'changed' : 'moved',
    file: a.source.file,
    line: locate(a.source, ['id']).line,
    ...(b.source.file !== a.source.file ? { oldFile: b.source.file } : {}),
    title: ad.title,
    weakened: [],
  };
  const status = fieldChange(bd.status, ad.status);
  const owner = fieldChange(bd.owner, ad.owner);
  const maturity = fieldChange(bd.maturity, ad.maturity);
  const frequency = fieldChange(bd.frequency, ad.frequency);
  const automation = fieldChange(bd.automation, ad.automation);
  const policies = listChange(bd.policies, ad.policies);
  if (status) diff.status = status;
  if (owner) diff.owner = owner;
  if (maturity) diff.maturity = maturity;
  if (frequency) diff.frequency = frequency;
  if (automation) diff.automation = automation;
  if (policies) diff.policies = policies;
  const maps: Partial<Record<FrameworkKey, IdListChange>> = {};
  for (const key of FRAMEWORK_KEYS) {
    const before = key === 'ccm' && bd.maps?.ccm ? translateIds(bd.maps.ccm, translation) : bd.maps?.[key];
    const change = listChange(before, ad.maps?.[key]);
    if (change) maps[key] = change;
  }
  if (Object.keys(maps).length) diff.maps = maps;
  const itemsBefore = new Map((bd.evidence ?? []).map((e) => [e.id, JSON.stringify(e)]));
  const itemsAfter = new Map((ad.evidence ?? []).map((e) => [e.id, JSON.stringify(e)]));
  const items = listChange([...itemsBefore.keys()], [...itemsAfter.keys()]);
  const changedItems = [...itemsAfter.keys()].filter((k) => itemsBefore.has(k) && itemsBefore.get(k) !== itemsAfter.get(k));
  if (items || changedItems.length) diff.evidenceItems = { added: items?.added ?? [], removed: items?.removed ?? [], changed: changedItems };
  if (bd.description !== ad.description) diff.descriptionChanged = true;
  if (bd.title !== ad.title) diff.titleChanged = true;

  if (status && (STATUS_RANK[status.after ?? ''] ?? 0) < (STATUS_RANK[status.before ?? ''] ?? 0)) diff.weakened.push(`status ${status.before} → ${status.after}`);
  if (maturity && (maturity.after ?? 0) < (maturity.before ?? 0)) diff.weakened.push(`maturity ${maturity.before} → ${maturity.after ?? 'unset'}`);
  if (automation && (AUTOMATION_RANK[automation.after ?? ''] ?? 0) < (AUTOMATION_RANK[automation.before ?? ''] ?? 0)) {
    diff.weakened.push(`automation ${automation.before} → ${automation.after ?? 'unset'}`);
  }
  for (const key of FRAMEWORK_KEYS) {
    const removed = maps[key]?.removed ?? [];
    if (removed.length) diff.weakened.push(`${key} mapping removed: ${removed.join(', ')}`);
  }
  if (items?.removed.length) diff.weakened.push(`evidence item removed: ${items.removed.join(', ')}`);

  const changed =
    status || owner || maturity || frequency || automation || policies || diff.maps || diff.evidenceItems || diff.descriptionChanged || diff.titleChanged || diff.kind === 'moved';
  return changed ? diff : undefined;
}

/** Requirements whose set of covering controls went from some to none, or from none to some. */
function diffCoverage(base: ReadinessReport, head: ReadinessReport, translation: CcmTranslation | undefined): CoverageDiff[] {
  const out: CoverageDiff[] = [];
  for (const key of FRAMEWORK_KEYS) {
    const b = base.frameworks[key];
    const a = head.frameworks[key];
    if (!b || !a) continue;
    const coveringBefore = coveringControls(b.requirements, key === 'ccm' ? translation : undefined);
    const coveringAfter = coveringControls(a.requirements);
    for (const r of a.requirements) {
      const before = coveringBefore.get(r.id) ?? [];
      const after = coveringAfter.get(r.id) ?? [];
      if (before.length > 0 && after.length === 0) out.push({ framework: key, id: r.id, title: r.title, change: 'lost', before, after });
      if (before.length === 0 && after.length > 0) out.push({ framework: key, id: r.id, title: r.title, change: 'gained', before, after });
    }
  }
  return out;
}

/** Requirement id -> the controls that cover it; through a translation, keyed by the ids of its target version. */
function coveringControls(requirements: readonly RequirementResult[], translation?: CcmTranslation): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of requirements) {
    const controls = r.reasons.flatMap((x) => (x.kind === 'control' ? [x.control] : []));
    for (const id of translateIds([r.id], translation)) out.set(id, [...(out.get(id) ?? []), ...controls]);
  }
  return out;
}

function diffSsrm(base: RepoModel, head: RepoModel, translation: CcmTranslation | undefined): SsrmDiff[] {
  const collect = (model: RepoModel, through?: CcmTranslation) => {
    const map = new Map<string, { ownership: string; vendor?: string; file: string; line: number }>();
    for (const r of model.responsibilities) {
      for (const [key, a] of Object.entries(r.data.assignments)) {
        // Across a version switch an entry of a removed control has no successor: the switch lists it.
        for (const id of translateIds([key], through)) {
          if (a && !map.has(id)) map.set(id, { ownership: a.ownership, ...(a.vendor ? { vendor: a.vendor } : {}), file: r.source.file, line: 0 });
        }
      }
    }
    return map;
  };
  const before = collect(base, translation);
  const after = collect(head);
  const out: SsrmDiff[] = [];
  for (const id of sortedIds(before, after)) {
    const b = before.get(id);
    const a = after.get(id);
    if (b && a && b.ownership === a.ownership && b.vendor === a.vendor) continue;
    const where = a ?? b!;
    const source = (a ? head : base).responsibilities.find((r) => r.source.file === where.file)!.source;
    out.push({
      id,
      kind: !b ? 'added' : !a ? 'removed' : 'changed',
      ownership: { before: b?.ownership, after: a?.ownership },
      vendor: { before: b?.vendor, after: a?.vendor },
      file: where.file,
      line: a ? locate(source, ['assignments', id], 'key').line : 1,
    });
  }
  return out;
}

function attestationKey(a: NonNullable<VendorData['attestations']>[number]): string {
  return `${a.type}${a.period ? ` ${a.period.start}..${a.period.end}` : ''}${a.expires ? ` expires ${a.expires}` : ''}${a.reviewed_on ? ` reviewed ${a.reviewed_on}` : ''}`;
}

function diffVendors(base: RepoModel, head: RepoModel): VendorDiff[] {
  const before = byId(base.vendors);
  const after = byId(head.vendors);
  const out: VendorDiff[] = [];
  for (const id of sortedIds(before, after)) {
    const b = before.get(id);
    const a = after.get(id);
    const change = listChange((b?.data.attestations ?? []).map(attestationKey), (a?.data.attestations ?? []).map(attestationKey));
    if (b && a && !change) continue;
    out.push({ id, kind: !b ? 'added' : !a ? 'removed' : 'changed', file: (a ?? b)!.source.file, attestations: change ?? { added: [], removed: [] } });
  }
  return out;
}

function policyFields(p: PolicyEntity, translation?: CcmTranslation): Record<string, string> {
  // last_reviewed records a review; a review that changes nothing needs no new version.
  const { version: _v, last_reviewed: _r, ...rest } = p.data;
  if (translation && rest.maps?.ccm) rest.maps = { ...rest.maps, ccm: translateIds(rest.maps.ccm, translation) };
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, JSON.stringify(v)]));
}

/** Policy changes; across a CCM version switch a renumbered id in `maps` is not a change of the policy. */
export function diffPolicies(base: RepoModel, head: RepoModel): PolicyDiff[] {
  const translation = ccmTranslationBetween(base, head);
  const before = new Map<string, PolicyEntity>();
  for (const p of base.policies) if (!before.has(p.data.id)) before.set(p.data.id, p);
  const after = new Map<string, PolicyEntity>();
  for (const p of head.policies) if (!after.has(p.data.id)) after.set(p.data.id, p);
  const out: PolicyDiff[] = [];
  for (const id of sortedIds(before, after)) {
    const b = before.get(id);
    const a = after.get(id);
    const textChanged = Boolean(b && a && b.body.replace(/\r\n/g, '\n') !== a.body.replace(/\r\n/g, '\n'));
    const bf = b ? policyFields(b, translation) : {};
    const af = a ? policyFields(a) : {};
    const fieldsChanged = b && a ? [...new Set([...Object.keys(bf), ...Object.keys(af)])].filter((k) => bf[k] !== af[k]).sort() : [];
    const version = { before: b?.data.version, after: a?.data.version };
    if (b && a && !textChanged && fieldsChanged.length === 0 && version.before === version.after && b.data.last_reviewed === a.data.last_reviewed) continue;
    out.push({
      id,
      kind: !b ? 'added' : !a ? 'removed' : 'changed',
      file: (a ?? b)!.source.file,
      title: (a ?? b)!.data.title,
      version,
      effective: { before: b?.data.effective, after: a?.data.effective },
      textChanged,
      fieldsChanged,
    });
  }
  return out;
}

function acceptanceText(d: RiskData): string | undefined {
  const a = d.acceptance;
  return a ? `by ${a.by ?? 'no one'}${a.on ? ` on ${a.on}` : ''}${a.until ? ` until ${a.until}` : ''}` : undefined;
}

export function diffRisks(base: RepoModel, head: RepoModel): RiskDiff[] {
  const before = byId(base.risks);
  const after = byId(head.risks);
  const out: RiskDiff[] = [];
  for (const id of sortedIds(before, after)) {
    const b = before.get(id)?.data;
    const a = after.get(id)?.data;
    const residual = { before: b ? riskScore(b.residual) : undefined, after: a ? riskScore(a.residual) : undefined };
    const treatment = { before: b?.treatment, after: a?.treatment };
    const controls = listChange(b?.controls, a?.controls);
    const acceptance = fieldChange(b ? acceptanceText(b) : undefined, a ? acceptanceText(a) : undefined);
    const lastReviewed = fieldChange(b?.last_reviewed, a?.last_reviewed);
    const ratingChanged = b && a && (JSON.stringify(b.inherent) !== JSON.stringify(a.inherent) || JSON.stringify(b.residual) !== JSON.stringify(a.residual));
    const changed = !b || !a || ratingChanged || treatment.before !== treatment.after || controls || acceptance || lastReviewed || b.title !== a.title || b.owner !== a.owner;
    if (!changed) continue;
    const entity = (after.get(id) ?? before.get(id))!;
    out.push({
      id,
      kind: !b ? 'added' : !a ? 'removed' : 'changed',
      file: entity.source.file,
      line: a ? locate(entity.source, ['id']).line : 1,
      title: (a ?? b)!.title,
      residual,
      treatment,
      ...(controls ? { controls } : {}),
      ...(acceptance ? { acceptance } : {}),
      ...(lastReviewed ? { lastReviewed } : {}),
    });
  }
  return out;
}

function diffEvidence(base: RepoModel, head: RepoModel): EvidenceDiff[] {
  const existing = new Set(base.evidence.map((e) => e.source.file));
  return head.evidence
    .filter((e) => !existing.has(e.source.file))
    .map((e: Entity<EvidenceRecordData>) => ({
      file: e.source.file,
      control: e.data.control,
      evidence: e.data.evidence,
      covers: e.data.covers,
      collectedOn: e.data.collected_on,
    }));
}

function diffReadiness(base: ReadinessReport, head: ReadinessReport, translation: CcmTranslation | undefined): ReadinessDiff[] {
  const out: ReadinessDiff[] = [];
  for (const key of FRAMEWORK_KEYS) {
    const b = base.frameworks[key];
    const a = head.frameworks[key];
    if (!a && !b) continue;
    // A domain that the new version renamed (IVS → I&S) is the same group before and after.
    const renamed = key === 'ccm' && a ? groupRenames(translation) : new Map<string, string>();
    const groups = (a ?? b)!.groups.map((g) => ({
      id: g.id,
      name: g.name,
      before: b?.groups.find((x) => (renamed.get(x.id) ?? x.id) === g.id)?.readiness ?? null,
      after: a?.groups.find((x) => x.id === g.id)?.readiness ?? null,
    }));
    out.push({ framework: key, before: b?.readiness ?? null, after: a?.readiness ?? null, groups });
  }
  return out;
}

/** Domains whose every renumbered id changed prefix the same way (IVS-01 → I&S-01): old id -> new id. */
function groupRenames(translation: CcmTranslation | undefined): Map<string, string> {
  const seen = new Map<string, Set<string>>();
  if (!translation) return new Map();
  const prefix = (id: string) => id.replace(/-\d+$/, '');
  for (const { id } of getCcmCatalog(translation.from).requirements) {
    for (const to of translation.lookup(id) ?? []) {
      if (!seen.has(prefix(id))) seen.set(prefix(id), new Set());
      seen.get(prefix(id))!.add(prefix(to));
    }
  }
  return new Map([...seen].flatMap(([from, to]) => (to.size === 1 ? [[from, [...to][0]!] as const] : [])));
}
