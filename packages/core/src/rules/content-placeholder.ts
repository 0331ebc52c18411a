import { placeholderSections, requiredPolicySections } from '../model/policies.js';
import { placeholderIn } from '../model/placeholders.js';
import { defineRule, type FindingLocation } from './define-rule.js';

const HINT = 'Write the real text: a placeholder never counts as documentation (it meets nothing, and the packet refuses to publish a CAIQ that carries one).';

export const contentPlaceholder = defineRule({
  id: 'content/placeholder',
  severity: 'warning',
  description:
    'SSRM csp/csc texts, control descriptions, required policy sections, exclusion reasons, attestation references, the organization and system names, the owners of controls and policies, and the description, owner and acceptor of each risk are written, not empty or placeholders (TODO, TBD, FIXME, XXX, lorem ipsum, <...>, "to be written").',
  check({ model, report }) {
    const flag = (at: FindingLocation, what: string, text: string | undefined) => {
      const why = placeholderIn(text);
      if (why) report({ at, message: `${what} is ${why === 'empty' ? 'empty' : `a placeholder (${why})`}`, hint: HINT });
    };
    const config = model.config;
    if (config) {
      // Absent or mistyped fields are schema/invalid's to report.
      const { organization, system } = config.data;
      if (organization !== undefined) flag({ source: config.source, path: ['organization'] }, 'the organization', organization);
      if (system?.name !== undefined) flag({ source: config.source, path: ['system', 'name'] }, "the system's name", system.name);
      if (system?.description !== undefined) flag({ source: config.source, path: ['system', 'description'] }, "the system's description", system.description);
    }
    for (const file of model.responsibilities) {
      for (const [id, a] of Object.entries(file.data.assignments)) {
        if (!a) continue;
        for (const field of ['csp', 'csc'] as const) {
          if (a[field] !== undefined) flag({ source: file.source, path: ['assignments', id, field] }, `the SSRM's ${field} text for ${id}`, a[field]);
        }
      }
    }
    for (const c of model.controls) {
      if (c.data.description !== undefined) flag({ source: c.source, path: ['description'] }, `the description of control ${c.data.id}`, c.data.description);
      if (c.data.owner !== undefined) flag({ source: c.source, path: ['owner'] }, `the owner of control ${c.data.id}`, c.data.owner);
    }
    const required = requiredPolicySections(model);
    for (const p of model.policies) {
      if (p.data.owner !== undefined) flag({ source: p.source, path: ['owner'] }, `the owner of policy ${p.data.id}`, p.data.owner);
      for (const { section, why } of placeholderSections(p, required)) {
        report({
          at: { file: p.source.file, line: section.line, column: 1 },
          message: `the "${section.heading}" section of policy ${p.data.id} is ${why === 'empty' ? 'empty' : `a placeholder (${why})`}`,
          hint: HINT,
        });
      }
    }
    (model.config?.data.exclusions ?? []).forEach((e, i) => {
      if (e.reason !== undefined) flag({ source: model.config!.source, path: ['exclusions', i, 'reason'] }, `the reason for excluding ${e.id}`, e.reason);
    });
    for (const r of model.risks) {
      if (r.data.description !== undefined) flag({ source: r.source, path: ['description'] }, `the description of risk ${r.data.id}`, r.data.description);
      flag({ source: r.source, path: ['owner'] }, `the owner of risk ${r.data.id}`, r.data.owner);
      (r.data.assets ?? []).forEach((a, i) => flag({ source: r.source, path: ['assets', i] }, `an asset of risk ${r.data.id}`, a));
      if (r.data.acceptance?.by !== undefined) flag({ source: r.source, path: ['acceptance', 'by'] }, `the acceptor of risk ${r.data.id}`, r.data.acceptance.by);
    }
    for (const v of model.vendors) {
      (v.data.attestations ?? []).forEach((a, i) => {
        if (a.reference !== undefined) flag({ source: v.source, path: ['attestations', i, 'reference'] }, `the reference of ${v.data.id}'s ${a.type ?? 'attestation'}`, a.reference);
      });
    }
  },
});
