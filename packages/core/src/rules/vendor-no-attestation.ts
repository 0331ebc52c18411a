import { defineRule } from './define-rule.js';

export const vendorNoAttestation = defineRule({
  id: 'vendor/no-attestation',
  severity: 'warning',
  description: 'A vendor that the shared-responsibility model relies on lists at least one attestation.',
  check({ model, index, report }) {
    const reliedOn = new Map<string, string[]>();
    for (const file of model.responsibilities) {
      for (const [id, a] of Object.entries(file.data.assignments)) {
        if (a?.vendor) reliedOn.set(a.vendor, [...(reliedOn.get(a.vendor) ?? []), id]);
      }
    }
    for (const [vendorId, controls] of reliedOn) {
      const vendor = index.vendors.get(vendorId);
      if (!vendor || (vendor.data.attestations ?? []).length > 0) continue;
      report({
        at: { source: vendor.source, path: ['id'] },
        message: `vendor ${vendorId} carries ${controls.length} CCM control(s) (${controls.slice(0, 5).join(', ')}${controls.length > 5 ? ', ...' : ''}) but lists no attestation`,
        hint: 'Add attestations: with the SOC 2 report, ISO 27001 or CSA STAR certificate you reviewed.',
      });
    }
  },
});
