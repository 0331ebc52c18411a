import { findEvidenceSecrets } from '../secrets/find-secrets.js';
import { defineRule } from './define-rule.js';

export const evidenceSecret = defineRule({
  id: 'evidence/secret',
  severity: 'error',
  description:
    "An evidence record or file holds no credential (AWS keys, private keys, GitHub/GitLab/Slack/Stripe tokens, high-entropy secrets: gitleaks' rule set); such a file is never published in the packet unless secrets.allowed lists it with a reason.",
  check({ model, evidenceFiles, report }) {
    for (const secret of findEvidenceSecrets(model, evidenceFiles)) {
      report({
        at: { file: secret.file, line: secret.line, column: secret.column },
        // Never the secret itself: findings go to CI logs, SARIF and pull-request comments.
        message: `this looks like a credential (gitleaks rule ${secret.ruleId}); it is not shown here, and the file is kept out of the audit packet`,
        hint: `Revoke the credential (it is in the file's git history), then replace the file with one collected with secrets masked. If it is not a live credential, list it under secrets.allowed in compliance.yaml: { path: ${secret.file}, rule: ${secret.ruleId}, reason: ... }.`,
      });
    }
  },
});
