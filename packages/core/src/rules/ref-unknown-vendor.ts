import { shorten } from '../model/findings.js';
import { suggestClosest } from '@trustops/frameworks';
import { defineRule } from './define-rule.js';
import { knownIds } from './known-ids.js';

export const refUnknownVendor = defineRule({
  id: 'ref/unknown-vendor',
  severity: 'error',
  description: 'A shared-responsibility entry names a vendor that exists under controls/vendors/.',
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
  },
});
