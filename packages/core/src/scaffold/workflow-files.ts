import type { InitChoices, PackageManager } from './init-options.js';

// The actions the workflows pin: the vetted current releases this repository's own workflows use
// (packages/github/test/fixtures/actions/actions.json; a test holds these to that list).
const CHECKOUT = 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1';
const SETUP_NODE = 'actions/setup-node@820762786026740c76f36085b0efc47a31fe5020 # v7.0.0';
const UPLOAD = 'actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f # v7.0.0';
const DOWNLOAD = 'actions/download-artifact@3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c # v8.0.1';

/**
 * The install step: the lockfile's versions, without install scripts (trustops needs none, and a job that
 * may write should run no dependency's script).
 */
function installSteps(pm: PackageManager): string[] {
  switch (pm) {
    case 'npm':
      return ['      - name: Install trustops', '        run: npm ci --ignore-scripts'];
    case 'pnpm':
      return ['      - name: Install pnpm', '        run: npm install -g pnpm@10', '      - name: Install trustops', '        run: pnpm install --frozen-lockfile --ignore-scripts'];
    case 'yarn':
      // Yarn 2 or later (corepack takes the version from package.json's packageManager).
      return ['      - name: Install trustops', '        run: |', '          corepack enable', '          yarn install --immutable --mode=skip-build'];
  }
}

function setupSteps(c: InitChoices, history: boolean): string[] {
  return [
    `      - uses: ${CHECKOUT}`,
    '        with:',
    ...(history ? ['          # The history rules and the changelog read the base commit and the release tags.', '          fetch-depth: 0'] : []),
    '          persist-credentials: false',
    `      - uses: ${SETUP_NODE}`,
    '        with:',
    '          node-version: 24',
    ...installSteps(c.packageManager),
  ];
}

function workingDirectory(c: InitChoices): string[] {
  return c.gitPrefix ? ['    defaults:', '      run:', `        working-directory: ${c.gitPrefix.replace(/\/$/, '')}`] : [];
}

/** .github/workflows/compliance-pr.yml: the gate, annotations, SARIF, changelog and one sticky comment. */
export function renderPrWorkflow(c: InitChoices): string {
  return [
    '# Written by `trustops init`. On every pull request: the compliance gate (annotations on the changed',
    "# lines; the job fails when a finding reaches gate.fail_on), a SARIF report and the changelog as the",
    '# artifact trustops-reports, and one comment with the change in readiness, updated on every push.',
    '# A fork\'s (or Dependabot\'s) token is read-only: there the report goes to the job summary only.',
    'name: compliance-pr',
    '',
    'on:',
    '  pull_request:',
    '',
    'permissions: {}',
    '',
    'concurrency:',
    '  group: compliance-pr-${{ github.event.pull_request.number }}',
    '  cancel-in-progress: true',
    '',
    'jobs:',
    '  gate:',
    '    name: compliance gate',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 20',
    '    permissions:',
    '      contents: read',
    '      pull-requests: write',
    ...workingDirectory(c),
    '    env:',
    '      TRUSTOPS_BASE: ${{ github.event.pull_request.base.sha }}',
    "      POST_COMMENT: ${{ github.event.pull_request.head.repo.full_name == github.repository && github.actor != 'dependabot[bot]' }}",
    '    steps:',
    ...setupSteps(c, true),
    '      - name: Check',
    '        run: npx --no trustops check --format github --base "$TRUSTOPS_BASE" --more-at "trustops.sarif in the artifact trustops-reports"',
    '      - name: SARIF report and changelog',
    '        if: ${{ !cancelled() }}',
    '        run: |',
    '          npx --no trustops check --format sarif --output "$RUNNER_TEMP/trustops/trustops.sarif" --base "$TRUSTOPS_BASE" || test $? -eq 1',
    '          npx --no trustops changelog "$TRUSTOPS_BASE" --output "$RUNNER_TEMP/trustops/changelog.md"',
    '      - name: Comment on the pull request',
    "        if: ${{ !cancelled() && env.POST_COMMENT == 'true' }}",
    '        env:',
    '          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}',
    '        run: npx --no trustops github pr-comment --base "$TRUSTOPS_BASE" --summary "$RUNNER_TEMP/trustops/report.md"',
    '      - name: Report in the job summary (read-only token)',
    "        if: ${{ !cancelled() && env.POST_COMMENT != 'true' }}",
    '        run: npx --no trustops github pr-comment --body-only --base "$TRUSTOPS_BASE" --summary "$RUNNER_TEMP/trustops/report.md" > /dev/null',
    `      - uses: ${UPLOAD}`,
    '        if: ${{ !cancelled() }}',
    '        with:',
    '          name: trustops-reports',
    '          path: ${{ runner.temp }}/trustops',
    '          if-no-files-found: warn',
    '          retention-days: 30',
    '',
  ].join('\n');
}

/** .github/workflows/compliance-release.yml: on main, the packet and a release that carries it. */
export function renderReleaseWorkflow(c: InitChoices): string {
  return [
    '# Written by `trustops init`. On every push to main: the gate, readiness in the job summary, the audit',
    '# packet (artifact audit-packet) and a release compliance-<YYYY-MM-DD>-<short sha> with its zip and',
    '# SHA256SUMS. The job that may write contents installs the lockfile\'s packages without their scripts.',
    'name: compliance-release',
    '',
    'on:',
    '  push:',
    '    branches: [main]',
    '',
    'permissions: {}',
    '',
    'concurrency:',
    '  group: compliance-release-${{ github.ref }}',
    '  cancel-in-progress: false',
    '',
    'jobs:',
    '  packet:',
    '    name: check and build the audit packet',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 30',
    '    permissions:',
    '      contents: read',
    ...workingDirectory(c),
    '    steps:',
    ...setupSteps(c, true),
    '      - name: Check',
    '        run: npx --no trustops check --format github',
    '      - name: Readiness in the job summary',
    '        run: npx --no trustops score --format markdown >> "$GITHUB_STEP_SUMMARY"',
    '      - name: Build the audit packet',
    '        run: npx --no trustops packet --zip --out "$RUNNER_TEMP/packet-out"',
    `      - uses: ${UPLOAD}`,
    '        with:',
    '          name: audit-packet',
    '          path: ${{ runner.temp }}/packet-out',
    '          if-no-files-found: error',
    '          retention-days: 90',
    '',
    '  release:',
    '    name: publish the release',
    '    needs: packet',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 15',
    '    permissions:',
    '      contents: write',
    ...workingDirectory(c),
    '    steps:',
    ...setupSteps(c, false),
    `      - uses: ${DOWNLOAD}`,
    '        with:',
    '          name: audit-packet',
    '          path: ${{ runner.temp }}/packet-out',
    '      - name: Create or update the release',
    '        env:',
    '          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}',
    '        run: npx --no trustops github release --packet "$RUNNER_TEMP/packet-out"',
    '',
  ].join('\n');
}

/** The shell of the job that may write: apply the patch, push trustops/evidence (only), open or update its pull request. */
const EVIDENCE_PR_SCRIPT = [
  '        run: |',
  '          git apply --index "$RUNNER_TEMP/trustops-evidence/evidence.patch"',
  "          git -c user.name='github-actions[bot]' -c user.email='41898282+github-actions[bot]@users.noreply.github.com' \\",
  "            commit --quiet -m 'Evidence collected by trustops collect github'",
  '          auth="AUTHORIZATION: basic $(printf \'x-access-token:%s\' "$GH_TOKEN" | base64 -w0)"',
  '          # The refspec names the evidence branch: nothing else, and never the default branch, is pushed.',
  '          git -c http.extraheader="$auth" push --force origin "HEAD:refs/heads/$BRANCH"',
  '          body="New evidence records collected by \\`trustops collect github\\` ([run]($GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID)). Review them like any change of the program; once merged they are append-only."',
  "          number=$(gh pr list --head \"$BRANCH\" --state open --json number --jq '.[0].number // empty')",
  '          if [ -n "$number" ]; then',
  '            gh pr edit "$number" --body "$body"',
  '          else',
  "            gh pr create --base \"$BASE\" --head \"$BRANCH\" --title 'Evidence collected by trustops' --body \"$body\"",
  '          fi',
];

/**
 * .github/workflows/compliance-evidence.yml: monthly and on demand, `trustops collect github` for the last
 * ended windows, and one pull request with the new records. The job that collects reads only; the job that
 * may write contents and pull requests runs git and gh, no installed package.
 */
export function renderEvidenceWorkflow(c: InitChoices): string {
  return [
    '# Written by `trustops init`. Monthly and on demand: `trustops collect github` for the last ended window of',
    "# each evidence item compliance.yaml's collect.github configures (nothing happens until it does), then one",
    '# pull request (branch trustops/evidence) with the new records. It never pushes to the default branch.',
    '# TRUSTOPS_COLLECT_TOKEN (a GitHub App or fine-grained token) may read what GITHUB_TOKEN cannot: Dependabot',
    '# and secret scanning alerts, branch protection, teams; without it, GITHUB_TOKEN is used.',
    'name: compliance-evidence',
    '',
    'on:',
    '  schedule:',
    "    - cron: '17 5 2 * *'",
    '  workflow_dispatch:',
    '    inputs:',
    '      window:',
    "        description: 'The window to collect: previous, 2026-Q1, 2026-03, 2026-H1, 2026'",
    '        required: false',
    '        default: previous',
    '',
    'permissions: {}',
    '',
    'concurrency:',
    '  group: compliance-evidence',
    '  cancel-in-progress: false',
    '',
    'jobs:',
    ...evidenceCollectJob(c),
    '  pull-request:',
    '    name: open or update the evidence pull request',
    '    needs: collect',
    "    if: ${{ needs.collect.outputs.changed == 'true' }}",
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 10',
    '    permissions:',
    '      contents: write',
    '      pull-requests: write',
    '    env:',
    '      BRANCH: trustops/evidence',
    '      BASE: ${{ github.event.repository.default_branch }}',
    '    steps:',
    `      - uses: ${CHECKOUT}`,
    '        with:',
    '          persist-credentials: false',
    `      - uses: ${DOWNLOAD}`,
    '        with:',
    '          name: trustops-evidence',
    '          path: ${{ runner.temp }}/trustops-evidence',
    '      - name: Push the branch and open or update the pull request',
    '        env:',
    '          GH_TOKEN: ${{ secrets.GITHUB_TOKEN }}',
    '          GH_REPO: ${{ github.repository }}',
    ...EVIDENCE_PR_SCRIPT,
    '',
  ].join('\n');
}

/** The evidence workflow's read-only job: collect, and hand the new records over as a patch. */
function evidenceCollectJob(c: InitChoices): string[] {
  return [
    '  collect:',
    '    name: collect evidence',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 30',
    '    permissions:',
    '      contents: read',
    '      pull-requests: read',
    '      checks: read',
    '      statuses: read',
    '      security-events: read',
    '    outputs:',
    '      changed: ${{ steps.patch.outputs.changed }}',
    ...workingDirectory(c),
    '    env:',
    '      BRANCH: trustops/evidence',
    '    steps:',
    ...setupSteps(c, false),
    '      - name: Take the records of the open evidence pull request',
    '        env:',
    '          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}',
    '        run: |',
    '          auth="AUTHORIZATION: basic $(printf \'x-access-token:%s\' "$GITHUB_TOKEN" | base64 -w0)"',
    '          if git -c http.extraheader="$auth" fetch --depth=1 origin "refs/heads/$BRANCH" 2>/dev/null; then',
    '            git diff --name-only --relative --diff-filter=A -z HEAD FETCH_HEAD -- evidence | xargs -0 -r git checkout FETCH_HEAD --',
    '          fi',
    '      - name: Collect',
    '        env:',
    '          GITHUB_TOKEN: ${{ secrets.TRUSTOPS_COLLECT_TOKEN || secrets.GITHUB_TOKEN }}',
    "          WINDOW: ${{ inputs.window || 'previous' }}",
    '        run: npx --no trustops collect github --window "$WINDOW" --if-configured',
    '      - name: Keep the new records as a patch',
    '        id: patch',
    '        run: |',
    '          git add --all evidence',
    '          if git diff --cached --quiet; then',
    '            echo "changed=false" >> "$GITHUB_OUTPUT"',
    '          else',
    '            git diff --cached --binary > "$RUNNER_TEMP/evidence.patch"',
    '            echo "changed=true" >> "$GITHUB_OUTPUT"',
    '          fi',
    `      - uses: ${UPLOAD}`,
    "        if: ${{ steps.patch.outputs.changed == 'true' }}",
    '        with:',
    '          name: trustops-evidence',
    '          path: ${{ runner.temp }}/evidence.patch',
    '          if-no-files-found: error',
    '          retention-days: 7',
    '',
  ];
}
