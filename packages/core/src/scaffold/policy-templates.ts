/**
 * The policies a SOC 2 / ISO 27001 program needs, as templates: what each covers and the requirements it
 * answers. CCM ids are given per version because v4.1 renumbered some (STA, IAM); the TSC criteria are
 * filtered to the categories in scope and the Annex A ids kept only with ISO 27001.
 */
export interface PolicyTemplate {
  id: string;
  file: string;
  title: string;
  ccm: { '4.0.13': readonly string[]; '4.1': readonly string[] };
  tsc: readonly string[];
  iso27001: readonly string[];
  /** What the Policy section must cover, as prompts for its author. */
  covers: readonly string[];
}

export const POLICY_TEMPLATES: readonly PolicyTemplate[] = [
  {
    id: 'POL-INFOSEC',
    file: 'information-security.md',
    title: 'Information Security Policy',
    ccm: { '4.0.13': ['GRC-01', 'GRC-05'], '4.1': ['GRC-01', 'GRC-05'] },
    tsc: ['CC1.1', 'CC2.2', 'CC5.3'],
    iso27001: ['5.1', '5.2', '5.4'],
    covers: ['the security objectives and who sets them', 'roles and responsibilities (who owns security, who approves policies)', 'how policies are reviewed and exceptions granted'],
  },
  {
    id: 'POL-ACCESS',
    file: 'access-control.md',
    title: 'Access Control Policy',
    ccm: { '4.0.13': ['IAM-01', 'IAM-02'], '4.1': ['IAM-01', 'IAM-02'] },
    tsc: ['CC6.1', 'CC6.2', 'CC6.3'],
    iso27001: ['5.15', '5.16', '5.17', '5.18', '8.2', '8.5'],
    covers: ['identities and authentication (single sign-on, multi-factor authentication)', 'how access is requested, approved and reviewed', 'privileged access and leavers'],
  },
  {
    id: 'POL-INCIDENT',
    file: 'incident-response.md',
    title: 'Incident Response Policy',
    ccm: { '4.0.13': ['SEF-01', 'SEF-02'], '4.1': ['SEF-01', 'SEF-02'] },
    tsc: ['CC7.3', 'CC7.4', 'CC7.5'],
    iso27001: ['5.24', '5.25', '5.26', '5.27'],
    covers: ['what counts as an incident and how severity is set', 'who responds, and how customers and authorities are told', 'post-incident reviews'],
  },
  {
    id: 'POL-CHANGE',
    file: 'change-management.md',
    title: 'Change Management Policy',
    ccm: { '4.0.13': ['CCC-01'], '4.1': ['CCC-01'] },
    tsc: ['CC8.1'],
    iso27001: ['8.32'],
    covers: ['how a change is reviewed, tested and approved before production', 'emergency changes', 'who may deploy'],
  },
  {
    id: 'POL-VENDOR',
    file: 'vendor-management.md',
    title: 'Vendor Management Policy',
    ccm: { '4.0.13': ['STA-08', 'STA-09'], '4.1': ['STA-01', 'STA-10'] },
    tsc: ['CC9.2'],
    iso27001: ['5.19', '5.20', '5.21', '5.22'],
    covers: ['how vendors are assessed before use (attestations, questionnaires)', 'contract terms required', 'yearly reviews of the vendors we rely on'],
  },
  {
    id: 'POL-BCDR',
    file: 'business-continuity.md',
    title: 'Business Continuity and Disaster Recovery Policy',
    ccm: { '4.0.13': ['BCR-01'], '4.1': ['BCR-01'] },
    tsc: ['CC7.5', 'CC9.1', 'A1.2', 'A1.3'],
    iso27001: ['5.29', '5.30', '8.13', '8.14'],
    covers: ['recovery objectives (RTO, RPO) for the service', 'backups and how restores are tested', 'how the plan is exercised'],
  },
  {
    id: 'POL-RISK',
    file: 'risk-assessment.md',
    title: 'Risk Assessment Policy',
    ccm: { '4.0.13': ['GRC-02'], '4.1': ['GRC-02'] },
    tsc: ['CC3.1', 'CC3.2', 'CC3.3', 'CC3.4'],
    iso27001: ['5.7'],
    covers: ['how often risks are assessed and by whom', 'how likelihood and impact are rated', 'how risks are treated, accepted and tracked'],
  },
  {
    id: 'POL-CRYPTO',
    file: 'cryptography.md',
    title: 'Cryptography and Key Management Policy',
    ccm: { '4.0.13': ['CEK-01'], '4.1': ['CEK-01'] },
    tsc: ['CC6.1', 'CC6.7'],
    iso27001: ['8.24'],
    covers: ['encryption in transit and at rest (algorithms, minimum versions)', 'where keys live, who may use them and how they rotate'],
  },
  {
    id: 'POL-ACCEPTABLE-USE',
    file: 'acceptable-use.md',
    title: 'Acceptable Use Policy',
    ccm: { '4.0.13': ['HRS-02'], '4.1': ['HRS-02'] },
    tsc: ['CC1.4', 'CC2.2'],
    iso27001: ['5.10', '6.2'],
    covers: ['permitted use of company devices, accounts and data', 'what is forbidden', 'how staff acknowledge the policy'],
  },
];
