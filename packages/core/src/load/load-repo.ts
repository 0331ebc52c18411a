import { compareText } from '../model/findings.js';
import type { FileKind } from '../schemas/file-kinds.js';
import type {
  ComplianceConfig,
  ControlData,
  EvidenceRecordData,
  PolicyFrontMatter,
  ResponsibilityData,
  RiskData,
  VendorData,
} from '../schemas/types.js';
import { parsePolicy, type PolicyHeading } from './parse-policy.js';
import { classifyPath, type SourceFile, type SourceKind } from './source-files.js';
import { validateFileKind, type SchemaProblem } from './validate.js';
import { parseYamlSource, YamlSource, type Position, type YamlProblem } from './yaml-source.js';

/** Every file the format reads, with what went wrong while parsing and validating it. */
export interface LoadedFile {
  path: string;
  kind: SourceKind;
  binary: boolean;
  /** Parsed YAML (for policies: the front matter); absent for binary files and policies without front matter. */
  source?: YamlSource;
  syntaxErrors: YamlProblem[];
  schemaProblems: SchemaProblem[];
}

/** A validated value and the document it came from, so any finding can point at its line. */
export interface Entity<T> {
  data: T;
  source: YamlSource;
}

export interface PolicyEntity extends Entity<PolicyFrontMatter> {
  headings: PolicyHeading[];
  body: string;
  bodyLine: number;
}

export interface RepoModel {
  /** All files of the format, sorted by path. */
  files: LoadedFile[];
  config?: Entity<ComplianceConfig>;
  controls: Entity<ControlData>[];
  responsibilities: Entity<ResponsibilityData>[];
  vendors: Entity<VendorData>[];
  policies: PolicyEntity[];
  evidence: Entity<EvidenceRecordData>[];
  /** The risk register (risks/*.yaml). */
  risks: Entity<RiskData>[];
  /**
   * What parsing gave for each YAML file, by path: loading another revision reuses it for every file
   * that did not change, so a changelog costs what changed, not the repository's size.
   */
  parsed: Map<string, ParsedYamlFile>;
}

/**
 * Builds the repository model from its files in one pass: parse (YAML with positions, Markdown through
 * remark), validate each file against its kind's schema, and keep the valid parts for cross-file rules.
 * Pure: no file system, no clock.
 */
export function loadRepo(files: readonly SourceFile[], preparsed?: ReadonlyMap<string, ParsedYamlFile>): RepoModel {
  const model: RepoModel = { files: [], controls: [], responsibilities: [], vendors: [], policies: [], evidence: [], risks: [], parsed: new Map() };
  const sorted = [...files].sort((a, b) => compareText(a.path, b.path));
  for (const file of sorted) {
    const kind = classifyPath(file.path);
    if (!kind) continue;
    const loaded: LoadedFile = { path: file.path, kind, binary: Boolean(file.binary), syntaxErrors: [], schemaProblems: [] };
    model.files.push(loaded);
    if (file.binary) continue;
    if (kind === 'policy') loadPolicy(file, loaded, model);
    else loadYaml(file, kind, loaded, model, preparsed?.get(file.path));
  }
  return model;
}

/** What parsing and validating one YAML file yields: plain data, so it can cross a worker boundary. */
export interface ParsedYamlFile {
  path: string;
  errors: YamlProblem[];
  problems: SchemaProblem[];
  pruned: unknown;
}

/** Parses and validates one YAML file of a known kind. */
export function parseYamlFile(path: string, kind: Exclude<FileKind, 'policy'>, text: string): ParsedYamlFile {
  const parsed = parseYamlSource(path, text);
  if (parsed.errors.length > 0) return { path, errors: parsed.errors, problems: [], pruned: undefined };
  const { problems, pruned } = validateFileKind(kind, parsed.value, parsed.sourceTextAt);
  return { path, errors: [], problems, pruned };
}

function loadYaml(file: SourceFile, kind: Exclude<FileKind, 'policy'>, loaded: LoadedFile, model: RepoModel, preparsed?: ParsedYamlFile): void {
  const parsed = preparsed ?? parseYamlFile(file.path, kind, file.text);
  model.parsed.set(file.path, parsed);
  const body = file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
  loaded.source = new YamlSource(file.path, body, 0);
  loaded.syntaxErrors = parsed.errors;
  loaded.schemaProblems = parsed.problems;
  const { pruned } = parsed;
  if (parsed.errors.length > 0 || pruned === undefined || pruned === null || typeof pruned !== 'object' || Array.isArray(pruned)) return;
  const entity = { data: pruned, source: loaded.source };
  switch (kind) {
    case 'compliance':
      model.config = entity as Entity<ComplianceConfig>;
      break;
    case 'control':
      model.controls.push(entity as Entity<ControlData>);
      break;
    case 'responsibility':
      model.responsibilities.push(entity as Entity<ResponsibilityData>);
      break;
    case 'vendor':
      model.vendors.push(entity as Entity<VendorData>);
      break;
    case 'evidence':
      model.evidence.push(entity as Entity<EvidenceRecordData>);
      break;
    case 'risk':
      model.risks.push(entity as Entity<RiskData>);
      break;
  }
}

function loadPolicy(file: SourceFile, loaded: LoadedFile, model: RepoModel): void {
  const policy = parsePolicy(file.path, file.text);
  if (!policy.frontMatter) {
    loaded.schemaProblems = [
      {
        kind: 'invalid',
        path: [],
        target: 'value',
        message: 'the policy has no YAML front matter',
        hint: 'Start the file with a front matter block between "---" lines: id, title, owner, version, effective.',
      },
    ];
    return;
  }
  const { source, errors, value, sourceTextAt } = policy.frontMatter;
  loaded.source = source;
  loaded.syntaxErrors = errors;
  if (errors.length > 0) return;
  const { problems, pruned } = validateFileKind('policy', value, sourceTextAt);
  loaded.schemaProblems = problems;
  if (pruned === undefined || typeof pruned !== 'object' || Array.isArray(pruned)) return;
  model.policies.push({
    data: pruned as PolicyFrontMatter,
    source,
    headings: policy.headings,
    body: policy.body,
    bodyLine: policy.bodyLine,
  });
}

export type { Position };
