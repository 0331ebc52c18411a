import { resolveRecordFile } from '../model/evidence-files.js';
import { defineRule } from './define-rule.js';

export const evidenceHashMismatch = defineRule({
  id: 'evidence/hash-mismatch',
  severity: 'error',
  description: "An evidence file's SHA-256 equals the digest its record states; a mismatch means it changed after collection.",
  check({ model, evidenceFiles, report }) {
    for (const record of model.evidence) {
      (record.data.files ?? []).forEach((file, i) => {
        // A digest that failed validation is pruned: schema/invalid reports it, there is nothing to compare.
        if (file.sha256 === undefined) return;
        const resolved = resolveRecordFile(record.source.file, file);
        if (!('repoPath' in resolved)) return;
        const facts = evidenceFiles.get(resolved.repoPath);
        if (facts?.kind !== 'file' || facts.sha256 === file.sha256) return;
        report({
          at: { source: record.source, path: ['files', i, 'sha256'] },
          message: `${resolved.repoPath} does not match its recorded SHA-256 (file is ${facts.sha256.slice(0, 12)}…, record says ${file.sha256.slice(0, 12)}…)`,
          hint: 'Evidence is append-only: restore the original file; if the record was wrong, collect new evidence in a new record.',
        });
      });
    }
  },
});
