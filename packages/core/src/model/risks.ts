import { addFrequency, type IsoDate } from './dates.js';
import type { Frequency, RiskData, RiskRating } from '../schemas/types.js';

/** likelihood x impact, 1-25. */
export function riskScore(rating: RiskRating | undefined): number | undefined {
  return rating ? rating.likelihood * rating.impact : undefined;
}

/** When a risk is next due for review: last_reviewed plus review_every (default annual); undefined when never reviewed or per-event. */
export function riskReviewDue(risk: Pick<RiskData, 'last_reviewed' | 'review_every'>): IsoDate | undefined {
  if (!risk.last_reviewed) return undefined;
  return addFrequency(risk.last_reviewed, reviewEvery(risk));
}

export function reviewEvery(risk: Pick<RiskData, 'review_every'>): Frequency {
  return risk.review_every ?? 'annual';
}

/** Why a risk's review is not current on `asOf`, or undefined when it is. */
export function riskReviewProblem(risk: Pick<RiskData, 'last_reviewed' | 'review_every'>, asOf: IsoDate): string | undefined {
  if (!risk.last_reviewed) return 'it has never been reviewed (no last_reviewed)';
  const due = riskReviewDue(risk);
  if (due !== undefined && due < asOf) return `its ${reviewEvery(risk)} review was due on ${due} (last reviewed ${risk.last_reviewed})`;
  return undefined;
}

/** What is wrong with a risk's written acceptance on `asOf` (no acceptor, expired, dated later), if anything. */
export function acceptanceProblem(risk: Pick<RiskData, 'acceptance'>, asOf: IsoDate): { field: 'by' | 'until' | 'on' | undefined; message: string } | undefined {
  const a = risk.acceptance;
  if (!a) return { field: undefined, message: 'it has no written acceptance (acceptance: by, on, until)' };
  if (!a.by) return { field: undefined, message: 'its acceptance names no one who accepted it (acceptance.by)' };
  if (a.until !== undefined && a.until < asOf) return { field: 'until', message: `its acceptance by ${a.by} expired on ${a.until}` };
  if (a.on !== undefined && a.on > asOf) return { field: 'on', message: `its acceptance by ${a.by} is dated ${a.on}, after ${asOf}` };
  return undefined;
}

/** Whether the residual risk stands accepted on `asOf`: an acceptance with an acceptor, in force on the date. */
export function isAccepted(risk: Pick<RiskData, 'acceptance'>, asOf: IsoDate): boolean {
  return acceptanceProblem(risk, asOf) === undefined;
}
