import { shorten } from '../model/findings.js';
import { posix } from 'node:path';
import { defineRule } from './define-rule.js';

export const idFileName = defineRule({
  id: 'id/file-name',
  severity: 'warning',
  description: 'A control, vendor or risk file is named after its id (controls/iam/IAM-MFA.yaml, risks/R-003.yaml), so people and links find it.',
  check({ model, report }) {
    for (const entity of [...model.controls, ...model.vendors, ...model.risks]) {
      const base = posix.basename(entity.source.file).replace(/\.ya?ml$/, '');
      // An id that failed validation is pruned; schema/invalid reports it.
      if (entity.data.id === undefined || base === entity.data.id) continue;
      report({
        at: { source: entity.source, path: ['id'] },
        message: `the file is named ${shorten(base)} but holds ${shorten(entity.data.id)}`,
        hint: `Rename the file to ${entity.data.id}${posix.extname(entity.source.file)}.`,
      });
    }
  },
});
