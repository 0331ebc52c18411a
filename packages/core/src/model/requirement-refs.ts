import type { FrameworkKey } from '@trustops/frameworks';
import type { PathSegment, YamlSource } from '../load/yaml-source.js';
import type { RepoModel } from '../load/load-repo.js';

/** One place where a file names a requirement id of a framework. */
export interface RequirementRef {
  framework: FrameworkKey;
  id: string;
  source: YamlSource;
  path: PathSegment[];
  target: 'key' | 'value';
  /** Who refers, for messages: "control IAM-MFA", "policy POL-ACCESS". */
  owner: string;
}

const KEYS: readonly FrameworkKey[] = ['ccm', 'tsc', 'iso27001'];

/** Every requirement id the repository names: control and policy maps, exclusions, SSRM entries. */
export function collectRequirementRefs(model: RepoModel): readonly RequirementRef[] {
  // Four rules and the version switch ask; one list per model (a list of ~40,000 refs each time was
  // ~15 MB of old-space garbage at 10,000 controls). The model is not changed after loading.
  let refs = refsByModel.get(model);
  if (!refs) refsByModel.set(model, (refs = listRequirementRefs(model)));
  return refs;
}

const refsByModel = new WeakMap<RepoModel, readonly RequirementRef[]>();

function listRequirementRefs(model: RepoModel): RequirementRef[] {
  const refs: RequirementRef[] = [];
  const fromMaps = (source: YamlSource, owner: string, maps: Partial<Record<FrameworkKey, string[]>> | undefined) => {
    for (const framework of KEYS) {
      (maps?.[framework] ?? []).forEach((id, i) =>
        refs.push({ framework, id, source, path: ['maps', framework, i], target: 'value', owner }),
      );
    }
  };
  for (const c of model.controls) fromMaps(c.source, `control ${c.data.id}`, c.data.maps);
  for (const p of model.policies) fromMaps(p.source, `policy ${p.data.id}`, p.data.maps);
  if (model.config) {
    (model.config.data.exclusions ?? []).forEach((e, i) => {
      // An id that failed validation (empty) is pruned; schema/invalid reports it.
      if (e.id === undefined) return;
      refs.push({ framework: e.framework, id: e.id, source: model.config!.source, path: ['exclusions', i, 'id'], target: 'value', owner: 'an exclusion' });
    });
  }
  for (const r of model.responsibilities) {
    for (const id of Object.keys(r.data.assignments)) {
      refs.push({ framework: 'ccm', id, source: r.source, path: ['assignments', id], target: 'key', owner: 'the shared-responsibility model' });
    }
  }
  return refs;
}
