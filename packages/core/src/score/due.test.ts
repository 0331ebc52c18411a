import { describe, expect, it } from 'vitest';
import { assess } from '../pipeline/assess.js';
import { renderDueMarkdown, renderDueText } from '../render/due.js';
import { BASE_FILES } from '../testing/base-repo.js';
import { createInMemoryRepo, mergeFiles, type FileOverrides } from '../testing/in-memory-repo.js';
import { patch } from '../testing/patch.js';
import { RISK, RISK_BASE, RISK_FILE } from '../testing/risk-fixture.js';
import { computeDue } from './due.js';

/**
 * The PBC fixture, as of 2026-12-05 with a 30-day horizon (up to 2027-01-04). Worked out by hand:
 * - POL-ACCESS, quarterly, last reviewed 2026-08-31: due 2026-11-30 (clamped), overdue;
 * - vendor okta, our review of 2025-12-15, annual: due 2026-12-15;
 * - IAM-MFA's Q4 window 2026-10-01..2026-12-31: due 2026-12-31 (Q1-Q3 are covered);
 * - R-001's acceptance by the CISO until 2026-12-31: due 2026-12-31;
 * - LOG-CENTRAL, monthly, records for January to September only: October (ended 2026-10-31) and
 *   November (2026-11-30) missed, overdue; December due 2026-12-31;
 * - left out, beyond the horizon: R-001's quarterly review (2026-10-05: due 2027-01-05, one day late for
 *   the horizon), AWS's SOC 2 report (current until 2027-09-30) and certificate (2027-11-07).
 */
const TODAY = '2026-12-05';
const UNTIL = '2027-01-04';

const monthly = (month: number) => {
  const m = String(month).padStart(2, '0');
  const end = new Date(Date.UTC(2026, month, 0)).toISOString().slice(0, 10);
  return `control: LOG-CENTRAL\nevidence: trail-export\ncollected_on: ${end}\ncovers: { start: 2026-${m}-01, end: ${end} }\npopulation: { size: 0, source: "CloudTrail: no configuration change" }\n`;
};

const FIXTURE: FileOverrides = {
  ...RISK_BASE,
  [RISK_FILE]: `${RISK}acceptance: { by: Marcus Oyelaran (CISO), on: 2026-01-15, until: 2026-12-31 }\n`,
  'policies/access-control.md': patch(patch(BASE_FILES['policies/access-control.md']!, 'last_reviewed: 2026-01-10', 'last_reviewed: 2026-08-31'), 'review_every: annual', 'review_every: quarterly'),
  'controls/vendors/okta.yaml': 'id: okta\nname: Okta, Inc.\nkind: tool\nreviews:\n  - { on: 2025-12-15, by: Ellen Brody, outcome: approved }\n',
  'controls/log/LOG-CENTRAL.yaml': patch(
    patch(patch(BASE_FILES['controls/iam/IAM-MFA.yaml']!, 'id: IAM-MFA', 'id: LOG-CENTRAL'), 'owner: security-engineering', 'owner: platform-engineering'),
    /evidence:\n[\s\S]*$/,
    'evidence:\n  - id: trail-export\n    every: monthly\n',
  ),
  ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((m) => [`evidence/LOG-CENTRAL/2026-${String(m).padStart(2, '0')}.yaml`, monthly(m)])),
};

async function dueOf(files: FileOverrides, today = TODAY, until = UNTIL) {
  const a = await assess(createInMemoryRepo(mergeFiles(BASE_FILES, files)), { today });
  return computeDue(a.model, a.readiness, { today, until });
}

describe('the PBC list', () => {
  it('lists what is due by the horizon and everything overdue, with the dates worked out by hand', async () => {
    const list = await dueOf(FIXTURE);
    expect(list.items.map((i) => [i.due, i.overdue ? 'overdue' : 'due', i.kind, i.subject, i.from])).toEqual([
      ['2026-10-31', 'overdue', 'evidence', 'LOG-CENTRAL', 'platform-engineering'],
      ['2026-11-30', 'overdue', 'evidence', 'LOG-CENTRAL', 'platform-engineering'],
      ['2026-11-30', 'overdue', 'policy-review', 'POL-ACCESS', 'CISO'],
      ['2026-12-15', 'due', 'vendor-review', 'okta', 'Ellen Brody'],
      ['2026-12-31', 'due', 'evidence', 'IAM-MFA', 'security-engineering'],
      ['2026-12-31', 'due', 'evidence', 'LOG-CENTRAL', 'platform-engineering'],
      ['2026-12-31', 'due', 'risk-acceptance', 'R-001', 'Marcus Oyelaran (CISO)'],
    ]);
    expect(list.counts).toEqual({ overdue: 3, due: 4 });
    expect(list.items[0]).toMatchObject({ what: 'trail-export (monthly) for 2026-10-01..2026-10-31: the window ended without a record', window: { start: '2026-10-01', end: '2026-10-31' }, file: 'controls/log/LOG-CENTRAL.yaml', line: 1 });
    expect(list.items[2]).toMatchObject({ what: 'quarterly review of POL-ACCESS Access Control Policy (last reviewed 2026-08-31)', file: 'policies/access-control.md', line: 7 });
    expect(list.items[3]).toMatchObject({ what: 'annual review of Okta, Inc. (last reviewed 2025-12-15)', file: 'controls/vendors/okta.yaml', line: 5 });
  });

  it('takes the risk review on its due date when the horizon reaches it, and the vendor reports when it is a year', async () => {
    const list = await dueOf(FIXTURE, TODAY, '2027-11-07');
    const beyond = list.items.filter((i) => i.due > UNTIL).map((i) => [i.due, i.kind, i.subject]);
    // AWS's standing rests on the attestation current the longest: its ISO 27001 certificate (2027-11-07).
    expect(beyond).toEqual([
      ['2027-01-05', 'risk-review', 'R-001'],
      ['2027-11-07', 'vendor-attestation', 'aws'],
    ]);
  });

  it('lists the days of the period a vendor the SSRM relies on leaves uncovered, from their first day', async () => {
    const withoutLetter = patch(BASE_FILES['controls/vendors/aws.yaml']!, /  - type: bridge-letter\n[\s\S]*$/, '');
    const list = await dueOf({ ...FIXTURE, 'controls/vendors/aws.yaml': withoutLetter });
    expect(list.items.find((i) => i.kind === 'vendor-coverage')).toMatchObject({
      due: '2026-10-01',
      overdue: true,
      subject: 'aws',
      what: 'a SOC 2 Type II report or bridge letter of Amazon Web Services covering 2026-10-01..2026-12-31 of the observation period',
      from: 'Amazon Web Services',
    });
  });

  it('a Type I program lists reviews and renewals, and no evidence windows', async () => {
    const type1 = patch(RISK_BASE['compliance.yaml']!, '    report: type2\n    period: { start: 2026-01-01, end: 2026-12-31 }', '    report: type1');
    const list = await dueOf({ ...FIXTURE, 'compliance.yaml': type1 });
    expect(list.items.map((i) => i.kind)).toEqual(['policy-review', 'vendor-review', 'risk-acceptance']);
  });

  it('renders as text and as a Markdown table', async () => {
    const list = await dueOf(FIXTURE);
    const text = renderDueText(list);
    expect(text.split('\n')[0]).toBe('Due by 2027-01-04 (as of 2026-12-05): 3 items overdue, 4 due');
    expect(text).toContain('OVERDUE 2026-11-30  policy review    POL-ACCESS: quarterly review of POL-ACCESS Access Control Policy (last reviewed 2026-08-31)\n        from CISO [policies/access-control.md:7]');
    expect(renderDueMarkdown(list)).toContain('| 2026-12-15 | due | vendor review | okta | annual review of Okta, Inc. \\(last reviewed 2025-12-15\\) | Ellen Brody |');
  });
});
