import { getCcmCatalog, type CcmControl } from '@trustops/frameworks';
import { CLOUD_VENDORS, SERVICE_MODEL_LABEL, type CloudVendor, type InitChoices } from './init-options.js';
import { proposeAssignment, type ProposedAssignment } from './ownership.js';
import { schemaModeline, yamlScalar } from './yaml-text.js';

export const SSRM_FILE = 'controls/responsibility/ccm.yaml';

/** The in-scope CCM controls of a version (CCM-Lite only with `lite`), in catalog order. */
export function inScopeCcmControls(version: string, lite: boolean): CcmControl[] {
  return getCcmCatalog(version).requirements.filter((c) => !lite || c.ccmLite);
}

/** The texts the user must write for an entry: placeholders that say what belongs there. */
function entryTexts(control: CcmControl, proposed: ProposedAssignment, cloud: CloudVendor | undefined): { csp?: string; csc?: string } {
  const title = control.title;
  const ours = `TODO: how we meet ${control.id} ${title}: the tools, settings, people and how often`;
  const theirs = `TODO: what customers must do themselves for ${title}`;
  switch (proposed.ownership) {
    case 'csp-owned':
      return { csp: ours };
    case 'csc-owned':
      return { csc: theirs };
    case 'shared-csp-csc':
      return { csp: ours, csc: theirs };
    case 'third-party-outsourced':
      return { csp: `TODO: what ${cloud?.name ?? 'the vendor'} does for ${title} and how we check it (its SOC 2 report, reviewed every year)` };
    case 'shared-csp-third-party':
      return { csp: `TODO: our part of ${title} (what we configure) and ${cloud?.name ?? 'the vendor'}'s part (what runs under it)` };
  }
}

/**
 * The shared-responsibility model for every in-scope CCM control, from CSA's typical ownership for the
 * service model (see proposeAssignment), with placeholder texts for the CAIQ's CSP and CSC columns.
 */
export function renderSsrmFile(c: InitChoices): string {
  const cloud = c.cloud === 'none' ? undefined : CLOUD_VENDORS[c.cloud];
  const catalog = getCcmCatalog(c.ccmVersion);
  const controls = inScopeCcmControls(c.ccmVersion, c.lite);
  const lines = [
    schemaModeline(SSRM_FILE, c.schemaDir, 'responsibility'),
    `# The shared security responsibility model (SSRM) for CSA CCM ${c.ccmVersion}: one entry per in-scope control.`,
    `# Proposed by \`trustops init\` from CSA's typical ownership for ${SERVICE_MODEL_LABEL[c.serviceModel]}${cloud ? `, with the physical layer outsourced to ${cloud.name} and the virtualization layer shared with it` : ''}.`,
    '# ownership: csp-owned (we do it) | csc-owned (customers do) | shared-csp-csc | third-party-outsourced (a vendor does)',
    '#   | shared-csp-third-party (we and a vendor). csp: what we do; csc: what customers must do (the CAIQ columns).',
    'framework: ccm',
    `version: ${yamlScalar(c.ccmVersion)}  # the CCM version the ids below belong to`,
    'assignments:',
  ];
  let domain = '';
  for (const control of controls) {
    if (control.group !== domain) {
      domain = control.group;
      const name = catalog.groups.find((g) => g.id === domain)?.name ?? domain;
      lines.push(`  # --- ${domain}: ${name} ---`);
    }
    const proposed = proposeAssignment(control, c.serviceModel, cloud);
    lines.push(`  ${yamlScalar(control.id)}:  # ${control.title} (${proposed.basis})`, `    ownership: ${proposed.ownership}`);
    if (proposed.vendor) lines.push(`    vendor: ${proposed.vendor}`);
    const texts = entryTexts(control, proposed, cloud);
    if (texts.csp) lines.push(`    csp: ${yamlScalar(texts.csp)}`);
    if (texts.csc) lines.push(`    csc: ${yamlScalar(texts.csc)}`);
  }
  lines.push('');
  return lines.join('\n');
}
