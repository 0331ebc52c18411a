import { describe, expect, it } from 'vitest';
import { SecretStreamScanner } from './scan-stream.js';
import { redactSecrets, scanSecrets, SECRET_RULES_SOURCE, shannonEntropy } from './scan.js';

// Fake credentials of each family the issue names, assembled so that no scanner flags this file.
const join = (...parts: string[]) => parts.join('');
const SAMPLES: [string, string, string][] = [
  ['AWS access key', `"key": "${join('AKIA', 'Z7QKXW3ND5RPLM4Y')}"`, 'aws-access-token'],
  ['AWS secret key', `aws_secret_access_key = "${join('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYzQ8nPq2sTx')}"`, 'generic-api-key'],
  ['PEM private key', join('-----BEGIN RSA PRIVATE', ' KEY-----\n', 'MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi6'.repeat(3), '\n-----END RSA PRIVATE KEY-----'), 'private-key'],
  ['GitHub token', join('ghp', '_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'), 'github-pat'],
  ['GitLab token', join('glpat', '-xY9zK3mN7pQ2rS5tV8wB'), 'gitlab-pat'],
  ['Slack token', join('xoxb', '-1234567890123-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx'), 'slack-bot-token'],
  ['Stripe key', join('sk_live', '_4eC39HqLyjWDarjtT1zdp7dc'), 'stripe-access-token'],
  ['high-entropy assignment', `db_password: "${join('Tr0ub4dor3x', 'Kq9Lm2Zp7')}"`, 'generic-api-key'],
];

describe("scanSecrets (gitleaks' rule set)", () => {
  it.each(SAMPLES)('finds a %s', (_name, text, ruleId) => {
    const found = scanSecrets(`first line\n  ${text}\n`);
    expect(found.map((m) => [m.ruleId, m.line])).toEqual([[ruleId, 2]]);
  });

  it('names where the rules come from', () => {
    expect(SECRET_RULES_SOURCE.source).toMatch(/gitleaks\/gitleaks/);
    expect(SECRET_RULES_SOURCE.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('leaves placeholders, low-entropy values and plain settings alone', () => {
    expect(scanSecrets('password: "changeme"\napi_version: 2024-01-01\ntoken_type: bearer\nkey: ${API_KEY}\n')).toEqual([]);
    expect(shannonEntropy('aaaa')).toBe(0);
  });

  it('reports nothing in an export full of keywords but without credentials (its speed: pnpm bench:hostile)', () => {
    const big = Array.from({ length: 20_000 }, (_, i) => `{"okta_user":"u${i}","token_type":"bearer","api_access":"read","key_id":"k${i}"}`).join('\n');
    expect(scanSecrets(big)).toEqual([]);
  });
});

describe('redactSecrets', () => {
  it('masks every credential with the rule that found it, and keeps the rest', () => {
    const text = `user: ci\nkey: ${join('AKIA', 'Z7QKXW3ND5RPLM4Y')}\ntoken: ${join('ghp', '_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8')}\n`;
    const { text: masked, redacted } = redactSecrets(text);
    expect(masked).toBe('user: ci\nkey: [REDACTED aws-access-token]\ntoken: [REDACTED github-pat]\n');
    expect(redacted.map((m) => [m.ruleId, m.line, m.column])).toEqual([
      ['aws-access-token', 2, 6],
      ['github-pat', 3, 8],
    ]);
    expect(redactSecrets('nothing here\n')).toEqual({ text: 'nothing here\n', redacted: [] });
  });
});

describe('SecretStreamScanner', () => {
  it('finds a credential split across two pieces, at its line and column in the whole text', () => {
    const key = join('AKIA', 'Z7QKXW3ND5RPLM4Y');
    const text = `${'filler line\n'.repeat(10_000)}  "k": "${key}"\n`;
    const cut = text.indexOf(key) + 6;
    const scanner = new SecretStreamScanner();
    scanner.push(text.slice(0, cut));
    scanner.push(text.slice(cut));
    expect(scanner.matches().map((m) => [m.ruleId, m.line, m.column, m.index])).toEqual([['aws-access-token', 10_001, 9, text.indexOf(key)]]);
    expect(scanner.matches()).toEqual(scanSecrets(text).map((m) => ({ ...m })));
  });
});
