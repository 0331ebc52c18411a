import { SEVERITIES, type Finding, type Severity } from '../model/findings.js';
import { plural } from './labels.js';
import { joinPathPrefix } from './path-prefix.js';

// Escaping as @actions/core does it (toCommandValue / escapeData / escapeProperty): data escapes % CR LF,
// properties additionally ':' and ','.
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;
const NOUN = { error: 'error', warning: 'warning', info: 'info finding' } as const;

/**
 * GitHub shows at most 10 error, 10 warning and 10 notice annotations per step (and 50 per job); the rest
 * are dropped without a word. Past that, trustops annotates 9 and makes the 10th say how many more there are
 * and where they are.
 */
export const ANNOTATIONS_PER_SEVERITY = 10;

export interface GithubAnnotationOptions {
  /** The compliance repository's folder in the repository GitHub knows ("compliance/"; "" at its root). */
  pathPrefix?: string;
  /** Files the change touched (repository-relative): their findings are annotated first. */
  changedFiles?: ReadonlySet<string>;
  /** Where else every finding can be read, named in the closing annotation ("the job summary"). */
  moreAt?: string;
}

/**
 * GitHub Actions workflow commands: one annotation per finding, shown on the pull request's lines, within
 * GitHub's limits. Findings past the limit are listed as plain lines in a log group after the annotations,
 * so the step's log always holds all of them.
 */
export function renderCheckGithub(findings: readonly Finding[], options: GithubAnnotationOptions = {}): string {
  const prefix = options.pathPrefix ?? '';
  const annotated = new Set<Finding>();
  const overflow = new Map<Severity, Finding[]>();
  for (const severity of SEVERITIES) {
    const all = findings.filter((f) => f.severity === severity);
    if (all.length <= ANNOTATIONS_PER_SEVERITY) {
      for (const f of all) annotated.add(f);
      continue;
    }
    // GitHub keeps the first ones it is sent: those on the files the change touched go first.
    const changed = options.changedFiles;
    const ranked = changed ? [...all.filter((f) => changed.has(f.file)), ...all.filter((f) => !changed.has(f.file))] : all;
    for (const f of ranked.slice(0, ANNOTATIONS_PER_SEVERITY - 1)) annotated.add(f);
    overflow.set(severity, ranked.slice(ANNOTATIONS_PER_SEVERITY - 1));
  }

  const lines = findings.filter((f) => annotated.has(f)).map((f) => annotation(f, prefix));
  if (overflow.size === 0) return lines.map((l) => `${l}\n`).join('');

  const rest = findings.filter((f) => !annotated.has(f));
  const group = `trustops: ${plural(rest.length, 'finding')} not annotated`;
  for (const [severity, list] of overflow) {
    const count = `${list.length} more ${list.length === 1 ? NOUN[severity] : `${NOUN[severity]}s`}`;
    const where = [`this step's log (group "${group}")`, ...(options.moreAt ? [options.moreAt] : [])].join(' and in ');
    const text = `${count} than GitHub shows as annotations (${ANNOTATIONS_PER_SEVERITY} per severity in a step): they are listed in ${where}.`;
    lines.push(`::${COMMAND[severity]} title=${escapeProperty(`trustops: ${count}`)}::${escapeData(text)}`);
  }
  // Plain lines, no workflow commands: the log shows them, GitHub makes no annotation of them.
  lines.push(`::group::${escapeData(group)}`);
  for (const f of rest) lines.push(oneLine(`${joinPathPrefix(prefix, f.file)}:${f.line}:${f.column}: ${f.severity} ${f.ruleId}: ${f.message} (${f.hint})`));
  lines.push('::endgroup::');
  return lines.map((l) => `${l}\n`).join('');
}

function annotation(f: Finding, prefix: string): string {
  const props = [`file=${escapeProperty(joinPathPrefix(prefix, f.file))}`, `line=${f.line}`, `col=${f.column}`, `title=${escapeProperty(f.ruleId)}`].join(',');
  return `::${COMMAND[f.severity]} ${props}::${escapeData(`${f.message}\n${f.hint}`)}`;
}

/** A log line must neither span lines nor start a workflow command (a file name may begin with "::"). */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/::/g, ': :');
}
