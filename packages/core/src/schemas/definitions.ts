/**
 * Building blocks shared by the file-kind schemas. Kept as `as const` literals so that json-schema-to-ts
 * derives the TypeScript types from the very objects ajv compiles: the two cannot drift.
 */

export const FREQUENCIES = [
  'continuous',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'semiannual',
  'annual',
  'per-event',
] as const;

export const frequency = {
  type: 'string',
  enum: FREQUENCIES,
  description: 'How often: continuous | daily | weekly | monthly | quarterly | semiannual | annual | per-event',
} as const;

/** A calendar date (YYYY-MM-DD); ajv-formats rejects impossible days such as 2026-02-30. */
export const date = {
  type: 'string',
  format: 'date',
  description: 'A calendar date, YYYY-MM-DD',
} as const;

export const period = {
  type: 'object',
  additionalProperties: false,
  required: ['start', 'end'],
  properties: { start: date, end: date },
} as const;

/** Upper-case words joined by '-', as the format's ids are (IAM-MFA, POL-ACCESS). */
export const ID_PATTERN = '^[A-Z0-9]+(-[A-Z0-9]+)*$';

export const entityId = {
  type: 'string',
  pattern: ID_PATTERN,
  description: "Upper-case words joined by '-', unique in the repository",
} as const;

export const nonEmptyString = { type: 'string', minLength: 1 } as const;

export const idList = { type: 'array', items: nonEmptyString } as const;

/** Requirement ids per framework key of compliance.yaml. Ids are strings: ISO "5.10" is not 5.1. */
export const frameworkMaps = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ccm: { type: 'array', items: { type: 'string' }, description: 'CCM control ids of the configured version, e.g. IAM-14' },
    tsc: { type: 'array', items: { type: 'string' }, description: 'TSC 2017 criteria, e.g. CC6.1' },
    iso27001: {
      type: 'array',
      items: { type: 'string' },
      description: 'ISO/IEC 27001:2022 Annex A ids, quoted: "5.10"',
    },
  },
} as const;
