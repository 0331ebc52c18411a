// Test helpers shared by the packages' tests (exported under the "source" condition only; not built).
export { BASE_FILES, BASE_TODAY, EVIDENCE_FILE, sha256Of } from './base-repo.js';
export { createInMemoryRepo, mergeFiles, type FileContent, type FileOverrides, type Symlink } from './in-memory-repo.js';
export { runRuleOn, testRule, type ExpectedFinding, type InvalidCase, type ValidCase } from './rule-tester.js';
export { fullSsrmFile, writeTempRepo } from './temp-repo.js';
export { createGitFixture, type GitFixture } from './git-fixture.js';
export { patch } from './patch.js';
export { buildXlsxFixture, type XlsxFixtureCell, type XlsxFixtureSheet } from './xlsx-fixture.js';
export { COMPLIANCE_WITH_APPETITE, RISK, RISK_BASE, RISK_FILE } from './risk-fixture.js';
