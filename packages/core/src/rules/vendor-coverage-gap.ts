import type { RepoModel } from '../load/load-repo.js';
import { gapsText } from '../score/vendor-standing.js';
import { defineRule } from './define-rule.js';

/**
 * Vendors the program relies on: named by the SSRM for third-party ownership (CCM ids), and, unless
 * `ssrmOnly`, by a control's vendors: ("control IAM-MFA").
 */
export function reliedOnVendors(model: RepoModel, ssrmOnly = false): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (vendor: string, by: string) => out.set(vendor, [...(out.get(vendor) ?? []), by]);
  for (const file of model.responsibilities) {
    for (const [id, a] of Object.entries(file.data.assignments)) if (a?.vendor) add(a.vendor, id);
  }
  if (!ssrmOnly) for (const c of model.controls) if (c.data.status !== 'retired') for (const v of c.data.vendors ?? []) add(v, `control ${c.data.id}`);
  return out;
}

export const vendorCoverageGap = defineRule({
  id: 'vendor/coverage-gap',
  severity: 'warning',
  description:
    "SOC 2 Type II: the reviewed SOC 2 Type II reports and bridge letters of every vendor the SSRM relies on cover the observation period up to today; requirements inherited from a vendor with a gap are partial.",
  check({ model, index, readiness, report }) {
    if (readiness.type !== 'type2' || !readiness.period) return;
    for (const [vendorId, reliedBy] of reliedOnVendors(model, true)) {
      const vendor = index.vendors.get(vendorId);
      const assessed = readiness.vendors.get(vendorId);
      if (!vendor || !assessed || assessed.coverageGaps.length === 0) continue;
      const attestations = vendor.data.attestations ?? [];
      // Point at the report or letter that ends last: the one the gap follows.
      const last = attestations
        .map((a, i) => ({ a, i }))
        .filter(({ a }) => (a.type === 'soc2-type2' || a.type === 'bridge-letter') && a.period?.end)
        .sort((x, y) => (x.a.period!.end < y.a.period!.end ? 1 : -1))[0];
      report({
        at: { source: vendor.source, path: last ? ['attestations', last.i, 'period'] : attestations.length ? ['attestations'] : ['id'] },
        message: `vendor ${vendorId}: no reviewed SOC 2 Type II report or bridge letter covers ${gapsText(assessed.coverageGaps)} of the observation period ${readiness.period.start}..${readiness.period.end} (relied on by ${reliedBy.slice(0, 3).join(', ')}${reliedBy.length > 3 ? `, and ${reliedBy.length - 3} more` : ''})`,
        hint: `Ask ${vendor.data.name} for a bridge letter covering the gap (attestations: - type: bridge-letter, period, reviewed_on), or for its next SOC 2 Type II report, and review it.`,
      });
    }
  },
});
