// What `trustops check` needs and nothing else: the full index also loads the importers (XLSX, CSV) and
// the packet's helpers, which a check never uses and which cost its start-up.
export { applyCheckLimits } from './model/check-result.js';
export type { CheckResult } from './model/check-result.js';
export { checkRepo } from './pipeline/check.js';
export { checkWithHistory, parseAcknowledged } from './pipeline/check-with-history.js';
export { renderCheckResult } from './render/check.js';
export type { CheckFormat } from './render/check.js';
export { readRevisionPair } from './io/git/read-revisions.js';
export { readRepo } from './io/read-repo.js';
// What the CLI's shared helpers use (errors, the GitHub path prefix, git).
export { TrustopsError } from './model/errors.js';
export { normalizePathPrefix } from './render/check.js';
export { GitRepo } from './io/git/git-repo.js';
export type { ReportType } from './score/assess-controls.js';
