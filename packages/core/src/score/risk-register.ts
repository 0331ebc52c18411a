import type { Entity, RepoModel } from '../load/load-repo.js';
import { locate } from '../load/yaml-source.js';
import { placeholderIn } from '../model/placeholders.js';
import type { IsoDate } from '../model/dates.js';
import { acceptanceProblem, isAccepted, reviewEvery, riskReviewDue, riskReviewProblem, riskScore } from '../model/risks.js';
import type { ControlData, Frequency, RiskAcceptance, RiskData, RiskTreatment } from '../schemas/types.js';

/** One risk of the register as an auditor reads it on a date. */
export interface RiskAssessment {
  id: string;
  title: string;
  owner: string;
  file: string;
  line: number;
  assets: string[];
  inherent?: number;
  residual?: number;
  treatment?: RiskTreatment;
  /** The controls that treat it, as listed, and which of them exist and are in place (not planned or retired). */
  controls: string[];
  controlsInPlace: string[];
  controlsPlanned: string[];
  reviewEvery: Frequency;
  lastReviewed?: IsoDate;
  reviewDue?: IsoDate;
  acceptance?: RiskAcceptance;
  /** A written acceptance with an acceptor is in force on the date. */
  accepted: boolean;
  /** The residual score is above risk.appetite of compliance.yaml. */
  aboveAppetite: boolean;
  /** What keeps it from counting as assessed and treated on the date; empty when it counts. */
  issues: string[];
}

/** The register as a whole: what ISO 27001 clauses 6.1.2, 6.1.3, 8.2 and 8.3 rest on. */
export interface RiskRegisterAssessment {
  appetite?: number;
  risks: RiskAssessment[];
  /** At least one risk, and every risk counts (reviewed on schedule, treated, accepted where it must be). */
  counts: boolean;
  /** "R-014: its quarterly review was due on ...", one per problem. */
  issues: string[];
}

/** The ISMS clauses a current register carries (risk assessment and treatment, planned and performed). */
export const RISK_REGISTER_CLAUSES: readonly string[] = ['clause 6.1.2', 'clause 6.1.3', 'clause 8.2', 'clause 8.3'];

/** Every risk of the register assessed on `asOf` (first definition of an id only). */
export function assessRiskRegister(model: RepoModel, asOf: IsoDate): RiskRegisterAssessment {
  const appetite = model.config?.data.risk?.appetite;
  const controls = new Map<string, ControlData>();
  for (const c of model.controls) if (!controls.has(c.data.id)) controls.set(c.data.id, c.data);
  const seen = new Set<string>();
  const risks: RiskAssessment[] = [];
  for (const risk of model.risks) {
    if (seen.has(risk.data.id)) continue;
    seen.add(risk.data.id);
    risks.push(assessRisk(risk, asOf, appetite, controls));
  }
  const issues = risks.flatMap((r) => r.issues.map((i) => `${r.id}: ${i}`));
  return { ...(appetite !== undefined ? { appetite } : {}), risks, counts: risks.length > 0 && issues.length === 0, issues };
}

function assessRisk(risk: Entity<RiskData>, asOf: IsoDate, appetite: number | undefined, controls: ReadonlyMap<string, ControlData>): RiskAssessment {
  const d = risk.data;
  const listed = [...(d.controls ?? [])];
  const inPlace = listed.filter((id) => {
    const status = controls.get(id)?.status;
    return status === 'implemented' || status === 'operating';
  });
  const planned = listed.filter((id) => controls.get(id)?.status === 'planned');
  const residual = riskScore(d.residual);
  const accepted = isAccepted(d, asOf);
  const aboveAppetite = appetite !== undefined && residual !== undefined && residual > appetite;
  const issues: string[] = [];
  // A risk nobody has described or owns is not assessed, whatever its scores say.
  for (const [what, text] of [['description', d.description], ['owner', d.owner]] as const) {
    const why = text === undefined ? undefined : placeholderIn(text);
    if (why) issues.push(`its ${what} is ${why === 'empty' ? 'empty' : `a placeholder (${why})`}`);
  }
  const review = riskReviewProblem(d, asOf);
  if (review) issues.push(review);
  if (d.treatment === 'accept' || d.acceptance) {
    const problem = acceptanceProblem(d, asOf);
    if (problem) issues.push(problem.message);
  }
  if (aboveAppetite && !accepted) issues.push(`its residual score ${residual} is above the risk appetite ${appetite} and no written acceptance is in force`);
  for (const id of listed) {
    const control = controls.get(id);
    if (!control) issues.push(`control ${id} does not exist`);
    else if (control.status === 'retired') issues.push(`control ${id} is retired`);
  }
  if (d.treatment === 'mitigate' && inPlace.length === 0) {
    issues.push(listed.length === 0 ? 'it is to be mitigated, but no control treats it' : `it is to be mitigated, but no control that treats it is in place (${listed.join(', ')})`);
  }
  const due = riskReviewDue(d);
  return {
    id: d.id,
    title: d.title,
    owner: d.owner,
    file: risk.source.file,
    line: locate(risk.source, ['id']).line,
    assets: [...(d.assets ?? [])],
    ...(riskScore(d.inherent) !== undefined ? { inherent: riskScore(d.inherent)! } : {}),
    ...(residual !== undefined ? { residual } : {}),
    ...(d.treatment ? { treatment: d.treatment } : {}),
    controls: listed,
    controlsInPlace: inPlace,
    controlsPlanned: planned,
    reviewEvery: reviewEvery(d),
    ...(d.last_reviewed ? { lastReviewed: d.last_reviewed } : {}),
    ...(due ? { reviewDue: due } : {}),
    ...(d.acceptance ? { acceptance: d.acceptance } : {}),
    accepted,
    aboveAppetite,
    issues,
  };
}
