import { describe, expect, it } from 'vitest';
import { BASE_FILES } from '../testing/base-repo.js';
import { patch } from '../testing/patch.js';
import { runRuleOn } from '../testing/rule-tester.js';
import { mappingUnknownRequirement } from '../rules/mapping-unknown-requirement.js';
import { schemaInvalid } from '../rules/schema-invalid.js';
import { logicalPath, parseYamlSource } from './yaml-source.js';

// A finding's key names the offending key or item instead of its line, so that SARIF fingerprints survive
// edits elsewhere in the file.
describe('logicalPath', () => {
  const { source } = parseYamlSource('controls/x.yaml', 'id: X\nmaps:\n  ccm: [IAM-14, IAM-99]\nevidence:\n  - id: export\n    every: quarterly\n  - { every: yearly }\n');

  it('names sequence items by their value or their id, and keeps the index of an item that has neither', () => {
    expect(logicalPath(source, ['id'])).toBe('id');
    expect(logicalPath(source, ['maps', 'ccm', 1])).toBe('maps.ccm[IAM-99]');
    expect(logicalPath(source, ['evidence', 0, 'every'])).toBe('evidence[export].every');
    expect(logicalPath(source, ['evidence', 1, 'every'])).toBe('evidence[1].every');
    expect(logicalPath(source, ['evidence', 5])).toBe('evidence[5]');
  });

  it('is what the rules report as key, the same wherever the lines are', async () => {
    const control = BASE_FILES['controls/iam/IAM-MFA.yaml']!;
    const mapped = patch(control, 'ccm: [IAM-14]', 'ccm: [IAM-14, IAM-41]');
    const [finding] = await runRuleOn(mappingUnknownRequirement, { 'controls/iam/IAM-MFA.yaml': mapped });
    expect(finding!.key).toBe('maps.ccm[IAM-41]');
    const moved = await runRuleOn(mappingUnknownRequirement, { 'controls/iam/IAM-MFA.yaml': `# a comment\n# another\n${mapped}` });
    expect(moved[0]!.line).toBe(finding!.line + 2);
    expect(moved[0]!.key).toBe(finding!.key);
    const [bad] = await runRuleOn(schemaInvalid, { 'controls/iam/IAM-MFA.yaml': patch(control, 'every: quarterly', 'every: sometimes') });
    expect(bad!.key).toBe('evidence[mfa-policy-export].every');
  });
});
