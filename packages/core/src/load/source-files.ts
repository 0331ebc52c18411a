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
  /** Where the bytes stop being UTF-8 text, when `binary`: the first NUL or invalid byte. */
  notText?: NotText;
  /** Size in bytes, when the reader knows it; a file over the read ceiling comes with `text` empty. */
  size?: number;
  /** The path is a symbolic link that was not followed: it leads out of the repository, is broken or loops. */
  link?: LinkProblem;
}

/** Where and why a file is not UTF-8 text. */
export interface NotText {
  line: number;
  column: number;
  reason: string;
}

export interface LinkProblem {
  problem: 'outside' | 'broken' | 'loop';
  /** Where the link points, as written in it (never followed). */
  target: string;
}

/**
 * The folders a repository keeps its program in: the reader walks them, links inside them are reported,
 * and the packet is never written into them (risks/ is reserved for the risk register).
 */
export const FORMAT_FOLDERS = ['controls', 'policies', 'evidence', 'risks'] as const;

/** The name of the audit packet's folder; one found anywhere in the repository is never read as the program. */
export const PACKET_FOLDER = 'audit-packet';

/** true for paths inside a packet folder (or one of its temporary siblings) wherever it sits. */
export function isPacketOutput(path: string): boolean {
  // Asked of every path walked: most never mention the folder, and splitting them all was garbage.
  if (!path.includes(PACKET_FOLDER)) return false;
  return path.split('/').some((segment) => segment === PACKET_FOLDER || segment.startsWith(`.${PACKET_FOLDER}`));
}

/** The file kinds of the repository format, decided by path alone. */
export type SourceKind = 'compliance' | 'control' | 'responsibility' | 'vendor' | 'policy' | 'evidence' | 'risk';

const YAML_EXTENSION = /\.ya?ml$/;

/** Which kind of file a path holds, or undefined for files the format does not read (README, artefacts). */
export function classifyPath(path: string): SourceKind | undefined {
  // A packet written into the program's folders (an old --out) would duplicate every control and policy.
  if (isPacketOutput(path)) return undefined;
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

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes file bytes as UTF-8 text, or marks them binary with the place of the first byte that is not text. */
export function decodeSourceFile(path: string, bytes: Uint8Array): SourceFile {
  const size = bytes.byteLength;
  const nul = bytes.indexOf(0);
  if (nul === -1) {
    try {
      return { path, text: decoder.decode(bytes), size };
    } catch {
      // fall through: find the first invalid byte
    }
  }
  const invalid = firstInvalidUtf8(bytes, nul === -1 ? bytes.length : nul);
  const offset = invalid ?? nul;
  const reason = invalid === undefined ? 'a NUL byte' : `a byte that is not UTF-8 (0x${bytes[invalid]!.toString(16).toUpperCase().padStart(2, '0')})`;
  return { path, text: '', binary: true, size, notText: { ...positionOfByte(bytes, offset), reason } };
}

/** The offset of the first byte before `end` that breaks UTF-8 (Unicode 15, table 3-7), if any. */
function firstInvalidUtf8(bytes: Uint8Array, end: number): number | undefined {
  for (let i = 0; i < end; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min = 0x80;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) min = 0xa0;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) min = 0x90;
      if (b === 0xf4) max = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || i + k >= end) return i;
      if (c < (k === 1 ? min : 0x80) || c > (k === 1 ? max : 0xbf)) return i;
    }
    i += need + 1;
  }
  return undefined;
}

/** 1-based line and column (in characters of the valid text before it) of a byte offset. */
function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset));
  return { line, column: before.length + 1 };
}

/**
 * Whether a path in the program's folders may hold files of the format: a file the format reads, a folder
 * (no extension), or a YAML file under risks/ (the risk register's folder). A link at such a path that is
 * not followed gets a finding; a link to a README or an artefact is left to the rules that read them.
 */
export function mayHoldFormatFiles(path: string): boolean {
  if (classifyPath(path) !== undefined) return true;
  if (isPacketOutput(path) || !FORMAT_FOLDERS.some((f) => path.startsWith(`${f}/`))) return false;
  const name = path.slice(path.lastIndexOf('/') + 1);
  return !name.includes('.') || /^risks\/.*\.ya?ml$/.test(path);
}
