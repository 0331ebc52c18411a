import { FREQUENCIES } from '../schemas/definitions.js';

export type ImportStatus = 'implemented' | 'partial' | 'no' | 'na';
type Frequency = (typeof FREQUENCIES)[number];

/** The words people write in status columns, after lower-casing. */
const STATUS_WORDS: readonly [ImportStatus, RegExp][] = [
  ['na', /^(n\/?a|na|not applicable|excluded|exclude|out of scope|not in scope)$/],
  ['partial', /^(partial|partially|partly|partially implemented|partially in place|in progress|in-progress|ongoing|being implemented|some|part|partially compliant|partially met)$/],
  ['no', /^(no|n|false|0|not implemented|not in place|not started|planned|missing|gap|none|not yet|todo|open|non-compliant|noncompliant|not met|✗|✘)$/],
  ['implemented', /^(yes|y|true|1|x|✓|✔|implemented|fully implemented|in place|operating|operational|effective|operating effectively|done|complete|completed|compliant|met|live|active)$/],
];

/** What a status cell says: implemented, partial, no, n/a; '' for an empty cell; undefined when it cannot be read. */
export function parseStatus(text: string): ImportStatus | '' | undefined {
  const t = text.trim().toLowerCase().replace(/[.!]$/, '');
  if (t === '') return '';
  for (const candidate of [t, t.split(/\s*[-–:,(/]\s*|\s+-\s+/)[0]!]) {
    for (const [status, pattern] of STATUS_WORDS) if (pattern.test(candidate)) return status;
  }
  return undefined;
}

const APPLICABLE_YES = /^(yes|y|true|1|x|✓|✔|applicable|included|include|selected|in scope|required|relevant|applies)$/;
const APPLICABLE_NO = /^(no|n|false|0|not applicable|n\/?a|na|excluded|exclude|not selected|out of scope|not in scope|not required|not relevant)$/;

/** Whether an applicability cell says yes or no; '' for an empty cell, undefined when it cannot be read. */
export function parseApplicable(text: string): boolean | '' | undefined {
  const t = text.trim().toLowerCase().replace(/[.!]$/, '');
  if (t === '') return '';
  for (const candidate of [t, t.split(/\s*[-–:,(]\s*/)[0]!]) {
    if (APPLICABLE_YES.test(candidate)) return true;
    if (APPLICABLE_NO.test(candidate)) return false;
  }
  return undefined;
}

const FREQUENCY_WORDS: readonly [Frequency, RegExp][] = [
  ['continuous', /^(continuous|continuously|real[- ]time|ongoing|always|automated|automatic)$/],
  ['daily', /^(daily|every day|each day)$/],
  ['weekly', /^(weekly|every week)$/],
  ['monthly', /^(monthly|every month)$/],
  ['quarterly', /^(quarterly|every quarter|every 3 months|every three months)$/],
  ['semiannual', /^(semi-?annual|semi-?annually|bi-?annual|bi-?annually|twice a year|every 6 months|every six months|half-yearly|half yearly)$/],
  ['annual', /^(annual|annually|yearly|every year|once a year|every 12 months)$/],
  ['per-event', /^(per[- ]event|ad[- ]hoc|as needed|as required|event[- ]driven|on change|upon change|per change|on demand|when needed)$/],
];

/** A frequency word of the format from what a matrix says ("Annually", "Ad hoc"); '' empty, undefined unreadable. */
export function parseFrequency(text: string): Frequency | '' | undefined {
  const t = text.trim().toLowerCase().replace(/[.!]$/, '');
  if (t === '') return '';
  for (const [frequency, pattern] of FREQUENCY_WORDS) if (pattern.test(t)) return frequency;
  return undefined;
}
