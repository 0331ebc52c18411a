import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { getCcmCatalog } from '@trustops/frameworks';

/** Writes files to a new temporary folder; returns it and a cleanup function. */
export function writeTempRepo(files: ReadonlyMap<string, string | Uint8Array> | Readonly<Record<string, string | Uint8Array>>): {
  dir: string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'trustops-test-'));
  const entries = files instanceof Map ? [...files] : Object.entries(files);
  for (const [path, content] of entries) {
    const target = join(dir, ...path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A shared-responsibility file that assigns every CCM v4.0.13 control except `excluded`, so that a test
 * repository can pass ssrm/missing-assignment.
 */
export function fullSsrmFile(excluded: readonly string[] = ['DCS-07']): string {
  const lines = ['framework: ccm', 'assignments:'];
  for (const c of getCcmCatalog('4.0.13').requirements) {
    if (excluded.includes(c.id)) continue;
    if (c.group === 'DCS') {
      lines.push(`  ${c.id}: { ownership: third-party-outsourced, vendor: aws, csp: "Inherited from AWS; we review its SOC 2 report." }`);
    } else {
      lines.push(`  ${c.id}: { ownership: shared-csp-csc, csp: "We operate ${c.title.replace(/"/g, "'")}.", csc: "Customers configure their tenant." }`);
    }
  }
  return `${lines.join('\n')}\n`;
}
