import { defineRule } from './define-rule.js';

const THIRD_PARTY = new Set(['third-party-outsourced', 'shared-csp-third-party']);

export const ssrmVendorRequired = defineRule({
  id: 'ssrm/vendor-required',
  severity: 'error',
  description: 'A third-party-outsourced or shared-csp-third-party entry names the vendor it relies on.',
  check({ model, report }) {
    for (const file of model.responsibilities) {
      for (const [id, assignment] of Object.entries(file.data.assignments)) {
        if (!assignment || !THIRD_PARTY.has(assignment.ownership) || assignment.vendor) continue;
        report({
          at: { source: file.source, path: ['assignments', id, 'ownership'] },
          message: `${id} is ${assignment.ownership} but names no vendor`,
          hint: 'Add vendor: <id> naming the third party (a file under controls/vendors/), whose attestation you review.',
        });
      }
    }
  },
});
