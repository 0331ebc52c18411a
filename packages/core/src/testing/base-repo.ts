import { createHash } from 'node:crypto';

/** sha256 of a text, for fixtures whose records must state their file's digest. */
export function sha256Of(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

function evidenceFile(exportedAt: string): string {
  return `{"signOnPolicy":"webauthn-required","exportedAt":"${exportedAt}"}\n`;
}

export const EVIDENCE_FILE = evidenceFile('2026-03-31');

function record(name: string, start: string, end: string): string {
  return `control: IAM-MFA
evidence: mfa-policy-export
collected_on: ${end}
covers: { start: ${start}, end: ${end} }
collected_by: automation:okta-export
files:
  - path: ${name}-okta-policy.json
    sha256: ${sha256Of(evidenceFile(end))}
`;
}

/**
 * A minimal valid program that rule tests change one file at a time. Line numbers in rule tests refer to
 * these texts, so edit them with care.
 */
export const BASE_FILES: Readonly<Record<string, string>> = {
  'compliance.yaml': `organization: Example Cloud Ltd
system:
  name: Example Analytics
  service_model: saas
frameworks:
  ccm:
    version: "4.0.13"
  tsc:
    categories: [security, availability]
    report: type2
    period: { start: 2026-01-01, end: 2026-12-31 }
  iso27001:
    version: "2022"
exclusions:
  - { framework: ccm, id: DCS-07, reason: "No facilities of our own; all hosting is AWS." }
gate:
  fail_on: error
`,
  'controls/iam/IAM-MFA.yaml': `id: IAM-MFA
title: Phishing-resistant MFA for all workforce access
description: |
  All workforce sign-in goes through Okta with WebAuthn required for every application.
owner: security-engineering
status: operating
implemented_on: 2025-11-03
maturity: 4
kind: preventive
automation: automated
frequency: continuous
policies: [POL-ACCESS]
maps:
  ccm: [IAM-14]
  tsc: [CC6.1, CC6.6]
  iso27001: ["5.17", "8.5"]
evidence:
  - id: mfa-policy-export
    description: Okta sign-on policy export showing WebAuthn required
    every: quarterly
`,
  'controls/responsibility/ccm.yaml': `framework: ccm
assignments:
  IAM-14:
    ownership: shared-csp-csc
    csp: We enforce WebAuthn MFA for all workforce access (control IAM-MFA).
    csc: Customers enable SSO and MFA for the users of their own tenants.
  DCS-01:
    ownership: third-party-outsourced
    vendor: aws
    csp: Physical security is inherited from AWS; we review its SOC 2 Type II report yearly.
`,
  'controls/vendors/aws.yaml': `id: aws
name: Amazon Web Services
kind: cloud-provider
services: [EC2, RDS, S3, KMS]
data: [customer-data]
attestations:
  - type: soc2-type2
    period: { start: 2025-10-01, end: 2026-09-30 }
    reviewed_on: 2026-10-20
    reference: SOC 2 Type II report from AWS Artifact
  - type: iso27001
    expires: 2027-11-07
  - type: bridge-letter
    period: { start: 2026-10-01, end: 2026-12-31 }
    reviewed_on: 2026-11-05
    reference: AWS bridge letter for 2026-10-01..2026-12-31 from AWS Artifact
`,
  'policies/access-control.md': `---
id: POL-ACCESS
title: Access Control Policy
owner: CISO
version: 2.1.0
effective: 2026-01-15
last_reviewed: 2026-01-10
review_every: annual
approved_by: [Dana Whitfield, CEO]
maps: { tsc: [CC5.3, CC6.1], ccm: [IAM-01] }
---
# Access Control Policy
## Purpose
Protect customer data by limiting access.
## Scope
All workforce accounts.
## Policy
Access is granted by role and reviewed quarterly.
## Enforcement
Violations lead to disciplinary action.
`,
  'evidence/IAM-MFA/2026-Q1.yaml': `control: IAM-MFA
evidence: mfa-policy-export
collected_on: 2026-03-31
covers: { start: 2026-01-01, end: 2026-03-31 }
collected_by: automation:okta-export
files:
  - path: 2026-Q1-okta-policy.json
    sha256: ${sha256Of(EVIDENCE_FILE)}
`,
  'evidence/IAM-MFA/2026-Q1-okta-policy.json': EVIDENCE_FILE,
  // Q2 and Q3 too, so that the base repository has every ended Type II window covered (today is in Q4).
  'evidence/IAM-MFA/2026-Q2.yaml': record('2026-Q2', '2026-04-01', '2026-06-30'),
  'evidence/IAM-MFA/2026-Q2-okta-policy.json': evidenceFile('2026-06-30'),
  'evidence/IAM-MFA/2026-Q3.yaml': record('2026-Q3', '2026-07-01', '2026-09-30'),
  'evidence/IAM-MFA/2026-Q3-okta-policy.json': evidenceFile('2026-09-30'),
};

export const BASE_TODAY = '2026-11-22';
