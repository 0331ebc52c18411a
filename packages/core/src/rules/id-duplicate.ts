import { shorten } from '../model/findings.js';
import { resolveLocation, defineRule, type FindingLocation, type ReportDescriptor } from './define-rule.js';

export const idDuplicate = defineRule({
  id: 'id/duplicate',
  severity: 'error',
  description: 'Control, policy, vendor and risk ids are unique across files; evidence item ids within a control; one SSRM entry per control.',
  check({ model, report }) {
    const groups: [string, { id: string; at: FindingLocation }[]][] = [
      ['control', model.controls.map((c) => ({ id: c.data.id, at: { source: c.source, path: ['id'] } }))],
      ['policy', model.policies.map((p) => ({ id: p.data.id, at: { source: p.source, path: ['id'] } }))],
      ['vendor', model.vendors.map((v) => ({ id: v.data.id, at: { source: v.source, path: ['id'] } }))],
      ['risk', model.risks.map((r) => ({ id: r.data.id, at: { source: r.source, path: ['id'] } }))],
      [
        'shared-responsibility entry for',
        model.responsibilities.flatMap((r) =>
          Object.keys(r.data.assignments).map((id) => ({
            id,
            at: { source: r.source, path: ['assignments', id], target: 'key' as const },
          })),
        ),
      ],
    ];
    for (const [kind, entries] of groups) reportRepeats(kind, entries, report);
    for (const control of model.controls) {
      reportRepeats(
        `evidence item of ${control.data.id}:`,
        (control.data.evidence ?? []).map((item, i) => ({
          id: item.id,
          at: { source: control.source, path: ['evidence', i, 'id'] },
        })),
        report,
      );
    }
  },
});

function reportRepeats(
  kind: string,
  entries: { id: string; at: FindingLocation }[],
  report: (d: ReportDescriptor) => void,
): void {
  const first = new Map<string, FindingLocation>();
  for (const entry of entries) {
    // An id that failed validation is pruned; schema/invalid reports it.
    if (entry.id === undefined) continue;
    const earlier = first.get(entry.id);
    if (!earlier) {
      first.set(entry.id, entry.at);
      continue;
    }
    const where = resolveLocation(earlier);
    report({
      at: entry.at,
      message: `duplicate ${kind} ${shorten(entry.id)}`,
      hint: `${entry.id} is already defined at ${where.file}:${where.line}; give this one another id or merge the two.`,
      related: [{ at: earlier, message: `the first definition of ${entry.id}` }],
    });
  }
}
