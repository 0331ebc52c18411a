import { getCcmCatalog } from '@trustops/frameworks';
import type { InitChoices } from './init-options.js';
import { schemaModeline, withComment, yamlList, yamlScalar } from './yaml-text.js';

export const STARTER_CONTROL_FILE = 'controls/iam/IAM-MFA.yaml';
export const STARTER_EVIDENCE_ITEM = 'mfa-policy-export';

/**
 * One control to start from, and to show the format: multi-factor authentication, which every framework
 * asks for. It is `planned` (a plan earns no readiness) and its texts are placeholders. Its CCM id is
 * looked up by title: Strong Authentication is IAM-14 in CCM 4.0.13 and IAM-13 in 4.1.
 */
export function renderStarterControl(c: InitChoices): string {
  const ccm = getCcmCatalog(c.ccmVersion).requirements.find((r) => r.title === 'Strong Authentication');
  const maps = [withComment(`  ccm: ${yamlList(ccm ? [ccm.id] : [])}`, `Strong Authentication in CCM ${c.ccmVersion}`)];
  if (c.tsc) maps.push(withComment('  tsc: [CC6.1]', 'logical access security'));
  if (c.iso27001) maps.push(withComment('  iso27001: ["5.17", "8.5"]', 'quoted: YAML reads 5.10 as the number 5.1'));
  return [
    schemaModeline(STARTER_CONTROL_FILE, c.schemaDir, 'control'),
    '# A control: what we do, who owns it, the requirements it meets and the evidence it produces.',
    '# Copy this file for each control (controls/<area>/<ID>.yaml; `trustops catalog` lists the requirement ids).',
    'id: IAM-MFA',
    'title: Multi-factor authentication for all workforce access',
    `description: ${yamlScalar('TODO: what we do, specifically: the identity provider, the factors allowed, who is exempt and how it is enforced')}`,
    `owner: ${yamlScalar('TODO: the team or role that runs this control')}`,
    withComment('status: planned', 'planned | implemented | operating | retired (a plan earns no readiness)'),
    withComment('# implemented_on: 2027-01-15', 'the day it went live'),
    withComment('# maturity: 3', '0 not performed ... 3 defined ... 4 monitored ... 5 optimised'),
    'kind: preventive',
    'automation: automated',
    'frequency: continuous',
    'policies: [POL-ACCESS]',
    'maps:',
    ...maps,
    'evidence:',
    `  - id: ${STARTER_EVIDENCE_ITEM}`,
    `    description: ${yamlScalar("The identity provider's sign-on policy, exported, showing MFA required for everyone")}`,
    withComment('    every: quarterly', '`trustops evidence add FILE --control IAM-MFA --item mfa-policy-export --window 2027-Q1`'),
    '',
  ].join('\n');
}
