import type { ComplianceConfig } from '../schemas/types.js';
import type { SourceKind } from './source-files.js';

/**
 * What one file may cost. Beyond these a file gets a finding instead of being parsed, so no input makes a
 * command slow or large: the YAML parser, ajv and the Markdown toolchain all grow with the file. Policies
 * have the lowest limit because the packet renders their Markdown, and a GFM table costs the toolchain
 * about 3 KB of memory per byte (a 64 KiB table: 230 MB at peak; 250 KiB: 550 MB; prose costs a tenth).
 * compliance.yaml `limits.file_bytes` raises or lowers them per kind (its own limit cannot be changed
 * from inside it).
 */
export const DEFAULT_FILE_LIMITS: Readonly<Record<SourceKind, number>> = {
  compliance: 256 * 1024,
  control: 256 * 1024,
  responsibility: 2 * 1024 * 1024,
  vendor: 256 * 1024,
  policy: 64 * 1024,
  evidence: 256 * 1024,
  risk: 256 * 1024,
};

/** The readers never read a file of the format over this size at all (the highest limit one may configure). */
export const READ_CEILING = 64 * 1024 * 1024;

/**
 * Aliases may add at most this many characters to a document once expanded, whatever their count: one
 * anchored 6 MB string used 99 times stays under any alias count and still needs gigabytes.
 */
export const MAX_ALIAS_EXPANSION = 1_000_000;

/** The size limit of each file kind, with compliance.yaml's overrides applied. */
export function resolveFileLimits(config: ComplianceConfig | undefined): Record<SourceKind, number> {
  const configured = config?.limits?.file_bytes ?? {};
  const limits = { ...DEFAULT_FILE_LIMITS };
  for (const kind of Object.keys(limits) as SourceKind[]) {
    const value = configured[kind as keyof typeof configured];
    if (kind !== 'compliance' && typeof value === 'number') limits[kind] = Math.min(value, READ_CEILING);
  }
  return limits;
}
