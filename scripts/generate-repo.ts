// Generates a synthetic compliance repository of a given size, for benchmarks: controls spread over the
// CCM v4.0.13 domains, a full SSRM, vendors, policies, and evidence records with real files and digests.
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getCcmCatalog, getIso27001Catalog, getTscCatalog } from '../packages/frameworks/src/index.js';

export interface GenerateOptions {
  controls: number;
  recordsPerControl: number;
  policies?: number;
}

export function generateRepo(dir: string, options: GenerateOptions): { files: number } {
  rmSync(dir, { recursive: true, force: true });
  let files = 0;
  const write = (path: string, text: string) => {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    files++;
  };
  const ccm = getCcmCatalog('4.0.13').requirements;
  const tsc = getTscCatalog().requirements.filter((c) => c.category === 'security');
  const iso = getIso27001Catalog().requirements;
  const policyCount = options.policies ?? 10;

  write(
    'compliance.yaml',
    `organization: Bench Cloud Ltd
system: { name: Bench, service_model: saas }
frameworks:
  ccm: { version: "4.0.13", star_level: 2 }
  tsc: { categories: [security], report: type2, period: { start: 2026-01-01, end: 2026-12-31 } }
  iso27001: { version: "2022" }
gate: { fail_on: error }
`,
  );
  write(
    'controls/vendors/aws.yaml',
    `id: aws
name: Amazon Web Services
kind: cloud-provider
attestations:
  - { type: soc2-type2, period: { start: 2025-10-01, end: 2026-09-30 }, reviewed_on: 2026-10-20 }
  - { type: bridge-letter, period: { start: 2026-10-01, end: 2026-12-31 }, reviewed_on: 2026-11-05 }
`,
  );
  write(
    'controls/responsibility/ccm.yaml',
    `framework: ccm\nassignments:\n${ccm
      .map((c) =>
        c.group === 'DCS'
          ? `  ${c.id}: { ownership: third-party-outsourced, vendor: aws, csp: "Inherited from AWS." }`
          : `  ${c.id}: { ownership: shared-csp-csc, csp: "We operate ${c.id}.", csc: "Customers configure tenants." }`,
      )
      .join('\n')}\n`,
  );
  for (let p = 0; p < policyCount; p++) {
    write(
      `policies/policy-${p}.md`,
      `---\nid: POL-${p}\ntitle: Policy ${p}\nowner: CISO\nversion: 1.0.0\neffective: 2026-01-01\nlast_reviewed: 2026-06-01\nreview_every: annual\napproved_by: [CEO]\n---\n# Policy ${p}\n## Purpose\nWhy.\n## Scope\nWhat.\n## Policy\nRules.\n## Enforcement\nHow.\n`,
    );
  }
  // Honest records as of the benchmarks' date (2026-11-22): the three ended quarters of 2026 and the last
  // quarter of 2025, each collected when it had ended.
  const quarters = [
    ['2026-01-01', '2026-03-31', '2026-04-02'],
    ['2026-04-01', '2026-06-30', '2026-07-02'],
    ['2026-07-01', '2026-09-30', '2026-10-02'],
    ['2025-10-01', '2025-12-31', '2026-01-05'],
  ] as const;
  for (let i = 0; i < options.controls; i++) {
    const req = ccm[i % ccm.length]!;
    const id = `${req.group.replace('&', '')}-GEN-${i}`;
    write(
      `controls/${req.group.replace('&', '').toLowerCase()}/${id}.yaml`,
      `id: ${id}
title: Generated control ${i}
description: |
  A generated control that exercises every field of the format for benchmarks (${i}).
owner: team-${i % 7}
status: operating
implemented_on: 2025-06-01
maturity: 3
kind: preventive
automation: automated
frequency: quarterly
policies: [POL-${i % policyCount}]
maps:
  ccm: [${req.id}]
  tsc: [${tsc[i % tsc.length]!.id}]
  iso27001: ["${iso[i % iso.length]!.id}"]
evidence:
  - id: export
    description: Quarterly export
    every: quarterly
`,
    );
    for (let r = 0; r < options.recordsPerControl; r++) {
      const [start, end, collected] = quarters[r % quarters.length]!;
      const content = `{"control":"${id}","record":${r},"generated":true}\n`;
      const file = `2026-r${r}.json`;
      write(`evidence/${id}/${file}`, content);
      write(
        `evidence/${id}/2026-r${r}.yaml`,
        `control: ${id}
evidence: export
collected_on: ${collected}
covers: { start: ${start}, end: ${end} }
collected_by: automation:bench
files:
  - path: ${file}
    sha256: ${createHash('sha256').update(content).digest('hex')}
`,
      );
    }
  }
  return { files };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, controls, records] = process.argv.slice(2);
  if (!dir || !controls) {
    console.error('usage: tsx scripts/generate-repo.ts DIR CONTROLS [RECORDS_PER_CONTROL]');
    process.exit(2);
  }
  const { files } = generateRepo(dir, { controls: Number(controls), recordsPerControl: Number(records ?? 4) });
  console.log(`wrote ${files} files to ${dir}`);
}
