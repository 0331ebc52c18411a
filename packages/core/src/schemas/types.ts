import type { FromSchema } from 'json-schema-to-ts';
import type {
  complianceSchema,
  controlSchema,
  evidenceSchema,
  policySchema,
  responsibilitySchema,
  riskSchema,
  vendorSchema,
} from './file-kinds.js';

/** The types of each file kind, derived from the schemas ajv validates against. */
export type ComplianceConfig = FromSchema<typeof complianceSchema>;
export type ControlData = FromSchema<typeof controlSchema>;
export type ResponsibilityData = FromSchema<typeof responsibilitySchema>;
export type VendorData = FromSchema<typeof vendorSchema>;
export type PolicyFrontMatter = FromSchema<typeof policySchema>;
export type EvidenceRecordData = FromSchema<typeof evidenceSchema>;
export type RiskData = FromSchema<typeof riskSchema>;

export type Assignment = NonNullable<ResponsibilityData['assignments'][string]>;
export type Ownership = Assignment['ownership'];
export type Attestation = NonNullable<VendorData['attestations']>[number];
export type EvidenceItem = NonNullable<ControlData['evidence']>[number];
export type Frequency = NonNullable<ControlData['frequency']>;
export type FrameworkMaps = NonNullable<ControlData['maps']>;
export type EvidenceException = NonNullable<EvidenceRecordData['exceptions']>[number];
export type EvidencePopulation = NonNullable<EvidenceRecordData['population']>;
export type VendorReview = NonNullable<VendorData['reviews']>[number];
export type EvidenceSample = NonNullable<EvidenceRecordData['sample']>;
export type RiskRating = RiskData['residual'];
export type RiskTreatment = RiskData['treatment'];
export type RiskAcceptance = NonNullable<RiskData['acceptance']>;
export type SystemSection = ComplianceConfig['system'];
