import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { CheckSummary } from '../model/check-result.js';
import type { Finding } from '../model/findings.js';
import { rules } from '../rules/registry.js';
import { renderCheckGithub } from './check-github.js';
import { renderCheckJson } from './check-json.js';
import { fingerprintFindings, renderCheckSarif, SARIF_FINGERPRINT_KEY } from './check-sarif.js';
import { joinPathPrefix, normalizePathPrefix } from './path-prefix.js';
import { renderCheckText } from './check-text.js';

const findings: Finding[] = [
  {
    ruleId: 'mapping/unmapped-control',
    severity: 'error',
    message: 'control IAM-MFA maps to no in-scope requirement',
    file: 'controls/iam/IAM-MFA.yaml',
    line: 13,
    column: 1,
    hint: 'Add maps: { ccm: [IAM-14] }, or set status: retired.',
  },
  {
    ruleId: 'policy/review-overdue',
    severity: 'warning',
    message: 'policy POL-ACCESS was due: 100% overdue\nsecond line',
    file: 'policies/access control,v2.md',
    line: 7,
    column: 16,
    hint: 'Review it.',
  },
  {
    ruleId: 'mapping/out-of-scope',
    severity: 'info',
    message: 'P1.1 is outside the configured scope',
    file: 'controls/iam/IAM-MFA.yaml',
    line: 15,
    column: 9,
    hint: 'Select privacy.',
  },
];

const summary: CheckSummary = {
  errors: 1,
  warnings: 1,
  infos: 1,
  files: 2,
  failOn: 'error',
  passed: false,
  controls: 1,
  policies: 1,
  vendors: 1,
  evidenceRecords: 1,
  risks: 0,
};

describe('json', () => {
  it('prints findings with exactly the documented keys and a summary', () => {
    const out = JSON.parse(renderCheckJson(findings, summary)) as { findings: Record<string, unknown>[]; summary: Record<string, unknown> };
    expect(Object.keys(out.findings[0]!)).toEqual(['ruleId', 'severity', 'message', 'file', 'line', 'column', 'hint']);
    expect(out.findings).toHaveLength(3);
    expect(out.summary).toMatchObject({ passed: false, errors: 1, warnings: 1, infos: 1, failOn: 'error' });
  });
});

const schema = JSON.parse(readFileSync(new URL('../../test/fixtures/sarif/sarif-2.1.0.json', import.meta.url), 'utf8')) as object;
const addFormats = ajvFormats as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

describe('sarif', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    const log = JSON.parse(renderCheckSarif(findings, { toolVersion: '0.1.0', rules })) as unknown;
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('validates with no findings too', () => {
    expect(validate(JSON.parse(renderCheckSarif([], { toolVersion: '0.1.0', rules })))).toBe(true);
  });

  it('carries what GitHub code scanning reads: rule metadata, level, location', () => {
    const log = JSON.parse(renderCheckSarif(findings, { toolVersion: '0.1.0', rules })) as {
      version: string;
      runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: Record<string, any>[] }[];
    };
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('trustops');
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(rules.map((r) => r.id));
    const [first, second, third] = run.results;
    expect(first!.ruleId).toBe('mapping/unmapped-control');
    expect(run.tool.driver.rules[first!.ruleIndex]!.id).toBe('mapping/unmapped-control');
    expect(first!.level).toBe('error');
    expect(second!.level).toBe('warning');
    expect(third!.level).toBe('note');
    expect(first!.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'controls/iam/IAM-MFA.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 13, startColumn: 1 },
    });
    // A space in a path is percent-encoded: SARIF URIs are URIs.
    expect(second!.locations[0].physicalLocation.artifactLocation.uri).toBe('policies/access%20control,v2.md');
  });
});

describe('documentation links and related locations', () => {
  const duplicate: Finding = {
    ruleId: 'id/duplicate',
    severity: 'error',
    message: 'duplicate control IAM-MFA',
    file: 'controls/ops/IAM-MFA.yaml',
    line: 1,
    column: 5,
    hint: 'Give this one another id.',
    url: 'https://github.com/trustops/trustops/blob/main/docs/rules.md#idduplicate',
    related: [{ file: 'controls/iam/IAM-MFA.yaml', line: 1, column: 5, message: 'the first definition of IAM-MFA' }],
  };
  it('SARIF: helpUri on every rule, relatedLocations on the result, still valid 2.1.0', () => {
    const text = renderCheckSarif([duplicate], { toolVersion: '0.1.0', rules });
    const log = JSON.parse(text) as { runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: Record<string, any>[] }[] };
    for (const r of log.runs[0]!.tool.driver.rules) expect(r.helpUri).toBe(`https://github.com/trustops/trustops/blob/main/docs/rules.md#${r.id.replace('/', '')}`);
    expect(log.runs[0]!.results[0]!.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'controls/iam/IAM-MFA.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 5 } },
        message: { text: 'the first definition of IAM-MFA' },
      },
    ]);
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
  });
  it('JSON carries url and related; text prints the related place under the hint', () => {
    const json = JSON.parse(renderCheckJson([duplicate], summary)) as { findings: Record<string, unknown>[] };
    expect(json.findings[0]).toMatchObject({ url: duplicate.url, related: duplicate.related });
    const text = renderCheckText([duplicate], summary, { color: false });
    expect(text).toContain('related: controls/iam/IAM-MFA.yaml:1:5 the first definition of IAM-MFA');
  });
});

describe('github annotations', () => {
  it('prints one workflow command per finding with file, line, col and the rule as title', () => {
    const lines = renderCheckGithub(findings).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      '::error file=controls/iam/IAM-MFA.yaml,line=13,col=1,title=mapping/unmapped-control::control IAM-MFA maps to no in-scope requirement%0AAdd maps: { ccm: [IAM-14] }, or set status: retired.',
    );
    expect(lines[2]).toMatch(/^::notice /);
  });

  it('escapes as the Actions toolkit does: % CR LF in data, also : and , in properties', () => {
    const line = renderCheckGithub([findings[1]!]);
    expect(line).toBe(
      '::warning file=policies/access control%2Cv2.md,line=7,col=16,title=policy/review-overdue::policy POL-ACCESS was due: 100%25 overdue%0Asecond line%0AReview it.\n',
    );
    const tricky = renderCheckGithub([{ ...findings[0]!, file: 'a:b.yaml', message: 'x\r\ny' }]);
    expect(tricky).toContain('file=a%3Ab.yaml');
    expect(tricky).toContain('::x%0D%0Ay%0A');
  });
});

describe('text', () => {
  it('groups findings by file and ends with a one-line summary', () => {
    const out = renderCheckText(findings, summary, { color: false });
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('controls/iam/IAM-MFA.yaml');
    expect(out.indexOf('controls/iam/IAM-MFA.yaml')).toBeLessThan(out.indexOf('policies/access control,v2.md'));
    expect(out).toContain('13:1');
    expect(out).toContain('hint: Add maps');
    expect(lines.at(-1)).toBe('✖ failed (fail_on: error): 1 error, 1 warning, 1 info in 2 files (1 controls, 1 policies, 1 vendors, 1 evidence records)');
    expect(out).not.toContain('\u001b[');
  });

  it('colours on a terminal', () => {
    expect(renderCheckText(findings, summary, { color: true })).toContain('\u001b[31m');
  });

  it('says so when there is nothing to report', () => {
    const clean = { ...summary, errors: 0, warnings: 0, infos: 0, files: 0, passed: true };
    expect(renderCheckText([], clean, { color: false })).toBe('✔ no problems (1 controls, 1 policies, 1 vendors, 1 evidence records)\n');
  });
});

describe('a compliance repository in a subfolder (path prefix)', () => {
  it('annotations and SARIF locations carry the folder; SARIF stays relative to %SRCROOT%', () => {
    const annotations = renderCheckGithub(findings, { pathPrefix: 'compliance/' });
    expect(annotations).toContain('::error file=compliance/controls/iam/IAM-MFA.yaml,line=13,col=1,');
    expect(annotations).toContain('file=compliance/policies/access control%2Cv2.md,');
    const log = JSON.parse(renderCheckSarif(findings, { toolVersion: '0.1.0', rules, pathPrefix: 'compliance/' })) as { runs: { results: any[] }[] };
    expect(log.runs[0]!.results.map((r) => r.locations[0].physicalLocation.artifactLocation)).toEqual([
      { uri: 'compliance/controls/iam/IAM-MFA.yaml', uriBaseId: '%SRCROOT%' },
      { uri: 'compliance/policies/access%20control,v2.md', uriBaseId: '%SRCROOT%' },
      { uri: 'compliance/controls/iam/IAM-MFA.yaml', uriBaseId: '%SRCROOT%' },
    ]);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
  });

  it('normalizes a prefix and refuses one that leaves the repository', () => {
    expect(['', '.', './', 'compliance', './compliance/', 'a\\b', 'a//b/'].map(normalizePathPrefix)).toEqual(['', '', '', 'compliance/', 'compliance/', 'a/b/', 'a/b/']);
    expect(['/abs', '../up', 'a/../../b', 'C:/x'].map(normalizePathPrefix)).toEqual([undefined, undefined, undefined, undefined]);
    expect(joinPathPrefix('', 'controls/x.yaml')).toBe('controls/x.yaml');
    expect(joinPathPrefix('compliance/', 'controls/x.yaml')).toBe('compliance/controls/x.yaml');
  });
});

describe('SARIF help and fingerprints', () => {
  type Log = { runs: { tool: { driver: { rules: { id: string; help: { text: string; markdown: string } }[] } }; results: { partialFingerprints: Record<string, string> }[] }[] };
  const render = (list: Finding[], pathPrefix = '') => JSON.parse(renderCheckSarif(list, { toolVersion: '0.1.0', rules, pathPrefix })) as Log;
  const fingerprint = (list: Finding[], pathPrefix = '') => render(list, pathPrefix).runs[0]!.results.map((r) => r.partialFingerprints[SARIF_FINGERPRINT_KEY]);
  const keyed: Finding = { ...findings[0]!, ruleId: 'mapping/unknown-requirement', key: 'maps.ccm[IAM-99]', message: 'IAM-99 is not a CCM requirement' };

  it('every rule has help text that says what it checks, how to configure it and where its documentation is', () => {
    for (const r of render([]).runs[0]!.tool.driver.rules) {
      const meta = rules.find((m) => m.id === r.id)!;
      expect(r.help.text).toContain(meta.description);
      expect(r.help.text).toContain(`rules: { ${r.id}: error | warning | info | off }`);
      expect(r.help.markdown).toContain(`(https://github.com/trustops/trustops/blob/main/docs/rules.md#${r.id.replace('/', '')})`);
    }
  });

  it('every result has a fingerprint from rule, file and key (or message), never the line', () => {
    const [a] = fingerprint([keyed]);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    // Lines above it moved, and the message changed wording: same alert.
    expect(fingerprint([{ ...keyed, line: 40, column: 7, message: 'reworded' }])).toEqual([a]);
    // Another key, another file, another rule, another folder: another alert.
    expect(fingerprint([{ ...keyed, key: 'maps.ccm[IAM-98]' }])).not.toEqual([a]);
    expect(fingerprint([{ ...keyed, file: 'controls/iam/IAM-SSO.yaml' }])).not.toEqual([a]);
    expect(fingerprint([{ ...keyed, ruleId: 'mapping/out-of-scope' }])).not.toEqual([a]);
    expect(fingerprint([keyed], 'compliance/')).not.toEqual([a]);
    // Without a key the message identifies the finding.
    const [b] = fingerprint([findings[1]!]);
    expect(fingerprint([{ ...findings[1]!, line: 99 }])).toEqual([b]);
    expect(fingerprint([{ ...findings[1]!, message: 'another problem' }])).not.toEqual([b]);
  });

  it('findings that would share a fingerprint get distinct ones, stable in file order', () => {
    const twice = fingerprint([keyed, { ...keyed, line: 30 }]);
    expect(new Set(twice).size).toBe(2);
    expect(twice[0]).toBe(fingerprint([keyed])[0]);
    expect(fingerprintFindings([keyed, { ...keyed, line: 30 }])).toEqual(twice);
  });
});

describe('GitHub annotation limits', () => {
  const warnings = (n: number, file = 'controls/a.yaml'): Finding[] =>
    Array.from({ length: n }, (_, i) => ({ ...findings[1]!, file, line: i + 1, column: 1, message: `warning ${i + 1}`, hint: 'Fix it.' }));
  const commands = (text: string) => text.split('\n').filter((l) => /^::(error|warning|notice) /.test(l));

  it('up to 10 per severity: one annotation each, nothing more', () => {
    const text = renderCheckGithub([...warnings(10), findings[0]!]);
    expect(commands(text)).toHaveLength(11);
    expect(text).not.toContain('::group::');
  });

  it('past 10: 9 annotations, a 10th that says how many more and where, and every other finding in a log group', () => {
    const text = renderCheckGithub([...warnings(25), findings[0]!], { moreAt: 'the job summary' });
    const warned = commands(text).filter((l) => l.startsWith('::warning '));
    expect(warned).toHaveLength(10);
    expect(warned.slice(0, 9).every((l) => l.includes('file=controls/a.yaml'))).toBe(true);
    expect(warned[9]).toBe(
      '::warning title=trustops%3A 16 more warnings::16 more warnings than GitHub shows as annotations (10 per severity in a step): they are listed in this step\'s log (group "trustops: 16 findings not annotated") and in the job summary.',
    );
    // The error is annotated as usual; the overflow is per severity.
    expect(commands(text).filter((l) => l.startsWith('::error '))).toHaveLength(1);
    const group = text.slice(text.indexOf('::group::trustops: 16 findings not annotated\n'));
    expect(group.trimEnd().split('\n')).toHaveLength(18);
    expect(group).toContain('controls/a.yaml:25:1: warning policy/review-overdue: warning 25 (Fix it.)\n');
    expect(group.trimEnd().endsWith('::endgroup::')).toBe(true);
  });

  it('annotates the findings on the changed files first', () => {
    const list = [...warnings(12), ...warnings(2, 'controls/z-changed.yaml')];
    const text = renderCheckGithub(list, { changedFiles: new Set(['controls/z-changed.yaml']), pathPrefix: 'compliance/' });
    const annotated = commands(text).filter((l) => l.includes(' file='));
    expect(annotated.filter((l) => l.includes('file=compliance/controls/z-changed.yaml'))).toHaveLength(2);
    expect(annotated).toHaveLength(9);
    expect(text).toContain('compliance/controls/a.yaml:12:1: warning');
  });

  it('a log line cannot become a workflow command, whatever a file is called', () => {
    const text = renderCheckGithub(warnings(11, '::stop-commands::x.yaml'));
    for (const line of text.split('\n').filter((l) => l.startsWith('::'))) expect(line).toMatch(/^::(warning|group|endgroup)(::| )/);
  });
});

describe('text with very many findings in one file', () => {
  it('renders 150,000 findings of one file (no argument spread, no copy per finding)', () => {
    const many: Finding[] = Array.from({ length: 150_000 }, (_, i) => ({
      ruleId: 'ref/unknown-policy',
      severity: 'error',
      message: `unknown policy POL-${i}`,
      file: 'controls/iam/IAM-MFA.yaml',
      line: 12,
      column: 12 + i,
      hint: 'Add the policy.',
    }));
    const text = renderCheckText(many, { ...summary, errors: many.length, files: 1 }, { color: false });
    const lines = text.split('\n');
    expect(lines[0]).toBe('controls/iam/IAM-MFA.yaml');
    // The position column is as wide as the widest position, "12:150011".
    expect(lines[1]).toBe('  12:12      error    unknown policy POL-0  ref/unknown-policy');
    expect(lines.filter((l) => l.includes('error  '))).toHaveLength(150_000);
  });
});
