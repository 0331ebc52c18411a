import type { RepoModel } from '../load/load-repo.js';
import type { EvidenceFileFacts } from '../model/evidence-files.js';
import { scanSecrets } from './scan.js';

/** A credential in an evidence record or file that compliance.yaml does not allow. */
export interface FoundSecret {
  file: string;
  line: number;
  column: number;
  ruleId: string;
}

/**
 * Every credential in the evidence: the records' own text (scanned here) and the files they list (scanned
 * by the reader that hashed them), less those listed under secrets.allowed in compliance.yaml. The rule
 * evidence/secret reports them and the packet withholds their files, whatever the rule's severity.
 */
export function findEvidenceSecrets(model: RepoModel, evidenceFiles: ReadonlyMap<string, EvidenceFileFacts>): FoundSecret[] {
  const allowed = model.config?.data.secrets?.allowed ?? [];
  const isAllowed = (s: FoundSecret) => allowed.some((a) => a.path === s.file && (a.rule === undefined || a.rule === s.ruleId) && (a.line === undefined || a.line === s.line));
  const found: FoundSecret[] = [];
  for (const file of model.files) {
    if (file.kind !== 'evidence' || !file.source) continue;
    for (const m of scanSecrets(file.source.text, { path: file.path })) found.push({ file: file.path, line: m.line, column: m.column, ruleId: m.ruleId });
  }
  // Only the files with a credential are sorted (a sorted copy of every entry was ~5 MB of garbage at
  // 100,000 records).
  const withSecrets: string[] = [];
  for (const [path, facts] of evidenceFiles) if (facts.kind === 'file' && facts.secrets?.length) withSecrets.push(path);
  for (const path of withSecrets.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const facts = evidenceFiles.get(path) as Extract<EvidenceFileFacts, { kind: 'file' }>;
    for (const m of facts.secrets!) found.push({ file: path, line: m.line, column: m.column, ruleId: m.ruleId });
  }
  return found.filter((s) => !isAllowed(s));
}

/** The files that hold a credential not allowed: never published. */
export function filesWithSecrets(model: RepoModel, evidenceFiles: ReadonlyMap<string, EvidenceFileFacts>): Set<string> {
  return new Set(findEvidenceSecrets(model, evidenceFiles).map((s) => s.file));
}
