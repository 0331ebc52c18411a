import { shorten } from '../model/findings.js';
import { suggestClosest } from '@trustops/frameworks';
import { defineRule } from './define-rule.js';
import { knownIds } from './known-ids.js';

export const refUnknownVendor = defineRule({
  id: 'ref/unknown-vendor',
  severity: 'error',
  description: 'A shared-responsibility entry, or a subservice organisation of the system description, names a vendor that exists under controls/vendors/.',
  check({ model, index, report }) {
    for (const file of model.responsibilities) {
      for (const [id, assignment] of Object.entries(file.data.assignments)) {
        const vendor = assignment?.vendor;
        if (vendor === undefined || index.vendors.has(vendor)) continue;
        const guess = suggestClosest(vendor, knownIds(index.vendors));
        report({
          at: { source: file.source, path: ['assignments', id, 'vendor'] },
          message: `${id} names vendor "${shorten(vendor)}", which does not exist`,
          hint: guess ? `Did you mean "${guess}"?` : `Create controls/vendors/${vendor}.yaml or correct the id.`,
        });
      }
    }
    const config = model.config;
    (config?.data.system.subservice_organizations ?? []).forEach((org, i) => {
      if (!config || org.vendor === undefined || index.vendors.has(org.vendor)) return;
      const guess = suggestClosest(org.vendor, knownIds(index.vendors));
      report({
        at: { source: config.source, path: ['system', 'subservice_organizations', i, 'vendor'] },
        message: `the subservice organisation "${org.vendor}" is not a vendor under controls/vendors/`,
        hint: guess ? `Did you mean "${guess}"?` : `Create controls/vendors/${org.vendor}.yaml (its attestations are what the report relies on) or correct the id.`,
      });
    });
  },
});
