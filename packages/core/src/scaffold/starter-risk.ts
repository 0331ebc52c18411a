import type { InitChoices } from './init-options.js';
import { STARTER_CONTROL_FILE } from './starter-control.js';
import { schemaModeline, withComment, yamlScalar } from './yaml-text.js';

export const STARTER_RISK_FILE = 'risks/R-001.yaml';

/**
 * One risk to start the register from, and to show its format: a workforce account taken over, which
 * the starter control (IAM-MFA) treats. ISO 27001 6.1.2/6.1.3 and SOC 2 CC3.1-CC3.4 rest on a register,
 * so a program without one has nowhere to write them. It earns nothing yet: its description and owner
 * are placeholders, it was never reviewed and its control is only planned, and `check` says each.
 */
export function renderStarterRisk(c: InitChoices): string {
  return [
    schemaModeline(STARTER_RISK_FILE, c.schemaDir, 'risk'),
    '# A risk of the register: what could go wrong, how likely and how bad, and what treats it.',
    '# Copy this file for each risk (risks/<ID>.yaml); `trustops due` lists the reviews coming due.',
    'id: R-001',
    'title: Takeover of a workforce account',
    `description: ${yamlScalar('TODO: how it happens (phishing, a reused password, a stolen session) and what an attacker reaches with the account')}`,
    `owner: ${yamlScalar('TODO: the role that answers for the risk')}`,
    `assets: [${yamlScalar('TODO: the systems and data it affects')}]`,
    withComment('inherent: { likelihood: 4, impact: 5 }', '1-5 each, before controls; the score is their product'),
    withComment('residual: { likelihood: 2, impact: 5 }', 'with the controls below in place: rate it again once they are'),
    withComment('treatment: mitigate', 'mitigate | accept | transfer | avoid'),
    withComment(`controls: [IAM-MFA]`, `ids under controls/ that treat it (${STARTER_CONTROL_FILE})`),
    withComment('review_every: annual', 'a frequency word: quarterly, semiannual, annual ...'),
    withComment('# last_reviewed: 2027-01-15', 'the day the owner last reviewed the rating and treatment'),
    '',
  ].join('\n');
}
