import { ID_PATTERN, date, entityId, frameworkMaps, frequency, idList, nonEmptyString, period } from './definitions.js';

const fileBytes = { type: 'integer', minimum: 1024, maximum: 64 * 1024 * 1024 } as const;

/**
 * The version of the format these schemas describe: @trustops/core's version (a test keeps them equal).
 * The $id is versioned so that a schema an editor cached for one release is never taken for another's.
 * Nothing serves it: editors resolve the modeline's relative path into node_modules instead.
 */
export const SCHEMA_VERSION = '0.1.0';
const SCHEMA_BASE = `https://trustops.dev/schemas/${SCHEMA_VERSION}`;
const DRAFT = 'http://json-schema.org/draft-07/schema#';

/** Which control and evidence item a collector's record is for. */
const collectTarget = {
  type: 'object',
  additionalProperties: false,
  required: ['control', 'item'],
  properties: {
    control: { type: 'string', pattern: ID_PATTERN },
    item: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
  },
} as const;
const slaDays = { type: 'integer', minimum: 1, maximum: 3650 } as const;

/** Likelihood and impact on the 1-5 scales of POL-RISK-style methods; the score is their product. */
const riskRating = {
  type: 'object',
  additionalProperties: false,
  required: ['likelihood', 'impact'],
  properties: {
    likelihood: { type: 'integer', minimum: 1, maximum: 5, description: '1 rare ... 5 almost certain' },
    impact: { type: 'integer', minimum: 1, maximum: 5, description: '1 negligible ... 5 severe' },
  },
} as const;

export const RISK_TREATMENTS = ['mitigate', 'accept', 'transfer', 'avoid'] as const;

export const riskSchema = {
  $schema: DRAFT,
  $id: `${SCHEMA_BASE}/risk.schema.json`,
  title: 'trustops risk (risks/*.yaml): one entry of the risk register',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'owner', 'inherent', 'residual', 'treatment'],
  properties: {
    id: entityId,
    title: nonEmptyString,
    description: { type: 'string', description: 'The threat, the vulnerability and what would happen' },
    owner: nonEmptyString,
    assets: { ...idList, description: 'The services, systems or data the risk affects' },
    inherent: { ...riskRating, description: 'Before controls' },
    residual: { ...riskRating, description: 'With the controls below in place' },
    treatment: { type: 'string', enum: RISK_TREATMENTS, description: 'mitigate | accept | transfer | avoid' },
    controls: { ...idList, description: 'Ids of the controls (controls/) that treat the risk' },
    acceptance: {
      type: 'object',
      additionalProperties: false,
      description: 'The written acceptance of the residual risk: who, when, and until when it holds',
      properties: {
        by: nonEmptyString,
        on: date,
        until: date,
        reference: { type: 'string' },
      },
    },
    review_every: { ...frequency, description: 'How often the risk is reviewed (default: annual)' },
    last_reviewed: date,
  },
} as const;

/** The optional parts of a SOC 2 system description (DC 200) under `system:` in compliance.yaml. */
const textList = { type: 'array', items: nonEmptyString } as const;

const systemDescriptionFields = {
  services: { ...textList, description: 'DC 1: the services the system provides' },
  commitments: { ...textList, description: 'DC 2: the principal service commitments (contracts, SLA, privacy notice)' },
  system_requirements: { ...textList, description: 'DC 2: the system requirements that support the commitments' },
  components: {
    type: 'object',
    additionalProperties: false,
    description: 'DC 3: the components of the system',
    properties: {
      infrastructure: textList,
      software: textList,
      people: textList,
      procedures: textList,
      data: textList,
    },
  },
  boundaries: { ...textList, description: 'DC 3: what is inside the system and what is not' },
  incidents: { ...textList, description: 'DC 4: system incidents of the period that control failures caused (an empty list: none)' },
  subservice_organizations: {
    type: 'array',
    description: 'DC 7: the subservice organisations the system relies on, and how the report presents them',
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['vendor', 'method'],
      properties: {
        vendor: { type: 'string', description: 'Vendor id under controls/vendors/' },
        method: { type: 'string', enum: ['carve-out', 'inclusive'], description: 'carve-out | inclusive' },
        services: { type: 'string', description: 'What the subservice organisation does for the system' },
      },
    },
  },
  user_entities: { ...textList, description: 'DC 6: who the user entities are, and what the system assumes of them' },
} as const;

export const complianceSchema = {
  $schema: DRAFT,
  $id: `${SCHEMA_BASE}/compliance.schema.json`,
  title: 'trustops compliance.yaml: the scope of the program',
  type: 'object',
  additionalProperties: false,
  required: ['organization', 'system', 'frameworks'],
  properties: {
    organization: nonEmptyString,
    system: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: nonEmptyString,
        description: { type: 'string' },
        service_model: { type: 'string', enum: ['saas', 'paas', 'iaas'] },
        ...systemDescriptionFields,
      },
    },
    frameworks: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        ccm: {
          type: 'object',
          additionalProperties: false,
          required: ['version'],
          properties: {
            version: { type: 'string', description: 'A CCM version trustops ships: "4.0.13" or "4.1"' },
            star_level: { type: 'integer', enum: [1, 2] },
            lite: { type: 'boolean' },
          },
        },
        tsc: {
          type: 'object',
          additionalProperties: false,
          properties: {
            categories: {
              type: 'array',
              uniqueItems: true,
              items: {
                type: 'string',
                enum: ['security', 'availability', 'processing_integrity', 'confidentiality', 'privacy'],
              },
            },
            report: { type: 'string', enum: ['type1', 'type2'] },
            period,
            as_of: { ...date, description: 'Type I: the date the controls are assessed as of (default: the commit date, or today for the work tree)' },
          },
        },
        iso27001: {
          type: 'object',
          additionalProperties: false,
          properties: { version: { type: 'string', enum: ['2022'] } },
        },
      },
    },
    exclusions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['framework', 'id', 'reason'],
        properties: {
          framework: { type: 'string', enum: ['ccm', 'tsc', 'iso27001'] },
          id: nonEmptyString,
          reason: { type: 'string', minLength: 10, description: 'Why it does not apply, in words an auditor accepts' },
        },
      },
    },
    risk: {
      type: 'object',
      additionalProperties: false,
      description: 'The risk register (risks/*.yaml): how much residual risk the organisation accepts without a written acceptance',
      properties: {
        appetite: {
          type: 'integer',
          minimum: 1,
          maximum: 25,
          description: 'The highest residual score (likelihood x impact, 1-25) accepted without a written acceptance',
        },
      },
    },
    gate: {
      type: 'object',
      additionalProperties: false,
      properties: {
        fail_on: { type: 'string', enum: ['error', 'warning'] },
        min_readiness: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ccm: { type: 'number', minimum: 0, maximum: 1 },
            tsc: { type: 'number', minimum: 0, maximum: 1 },
            iso27001: { type: 'number', minimum: 0, maximum: 1 },
          },
        },
      },
    },
    rules: {
      type: 'object',
      description: 'Severity per rule id (extension): error | warning | info | off',
      additionalProperties: { type: 'string', enum: ['error', 'warning', 'info', 'off'] },
    },
    policies: {
      type: 'object',
      additionalProperties: false,
      description: 'Policy checks (extension)',
      properties: {
        required_sections: { type: 'array', items: nonEmptyString },
      },
    },
    limits: {
      type: 'object',
      additionalProperties: false,
      description: 'What one file may cost (extension)',
      properties: {
        file_bytes: {
          type: 'object',
          additionalProperties: false,
          description: 'Largest file of each kind that is parsed, in bytes; a larger one gets file/too-large',
          properties: { control: fileBytes, responsibility: fileBytes, vendor: fileBytes, policy: fileBytes, evidence: fileBytes, risk: fileBytes },
        },
      },
    },
    collect: {
      type: 'object',
      additionalProperties: false,
      description: 'Evidence trustops collects itself (extension): trustops collect github',
      properties: {
        github: {
          type: 'object',
          additionalProperties: false,
          required: ['repositories'],
          description: 'The GitHub repositories in scope and the control and evidence item each collector feeds',
          properties: {
            repositories: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$' }, description: 'owner/name of each repository in scope' },
            organization: { type: 'string', minLength: 1, description: 'The organisation whose outside collaborators and members without 2FA the access collector lists (where the token may read them)' },
            changes: { ...collectTarget, description: 'Every pull request merged into the default branch in the window: the change population' },
            branch_protection: { ...collectTarget, description: "The default branch's rulesets and branch protection at collection time" },
            access: { ...collectTarget, description: 'Collaborators and teams with their permission per repository, outside collaborators, members without 2FA' },
            vulnerabilities: {
              ...collectTarget,
              properties: {
                ...collectTarget.properties,
                sla_days: {
                  type: 'object',
                  additionalProperties: false,
                  description: 'Days to fix an alert, per severity (default: critical 7, high 30, medium 90, low 180); an alert open longer is overdue, an exception',
                  properties: { critical: slaDays, high: slaDays, medium: slaDays, low: slaDays },
                },
              },
              description: 'Dependabot, code scanning and secret scanning alerts open in or closed during the window, with their age against the SLA',
            },
          },
        },
      },
    },
    secrets: {
      type: 'object',
      additionalProperties: false,
      description: 'Credentials evidence/secret may let through (extension)',
      properties: {
        allowed: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['path', 'reason'],
            properties: {
              path: { type: 'string', minLength: 1, description: 'The repo path of the evidence file or record, e.g. evidence/IAM-MFA/2026-Q1-export.json' },
              rule: { type: 'string', minLength: 1, description: 'Only matches of this pattern (the id the finding names, e.g. generic-api-key)' },
              line: { type: 'integer', minimum: 1, description: 'Only the match on this line' },
              reason: { type: 'string', minLength: 10, description: 'Why this is not a live credential (a documented example key, a revoked token), in words an auditor accepts' },
            },
          },
        },
      },
    },
  },
} as const;

export const controlSchema = {
  $schema: DRAFT,
  $id: `${SCHEMA_BASE}/control.schema.json`,
  title: 'trustops control (controls/**/<ID>.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'description', 'owner', 'status'],
  properties: {
    id: entityId,
    title: nonEmptyString,
    description: { type: 'string', minLength: 20, description: 'What we do, specifically: tools, settings, who, how often' },
    owner: nonEmptyString,
    status: { type: 'string', enum: ['planned', 'implemented', 'operating', 'retired'] },
    implemented_on: date,
    maturity: { type: 'integer', minimum: 0, maximum: 5 },
    kind: { type: 'string', enum: ['preventive', 'detective', 'corrective'] },
    automation: { type: 'string', enum: ['manual', 'semi-automated', 'automated'] },
    frequency,
    policies: { type: 'array', items: { type: 'string' } },
    vendors: {
      type: 'array',
      items: { type: 'string' },
      description: 'Ids of the vendors (controls/vendors/) this control depends on: each needs a current attestation or a recorded review',
    },
    maps: frameworkMaps,
    evidence: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'every'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'lower-case words joined by -' },
          description: { type: 'string' },
          every: frequency,
        },
      },
    },
  },
} as const;

export const OWNERSHIPS = [
  'csp-owned',
  'csc-owned',
  'third-party-outsourced',
  'shared-csp-csc',
  'shared-csp-third-party',
] as const;

export const responsibilitySchema = {
  $schema: DRAFT,
  $id: `${SCHEMA_BASE}/responsibility.schema.json`,
  title: 'trustops shared-responsibility model (controls/responsibility/*.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['framework', 'assignments'],
  properties: {
    framework: { type: 'string', enum: ['ccm'] },
    version: {
      type: 'string',
      description: 'The CCM version the keys below are ids of ("4.0.13", "4.1"); trustops init and trustops migrate write it',
    },
    assignments: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['ownership'],
        properties: {
          ownership: { type: 'string', enum: OWNERSHIPS },
          csp: { type: 'string', description: 'CSP implementation description (CAIQ column)' },
          csc: { type: 'string', description: 'CSC responsibilities (CAIQ column)' },
          vendor: { type: 'string', description: 'Vendor id under controls/vendors/ (third-party ownership)' },
        },
      },
    },
  },
} as const;

export const vendorSchema = {
  $schema: DRAFT,
  $id: `${SCHEMA_BASE}/vendor.schema.json`,
  title: 'trustops vendor (controls/vendors/<id>.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'kind'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'lower-case, the file name' },
    name: nonEmptyString,
    kind: { type: 'string', enum: ['cloud-provider', 'subprocessor', 'tool'] },
    services: idList,
    data: idList,
    attestations: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['type'],
        properties: {
          type: {
            type: 'string',
            enum: ['soc2-type1', 'soc2-type2', 'bridge-letter', 'iso27001', 'csa-star-level1', 'csa-star-level2', 'other'],
            description: 'bridge-letter: the vendor\'s letter that its controls did not change after its SOC 2 period (give the period it covers)',
          },
          period,
          expires: date,
          reviewed_on: date,
          reference: { type: 'string' },
        },
      },
    },
    reviews: {
      type: 'array',
      description: 'Our own reviews of the vendor (questionnaire, contract, security review): what vouches for a vendor without a current attestation',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['on', 'by'],
        properties: {
          on: date,
          by: nonEmptyString,
          outcome: { type: 'string', enum: ['approved', 'approved-with-conditions', 'rejected'] },
          reference: { type: 'string' },
        },
      },
    },
    review_every: { ...frequency, description: 'How often the vendor is reviewed (default: annual)' },
  },
} as const;

export const policySchema = {
  $schema: DRAFT,
  $id: `${SCHEMA_BASE}/policy.schema.json`,
  title: 'trustops policy front matter (policies/*.md)',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'owner', 'version', 'effective'],
  properties: {
    id: entityId,
    title: nonEmptyString,
    owner: nonEmptyString,
    version: {
      type: 'string',
      pattern: '^\\d+\\.\\d+\\.\\d+$',
      description: 'Semantic version, bumped whenever the text changes',
    },
    effective: date,
    last_reviewed: date,
    review_every: frequency,
    approved_by: idList,
    maps: frameworkMaps,
  },
} as const;

export const evidenceSchema = {
  $schema: DRAFT,
  $id: `${SCHEMA_BASE}/evidence.schema.json`,
  title: 'trustops evidence record (evidence/<control ID>/*.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['control', 'evidence', 'collected_on', 'covers'],
  properties: {
    control: { type: 'string', pattern: ID_PATTERN },
    evidence: nonEmptyString,
    collected_on: date,
    covers: period,
    collected_by: nonEmptyString,
    note: { type: 'string', description: 'What the files show and how they were produced (extension; trustops evidence add --note)' },
    files: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'sha256'],
        properties: {
          path: { type: 'string', minLength: 1, description: "Relative to the record's folder; never leaves evidence/" },
          sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the file bytes, lower-case hex' },
        },
      },
    },
    uri: { type: 'string', format: 'uri' },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'Digest of the artefact at uri' },
    unchanged_snapshot: {
      type: 'boolean',
      description: 'true: the files are those an earlier record of this item showed, on purpose (a configuration that did not change, exported again)',
    },
    population: {
      type: 'object',
      additionalProperties: false,
      required: ['size', 'source'],
      description: 'What was tested: every item of the window (all changes, all joiners); size 0 states that nothing happened in the window',
      properties: {
        size: { type: 'integer', minimum: 0 },
        source: { type: 'string', minLength: 1, description: 'How the population was established (system and query), e.g. "HRIS export of joiners"' },
        file: { type: 'string', minLength: 1, description: "The population itself, relative to the record's folder" },
      },
    },
    sample: {
      type: 'object',
      additionalProperties: false,
      required: ['size', 'method'],
      description: 'The sample drawn from the population, so that an auditor can draw it again',
      properties: {
        size: { type: 'integer', minimum: 1 },
        method: {
          type: 'string',
          enum: ['random', 'systematic', 'haphazard', 'judgmental', 'all'],
          description: 'How the items were picked: random | systematic | haphazard | judgmental | all (the whole population)',
        },
        seed: {
          type: 'string',
          minLength: 1,
          description: 'The seed (or the starting point) of a random or systematic draw, quoted, so the draw can be repeated',
        },
      },
    },
    provenance: {
      type: 'object',
      additionalProperties: false,
      required: ['tool', 'collected_at'],
      description: 'How a collected record was made (extension; trustops collect and trustops sample write it)',
      properties: {
        tool: { type: 'string', minLength: 1, description: 'trustops and its version, e.g. "trustops 0.1.0"' },
        collector: { type: 'string', minLength: 1, description: 'github/changes, github/branch-protection, github/access, github/vulnerabilities, command, sample' },
        collected_at: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$', description: 'When it was collected, UTC to the second: 2026-04-01T06:00:00Z' },
        run_url: { type: 'string', format: 'uri', description: 'The GitHub Actions run that collected it' },
        requests: { type: 'array', items: nonEmptyString, description: 'The API requests made: method, route and how many times' },
        command: { type: 'array', items: { type: 'string' }, description: 'The command that produced the file, as its arguments' },
        exit_status: { type: 'integer' },
        tool_version: { type: 'string', description: "The first line the command's --version printed" },
        drawn_with: { type: 'string', description: 'The trustops sample command that draws this sample again' },
      },
    },
    exceptions: {
      type: 'array',
      description: 'Deviations the evidence shows (what an auditor would report as an exception)',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['description', 'severity'],
        properties: {
          description: { type: 'string', minLength: 10, description: 'What deviated, specifically' },
          window: { ...period, description: 'When it happened (default: the record\'s covers)' },
          severity: { type: 'string', enum: ['low', 'medium', 'high'] },
          root_cause: { type: 'string' },
          management_response: { type: 'string' },
          remediated_on: date,
        },
      },
    },
  },
} as const;

/** Every file kind of the format, keyed by the name its schema file is published under. */
export const fileKindSchemas = {
  compliance: complianceSchema,
  control: controlSchema,
  responsibility: responsibilitySchema,
  vendor: vendorSchema,
  policy: policySchema,
  evidence: evidenceSchema,
  risk: riskSchema,
} as const;

export type FileKind = keyof typeof fileKindSchemas;
