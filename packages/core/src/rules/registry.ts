import { configMissing } from './config-missing.js';
import { contentPlaceholder } from './content-placeholder.js';
import { evidenceCoversAfterCollection } from './evidence-covers-after-collection.js';
import { evidenceFileReused } from './evidence-file-reused.js';
import { evidenceFutureDate } from './evidence-future-date.js';
import { vendorCoverageGap } from './vendor-coverage-gap.js';
import { configUnknownRule } from './config-unknown-rule.js';
import { configUnknownVersion } from './config-unknown-version.js';
import { configVersionMismatch } from './config-version-mismatch.js';
import { configVersionUnmigrated } from './config-version-unmigrated.js';
import { dateInvertedPeriod } from './date-inverted-period.js';
import type { Rule } from './define-rule.js';
import { evidenceHashMismatch } from './evidence-hash-mismatch.js';
import { evidenceLateStart } from './evidence-late-start.js';
import { evidenceMissingWindow } from './evidence-missing-window.js';
import { evidenceRewritten } from './evidence-rewritten.js';
import { controlWeakened } from './control-weakened.js';
import { policyChangedWithoutVersionBump } from './policy-changed-without-version-bump.js';
import { maturityUnsupportedClaim } from './maturity-unsupported-claim.js';
import { readinessBelowThreshold } from './readiness-below-threshold.js';
import { evidenceMissingFile } from './evidence-missing-file.js';
import { evidenceOutsideRepo } from './evidence-outside-repo.js';
import { idDuplicate } from './id-duplicate.js';
import { idFileName } from './id-file-name.js';
import { mappingOutOfScope } from './mapping-out-of-scope.js';
import { mappingUnknownRequirement } from './mapping-unknown-requirement.js';
import { mappingUnmappedControl } from './mapping-unmapped-control.js';
import { policyMissingSection } from './policy-missing-section.js';
import { policyReviewOverdue } from './policy-review-overdue.js';
import { refUnknownControl } from './ref-unknown-control.js';
import { refUnknownEvidenceItem } from './ref-unknown-evidence-item.js';
import { refUnknownPolicy } from './ref-unknown-policy.js';
import { refUnknownVendor } from './ref-unknown-vendor.js';
import { schemaInvalid } from './schema-invalid.js';
import { schemaUnknownField } from './schema-unknown-field.js';
import { ssrmMissingAssignment } from './ssrm-missing-assignment.js';
import { ssrmVendorRequired } from './ssrm-vendor-required.js';
import { vendorAttestationExpired } from './vendor-attestation-expired.js';
import { vendorNoAttestation } from './vendor-no-attestation.js';
import { yamlDuplicateKey } from './yaml-duplicate-key.js';
import { yamlSyntax } from './yaml-syntax.js';
import { yamlUnknownTag } from './yaml-unknown-tag.js';
import { fileTooLarge } from './file-too-large.js';
import { fileSymlink } from './file-symlink.js';
import { evidenceSecret } from './evidence-secret.js';
import { configExcludedClause } from './config-excluded-clause.js';
import { configUnknownCollectTarget } from './config-unknown-collect-target.js';
import { riskAboveAppetite } from './risk-above-appetite.js';
import { riskAcceptanceInvalid } from './risk-acceptance-invalid.js';
import { riskNoControl } from './risk-no-control.js';
import { riskReviewOverdue } from './risk-review-overdue.js';
import { riskUnknownControl } from './risk-unknown-control.js';

/** Every rule `trustops check` runs, in the order the README lists them. */
export const rules: readonly Rule[] = [
  yamlSyntax,
  yamlDuplicateKey,
  yamlUnknownTag,
  fileTooLarge,
  fileSymlink,
  schemaInvalid,
  schemaUnknownField,
  idDuplicate,
  idFileName,
  configMissing,
  configUnknownVersion,
  configVersionMismatch,
  configUnknownRule,
  configExcludedClause,
  configUnknownCollectTarget,
  dateInvertedPeriod,
  mappingUnmappedControl,
  mappingUnknownRequirement,
  mappingOutOfScope,
  refUnknownPolicy,
  refUnknownVendor,
  refUnknownControl,
  refUnknownEvidenceItem,
  ssrmMissingAssignment,
  ssrmVendorRequired,
  vendorAttestationExpired,
  vendorNoAttestation,
  vendorCoverageGap,
  evidenceMissingFile,
  evidenceHashMismatch,
  evidenceOutsideRepo,
  evidenceCoversAfterCollection,
  evidenceFutureDate,
  evidenceFileReused,
  evidenceSecret,
  policyMissingSection,
  policyReviewOverdue,
  riskUnknownControl,
  riskReviewOverdue,
  riskAcceptanceInvalid,
  riskAboveAppetite,
  riskNoControl,
  evidenceMissingWindow,
  evidenceLateStart,
  maturityUnsupportedClaim,
  contentPlaceholder,
  readinessBelowThreshold,
  configVersionUnmigrated,
  policyChangedWithoutVersionBump,
  controlWeakened,
  evidenceRewritten,
];
