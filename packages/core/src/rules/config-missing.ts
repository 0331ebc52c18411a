import type { RepoModel } from '../load/load-repo.js';
import { classifyPath, type SourceFile } from '../load/source-files.js';
import { TrustopsError } from '../model/errors.js';
import { defineRule } from './define-rule.js';

const MESSAGE = 'compliance.yaml is missing, so nothing is in scope';
const HINT = 'Create compliance.yaml at the repository root with organization, system and frameworks (see the README), or pass --repo with the right folder.';

/**
 * For every command but check (which reports it as a finding among others): without compliance.yaml a
 * score of 0 requirements or "no gaps" would be an answer, and a wrong one. Throws CONFIG_MISSING.
 */
export function requireConfig(files: RepoModel['files'] | readonly SourceFile[], dir?: string): void {
  if (files.some((f) => classifyPath(f.path) === 'compliance' && !('link' in f && f.link))) return;
  throw new TrustopsError('CONFIG_MISSING', `${MESSAGE}${dir ? ` (in ${dir})` : ''} [config/missing]. ${HINT}`);
}

export const configMissing = defineRule({
  id: 'config/missing',
  severity: 'error',
  description: 'The repository root has a compliance.yaml that states the scope.',
  check({ model, report }) {
    if (model.files.some((f) => f.kind === 'compliance')) return;
    report({
      at: { file: 'compliance.yaml' },
      message: MESSAGE,
      hint: HINT,
    });
  },
});
