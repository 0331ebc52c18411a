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
import { resolveFileLimits } from './limits.js';
import { classifyPath, type LinkProblem, type NotText, type SourceFile, type SourceKind } from './source-files.js';
import { parseYamlFileWithSource, type ParsedYamlFile } from './parse-yaml-file.js';
import { validateFileKind, type SchemaProblem } from './validate.js';
import { NO_PROBLEMS, YamlSource, type Position, type YamlProblem } from './yaml-source.js';

export { parseYamlFile, type ParsedYamlFile } from './parse-yaml-file.js';

/** Every file the format reads, with what went wrong while parsing and validating it. */
export interface LoadedFile {
  path: string;
  kind: SourceKind;
  binary: boolean;
  /** Where a binary file stops being UTF-8 text. */
  notText?: NotText;
  /** Set when the file is over its kind's size limit: it is not parsed. */
  tooLarge?: { size: number; limit: number };
  /** Parsed YAML (for policies: the front matter); absent for binary files and policies without front matter. */
  source?: YamlSource;
  syntaxErrors: YamlProblem[];
  /** Problems that do not stop the file from loading (tags the format does not know). */
  warnings: YamlProblem[];
  schemaProblems: SchemaProblem[];
  /** A YAML file's value after validation (what `parsed` gives for it); undefined when it did not parse. */
  pruned?: unknown;
}

/** A symbolic link in the program's folders that was not followed. */
export interface UnfollowedLink extends LinkProblem {
  path: string;
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
  /** Links in the program's folders that lead outside the repository, are broken or loop: never read. */
  links: UnfollowedLink[];
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
   * that did not change, so a changelog costs what changed, not the repository's size. Built from `files`
   * when first asked for: most commands never ask, and a map of 100,000 entries cost ~10 MB.
   */
  readonly parsed: Map<string, ParsedYamlFile>;
}

/**
 * Builds the repository model from its files in one pass: parse (YAML with positions, Markdown through
 * remark), validate each file against its kind's schema, and keep the valid parts for cross-file rules.
 * Pure: no file system, no clock.
 */
export function loadRepo(files: readonly SourceFile[], preparsed?: ReadonlyMap<string, ParsedYamlFile>): RepoModel {
  let parsed: Map<string, ParsedYamlFile> | undefined;
  const model: RepoModel = {
    files: [],
    links: [],
    controls: [],
    responsibilities: [],
    vendors: [],
    policies: [],
    evidence: [],
    risks: [],
    get parsed() {
      return (parsed ??= parsedOf(this.files));
    },
  };
  // compliance.yaml sorts before controls/, evidence/ and policies/: its limits apply to all of them.
  const sorted = [...files].sort((a, b) => compareText(a.path, b.path));
  let limits = resolveFileLimits(undefined);
  let configApplied = false;
  const trees = { kept: 0 };
  for (const file of sorted) {
    if (file.link) {
      model.links.push({ path: file.path, ...file.link });
      continue;
    }
    const kind = classifyPath(file.path);
    if (!kind) continue;
    if (kind !== 'compliance' && !configApplied) {
      limits = resolveFileLimits(model.config?.data);
      configApplied = true;
    }
    // Every field at once, in one order: a field added later (source, notText) moves the object's fields
    // to a second array, ~4 MB at 100,000 files.
    const loaded: LoadedFile = {
      path: file.path,
      kind,
      binary: Boolean(file.binary),
      notText: file.notText,
      tooLarge: undefined,
      source: undefined,
      syntaxErrors: NO_PROBLEMS,
      warnings: NO_PROBLEMS,
      schemaProblems: NO_PROBLEMS,
      pruned: undefined,
    };
    model.files.push(loaded);
    const size = file.size ?? file.text.length;
    if (size > limits[kind]) {
      loaded.tooLarge = { size, limit: limits[kind] };
      continue;
    }
    if (file.binary) continue;
    if (kind === 'policy') loadPolicy(file, loaded, model);
    else loadYaml(file, kind, loaded, model, preparsed?.get(file.path), trees);
  }
  return model;
}

/** The parse result of each YAML file that was parsed (not over its size limit, not binary), by path. */
function parsedOf(files: readonly LoadedFile[]): Map<string, ParsedYamlFile> {
  const out = new Map<string, ParsedYamlFile>();
  for (const f of files) {
    if (f.kind === 'policy' || f.tooLarge || f.binary) continue;
    out.set(f.path, { path: f.path, errors: f.syntaxErrors, warnings: f.warnings, problems: f.schemaProblems, pruned: f.pruned });
  }
  return out;
}

/**
 * A large file keeps its first parse for placing findings: parsing 1 MB of flow sequence again takes yaml
 * about 2 s, and a large file tends to have many findings. Small files rebuild theirs on demand (keeping
 * every tree costs a third more time in garbage collection), and the trees kept are bounded in total.
 */
const KEEP_TREE_ABOVE = 64 * 1024;
const KEEP_TREES_UP_TO = 16 * 1024 * 1024;

function loadYaml(
  file: SourceFile,
  kind: Exclude<FileKind, 'policy'>,
  loaded: LoadedFile,
  model: RepoModel,
  preparsed: ParsedYamlFile | undefined,
  trees: { kept: number },
): void {
  const keep = !preparsed && file.text.length > KEEP_TREE_ABOVE && trees.kept + file.text.length <= KEEP_TREES_UP_TO;
  if (keep) trees.kept += file.text.length;
  const fresh = preparsed ? undefined : parseYamlFileWithSource(file.path, kind, file.text, keep);
  const parsed = preparsed ?? fresh!.parsed;
  loaded.pruned = parsed.pruned;
  const body = file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
  loaded.source = fresh?.source ?? new YamlSource(file.path, body, 0);
  loaded.syntaxErrors = parsed.errors;
  loaded.warnings = parsed.warnings ?? NO_PROBLEMS;
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
  const { source, errors, warnings, value, sourceTextAt } = policy.frontMatter;
  loaded.source = source;
  loaded.syntaxErrors = errors;
  loaded.warnings = warnings;
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
