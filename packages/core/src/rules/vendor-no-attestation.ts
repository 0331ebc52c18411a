import { vendorStanding } from '../score/vendor-standing.js';
import { defineRule } from './define-rule.js';
import { reliedOnVendors } from './vendor-coverage-gap.js';

export const vendorNoAttestation = defineRule({
  id: 'vendor/no-attestation',
  severity: 'warning',
  description:
    'A vendor the program relies on (the SSRM, or a control\'s vendors:) lists at least one attestation, or a current review of ours (reviews:) where it has no report.',
  check({ model, index, today, report }) {
    for (const [vendorId, reliedBy] of reliedOnVendors(model)) {
      const vendor = index.vendors.get(vendorId);
      if (!vendor || (vendor.data.attestations ?? []).length > 0) continue;
      if (vendorStanding(vendor.data, today).review) continue;
      const controls = reliedBy.filter((x) => !x.startsWith('control '));
      const dependents = reliedBy.filter((x) => x.startsWith('control ')).map((x) => x.slice('control '.length));
      const parts = [
        controls.length ? `${controls.length} CCM control(s) (${controls.slice(0, 5).join(', ')}${controls.length > 5 ? ', ...' : ''})` : '',
        dependents.length ? `control(s) ${dependents.slice(0, 5).join(', ')}${dependents.length > 5 ? ', ...' : ''}` : '',
      ].filter(Boolean);
      report({
        at: { source: vendor.source, path: ['id'] },
        message: `vendor ${vendorId} carries ${parts.join(' and ')} but lists no attestation and no current review of ours`,
        hint: 'Add attestations: with the SOC 2 report, ISO 27001 or CSA STAR certificate you reviewed, or record your own review under reviews: (on, by, outcome).',
      });
    }
  },
});
