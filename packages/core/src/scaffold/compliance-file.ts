import type { InitChoices } from './init-options.js';
import { schemaModeline, withComment, yamlList, yamlScalar } from './yaml-text.js';

const PLACEHOLDER_ORG = "TODO: your organization's legal name, as on its audit reports";
const PLACEHOLDER_SYSTEM = 'TODO: the name of the service in scope';

/** compliance.yaml: the scope, every field with a comment that says what it does. */
export function renderComplianceFile(c: InitChoices): string {
  const lines = [
    schemaModeline('compliance.yaml', c.schemaDir, 'compliance'),
    `# The scope of the compliance program: what \`trustops check\` holds every other file to.`,
    `# Written by \`trustops init\` on ${c.today}. Replace each TODO; \`trustops check\` lists the ones left.`,
    withComment(`organization: ${yamlScalar(c.organization ?? PLACEHOLDER_ORG)}`, 'the legal entity the reports are about', 0),
    'system:',
    withComment(`  name: ${yamlScalar(c.system ?? PLACEHOLDER_SYSTEM)}`, 'the service the reports describe', 0),
    '  # What it is, where it runs and which providers it relies on (the packet and the CAIQ show it).',
    `  description: ${yamlScalar('TODO: what the service does, where it is hosted and which providers it relies on')}`,
    withComment(`  service_model: ${c.serviceModel}`, "saas | paas | iaas: picked CSA's typical ownership for the SSRM"),
    'frameworks:',
    '  ccm:',
    withComment(`    version: ${yamlScalar(c.ccmVersion)}`, 'the CCM version the SSRM and every maps.ccm use: "4.0.13" or "4.1"'),
    withComment('    star_level: 1', 'CSA STAR: 1 = self-assessment (the CAIQ), 2 = third-party audit'),
    withComment(`    lite: ${c.lite}`, 'true: only the CCM-Lite controls are in scope'),
  ];
  if (c.tsc) {
    lines.push(
      '  tsc:',
      withComment(`    categories: ${yamlList(c.tsc.categories)}`, 'security (always) + availability, processing_integrity, confidentiality, privacy'),
      withComment(`    report: ${c.tsc.report}`, 'type1: designed as of a date; type2: operating over the period'),
    );
    if (c.tsc.report === 'type1') {
      lines.push(
        c.tsc.asOf
          ? withComment(`    as_of: ${c.tsc.asOf}`, 'Type I: the date the controls are assessed as of')
          : '    # as_of: 2027-03-31             # Type I: the date assessed as of (default: the commit date)',
      );
    } else if (c.tsc.period) {
      lines.push(withComment(`    period: { start: ${c.tsc.period.start}, end: ${c.tsc.period.end} }`, 'Type II: the observation period'));
    }
  } else {
    lines.push('  # tsc: { categories: [security], report: type1 }   # SOC 2: the Trust Services Criteria');
  }
  lines.push(
    c.iso27001 ? withComment('  iso27001: { version: "2022" }', 'ISO/IEC 27001:2022 Annex A') : '  # iso27001: { version: "2022" }    # ISO/IEC 27001:2022 Annex A',
    '# Requirements that do not apply, each with a reason an auditor accepts (a TODO reason excludes nothing):',
    '# exclusions:',
    '#   - framework: ccm',
    `#     id: ${c.ccmVersion.startsWith('4.1') ? 'I&S-07' : 'IVS-07'}`,
    '#     reason: Built on the cloud from its first release; nothing is migrated into it.',
    '# Evidence trustops collects from GitHub (trustops collect github; monthly in compliance-evidence.yml):',
    '# collect:',
    '#   github:',
    '#     repositories: [your-org/your-service]',
    '#     changes: { control: CCC-CODE-REVIEW, item: pr-population }     # each: a control and one of its evidence items',
    '#     vulnerabilities: { control: TVM-VULN-MANAGEMENT, item: github-alerts }',
    'gate:',
    withComment('  fail_on: error', 'error: warnings pass the gate; warning: they fail it too'),
    '  # min_readiness: { ccm: 0.6, tsc: 0.7 }   # also fail below this readiness (0-1) per framework',
    '',
  );
  return lines.join('\n');
}
