import { attestationValidity } from '../model/vendors.js';
import { defineRule } from './define-rule.js';

export const vendorAttestationExpired = defineRule({
  id: 'vendor/attestation-expired',
  severity: 'warning',
  description: 'A vendor with attestations has at least one current: a SOC 2 period ended within 12 months, or an unexpired certificate.',
  check({ model, today, report }) {
    for (const vendor of model.vendors) {
      const attestations = vendor.data.attestations ?? [];
      if (attestations.length === 0) continue;
      const validity = attestations.map((a) => attestationValidity(a, today));
      if (validity.some((v) => v.current)) continue;
      // Point at the attestation that lapsed last: the one to renew.
      let latest = 0;
      validity.forEach((v, i) => {
        if ((v.until ?? '') > (validity[latest]!.until ?? '')) latest = i;
      });
      const a = attestations[latest]!;
      // A type that failed validation is pruned; schema/invalid reports it.
      const type = a.type ?? 'attestation';
      const until = validity[latest]!.until;
      report({
        at: { source: vendor.source, path: ['attestations', latest, a.period ? 'period' : a.expires ? 'expires' : 'type'] },
        message: until
          ? `vendor ${vendor.data.id} has no current attestation: its latest ${type} lapsed on ${until}`
          : `vendor ${vendor.data.id} has no current attestation: ${type} has no ${type.startsWith('soc2') ? 'period' : 'expiry date'}`,
        hint: type.startsWith('soc2')
          ? `Obtain ${vendor.data.name}'s newest SOC 2 report (or a bridge letter), review it and record its period and reviewed_on.`
          : `Record the renewed certificate's expires date after checking it.`,
      });
    }
  },
});
