/**
 * What the loader consumes: repository files as text, keyed by repo-relative path with '/'. The IO layer
 * (read-repo.ts, and later a git revision reader) produces them; everything after is pure.
 */
export interface SourceFile {
  /** Repo-relative, '/'-separated. */
  path: string;
  text: string;
  /** Set when the bytes are not text (NUL bytes or invalid UTF-8); `text` is then empty. */
  binary?: boolean;
}

/** The file kinds of the repository format, decided by path alone. */
export type SourceKind = 'compliance' | 'control' | 'responsibility' | 'vendor' | 'policy' | 'evidence' | 'risk';

const YAML_EXTENSION = /\.ya?ml$/;

/** Which kind of file a path holds, or undefined for files the format does not read (README, artefacts). */
export function classifyPath(path: string): SourceKind | undefined {
  if (path === 'compliance.yaml' || path === 'compliance.yml') return 'compliance';
  if (path.startsWith('controls/')) {
    if (!YAML_EXTENSION.test(path)) return undefined;
    if (path.startsWith('controls/responsibility/')) return 'responsibility';
    if (path.startsWith('controls/vendors/')) return 'vendor';
    return 'control';
  }
  if (path.startsWith('policies/') && path.endsWith('.md')) {
    // A folder README explains the folder; it is not a policy.
    return /(^|\/)readme\.md$/i.test(path) ? undefined : 'policy';
  }
  // The risk register: one risk per YAML file anywhere under risks/.
  if (path.startsWith('risks/') && YAML_EXTENSION.test(path)) return 'risk';
  // Records are the YAML files directly in evidence/<control>/; anything else (including YAML in a
  // subfolder) is an artefact that a record points at.
  if (path.startsWith('evidence/') && YAML_EXTENSION.test(path) && path.split('/').length === 3) return 'evidence';
  return undefined;
}

/** Decodes file bytes as UTF-8 text, or marks them binary. */
export function decodeSourceFile(path: string, bytes: Uint8Array): SourceFile {
  if (bytes.includes(0)) return { path, text: '', binary: true };
  try {
    return { path, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { path, text: '', binary: true };
  }
}
