import type { RepoModel } from '../load/load-repo.js';
import { resolveRecordFile } from '../model/evidence-files.js';
import { defineRule, type FindingLocation } from './define-rule.js';

export const evidenceRewritten = defineRule({
  id: 'evidence/rewritten',
  severity: 'error',
  description: 'With --base: evidence is append-only; an existing evidence record or file is never changed, moved or deleted (adding exceptions: to a record is allowed).',
  check({ model, history, report }) {
    if (!history) return;
    for (const change of history.changes) {
      const path = change.oldPath ?? change.path;
      if (!path.startsWith('evidence/') || change.status === 'added') continue;
      if (change.status === 'modified' && onlyAnnotated(path, history.base, model)) continue;
      const verb = change.status === 'deleted' ? 'deleted' : change.status === 'renamed' ? `moved to ${change.path}` : 'changed';
      report({
        at: { file: change.status === 'deleted' ? path : change.path, line: 1 },
        message: `evidence ${path} was ${verb} after it was collected (since ${history.baseLabel})`,
        hint: 'Restore the original; to correct evidence, add a new record (and file) that supersedes it.',
        related: recordsOf(path, history.base).map((at) => ({ at, message: `the record that collected ${path} (in ${history.baseLabel})` })),
      });
    }
  },
});

/**
 * A record whose only change is in `exceptions:` has been annotated, not rewritten: a reviewer may record
 * the deviations a record shows after it was collected, but what it showed (period, files, digests) stays.
 */
function onlyAnnotated(path: string, base: RepoModel, head: RepoModel): boolean {
  const before = base.evidence.find((r) => r.source.file === path);
  const after = head.evidence.find((r) => r.source.file === path);
  if (!before || !after) return false;
  const { exceptions: _b, ...shownBefore } = before.data;
  const { exceptions: _a, ...shownAfter } = after.data;
  return JSON.stringify(sortKeys(shownBefore)) === JSON.stringify(sortKeys(shownAfter));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sortKeys(v)]));
  return value;
}

/** Where BASE's records list an evidence file (a changed artefact points back at what collected it). */
function recordsOf(path: string, base: RepoModel): FindingLocation[] {
  const out: FindingLocation[] = [];
  for (const record of base.evidence) {
    (record.data.files ?? []).forEach((f, i) => {
      const resolved = resolveRecordFile(record.source.file, f);
      if ('repoPath' in resolved && resolved.repoPath === path) out.push({ source: record.source, path: ['files', i, 'path'] });
    });
  }
  return out;
}
