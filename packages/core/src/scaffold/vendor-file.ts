import type { CloudVendor, InitChoices } from './init-options.js';
import { schemaModeline, yamlScalar } from './yaml-text.js';

export function vendorFilePath(cloud: CloudVendor): string {
  return `controls/vendors/${cloud.id}.yaml`;
}

/**
 * The cloud provider the SSRM relies on, with the attestation entry to complete. Until its period,
 * reviewed_on and reference are real, trustops warns (vendor/attestation-expired, content/placeholder) and
 * the controls outsourced to it count as partial, never inherited.
 */
export function renderVendorFile(cloud: CloudVendor, c: InitChoices): string {
  return [
    schemaModeline(vendorFilePath(cloud), c.schemaDir, 'vendor'),
    `# ${cloud.name}: the cloud the service runs on. The SSRM outsources the physical layer to it.`,
    `id: ${cloud.id}`,
    `name: ${yamlScalar(cloud.name)}`,
    'kind: cloud-provider',
    '# services: [the services you use]          # e.g. compute, databases, storage, key management',
    '# data: [customer-data, backups, audit-logs]  # what it holds',
    'attestations:',
    `  # Its SOC 2 Type II report from ${cloud.portal}: once you have read it, add`,
    '  # period: { start: YYYY-MM-DD, end: YYYY-MM-DD } (the report\'s) and reviewed_on: YYYY-MM-DD (when you read it).',
    '  # Its certificates may follow (type: iso27001 or csa-star-level2, with expires:), and bridge letters.',
    '  - type: soc2-type2',
    `    reference: ${yamlScalar(`TODO: which report, from ${cloud.portal}, and who reviewed its complementary user entity controls`)}`,
    '',
  ].join('\n');
}
