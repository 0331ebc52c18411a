import { readFileSync } from 'node:fs';
import { renderDocs, renderReadme } from '../../../../scripts/write-docs.js';
import { describe, expect, it } from 'vitest';
import { defineRule } from './define-rule.js';
import { rules } from './registry.js';

describe('rule registry', () => {
  it('has unique ids of the form area/name', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
  });

  it('includes every rule the core issue asks for', () => {
    const ids = rules.map((r) => r.id);
    for (const required of [
      'yaml/syntax',
      'yaml/duplicate-key',
      'schema/invalid',
      'schema/unknown-field',
      'id/duplicate',
      'mapping/unmapped-control',
      'mapping/unknown-requirement',
      'ref/unknown-policy',
      'ref/unknown-vendor',
      'ref/unknown-control',
      'ssrm/missing-assignment',
      'ssrm/vendor-required',
      'vendor/attestation-expired',
      'evidence/missing-file',
      'evidence/hash-mismatch',
      'evidence/outside-repo',
      'policy/missing-section',
      'policy/review-overdue',
    ]) {
      expect(ids).toContain(required);
    }
  });

  it('is documented whole, from its meta: the README rule table and docs/rules.md (run `pnpm rule-docs` when this fails)', () => {
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(renderReadme(readme));
    for (const [path, text] of Object.entries(renderDocs())) expect(readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8'), path).toBe(text);
    for (const rule of rules) expect(readme).toContain(`| [\`${rule.id}\`](docs/rules.md#${rule.id.replace('/', '')}) | ${rule.severity} | `);
  });

  it('refuses malformed rule ids', () => {
    expect(() => defineRule({ id: 'NoSlash', severity: 'error', description: 'x', check: () => undefined })).toThrow(/area\/name/);
  });
});
