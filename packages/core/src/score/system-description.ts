import type { Changelog } from '../diff/diff-models.js';
import type { RepoModel } from '../load/load-repo.js';
import type { IsoDate } from '../model/dates.js';
import { compareText } from '../model/findings.js';
import { placeholderIn } from '../model/placeholders.js';
import type { Scope } from '../model/scope.js';
import { attestationText, type ComplementaryControls } from './complementary-controls.js';
import type { ReadinessReport } from './readiness.js';

/** The changes of the control environment during the observation period: the changelog from its start. */
export interface PeriodChanges {
  /** The observation period's start. */
  since: IsoDate;
  /** The last commit before the start (or the first commit, when history begins later). */
  base: { commit: string; committedAt?: string };
  /** No commit precedes the period's start: the changes are counted from the repository's first commit. */
  fromFirstCommit: boolean;
  changelog: Changelog;
}

/** One section of the description under its DC 200 heading: what the files say, and what they do not. */
export interface DescriptionSection {
  id: string;
  heading: string;
  /** Sub-headings (DC 3's components) with their items; a part without items is missing. */
  parts: { heading?: string; items: string[]; missing?: string }[];
}

export interface SystemDescription {
  name: string;
  type: ReadinessReport['type'];
  sections: DescriptionSection[];
  /** The parts compliance.yaml does not state, as "DC 3 software (system.components.software)". */
  missing: string[];
}

type System = NonNullable<RepoModel['config']>['data']['system'];

/** Written items only: empty or placeholder text is no description. */
function written(items: readonly string[] | undefined): string[] | undefined {
  const real = (items ?? []).filter((t) => !placeholderIn(t));
  return items === undefined || (real.length === 0 && items.length > 0) ? undefined : real;
}

function part(items: readonly string[] | undefined, field: string, heading?: string): DescriptionSection['parts'][number] {
  const w = written(items);
  return w === undefined ? { ...(heading ? { heading } : {}), items: [], missing: `system.${field} in compliance.yaml` } : { ...(heading ? { heading } : {}), items: w };
}

/**
 * The SOC 2 system description (AICPA DC 200, description criteria DC 1-9) from compliance.yaml's system:
 * fields and from what trustops derives (the TSC in scope and their controls, CUECs, CSOCs, exclusions,
 * the changes of the period). A part that the files do not state is listed as missing, never written for
 * the user.
 */
export function buildSystemDescription(
  model: RepoModel,
  scope: Scope,
  readiness: ReadinessReport,
  complementary: ComplementaryControls,
  changes: PeriodChanges | undefined,
): SystemDescription {
  const system: Partial<System> = model.config?.data.system ?? {};
  const c = system.components ?? {};
  const sections: DescriptionSection[] = [
    { id: 'DC1', heading: 'Types of services provided', parts: [part(system.services, 'services')] },
    {
      id: 'DC2',
      heading: 'Principal service commitments and system requirements',
      parts: [part(system.commitments, 'commitments', 'Service commitments'), part(system.system_requirements, 'system_requirements', 'System requirements')],
    },
    {
      id: 'DC3',
      heading: 'Components of the system used to provide the services',
      parts: [
        part(c.infrastructure, 'components.infrastructure', 'Infrastructure'),
        part(c.software, 'components.software', 'Software'),
        part(c.people, 'components.people', 'People'),
        part(c.procedures, 'components.procedures', 'Procedures'),
        part(c.data, 'components.data', 'Data'),
        part(system.boundaries, 'boundaries', 'System boundaries'),
      ],
    },
    { id: 'DC4', heading: 'System incidents', parts: [incidentsPart(system.incidents, readiness)] },
    { id: 'DC5', heading: 'Applicable trust services criteria and related controls', parts: criteriaParts(model, scope) },
    { id: 'DC6', heading: 'Complementary user entity controls', parts: [part(system.user_entities, 'user_entities', 'User entities'), cuecPart(complementary)] },
    { id: 'DC7', heading: 'Subservice organizations and complementary subservice organization controls', parts: subserviceParts(model, system, complementary) },
    { id: 'DC8', heading: 'Criteria not relevant to the system', parts: [notRelevantPart(model, scope)] },
    { id: 'DC9', heading: 'Significant changes during the period', parts: [changesPart(readiness, changes)] },
  ];
  const missing = sections.flatMap((s) => s.parts.filter((p) => p.missing).map((p) => `${s.id.replace('DC', 'DC ')}${p.heading ? ` ${p.heading.toLowerCase()}` : ''} (${p.missing})`));
  return { name: system.name ?? 'unknown system', type: readiness.type, sections, missing };
}

function incidentsPart(incidents: readonly string[] | undefined, readiness: ReadinessReport): DescriptionSection['parts'][number] {
  if (incidents === undefined) return { items: [], missing: 'system.incidents in compliance.yaml (an empty list states that there were none)' };
  const when = readiness.type === 'type2' && readiness.period ? `during ${readiness.period.start} to ${readiness.period.end}` : `as of ${readiness.asOf}`;
  return { items: incidents.length ? (written(incidents) ?? []) : [`No system incident ${when} resulted from controls that were not suitably designed or operating, or otherwise caused a significant failure of the commitments (compliance.yaml states none).`] };
}

function criteriaParts(model: RepoModel, scope: Scope): DescriptionSection['parts'] {
  const tsc = scope.frameworks.tsc;
  if (!tsc) return [{ items: [], missing: 'frameworks.tsc in compliance.yaml (no Trust Services Criteria are in scope)' }];
  const categories = ['security', ...(model.config?.data.frameworks?.tsc?.categories ?? []).filter((x) => x !== 'security')];
  const items = [`Categories: ${categories.join(', ')} (${tsc.applicable.size} criteria, ${tsc.excluded.size} not relevant).`];
  for (const group of tsc.groups) {
    const ids = tsc.requirements.filter((r) => r.group === group.id && tsc.applicable.has(r.id)).map((r) => r.id);
    if (ids.length === 0) continue;
    const controls = model.controls
      .filter((ctl) => ctl.data.status !== 'retired' && (ctl.data.maps?.tsc ?? []).some((id) => ids.includes(id)))
      .map((ctl) => ctl.data.id)
      .sort(compareText);
    items.push(`${group.id} ${group.name}: ${controls.length ? [...new Set(controls)].join(', ') : 'no control maps to it'}`);
  }
  return [{ items }];
}

function cuecPart(complementary: ComplementaryControls): DescriptionSection['parts'][number] {
  const n = complementary.cuecs.length;
  return {
    heading: 'Complementary user entity controls',
    items: [n ? `${n} complementary user entity controls (CUEC-01 to ${complementary.cuecs[n - 1]!.id}), from the customers' responsibilities (csc:) of the shared-responsibility model; listed in the table below and in system/cuecs.csv.` : 'The shared-responsibility model assigns customers no responsibilities (no csc: text), so no complementary user entity control is assumed.'],
  };
}

function subserviceParts(model: RepoModel, system: Partial<System>, complementary: ComplementaryControls): DescriptionSection['parts'] {
  const vendors = new Map(model.vendors.map((v) => [v.data.id, v.data]));
  const orgs = system.subservice_organizations;
  const relied = [...new Set(complementary.csocs.map((c) => c.vendor))].sort(compareText);
  const listed = new Set((orgs ?? []).map((o) => o.vendor));
  const items = (orgs ?? []).map((o) => {
    const csocs = complementary.csocs.filter((c) => c.vendor === o.vendor);
    const basis = csocs.find((c) => c.attestation)?.attestation;
    return `${vendors.get(o.vendor)?.name ?? o.vendor} (${o.method} method)${o.services ? `: ${o.services}` : ''}; ${csocs.length} complementary subservice organization control${csocs.length === 1 ? '' : 's'}${basis ? `, relying on its ${attestationText(basis)}` : ''}.`;
  });
  const unlisted = relied.filter((v) => !listed.has(v));
  if (unlisted.length) items.push(`The shared-responsibility model also relies on ${unlisted.map((v) => vendors.get(v)?.name ?? v).join(', ')}, which system.subservice_organizations does not list.`);
  return [orgs === undefined ? { items, missing: 'system.subservice_organizations in compliance.yaml (each vendor, and whether the report uses the carve-out or the inclusive method)' } : { items }];
}

function notRelevantPart(model: RepoModel, scope: Scope): DescriptionSection['parts'][number] {
  const tsc = scope.frameworks.tsc;
  if (!tsc) return { items: [] };
  const lines = (model.config?.data.exclusions ?? []).filter((e) => e.framework === 'tsc' && tsc.excluded.has(e.id)).map((e) => `${e.id}: ${e.reason}`);
  return { items: lines.length ? lines : ['None: every criterion of the selected categories is relevant to the system (compliance.yaml excludes none).'] };
}

function changesPart(readiness: ReadinessReport, changes: PeriodChanges | undefined): DescriptionSection['parts'][number] {
  if (readiness.type !== 'type2') return { items: ['Not applicable: a Type I description is as of a date, not over a period.'] };
  if (!changes) return { items: [], missing: 'the git history of the repository back to the start of the observation period (build the packet in a clone with its history)' };
  const c = changes.changelog;
  const from = changes.fromFirstCommit
    ? `The repository's history begins after the period's start (${changes.since}): changes are counted from its first commit ${changes.base.commit.slice(0, 12)}.`
    : `Changes since ${changes.since}: from commit ${changes.base.commit.slice(0, 12)}${changes.base.committedAt ? ` (${changes.base.committedAt})` : ''}, the last before the period began, to this packet's commit.`;
  const items = [
    from,
    ...c.controls.map((d) => `Control ${d.id} ${d.title}: ${d.kind}${d.status ? `, status ${d.status.before ?? '–'} → ${d.status.after ?? '–'}` : ''}${d.weakened.length ? ` (weakened: ${d.weakened.join('; ')})` : ''}`),
    ...c.ssrm.map((s) => `Shared responsibility for ${s.id}: ${s.kind === 'changed' ? `${s.ownership.before} → ${s.ownership.after}` : s.kind}${s.vendor.before !== s.vendor.after ? `, vendor ${s.vendor.before ?? '–'} → ${s.vendor.after ?? '–'}` : ''}`),
    ...c.vendors.filter((v) => v.kind !== 'changed').map((v) => `Vendor ${v.id}: ${v.kind}`),
    ...c.policies.filter((p) => p.kind !== 'changed' || p.version.before !== p.version.after).map((p) => `Policy ${p.id} ${p.title}: ${p.kind === 'changed' ? `version ${p.version.before} → ${p.version.after}` : p.kind}`),
    ...c.risks.filter((r) => r.kind !== 'changed' || r.residual.before !== r.residual.after || r.treatment.before !== r.treatment.after).map((r) => `Risk ${r.id} ${r.title}: ${r.kind === 'changed' ? `residual ${r.residual.before ?? '–'} → ${r.residual.after ?? '–'}, ${r.treatment.after ?? ''}` : r.kind}`),
  ];
  if (items.length === 1) items.push('No control, shared-responsibility, vendor, policy or risk changed during the period.');
  return { items };
}
