import type { FileKind } from '../schemas/file-kinds.js';
import { validateFileKind, type SchemaProblem } from './validate.js';
import { NO_PROBLEMS, parseYamlSource, type YamlProblem, type YamlSource } from './yaml-source.js';

// Apart from load-repo.ts so that reading one YAML file (trustops catalog reads compliance.yaml) does not
// load the Markdown toolchain policies need.

/** What parsing and validating one YAML file yields: plain data, so it can cross a worker boundary. */
export interface ParsedYamlFile {
  path: string;
  errors: YamlProblem[];
  warnings: YamlProblem[];
  problems: SchemaProblem[];
  pruned: unknown;
}

/** Parses and validates one YAML file of a known kind. */
export function parseYamlFile(path: string, kind: Exclude<FileKind, 'policy'>, text: string): ParsedYamlFile {
  return parseYamlFileWithSource(path, kind, text).parsed;
}

/** parseYamlFile, and the document it parsed (with its tree when `keepTree`). */
export function parseYamlFileWithSource(path: string, kind: Exclude<FileKind, 'policy'>, text: string, keepTree = false): { parsed: ParsedYamlFile; source: YamlSource } {
  const result = parseYamlSource(path, text, 0, keepTree);
  if (result.errors.length > 0) return { parsed: { path, errors: result.errors, warnings: result.warnings, problems: NO_PROBLEMS, pruned: undefined }, source: result.source };
  const { problems, pruned } = validateFileKind(kind, result.value, result.sourceTextAt);
  return { parsed: { path, errors: NO_PROBLEMS, warnings: result.warnings, problems, pruned }, source: result.source };
}

