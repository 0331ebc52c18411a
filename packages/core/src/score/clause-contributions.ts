import { ISMS_GROUP } from '@trustops/frameworks';
import type { RepoModel } from '../load/load-repo.js';
import { locate } from '../load/yaml-source.js';
import { addFrequency, type IsoDate } from '../model/dates.js';
import type { FrameworkScope } from '../model/scope.js';
import type { StatusReason } from './readiness.js';
import { RISK_REGISTER_CLAUSES, type RiskRegisterAssessment } from './risk-register.js';

/**
 * What besides controls meets an ISMS clause (ISO 27001 clauses 4-10): the management system's own
 * documented information. A policy mapped to a clause counts when it is in force, reviewed on schedule and
 * its required sections are written; the risk register counts for risk assessment and treatment (6.1.2,
 * 6.1.3, 8.2, 8.3) when every risk is reviewed on schedule and treated as its treatment says. Annex A,
 * CCM and TSC requirements are met by controls only, as before: a policy states an intent, a control does
 * the work.
 */
export interface Contribution {
  reason: StatusReason;
  counts: boolean;
  /** Beyond a plan: the policy is written, the register exists. */
  inPlace: boolean;
  /** Maturity it lends the requirement: a policy in force is documented (2), a current register performed consistently (3). */
  maturity: number;
}

export interface ClauseContext {
  asOf: IsoDate;
  /** Policies whose required sections are all written. */
  real: ReadonlySet<string>;
  risks: RiskRegisterAssessment;
}

/** The contributions of policies and of the risk register, by clause requirement id. */
export function clauseContributions(model: RepoModel, fw: FrameworkScope, ctx: ClauseContext): Map<string, Contribution[]> {
  const out = new Map<string, Contribution[]>();
  const add = (id: string, c: Contribution) => out.set(id, [...(out.get(id) ?? []), c]);
  const isClause = (id: string) => fw.requirements.some((r) => r.id === id && r.group === ISMS_GROUP.id);
  const seen = new Set<string>();
  for (const policy of model.policies) {
    const d = policy.data;
    if (seen.has(d.id)) continue;
    seen.add(d.id);
    const ids = new Set((d.maps?.iso27001 ?? []).flatMap((ref) => fw.resolve(ref)).filter(isClause));
    if (ids.size === 0) continue;
    const issues: string[] = [];
    if (!ctx.real.has(d.id)) issues.push('its required sections are empty or placeholders');
    if (d.effective && d.effective > ctx.asOf) issues.push(`it takes effect on ${d.effective}, after ${ctx.asOf}`);
    const since = d.last_reviewed ?? d.effective;
    const due = since ? addFrequency(since, d.review_every ?? 'annual') : undefined;
    if (due && due < ctx.asOf) issues.push(`its ${d.review_every ?? 'annual'} review was due on ${due}`);
    const counts = issues.length === 0;
    const reason: StatusReason = { kind: 'policy', policy: d.id, file: policy.source.file, line: locate(policy.source, ['id']).line, counts, issues };
    for (const id of ids) add(id, { reason, counts, inPlace: ctx.real.has(d.id), maturity: counts ? 2 : 1 });
  }
  const { risks } = ctx;
  if (risks.risks.length > 0) {
    const first = risks.risks[0]!;
    const reason: StatusReason = { kind: 'risk-register', risks: risks.risks.length, file: first.file, line: first.line, counts: risks.counts, issues: risks.issues };
    for (const id of RISK_REGISTER_CLAUSES) if (isClause(id)) add(id, { reason, counts: risks.counts, inPlace: true, maturity: risks.counts ? 3 : 1 });
  }
  return out;
}
