import { getCcmMapping, invertCcmMapping } from '@trustops/frameworks';
import type { RepoModel } from '../load/load-repo.js';
import { compareText } from '../model/findings.js';
import type { Scope } from '../model/scope.js';
import type { ReadinessReport, RequirementStatus } from './readiness.js';

/** How an Annex A control is implemented, in the words of a Statement of Applicability. */
export type SoaImplementation = 'implemented' | 'partially implemented' | 'not implemented' | 'not applicable';

/** One row of the Statement of Applicability (ISO/IEC 27001:2022 clause 6.1.3 d). */
export interface SoaRow {
  id: string;
  title: string;
  theme: string;
  themeName: string;
  applicable: boolean;
  /** Why it is included (the risks and requirements that need it), or why it is excluded (compliance.yaml). */
  justification: string;
  /** Risks of the register treated by the controls that implement it. */
  risks: string[];
  /** In-scope CCM controls that CSA maps to it ("No Gap" or "Partial Gap"). */
  requirements: string[];
  implementation: SoaImplementation;
  /** The readiness status it comes from (met, inherited, partial, gap, excluded). */
  status: RequirementStatus;
  /** Controls of ours that map to it (not retired). */
  controls: string[];
  /** Policies mapped to it, and the policies its controls carry out. */
  policies: string[];
  /** Vendors it is inherited from (through the SSRM and CSA's mapping). */
  vendors: string[];
}

export interface StatementOfApplicability {
  /** The view the implementation status is taken from. */
  type: ReadinessReport['type'];
  asOf: string;
  period?: ReadinessReport['period'];
  rows: SoaRow[];
  counts: { applicable: number; excluded: number; implemented: number; partial: number; notImplemented: number };
}

const IMPLEMENTATION: Record<RequirementStatus, SoaImplementation> = {
  met: 'implemented',
  inherited: 'implemented',
  partial: 'partially implemented',
  gap: 'not implemented',
  excluded: 'not applicable',
};

/**
 * The Statement of Applicability: every Annex A control, applicable or not, with its justification and
 * implementation status as readiness computed it. Undefined when ISO 27001 is not in scope.
 */
export function buildSoa(model: RepoModel, scope: Scope, readiness: ReadinessReport): StatementOfApplicability | undefined {
  const fw = scope.frameworks.iso27001;
  const result = readiness.frameworks.iso27001;
  if (!fw || !result) return undefined;
  const statuses = new Map(result.requirements.map((r) => [r.id, r]));
  const themes = new Map(fw.catalog.groups.map((g) => [g.id, g.name]));
  // Who maps to each Annex A id, indexed once (first definition of a control id; retired ones implement nothing).
  const seen = new Set<string>();
  const controlsFor = new Map<string, (typeof model.controls)[number][]>();
  for (const c of model.controls) {
    if (seen.has(c.data.id)) continue;
    seen.add(c.data.id);
    if (c.data.status === 'retired') continue;
    for (const id of new Set((c.data.maps?.iso27001 ?? []).flatMap((ref) => fw.resolve(ref)))) controlsFor.set(id, [...(controlsFor.get(id) ?? []), c]);
  }
  const mapsTo = (maps: { iso27001?: string[] } | undefined, id: string) => (maps?.iso27001 ?? []).some((ref) => fw.resolve(ref).includes(id));
  const ccm = scope.frameworks.ccm;
  const ccmFor = ccm ? invertCcmMapping(getCcmMapping(ccm.catalog.version, 'iso27001')) : new Map<string, readonly string[]>();

  const rows = fw.catalog.requirements.map((req): SoaRow => {
    const r = statuses.get(req.id);
    const status = r?.status ?? 'gap';
    const implementing = controlsFor.get(req.id) ?? [];
    const controlIds = implementing.map((c) => c.data.id).sort(compareText);
    const policies = new Set<string>([
      ...model.policies.filter((p) => mapsTo(p.data.maps, req.id)).map((p) => p.data.id),
      ...implementing.flatMap((c) => c.data.policies ?? []),
    ]);
    const risks = model.risks.filter((risk) => (risk.data.controls ?? []).some((id) => controlIds.includes(id))).map((risk) => risk.data.id);
    const requirements = ccm ? (ccmFor.get(req.id) ?? []).filter((id) => ccm.applicable.has(id) && !ccm.excluded.has(id)) : [];
    const vendors = (r?.reasons ?? []).flatMap((x) => (x.kind === 'via-ccm' ? x.vendors : x.kind === 'vendor' ? [x.vendor] : []));
    const exclusion = fw.excluded.get(req.id);
    return {
      id: req.id,
      title: req.title,
      theme: req.group,
      themeName: themes.get(req.group) ?? req.group,
      applicable: exclusion === undefined,
      justification: exclusion ?? inclusionText([...new Set(risks)].sort(compareText), requirements, controlIds, [...new Set(vendors)]),
      risks: [...new Set(risks)].sort(compareText),
      requirements: [...requirements],
      implementation: IMPLEMENTATION[status],
      status,
      controls: controlIds,
      policies: [...policies].sort(compareText),
      vendors: [...new Set(vendors)].sort(compareText),
    };
  });
  const count = (p: (r: SoaRow) => boolean) => rows.filter(p).length;
  return {
    type: readiness.type,
    asOf: readiness.asOf,
    ...(readiness.period ? { period: readiness.period } : {}),
    rows,
    counts: {
      applicable: count((r) => r.applicable),
      excluded: count((r) => !r.applicable),
      implemented: count((r) => r.implementation === 'implemented'),
      partial: count((r) => r.implementation === 'partially implemented'),
      notImplemented: count((r) => r.implementation === 'not implemented'),
    },
  };
}

/** Why an applicable control is in: the risks it treats and the requirements it serves; never an invented reason. */
function inclusionText(risks: string[], requirements: readonly string[], controls: string[], vendors: string[]): string {
  const parts: string[] = [];
  if (risks.length) parts.push(`treats risk${risks.length === 1 ? '' : 's'} ${risks.join(', ')}`);
  if (requirements.length) {
    // The full list is in the row's requirements; a sentence names the first few.
    const named = requirements.length > 6 ? `${requirements.slice(0, 6).join(', ')} and ${requirements.length - 6} more` : requirements.join(', ');
    parts.push(`required for CSA STAR: CSA maps CCM ${named} to it`);
  }
  if (vendors.length && controls.length === 0) parts.push(`carried by ${vendors.join(', ')} (inherited)`);
  if (parts.length === 0) return 'Applicable: not excluded in compliance.yaml; no risk of the register or CCM requirement names it yet.';
  const text = parts.join('; ');
  return `Applicable: ${text}.`;
}
