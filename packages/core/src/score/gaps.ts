import { getCcmMapping, invertCcmMapping, resolveCcmVersion, type FrameworkKey } from '@trustops/frameworks';
import type { RepoModel } from '../load/load-repo.js';
import type { ReadinessReport, RequirementResult, StatusReason } from './readiness.js';

/** A control of ours that already covers a requirement CSA maps to the one in question. */
export interface MappingSuggestion {
  control: string;
  /** The requirement the control already maps to (e.g. CC6.1). */
  via: string;
  viaFramework: FrameworkKey;
  /** CSA's gap level for the CCM control in that mapping. */
  gapLevel: string;
  text: string;
}

export interface GapItem {
  framework: FrameworkKey;
  id: string;
  title: string;
  group: string;
  status: 'gap' | 'partial';
  /** What would close it, in words. */
  actions: string[];
  suggestions: MappingSuggestion[];
}

export interface GapGroup {
  framework: FrameworkKey;
  id: string;
  name: string;
  readiness: number | null;
  items: GapItem[];
}

/**
 * Everything not met, grouped by domain (series, theme), worst group first; for each, what would close
 * it and which of our controls already cover an equivalent requirement according to CSA's mappings.
 */
export function computeGaps(model: RepoModel, report: ReadinessReport): GapGroup[] {
  const ccmVersion = model.config?.data.frameworks?.ccm?.version;
  const version = ccmVersion ? resolveCcmVersion(ccmVersion) : undefined;
  const controlMaps = new Map<string, Partial<Record<FrameworkKey, readonly string[]>>>();
  for (const c of model.controls) if (c.data.status !== 'retired' && !controlMaps.has(c.data.id)) controlMaps.set(c.data.id, c.data.maps ?? {});

  const out: GapGroup[] = [];
  for (const fw of Object.values(report.frameworks)) {
    if (!fw) continue;
    for (const group of fw.groups) {
      const items = fw.requirements
        .filter((r) => r.group === group.id && (r.status === 'gap' || r.status === 'partial'))
        .map((r) => ({
          framework: fw.key,
          id: r.id,
          title: r.title,
          group: r.group,
          status: r.status as 'gap' | 'partial',
          actions: actionsFor(r),
          suggestions: version ? suggestMappings(fw.key, r.id, version, controlMaps) : [],
        }));
      if (items.length) out.push({ framework: fw.key, id: group.id, name: group.name, readiness: group.readiness, items });
    }
  }
  // Worst first; ties keep framework and catalog order.
  return out
    .map((g, i) => ({ g, i }))
    .sort((a, b) => (a.g.readiness ?? 1) - (b.g.readiness ?? 1) || a.i - b.i)
    .map(({ g }) => g);
}

function actionsFor(r: RequirementResult): string[] {
  const actions: string[] = [];
  const controls = r.reasons.filter((x): x is Extract<StatusReason, { kind: 'control' }> => x.kind === 'control');
  for (const reason of r.reasons) {
    if (reason.kind === 'vendor' && !reason.current) actions.push(`vendor ${reason.vendor}: ${reason.note}; obtain and review a current attestation (${reason.file}:${reason.line})`);
    if (reason.kind === 'vendor' && reason.current && reason.coverageGaps?.length) {
      actions.push(`vendor ${reason.vendor}: obtain and review a bridge letter (or its next SOC 2 Type II report) covering ${reason.coverageGaps.map((g) => `${g.start}..${g.end}`).join(', ')} (${reason.file}:${reason.line})`);
    }
    if (reason.kind === 'ssrm' && reason.ownership === 'csc-owned' && r.status !== 'met') actions.push(`write the customers' responsibilities (csc:) for ${r.id} (${reason.file}:${reason.line})`);
    if (reason.kind === 'placeholder') actions.push(`write ${reason.field === 'csp' ? 'our implementation description (csp:)' : "the customers' responsibilities (csc:)"} for ${r.id}: it is a placeholder (${reason.file}:${reason.line})`);
    if (reason.kind === 'no-control' && reason.note.startsWith('vendor')) actions.push(reason.note);
    if (reason.kind === 'policy' && !reason.counts) actions.push(`policy ${reason.policy}: ${reason.issues.join('; ')} (${reason.file}:${reason.line})`);
    if (reason.kind === 'risk-register' && !reason.counts) actions.push(...reason.issues.map((i) => `risk ${i}`));
  }
  const clause = r.group === 'clauses';
  const others = r.reasons.some((x) => x.kind === 'policy' || x.kind === 'risk-register');
  if (controls.length === 0 && !others && r.status === 'gap' && !r.reasons.some((x) => x.kind === 'ssrm' && x.ownership === 'csc-owned')) {
    actions.push(
      clause
        ? `map a control or a policy to ${r.id} (maps: { iso27001: ["${r.id}"] }); an ISMS clause cannot be excluded`
        : `add a control that maps to ${r.id}, or exclude it in compliance.yaml with a reason`,
    );
  }
  for (const c of controls) {
    if (c.counts) continue;
    for (const issue of c.issues) actions.push(`${c.control}: ${issue} (${c.file}:${c.line})`);
  }
  if (r.status === 'partial' && controls.length > 0 && controls.every((c) => c.counts) && actions.length === 0) {
    actions.push(`our part is met; the third party's part is not vouched for`);
  }
  return [...new Set(actions)];
}

/**
 * For a requirement nobody covers: our controls that map to a requirement CSA considers related. For a CCM
 * control X, CSA maps X to TSC/ISO targets; a control of ours mapping one of those targets may cover X.
 * For a TSC/ISO requirement Y, CSA maps CCM controls to Y; a control of ours mapping one of those may.
 */
function suggestMappings(
  framework: FrameworkKey,
  id: string,
  ccmVersion: string,
  controlMaps: Map<string, Partial<Record<FrameworkKey, readonly string[]>>>,
): MappingSuggestion[] {
  const suggestions: MappingSuggestion[] = [];
  const add = (control: string, via: string, viaFramework: FrameworkKey, gapLevel: string, text: string) => {
    if (!suggestions.some((s) => s.control === control && s.via === via)) suggestions.push({ control, via, viaFramework, gapLevel, text });
  };
  if (framework === 'ccm') {
    for (const target of ['tsc', 'iso27001'] as const) {
      const entry = getCcmMapping(ccmVersion, target).get(id);
      if (!entry || entry.relationship === 'no-relationship') continue;
      for (const [control, maps] of controlMaps) {
        if ((maps.ccm ?? []).includes(id)) continue;
        for (const via of entry.targets) {
          if ((maps[target] ?? []).includes(via)) {
            add(control, via, target, entry.gapLevel, `control ${control} covers ${via}, which CSA maps to ${id} (${entry.gapLevel}${entry.derived ? ', derived for v4.1' : ''}): map it?`);
          }
        }
      }
    }
  } else {
    const inverse = invertCcmMapping(getCcmMapping(ccmVersion, framework));
    for (const ccmId of inverse.get(id) ?? []) {
      const gapLevel = getCcmMapping(ccmVersion, framework).get(ccmId)?.gapLevel ?? '';
      for (const [control, maps] of controlMaps) {
        if ((maps[framework] ?? []).includes(id)) continue;
        if ((maps.ccm ?? []).includes(ccmId)) add(control, ccmId, 'ccm', gapLevel, `control ${control} covers ${ccmId}, which CSA maps to ${id} (${gapLevel}): map it?`);
      }
    }
  }
  return suggestions.slice(0, 5);
}
