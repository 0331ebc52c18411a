import { BASE_FILES, EVIDENCE_FILE, sha256Of } from './base-repo.js';
import type { FileOverrides } from './in-memory-repo.js';
import { patch } from './patch.js';
import { fullSsrmFile } from './temp-repo.js';

/**
 * Broken input, each row naming the rule, file and line it must produce; the base is a complete, clean
 * program (every CCM control assigned). pipeline/bad-input.test.ts checks the findings; load/fast-yaml.test.ts
 * parses every file of every row both ways.
 */
export const CLEAN: FileOverrides = { 'controls/responsibility/ccm.yaml': fullSsrmFile() };
export const CONTROL = 'controls/iam/IAM-MFA.yaml';
export const RECORD = 'evidence/IAM-MFA/2026-Q1.yaml';
export const POLICY = 'policies/access-control.md';
const control = BASE_FILES[CONTROL]!;
const record = BASE_FILES[RECORD]!;
const policy = BASE_FILES[POLICY]!;
const compliance = BASE_FILES['compliance.yaml']!;

export interface BadInput {
  name: string;
  files: FileOverrides;
  ruleId: string;
  file: string;
  line: number;
  hint?: RegExp;
}

const aliasBomb = `a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]
`;

export const BAD_INPUT_TABLE: BadInput[] = [
  { name: 'unclosed flow sequence', files: { [CONTROL]: patch(control, 'policies: [POL-ACCESS]', 'policies: [POL-ACCESS') }, ruleId: 'yaml/syntax', file: CONTROL, line: 13 },
  { name: 'unclosed quote', files: { [CONTROL]: patch(control, 'iso27001: ["5.17", "8.5"]', 'iso27001: ["5.17, "8.5"]') }, ruleId: 'yaml/syntax', file: CONTROL, line: 16 },
  { name: 'bad indentation', files: { [CONTROL]: patch(control, '  ccm: [IAM-14]', '    ccm: [IAM-14]\n  bad') }, ruleId: 'yaml/syntax', file: CONTROL, line: 15 },
  { name: 'tab indentation', files: { [CONTROL]: patch(control, '  ccm: [IAM-14]', '\tccm: [IAM-14]') }, ruleId: 'yaml/syntax', file: CONTROL, line: 14 },
  { name: 'duplicate key', files: { [CONTROL]: patch(control, 'kind: preventive', 'kind: preventive\nkind: detective') }, ruleId: 'yaml/duplicate-key', file: CONTROL, line: 10 },
  { name: 'wrong type (maturity as text)', files: { [CONTROL]: patch(control, 'maturity: 4', 'maturity: high') }, ruleId: 'schema/invalid', file: CONTROL, line: 8 },
  { name: 'maturity out of range', files: { [CONTROL]: patch(control, 'maturity: 4', 'maturity: 7') }, ruleId: 'schema/invalid', file: CONTROL, line: 8 },
  { name: 'enum typo', files: { [CONTROL]: patch(control, 'status: operating', 'status: operatin') }, ruleId: 'schema/invalid', file: CONTROL, line: 6, hint: /Did you mean "operating"/ },
  { name: 'impossible date 2026-02-30', files: { [CONTROL]: patch(control, 'implemented_on: 2025-11-03', 'implemented_on: 2026-02-30') }, ruleId: 'schema/invalid', file: CONTROL, line: 7, hint: /YYYY-MM-DD/ },
  { name: 'month 13 in an evidence record', files: { [RECORD]: patch(record, 'collected_on: 2026-03-31', 'collected_on: 2026-13-01') }, ruleId: 'schema/invalid', file: RECORD, line: 3 },
  { name: 'unknown field (typo)', files: { [CONTROL]: patch(control, 'owner:', 'ownr:') }, ruleId: 'schema/unknown-field', file: CONTROL, line: 5, hint: /Did you mean "owner"/ },
  { name: 'missing required field', files: { [CONTROL]: patch(control, 'owner: security-engineering\n', '') }, ruleId: 'schema/invalid', file: CONTROL, line: 1 },
  { name: 'unquoted ISO id 5.10 becomes a number', files: { [CONTROL]: patch(control, 'iso27001: ["5.17", "8.5"]', 'iso27001: [5.10]') }, ruleId: 'schema/invalid', file: CONTROL, line: 16, hint: /Quote it: "5.10"/ },
  { name: 'unknown CCM id', files: { [CONTROL]: patch(control, 'ccm: [IAM-14]', 'ccm: [IAM-41]') }, ruleId: 'mapping/unknown-requirement', file: CONTROL, line: 14, hint: /Did you mean IAM-/ },
  { name: 'unknown TSC criterion', files: { [CONTROL]: patch(control, 'tsc: [CC6.1, CC6.6]', 'tsc: [CC6.1, CC6.9]') }, ruleId: 'mapping/unknown-requirement', file: CONTROL, line: 15, hint: /Did you mean CC6\./ },
  { name: 'ISO id with "A." prefix', files: { [CONTROL]: patch(control, '"8.5"', '"A.8.5"') }, ruleId: 'mapping/unknown-requirement', file: CONTROL, line: 16, hint: /without "A\."/ },
  { name: 'unknown policy reference', files: { [CONTROL]: patch(control, '[POL-ACCESS]', '[POL-ACCES]') }, ruleId: 'ref/unknown-policy', file: CONTROL, line: 12, hint: /POL-ACCESS/ },
  { name: 'unknown vendor in the SSRM', files: { 'controls/responsibility/ccm.yaml': patch(fullSsrmFile(), 'vendor: aws', 'vendor: amazon') }, ruleId: 'ref/unknown-vendor', file: 'controls/responsibility/ccm.yaml', line: 57 },
  { name: 'evidence for an unknown control', files: { [RECORD]: patch(record, 'control: IAM-MFA', 'control: IAM-MFX') }, ruleId: 'ref/unknown-control', file: RECORD, line: 1, hint: /IAM-MFA/ },
  { name: 'evidence for an unknown evidence item', files: { [RECORD]: patch(record, 'evidence: mfa-policy-export', 'evidence: mfa-export') }, ruleId: 'ref/unknown-evidence-item', file: RECORD, line: 2 },
  { name: 'tampered evidence file', files: { 'evidence/IAM-MFA/2026-Q1-okta-policy.json': patch(EVIDENCE_FILE, 'required', 'optional') }, ruleId: 'evidence/hash-mismatch', file: RECORD, line: 8 },
  { name: 'missing evidence file', files: { 'evidence/IAM-MFA/2026-Q1-okta-policy.json': null }, ruleId: 'evidence/missing-file', file: RECORD, line: 7 },
  { name: 'path climbing out of the repository', files: { [RECORD]: patch(record, 'path: 2026-Q1-okta-policy.json', 'path: ../../../etc/passwd') }, ruleId: 'evidence/outside-repo', file: RECORD, line: 7 },
  { name: 'empty evidence path', files: { [RECORD]: patch(record, 'path: 2026-Q1-okta-policy.json', 'path: ""') }, ruleId: 'schema/invalid', file: RECORD, line: 7 },
  { name: 'malformed control id', files: { [CONTROL]: patch(control, 'id: IAM-MFA', 'id: iam mfa') }, ruleId: 'schema/invalid', file: CONTROL, line: 1 },
  { name: 'absolute path', files: { [RECORD]: patch(record, 'path: 2026-Q1-okta-policy.json', 'path: /etc/passwd') }, ruleId: 'evidence/outside-repo', file: RECORD, line: 7 },
  { name: 'empty control file', files: { [CONTROL]: '' }, ruleId: 'schema/invalid', file: CONTROL, line: 1 },
  { name: 'comment-only file', files: { [CONTROL]: '# nothing here yet\n' }, ruleId: 'schema/invalid', file: CONTROL, line: 1 },
  { name: 'binary bytes', files: { [CONTROL]: new Uint8Array([0x69, 0x64, 0x3a, 0x00, 0xff, 0xfe]) }, ruleId: 'yaml/syntax', file: CONTROL, line: 1 },
  { name: 'invalid UTF-8', files: { [CONTROL]: new Uint8Array([0x69, 0x64, 0x3a, 0x20, 0xc3, 0x28, 0x0a]) }, ruleId: 'yaml/syntax', file: CONTROL, line: 1 },
  { name: 'YAML alias bomb', files: { [CONTROL]: aliasBomb }, ruleId: 'yaml/syntax', file: CONTROL, line: 1 },
  { name: 'very deep flow nesting', files: { [CONTROL]: `id: IAM-MFA\nx: ${'['.repeat(20000)}${']'.repeat(20000)}\n` }, ruleId: 'yaml/syntax', file: CONTROL, line: 1 },
  // 4.5 MB of indentation: over the control size limit, which this row raises so the parser still meets it.
  { name: 'very deep block nesting', files: { 'compliance.yaml': `${compliance}limits:\n  file_bytes:\n    control: 8388608\n`, [CONTROL]: `id: IAM-MFA\nx:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')} 1\n` }, ruleId: 'yaml/syntax', file: CONTROL, line: 1 },
  { name: 'a list where a control should be', files: { [CONTROL]: '- id: IAM-MFA\n' }, ruleId: 'schema/invalid', file: CONTROL, line: 1 },
  { name: 'policy without front matter', files: { [POLICY]: '# Access Control Policy\n## Purpose\n' }, ruleId: 'schema/invalid', file: POLICY, line: 1 },
  { name: 'broken YAML in policy front matter (line in the .md)', files: { [POLICY]: patch(policy, 'owner: CISO', 'owner: [CISO') }, ruleId: 'yaml/syntax', file: POLICY, line: 5 },
  { name: 'policy version not semver', files: { [POLICY]: patch(policy, 'version: 2.1.0', 'version: v2') }, ruleId: 'schema/invalid', file: POLICY, line: 5 },
  { name: 'policy without a required section', files: { [POLICY]: patch(policy, '## Enforcement\nViolations lead to disciplinary action.\n', '') }, ruleId: 'policy/missing-section', file: POLICY, line: 17 },
  { name: 'unknown CCM version', files: { 'compliance.yaml': patch(compliance, 'version: "4.0.13"', 'version: "4.2"') }, ruleId: 'config/unknown-version', file: 'compliance.yaml', line: 7 },
  { name: 'unquoted version 4.1 is a number', files: { 'compliance.yaml': patch(compliance, 'version: "4.0.13"', 'version: 4.1') }, ruleId: 'schema/invalid', file: 'compliance.yaml', line: 7, hint: /Quote it: "4.1"/ },
  { name: 'third party without vendor', files: { 'controls/responsibility/ccm.yaml': patch(fullSsrmFile(), ', vendor: aws', '') }, ruleId: 'ssrm/vendor-required', file: 'controls/responsibility/ccm.yaml', line: 57 },
  { name: 'CCM control without SSRM entry', files: { 'controls/responsibility/ccm.yaml': patch(fullSsrmFile(), /  IAM-14: .*\n/, '') }, ruleId: 'ssrm/missing-assignment', file: 'controls/responsibility/ccm.yaml', line: 2 },
  { name: 'duplicate control id across files', files: { 'controls/iam/IAM-MFA-COPY.yaml': control }, ruleId: 'id/duplicate', file: 'controls/iam/IAM-MFA.yaml', line: 1 },
  { name: 'evidence period that ends before it starts', files: { [RECORD]: patch(record, 'covers: { start: 2026-01-01, end: 2026-03-31 }', 'covers: { start: 2026-03-31, end: 2026-01-01 }') }, ruleId: 'date/inverted-period', file: RECORD, line: 4 },
  { name: 'unknown rule in compliance.yaml', files: { 'compliance.yaml': `${compliance}rules:\n  policy/review-overdu: error\n` }, ruleId: 'config/unknown-rule', file: 'compliance.yaml', line: 19, hint: /policy\/review-overdue/ },
];

// Hostile inputs of a review (issue 13): each names the rule, file and line it must produce, as above.
export const LIMITS_8MB = `${compliance}limits:\n  file_bytes:\n    control: 8388608\n    policy: 8388608\n`;
// Fake credentials, assembled so that no scanner flags this test file itself.
export const AWS_KEY = ['AKIA', 'Z7QKXW3ND5RPLM4Y'].join('');
export const GITHUB_TOKEN = ['ghp', '_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join('');
const PEM = ['-----BEGIN RSA PRIVATE', ' KEY-----\n', 'MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi6'.repeat(3), '\n-----END RSA PRIVATE KEY-----\n'].join('');
export const EVIDENCE = 'evidence/IAM-MFA/2026-Q1-okta-policy.json';
/** The record points at `content` as its file (so the digest matches and only the secret is wrong). */
function evidenceWith(content: string): FileOverrides {
  return { [EVIDENCE]: content, [RECORD]: patch(record, /sha256: .*/, `sha256: ${sha256Of(content)}`) };
}
export const HOSTILE_INPUT_TABLE: BadInput[] = [
  { name: 'unknown YAML tag !custom', files: { [CONTROL]: patch(control, 'owner: security-engineering', 'owner: !custom security-engineering') }, ruleId: 'yaml/unknown-tag', file: CONTROL, line: 5 },
  { name: 'YAML 1.1 tag !!binary', files: { [CONTROL]: patch(control, 'kind: preventive', 'kind: !!binary cHJldmVudGl2ZQ==') }, ruleId: 'yaml/unknown-tag', file: CONTROL, line: 9 },
  { name: 'invalid UTF-8 on line 3', files: { [CONTROL]: new Uint8Array([...Buffer.from('id: IAM-MFA\ntitle: ok\nowner: '), 0xc3, 0x28, 0x0a]) }, ruleId: 'yaml/syntax', file: CONTROL, line: 3 },
  { name: 'NUL byte on line 2', files: { [RECORD]: new Uint8Array([...Buffer.from('control: IAM-MFA\nevidence: x'), 0x00, 0x0a]) }, ruleId: 'yaml/syntax', file: RECORD, line: 2 },
  { name: 'control over the 256 KiB limit', files: { [CONTROL]: `${control}notes: "${'x'.repeat(300_000)}"\n` }, ruleId: 'file/too-large', file: CONTROL, line: 1, hint: /limits\.file_bytes\.control/ },
  { name: 'policy with a 1 MB Markdown table', files: { [POLICY]: `${policy}\n| a | b |\n|---|---|\n${'| cell | cell |\n'.repeat(70_000)}` }, ruleId: 'file/too-large', file: POLICY, line: 1 },
  {
    name: '6 MB anchored string used 99 times (under the alias count)',
    files: { 'compliance.yaml': LIMITS_8MB, [CONTROL]: `${control}x: &big "${'y'.repeat(6_000_000)}"\nrefs: [${Array.from({ length: 99 }, () => '*big').join(', ')}]\n` },
    ruleId: 'yaml/syntax',
    file: CONTROL,
    line: 1,
    hint: /Write the values out/,
  },
  { name: 'aliases adding over 1,000,000 characters at the default limits', files: { [CONTROL]: `${control}x: &a "${'y'.repeat(100_000)}"\nrefs: [${Array.from({ length: 11 }, () => '*a').join(', ')}]\n` }, ruleId: 'yaml/syntax', file: CONTROL, line: 1 },
  { name: 'AWS access key in an evidence file', files: evidenceWith(`{\n  "user": "ci",\n  "key": "${AWS_KEY}"\n}\n`), ruleId: 'evidence/secret', file: EVIDENCE, line: 3 },
  { name: 'PEM private key in an evidence file', files: evidenceWith(`exported:\n${PEM}`), ruleId: 'evidence/secret', file: EVIDENCE, line: 2 },
  { name: 'GitHub token in an evidence record', files: { [RECORD]: `${record}# pulled with ${GITHUB_TOKEN}\n` }, ruleId: 'evidence/secret', file: RECORD, line: 9 },
];


/** Valid variants of the clean base: each must give no finding. */
export const VALID_VARIANTS: [string, FileOverrides][] = [
  ['UTF-8 BOM', { [CONTROL]: `\uFEFF${control}`, [POLICY]: `\uFEFF${policy}` }],
  ['CRLF line endings', { [CONTROL]: patch(control, /\n/g, '\r\n'), [POLICY]: patch(policy, /\n/g, '\r\n'), 'compliance.yaml': patch(compliance, /\n/g, '\r\n') }],
  ['comments everywhere', { [CONTROL]: `# yaml-language-server: $schema=../../packages/core/schemas/control.schema.json\n${patch(control, 'maturity: 4', 'maturity: 4 # monitored')}` }],
  ['.yml extension', { [CONTROL]: null, 'controls/iam/IAM-MFA.yml': control }],
  ['quoted dates and block scalars', { [CONTROL]: patch(control, 'implemented_on: 2025-11-03', 'implemented_on: "2025-11-03"') }],
  ['plain tags that restate the value (!!str, !!int)', { [CONTROL]: patch(patch(control, 'owner: security-engineering', 'owner: !!str security-engineering'), 'maturity: 4', 'maturity: !!int 4') }],
  ['a credential allowed in compliance.yaml with a reason', { ...evidenceWith(`{"key": "${AWS_KEY}"}\n`), 'compliance.yaml': `${compliance}secrets:\n  allowed:\n    - path: ${EVIDENCE}\n      rule: aws-access-token\n      reason: A key from the vendor's documentation, never issued\n` }],
  ['a control just under its size limit', { [CONTROL]: `${control}# ${'x'.repeat(250_000)}\n` }],
];
