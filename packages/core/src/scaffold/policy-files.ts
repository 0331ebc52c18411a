import { getTscCatalog } from '@trustops/frameworks';
import { resolveCcmVersion } from '@trustops/frameworks';
import { DEFAULT_POLICY_SECTIONS } from '../model/policies.js';
import type { InitChoices } from './init-options.js';
import { POLICY_TEMPLATES, type PolicyTemplate } from './policy-templates.js';
import { yamlList, yamlScalar } from './yaml-text.js';

/** The guidance each required section starts with: a placeholder until the author replaces it. */
function sectionText(section: string, t: PolicyTemplate): string {
  switch (section) {
    case 'Purpose':
      return `TODO: why this policy exists: the risks it addresses and what it commits us to.`;
    case 'Scope':
      return 'TODO: the people (employees, contractors), systems and data this policy applies to.';
    case 'Policy':
      return [`TODO: the rules themselves, specific enough to test. Cover at least:`, '', ...t.covers.map((c) => `- ${c}`)].join('\n');
    case 'Enforcement':
      return 'TODO: how compliance is checked (the controls that carry this policy out), how exceptions are approved and what happens on a breach.';
    default:
      return `TODO: ${section}.`;
  }
}

function mapsLine(t: PolicyTemplate, c: InitChoices): string {
  const version = resolveCcmVersion(c.ccmVersion) === '4.1.0' ? '4.1' : '4.0.13';
  const parts = [`ccm: ${yamlList(t.ccm[version])}`];
  if (c.tsc) {
    const categories = new Set<string>(['security', ...c.tsc.categories]);
    const tsc = t.tsc.filter((id) => {
      const category = getTscCatalog().get(id)?.category;
      return category !== undefined && categories.has(category);
    });
    if (tsc.length) parts.push(`tsc: ${yamlList(tsc)}`);
  }
  if (c.iso27001 && t.iso27001.length) parts.push(`iso27001: ${yamlList(t.iso27001)}`);
  return `maps: { ${parts.join(', ')} }`;
}

/** One policy template as Markdown with front matter: the sections policy/missing-section expects. */
export function renderPolicyFile(t: PolicyTemplate, c: InitChoices): string {
  const front = [
    '---',
    `id: ${t.id}`,
    `title: ${yamlScalar(t.title)}`,
    `owner: ${yamlScalar('TODO: the role that owns this policy')}`,
    'version: 0.1.0                # bump it whenever the text changes (trustops check --base enforces it)',
    `effective: ${c.today}`,
    'review_every: annual',
    '# approved_by: ["Name (role)"] # who approved this version',
    mapsLine(t, c),
    '---',
  ];
  const body = [`# ${t.title}`, ''];
  for (const section of DEFAULT_POLICY_SECTIONS) body.push(`## ${section}`, '', sectionText(section, t), '');
  return `${[...front, ...body].join('\n')}`;
}

export function policyFiles(c: InitChoices): { path: string; text: string }[] {
  return POLICY_TEMPLATES.map((t) => ({ path: `policies/${t.file}`, text: renderPolicyFile(t, c) }));
}
