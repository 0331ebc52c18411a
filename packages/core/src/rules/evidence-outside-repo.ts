import { shorten } from '../model/findings.js';
import { resolveRecordFile } from '../model/evidence-files.js';
import { defineRule } from './define-rule.js';

export const evidenceOutsideRepo = defineRule({
  id: 'evidence/outside-repo',
  severity: 'error',
  description: 'Evidence file paths stay inside evidence/: no "..", absolute paths or links leading out; such files are never read.',
  check({ model, evidenceFiles, report }) {
    for (const record of model.evidence) {
      (record.data.files ?? []).forEach((file, i) => {
        const resolved = resolveRecordFile(record.source.file, file);
        const facts = 'repoPath' in resolved ? evidenceFiles.get(resolved.repoPath) : undefined;
        const reason = 'outside' in resolved ? resolved.outside : facts?.kind === 'outside' ? facts.reason : undefined;
        if (!reason) return;
        report({
          at: { source: record.source, path: ['files', i, 'path'] },
          message: `evidence path "${shorten(file.path)}" is refused: ${reason}`,
          hint: "Store the file inside this record's folder under evidence/ and give its path relative to the record.",
        });
      });
    }
  },
});
