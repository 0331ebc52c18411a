import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRepo } from '../io/read-repo.js';
import { readRevisionPair } from '../io/git/read-revisions.js';
import { createGitFixture, type GitFixture } from '../testing/git-fixture.js';
import { computeChangelog } from './changelog.js';
import { checkWithHistory } from './check-with-history.js';
import { checkRepo } from './check.js';
import { BASE_FILES, BASE_TODAY, EVIDENCE_FILE, sha256Of } from '../testing/base-repo.js';
import { createInMemoryRepo, mergeFiles, type FileOverrides } from '../testing/in-memory-repo.js';
import { fullSsrmFile, writeTempRepo } from '../testing/temp-repo.js';
import { patch } from '../testing/patch.js';

/**
 * Broken input never throws, never hangs and never yields a stack trace: each row names the rule, file and
 * line it must produce. The base is a complete, clean program (every CCM control assigned).
 */
const CLEAN: FileOverrides = { 'controls/responsibility/ccm.yaml': fullSsrmFile() };
const CONTROL = 'controls/iam/IAM-MFA.yaml';
const RECORD = 'evidence/IAM-MFA/2026-Q1.yaml';
const POLICY = 'policies/access-control.md';
const control = BASE_FILES[CONTROL]!;
const record = BASE_FILES[RECORD]!;
const policy = BASE_FILES[POLICY]!;
const compliance = BASE_FILES['compliance.yaml']!;

async function check(files: FileOverrides) {
  const repo = createInMemoryRepo(mergeFiles(BASE_FILES, { ...CLEAN, ...files }));
  return (await checkRepo(repo, { today: BASE_TODAY })).findings;
}

interface BadInput {
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

const table: BadInput[] = [
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
const LIMITS_8MB = `${compliance}limits:\n  file_bytes:\n    control: 8388608\n    policy: 8388608\n`;
// Fake credentials, assembled so that no scanner flags this test file itself.
const AWS_KEY = ['AKIA', 'Z7QKXW3ND5RPLM4Y'].join('');
const GITHUB_TOKEN = ['ghp', '_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join('');
const PEM = ['-----BEGIN RSA PRIVATE', ' KEY-----\n', 'MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi6'.repeat(3), '\n-----END RSA PRIVATE KEY-----\n'].join('');
const EVIDENCE = 'evidence/IAM-MFA/2026-Q1-okta-policy.json';
/** The record points at `content` as its file (so the digest matches and only the secret is wrong). */
function evidenceWith(content: string): FileOverrides {
  return { [EVIDENCE]: content, [RECORD]: patch(record, /sha256: .*/, `sha256: ${sha256Of(content)}`) };
}
const hostile: BadInput[] = [
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

describe('bad input gets a finding with rule and line, never an exception', () => {
  it('the clean base has no findings', async () => {
    expect(await check({})).toEqual([]);
  });

  it.each([...table, ...hostile])('$name -> $ruleId at $file:$line', async ({ files, ruleId, file, line, hint }) => {
    const findings = await check(files);
    const match = findings.find((f) => f.ruleId === ruleId && f.file === file && f.line === line);
    expect(match, JSON.stringify(findings, null, 2)).toBeDefined();
    if (hint) expect(match!.hint).toMatch(hint);
    for (const f of findings) {
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.column).toBeGreaterThanOrEqual(1);
      expect(f.message).not.toMatch(/\n\s+at /);
      expect(f.hint).not.toBe('');
      // No message echoes a value whole, and none prints a credential.
      expect(f.message.length).toBeLessThanOrEqual(600);
      for (const secret of [AWS_KEY, GITHUB_TOKEN, 'MIIEpAIBAAKCAQEA']) expect(`${f.message} ${f.hint}`).not.toContain(secret);
    }
  });

  it('quotes at most 80 characters of a value, with an ellipsis (a 5 MB one-line value)', async () => {
    const findings = await check({ 'compliance.yaml': LIMITS_8MB, [CONTROL]: patch(control, 'status: operating', `status: ${'o'.repeat(5_000_000)}`) });
    const finding = findings.find((f) => f.ruleId === 'schema/invalid' && f.line === 6)!;
    expect(finding.message).toMatch(/^status is the text "o{79}…"; expected one of/);
    expect(finding.message.length).toBeLessThan(200);
  });
});

describe('valid variants pass', () => {
  const variants: [string, FileOverrides][] = [
    ['UTF-8 BOM', { [CONTROL]: `\uFEFF${control}`, [POLICY]: `\uFEFF${policy}` }],
    ['CRLF line endings', { [CONTROL]: patch(control, /\n/g, '\r\n'), [POLICY]: patch(policy, /\n/g, '\r\n'), 'compliance.yaml': patch(compliance, /\n/g, '\r\n') }],
    ['comments everywhere', { [CONTROL]: `# yaml-language-server: $schema=../../packages/core/schemas/control.schema.json\n${patch(control, 'maturity: 4', 'maturity: 4 # monitored')}` }],
    ['.yml extension', { [CONTROL]: null, 'controls/iam/IAM-MFA.yml': control }],
    ['quoted dates and block scalars', { [CONTROL]: patch(control, 'implemented_on: 2025-11-03', 'implemented_on: "2025-11-03"') }],
    ['plain tags that restate the value (!!str, !!int)', { [CONTROL]: patch(patch(control, 'owner: security-engineering', 'owner: !!str security-engineering'), 'maturity: 4', 'maturity: !!int 4') }],
    ['a credential allowed in compliance.yaml with a reason', { ...evidenceWith(`{"key": "${AWS_KEY}"}\n`), 'compliance.yaml': `${compliance}secrets:\n  allowed:\n    - path: ${EVIDENCE}\n      rule: aws-access-token\n      reason: A key from the vendor's documentation, never issued\n` }],
    ['a control just under its size limit', { [CONTROL]: `${control}# ${'x'.repeat(250_000)}\n` }],
  ];
  it.each(variants)('%s', async (_name, files) => {
    expect(await check(files)).toEqual([]);
  });

  it('keeps line numbers right with CRLF', async () => {
    const findings = await check({ [CONTROL]: patch(patch(control, 'status: operating', 'status: operatin'), /\n/g, '\r\n') });
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['schema/invalid', 6, 9]]);
  });

  it('keeps line numbers right after a BOM', async () => {
    const findings = await check({ [CONTROL]: `\uFEFF${patch(control, 'status: operating', 'status: operatin')}` });
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['schema/invalid', 6, 9]]);
  });
});

/** On disk: links are real links (the in-memory repository has none). Same shape: rule, file, line. */
interface DiskCase {
  name: string;
  /** Changes the temporary repository at `dir` (outside: a folder beside it, outside the repository). */
  setup: (dir: string, outside: string) => void;
  ruleId: string;
  file: string;
  line: number;
  message?: RegExp;
}

const onDisk: DiskCase[] = [
  { name: 'control linked to a file outside the repository', setup: (dir, outside) => symlinkSync(join(outside, 'secret.yaml'), join(dir, 'controls/iam/OUT.yaml')), ruleId: 'file/symlink', file: 'controls/iam/OUT.yaml', line: 1, message: /leads outside the repository/ },
  {
    name: 'a loop of two links',
    setup: (dir) => {
      symlinkSync('LOOP-B.yaml', join(dir, 'controls/iam/LOOP-A.yaml'));
      symlinkSync('LOOP-A.yaml', join(dir, 'controls/iam/LOOP-B.yaml'));
    },
    ruleId: 'file/symlink',
    file: 'controls/iam/LOOP-A.yaml',
    line: 1,
    message: /loop/,
  },
  { name: 'a folder linked to its parent', setup: (dir) => symlinkSync('..', join(dir, 'controls/iam/up')), ruleId: 'file/symlink', file: 'controls/iam/up', line: 1, message: /loop/ },
  { name: 'a broken link', setup: (dir) => symlinkSync('GONE.yaml', join(dir, 'controls/iam/BROKEN.yaml')), ruleId: 'file/symlink', file: 'controls/iam/BROKEN.yaml', line: 1, message: /does not exist/ },
  { name: 'policy linked outside the repository', setup: (dir, outside) => symlinkSync(join(outside, 'policy.md'), join(dir, 'policies/linked.md')), ruleId: 'file/symlink', file: 'policies/linked.md', line: 1 },
  {
    name: 'risk register linked outside the repository',
    setup: (dir, outside) => {
      mkdirSync(join(dir, 'risks'));
      symlinkSync(join(outside, 'secret.yaml'), join(dir, 'risks/register.yaml'));
    },
    ruleId: 'file/symlink',
    file: 'risks/register.yaml',
    line: 1,
  },
  // Followed: inside the repository a link reads as the file it points at, so the copy is a duplicate.
  { name: 'a link to a real control (followed: a duplicate)', setup: (dir) => symlinkSync('IAM-MFA.yaml', join(dir, 'controls/iam/MFA-LINK.yaml')), ruleId: 'id/duplicate', file: 'controls/iam/MFA-LINK.yaml', line: 1 },
];

describe('bad input on disk (links) gets a finding with rule and line', () => {
  const made: (() => void)[] = [];
  afterEach(() => {
    while (made.length) made.pop()!();
  });
  function diskRepo(): { dir: string; outside: string } {
    const repo = writeTempRepo(Object.fromEntries(mergeFiles(BASE_FILES, CLEAN)) as Record<string, string>);
    const beside = writeTempRepo({ 'secret.yaml': 'id: IAM-OUTSIDE\n', 'policy.md': policy });
    made.push(repo.cleanup, beside.cleanup);
    return { dir: repo.dir, outside: beside.dir };
  }

  it.each(onDisk)('$name -> $ruleId at $file:$line', async ({ setup, ruleId, file, line, message }) => {
    const { dir, outside } = diskRepo();
    setup(dir, outside);
    const repo = await readRepo(dir, { cache: false });
    const { findings } = await checkRepo(repo, { today: BASE_TODAY });
    const match = findings.find((f) => f.ruleId === ruleId && f.file === file && f.line === line);
    expect(match, JSON.stringify(findings, null, 2)).toBeDefined();
    if (message) expect(match!.message).toMatch(message);
    // Nothing outside the repository was read.
    expect(repo.files.some((f) => f.text.includes('IAM-OUTSIDE'))).toBe(false);
  });

  it('never reads a packet written into the program folders by an older trustops', async () => {
    const { dir } = diskRepo();
    mkdirSync(join(dir, 'controls/audit-packet/policies'), { recursive: true });
    writeFileSync(join(dir, 'controls/audit-packet/IAM-MFA.yaml'), control);
    writeFileSync(join(dir, 'controls/audit-packet/policies/POL-ACCESS.md'), policy);
    mkdirSync(join(dir, 'policies/.audit-packet.tmp-4242'), { recursive: true });
    writeFileSync(join(dir, 'policies/.audit-packet.tmp-4242/copy.md'), policy);
    expect((await checkRepo(await readRepo(dir, { cache: false }), { today: BASE_TODAY })).findings).toEqual([]);
  });
});

/** Git faults: an operational error (exit 3) naming revision, path and object, never a wrong answer. */
describe('a damaged git repository stops the history commands with one line that names what is missing', () => {
  const fixtures: GitFixture[] = [];
  afterEach(() => {
    while (fixtures.length) fixtures.pop()!.cleanup();
  });
  const removeObject = (fx: GitFixture, oid: string) => rmSync(join(fx.dir, '.git/objects', oid.slice(0, 2), oid.slice(2)));
  async function repoWithHistory() {
    const fx = await createGitFixture(Object.fromEntries(mergeFiles(BASE_FILES, CLEAN)) as Record<string, string>);
    fixtures.push(fx);
    const base = await fx.commit('release');
    return { fx, base };
  }

  it('a renamed control whose BASE blob is missing: READ_FAILED, not "added"', async () => {
    const { fx, base } = await repoWithHistory();
    await fx.commit('move', { [CONTROL]: null, 'controls/identity/IAM-MFA.yaml': control });
    const oid = (await fx.git.revparse([`${base}:${CONTROL}`])).trim();
    // The same blob is still HEAD's (an exact rename), so remove it and keep HEAD readable from disk only.
    removeObject(fx, oid);
    const failure = readRevisionPair(fx.dir, { base }).then((pair) => computeChangelog(pair, { today: BASE_TODAY }));
    await expect(failure).rejects.toMatchObject({ code: 'READ_FAILED', message: expect.stringMatching(new RegExp(`${CONTROL}.*${base}.*${oid}`)) });
  });

  it('check --base with a policy blob missing in BASE: READ_FAILED, not a passing gate', async () => {
    const { fx, base } = await repoWithHistory();
    await fx.commit('change the policy', { [POLICY]: patch(policy, 'reviewed quarterly', 'reviewed monthly') });
    const oid = (await fx.git.revparse([`${base}:${POLICY}`])).trim();
    removeObject(fx, oid);
    const failure = readRevisionPair(fx.dir, { base }).then((pair) => checkWithHistory(pair, { today: BASE_TODAY }));
    await expect(failure).rejects.toMatchObject({ code: 'READ_FAILED', message: expect.stringMatching(new RegExp(`${POLICY} at ${base}: object ${oid} is missing`)) });
  });

  it('a missing evidence object at HEAD: READ_FAILED naming the file, not a type error', async () => {
    const { fx, base } = await repoWithHistory();
    await fx.commit('touch the control', { [CONTROL]: patch(control, 'maturity: 4', 'maturity: 3') });
    const oid = (await fx.git.revparse([`HEAD:${EVIDENCE}`])).trim();
    removeObject(fx, oid);
    const failure = readRevisionPair(fx.dir, { base, head: 'HEAD' }).then((pair) => computeChangelog(pair, { today: BASE_TODAY }));
    await expect(failure).rejects.toMatchObject({ code: 'READ_FAILED', message: expect.stringContaining(`${EVIDENCE} at `) });
    await expect(failure).rejects.toMatchObject({ message: expect.stringContaining(oid) });
  });

  it('links in a commit are read as on disk: followed inside the repository, reported when they lead out', async () => {
    const { fx, base } = await repoWithHistory();
    mkdirSync(join(fx.dir, 'shared'), { recursive: true });
    writeFileSync(join(fx.dir, 'shared/LOG-CENTRAL.yaml'), patch(patch(control, /IAM-MFA/g, 'LOG-CENTRAL'), 'IAM-14', 'LOG-03'));
    symlinkSync('../../shared/LOG-CENTRAL.yaml', join(fx.dir, 'controls/iam/LOG-CENTRAL.yaml'));
    symlinkSync('/etc/hostname', join(fx.dir, 'controls/iam/HOST.yaml'));
    await fx.commit('links');
    const { changelog, head } = await computeChangelog(await readRevisionPair(fx.dir, { base, head: 'HEAD' }), { today: BASE_TODAY });
    expect(changelog.controls.map((c) => [c.id, c.kind])).toEqual([['LOG-CENTRAL', 'added']]);
    expect(head.model.links).toEqual([{ path: 'controls/iam/HOST.yaml', problem: 'outside', target: '/etc/hostname' }]);
  });

  it('an unreadable tree in BASE: READ_FAILED naming the revision', async () => {
    const { fx, base } = await repoWithHistory();
    await fx.commit('next', { [CONTROL]: patch(control, 'maturity: 4', 'maturity: 3') });
    const tree = (await fx.git.revparse([`${base}^{tree}`])).trim();
    removeObject(fx, tree);
    await expect(readRevisionPair(fx.dir, { base })).rejects.toMatchObject({ code: 'READ_FAILED', message: expect.stringContaining(base) });
  });
});
