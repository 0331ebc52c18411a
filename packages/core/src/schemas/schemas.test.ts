import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { parse } from 'yaml';
import { renderSchemaFiles, SCHEMA_FOLDERS } from '../../../../scripts/write-schemas.js';
import { COMPLIANCE_CHECK_FILE, renderComplianceCheck, renderValidators, VALIDATORS_FILE } from '../../scripts/build-validators.js';
import { controlSchema, evidenceSchema, fileKindSchemas, SCHEMA_VERSION } from './file-kinds.js';
import type { ControlData, EvidenceRecordData, Ownership, PolicyFrontMatter, RiskData } from './types.js';

describe('published JSON Schemas', () => {
  it('packages/{core,cli}/schemas/*.json match the schema objects (run `pnpm schemas` when this fails)', () => {
    expect(SCHEMA_FOLDERS).toEqual(['packages/core/schemas', 'packages/cli/schemas']);
    for (const folder of SCHEMA_FOLDERS) {
      for (const [name, text] of Object.entries(renderSchemaFiles())) {
        const onDisk = readFileSync(new URL(`../../../../${folder}/${name}`, import.meta.url), 'utf8');
        expect(onDisk, `${folder}/${name}`).toBe(text);
      }
    }
  });

  it('validators.generated.ts is the standalone code of these schemas (run `pnpm build` when this fails)', () => {
    expect(readFileSync(VALIDATORS_FILE, 'utf8')).toBe(renderValidators());
    expect(readFileSync(COMPLIANCE_CHECK_FILE, 'utf8')).toBe(renderComplianceCheck());
  });

  it("have a versioned $id: @trustops/core's version", () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(SCHEMA_VERSION).toBe(version);
    for (const [kind, schema] of Object.entries(fileKindSchemas)) expect(schema.$id).toBe(`https://trustops.dev/schemas/${version}/${kind}.schema.json`);
  });

  it('compile in strict mode', () => {
    const ajv = new Ajv({ strict: true, validateFormats: false });
    for (const schema of Object.values(fileKindSchemas)) expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('accept the examples of the repository format contract', () => {
    const contract = readFileSync(new URL('../../test/fixtures/contract/repository-format.md', import.meta.url), 'utf8');
    const blocks = [...contract.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const ajv = new Ajv({ strict: true, validateFormats: false, allErrors: true });
    const byHeading: [RegExp, object][] = [
      [/^organization:/m, fileKindSchemas.compliance],
      [/^id: IAM-MFA/m, fileKindSchemas.control],
      [/^framework: ccm/m, fileKindSchemas.responsibility],
      [/^id: aws/m, fileKindSchemas.vendor],
      [/^control: IAM-MFA/m, fileKindSchemas.evidence],
    ];
    let checked = 0;
    for (const block of blocks) {
      const match = byHeading.find(([re]) => re.test(block));
      if (!match) continue;
      // The contract abbreviates digests and URLs ("3f5a0c...").
      const value = parse(block.replace(/sha256: 3f5a0c\.\.\./, `sha256: ${'a'.repeat(64)}`)) as unknown;
      const validate = ajv.compile(match[1]);
      expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
      checked++;
    }
    expect(checked).toBe(5);
  });
});

describe('the extensions documented in docs/repository-format.md', () => {
  it('the risk of the register example is a valid risk file', () => {
    const doc = readFileSync(new URL('../../../../docs/repository-format.md', import.meta.url), 'utf8');
    const block = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => /^id: R-003/m.test(b));
    expect(block).toBeDefined();
    const validate = new Ajv({ strict: true, validateFormats: false, allErrors: true }).compile(fileKindSchemas.risk);
    expect(validate(parse(block!)), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('types derived from the schemas', () => {
  it('follow the schema: required fields, enums and optional parts', () => {
    expectTypeOf<ControlData['id']>().toEqualTypeOf<string>();
    expectTypeOf<ControlData['status']>().toEqualTypeOf<'planned' | 'implemented' | 'operating' | 'retired'>();
    expectTypeOf<ControlData['maturity']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<EvidenceRecordData['covers']>().toEqualTypeOf<{ start: string; end: string }>();
    expectTypeOf<Ownership>().toEqualTypeOf<
      'csp-owned' | 'csc-owned' | 'third-party-outsourced' | 'shared-csp-csc' | 'shared-csp-third-party'
    >();
    expectTypeOf<PolicyFrontMatter['version']>().toEqualTypeOf<string>();
    // The enums the types carry are the ones ajv validates.
    expect(controlSchema.properties.status.enum).toEqual(['planned', 'implemented', 'operating', 'retired']);
    expect(evidenceSchema.required).toEqual(['control', 'evidence', 'collected_on', 'covers']);
    expectTypeOf<RiskData['treatment']>().toEqualTypeOf<'mitigate' | 'accept' | 'transfer' | 'avoid'>();
    expectTypeOf<RiskData['residual']>().toEqualTypeOf<{ likelihood: number; impact: number }>();
    expectTypeOf<RiskData['acceptance']>().toEqualTypeOf<{ by?: string; on?: string; until?: string; reference?: string } | undefined>();
  });
});
