import { defineRule } from './define-rule.js';

export const evidenceFileReused = defineRule({
  id: 'evidence/file-reused',
  severity: 'warning',
  description:
    'The same file (by SHA-256) is not shown again for another window of one evidence item; a reused record covers nothing new unless it says unchanged_snapshot: true.',
  check({ model, readiness, report }) {
    // Only the reused records: a map of every record was ~6 MB of old-space garbage at 100,000 records.
    const byFile = new Map(readiness.records.filter((r) => r.reusedFrom).map((r) => [r.file, r]));
    if (byFile.size === 0) return;
    for (const record of model.evidence) {
      const assessed = byFile.get(record.source.file);
      if (!assessed?.reusedFrom) continue;
      report({
        at: { source: record.source, path: ['files', 0, 'sha256'] },
        message: `the files of this record are those ${assessed.reusedFrom.file} already showed; it covers nothing beyond that record's window`,
        hint: 'Collect the evidence again for this window; if the artefact truly did not change (a configuration export), say so with unchanged_snapshot: true.',
        related: [{ at: { file: assessed.reusedFrom.file, line: assessed.reusedFrom.line }, message: 'the record that first showed these files' }],
      });
    }
  },
});
