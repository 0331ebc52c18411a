import { resolveRecordFile } from '../model/evidence-files.js';
import { defineRule } from './define-rule.js';

export const evidenceMissingFile = defineRule({
  id: 'evidence/missing-file',
  severity: 'error',
  description: 'Every file an evidence record lists exists beside it.',
  check({ model, evidenceFiles, report }) {
    for (const record of model.evidence) {
      (record.data.files ?? []).forEach((file, i) => {
        const resolved = resolveRecordFile(record.source.file, file);
        if (!('repoPath' in resolved)) return;
        const facts = evidenceFiles.get(resolved.repoPath);
        if (facts?.kind !== 'missing' && facts?.kind !== 'not-a-file') return;
        report({
          at: { source: record.source, path: ['files', i, 'path'] },
          message: facts.kind === 'missing' ? `evidence file ${resolved.repoPath} does not exist` : `${resolved.repoPath} is not a file`,
          hint: 'Commit the file next to the record, or correct the path (relative to the record’s folder).',
        });
      });
    }
  },
});
