import { renderComplianceFile } from './compliance-file.js';
import { CLOUD_VENDORS, type InitChoices } from './init-options.js';
import { policyFiles } from './policy-files.js';
import { renderSsrmFile, SSRM_FILE } from './ssrm-file.js';
import { renderStarterControl, STARTER_CONTROL_FILE } from './starter-control.js';
import { renderStarterRisk, STARTER_RISK_FILE } from './starter-risk.js';
import { renderVendorFile, vendorFilePath } from './vendor-file.js';
import { renderEvidenceWorkflow, renderPrWorkflow, renderReleaseWorkflow } from './workflow-files.js';

export interface ScaffoldFile {
  /** Relative to the compliance repository, or (`git`) to the root of its git work tree. */
  path: string;
  root: 'repo' | 'git';
  text: string;
}

/** Every file `trustops init` writes, for the choices made; the same choices give the same bytes. */
export function scaffoldProgram(c: InitChoices): ScaffoldFile[] {
  const files: ScaffoldFile[] = [
    { path: 'compliance.yaml', root: 'repo', text: renderComplianceFile(c) },
    { path: SSRM_FILE, root: 'repo', text: renderSsrmFile(c) },
  ];
  if (c.cloud !== 'none') {
    const cloud = CLOUD_VENDORS[c.cloud];
    files.push({ path: vendorFilePath(cloud), root: 'repo', text: renderVendorFile(cloud, c) });
  }
  files.push({ path: STARTER_CONTROL_FILE, root: 'repo', text: renderStarterControl(c) });
  files.push({ path: STARTER_RISK_FILE, root: 'repo', text: renderStarterRisk(c) });
  for (const p of policyFiles(c)) files.push({ ...p, root: 'repo' });
  files.push(
    { path: '.github/workflows/compliance-pr.yml', root: 'git', text: renderPrWorkflow(c) },
    { path: '.github/workflows/compliance-release.yml', root: 'git', text: renderReleaseWorkflow(c) },
    { path: '.github/workflows/compliance-evidence.yml', root: 'git', text: renderEvidenceWorkflow(c) },
  );
  return files;
}

/** What .gitignore must hold: the packet's output (built in CI, published as a release). */
const IGNORED = ['audit-packet/', 'audit-packet-*.zip'];

/**
 * .gitignore with the entries trustops needs added at its end (nothing else changed), or undefined when it
 * has them all. A new file also ignores node_modules/.
 */
export function updateGitignore(existing: string | undefined): string | undefined {
  const present = new Set((existing ?? '').split(/\r?\n/).map((l) => l.trim()));
  const missing = IGNORED.filter((entry) => !present.has(entry) && !present.has(`/${entry}`));
  if (missing.length === 0) return undefined;
  const base = existing === undefined ? 'node_modules/\n' : existing === '' || existing.endsWith('\n') ? existing : `${existing}\n`;
  return `${base}# trustops: the audit packet is built in CI and published as a release, not committed\n${missing.join('\n')}\n`;
}
