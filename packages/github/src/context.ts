import { readFileSync } from 'node:fs';
import { GitHubError } from './errors.js';

/** The pull request a run is about, from the event payload. */
export interface PullRequestRef {
  number: number;
  /** pull_request.base.sha: what the pull request is compared with. */
  baseSha?: string;
  /** pull_request.head.sha: the pull request's last commit. */
  headSha?: string;
  /** The head repository differs from the base repository (a fork: GITHUB_TOKEN is read-only there). */
  fromFork?: boolean;
}

/**
 * A `workflow_run` event: a trusted job in the base repository that runs after a pull request's workflow.
 * `pullRequestNumbers` comes from workflow_run.pull_requests, which GitHub leaves EMPTY for pull requests
 * from forks; the number must then come from the untrusted run (an artifact, --pr) and is trusted only
 * once the pull request's head commit is checked against `headSha` (see assertPullRequestHead).
 */
export interface WorkflowRunRef {
  id?: number;
  /** workflow_run.head_sha: the commit the triggering run built. */
  headSha?: string;
  /** The triggering run's event, e.g. "pull_request". */
  event?: string;
  conclusion?: string;
  pullRequestNumbers: number[];
}

export interface ActionsContext {
  /** GITHUB_API_URL, e.g. https://api.github.com */
  apiUrl?: string;
  /** GITHUB_SERVER_URL; https://github.com when unset (used for links only). */
  serverUrl: string;
  /** From GITHUB_REPOSITORY ("owner/repo"). */
  owner?: string;
  repo?: string;
  token?: string;
  /** GITHUB_SHA: the commit the run is for (for a pull_request event, the test merge commit). */
  sha?: string;
  runId?: string;
  eventName?: string;
  event?: Record<string, unknown>;
  pullRequest?: PullRequestRef;
  workflowRun?: WorkflowRunRef;
}

const REPOSITORY = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;
const SHA = /^[0-9a-f]{40}$/;

type Env = Readonly<Record<string, string | undefined>>;

function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

function record(x: unknown): Record<string, unknown> | undefined {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
}

function positiveInt(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isSafeInteger(x) && x > 0 ? x : undefined;
}

function sha(x: unknown): string | undefined {
  return typeof x === 'string' && SHA.test(x) ? x : undefined;
}

/**
 * Reads what GitHub Actions provides: GITHUB_API_URL, GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_TOKEN,
 * GITHUB_SHA, GITHUB_RUN_ID, GITHUB_EVENT_NAME and the event payload at GITHUB_EVENT_PATH. The PR is
 * pull_request (pull_request, pull_request_target), else issue (issue_comment); for workflow_run see
 * WorkflowRunRef. Throws GITHUB_CONTEXT for values that are present but malformed (GITHUB_REPOSITORY not
 * "owner/repo", an event file that cannot be read or is not JSON); what is absent is reported by
 * requireApi and requirePullRequest, which say what to set.
 */
export function readActionsContext(env: Env): ActionsContext {
  const context: ActionsContext = { serverUrl: (value(env, 'GITHUB_SERVER_URL') ?? 'https://github.com').replace(/\/+$/, '') };
  const apiUrl = value(env, 'GITHUB_API_URL');
  if (apiUrl) context.apiUrl = apiUrl.replace(/\/+$/, '');
  const repository = value(env, 'GITHUB_REPOSITORY');
  if (repository) {
    const m = REPOSITORY.exec(repository);
    if (!m) throw new GitHubError('GITHUB_CONTEXT', `GITHUB_REPOSITORY must be "owner/repo", got "${repository.slice(0, 100)}"`);
    context.owner = m[1]!;
    context.repo = m[2]!;
  }
  const token = value(env, 'GITHUB_TOKEN');
  if (token) context.token = token;
  const commit = value(env, 'GITHUB_SHA');
  if (commit) context.sha = commit;
  const runId = value(env, 'GITHUB_RUN_ID');
  if (runId && /^\d+$/.test(runId)) context.runId = runId;
  const eventName = value(env, 'GITHUB_EVENT_NAME');
  if (eventName) context.eventName = eventName;

  const eventPath = value(env, 'GITHUB_EVENT_PATH');
  if (eventPath) {
    let text: string;
    try {
      text = readFileSync(eventPath, 'utf8');
    } catch (cause) {
      throw new GitHubError('GITHUB_CONTEXT', `cannot read the event payload GITHUB_EVENT_PATH=${eventPath}: ${(cause as Error).message}`);
    }
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch {
      throw new GitHubError('GITHUB_CONTEXT', `the event payload GITHUB_EVENT_PATH=${eventPath} is not JSON`);
    }
    const payload = record(event);
    if (!payload) throw new GitHubError('GITHUB_CONTEXT', `the event payload GITHUB_EVENT_PATH=${eventPath} is not a JSON object`);
    context.event = payload;
    const pr = record(payload.pull_request);
    const issue = record(payload.issue);
    const run = record(payload.workflow_run);
    if (pr && positiveInt(pr.number)) {
      const base = record(pr.base);
      const head = record(pr.head);
      const baseRepo = record(base?.repo)?.full_name;
      const headRepo = record(head?.repo)?.full_name;
      context.pullRequest = {
        number: positiveInt(pr.number)!,
        ...(sha(base?.sha) ? { baseSha: sha(base?.sha)! } : {}),
        ...(sha(head?.sha) ? { headSha: sha(head?.sha)! } : {}),
        ...(typeof baseRepo === 'string' && typeof headRepo === 'string' ? { fromFork: baseRepo !== headRepo } : {}),
      };
    } else if (issue && positiveInt(issue.number)) {
      context.pullRequest = { number: positiveInt(issue.number)! };
    }
    if (run) {
      const numbers = Array.isArray(run.pull_requests) ? run.pull_requests.map((p) => positiveInt(record(p)?.number)).filter((n): n is number => n !== undefined) : [];
      context.workflowRun = {
        pullRequestNumbers: numbers,
        ...(positiveInt(run.id) ? { id: positiveInt(run.id)! } : {}),
        ...(sha(run.head_sha) ? { headSha: sha(run.head_sha)! } : {}),
        ...(typeof run.event === 'string' ? { event: run.event } : {}),
        ...(typeof run.conclusion === 'string' ? { conclusion: run.conclusion } : {}),
      };
    }
  }
  return context;
}

/** What every API call needs. */
export interface ApiAccess {
  apiUrl: string;
  token: string;
  owner: string;
  repo: string;
}

/** The API URL, token and repository, or an error that says which variable to set. */
export function requireApi(context: ActionsContext): ApiAccess {
  if (!context.token) {
    throw new GitHubError('GITHUB_AUTH', 'no GitHub token: set GITHUB_TOKEN (in a workflow step: `env: { GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }} }`)');
  }
  if (!context.owner || !context.repo) {
    throw new GitHubError('GITHUB_CONTEXT', 'GITHUB_REPOSITORY is not set: it names the repository ("owner/repo"); GitHub Actions sets it');
  }
  if (!context.apiUrl) {
    throw new GitHubError('GITHUB_CONTEXT', 'GITHUB_API_URL is not set: it is the REST API root (https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server); GitHub Actions sets it');
  }
  return { apiUrl: context.apiUrl, token: context.token, owner: context.owner, repo: context.repo };
}

export interface PullRequestTarget {
  number: number;
  source: 'option' | 'pull_request' | 'issue' | 'workflow_run';
  /**
   * Set for a workflow_run event: the pull request's head must be this commit before anything is posted
   * on it, since the number may come from the untrusted run.
   */
  requiredHeadSha?: string;
}

/**
 * The pull request to comment on: `override` (--pr) when given, else the event's. For a workflow_run event
 * the number is from workflow_run.pull_requests when GitHub filled it in (never for forks), else the
 * override; either way `requiredHeadSha` is workflow_run.head_sha.
 */
export function requirePullRequest(context: ActionsContext, override?: number): PullRequestTarget {
  const run = context.workflowRun;
  if (run && context.eventName !== 'pull_request' && context.eventName !== 'pull_request_target') {
    if (!run.headSha) throw new GitHubError('GITHUB_CONTEXT', 'the workflow_run event payload has no workflow_run.head_sha to check the pull request against');
    const number = override ?? (run.pullRequestNumbers.length === 1 ? run.pullRequestNumbers[0] : undefined);
    if (number === undefined) {
      throw new GitHubError(
        'GITHUB_CONTEXT',
        run.pullRequestNumbers.length > 1
          ? `the workflow run belongs to ${run.pullRequestNumbers.length} pull requests; pass --pr NUMBER`
          : 'the workflow run names no pull request (GitHub leaves workflow_run.pull_requests empty for forks): pass --pr NUMBER from the pull request run (e.g. an artifact)',
      );
    }
    return { number, source: override === undefined ? 'workflow_run' : 'option', requiredHeadSha: run.headSha };
  }
  if (override !== undefined) return { number: override, source: 'option' };
  if (context.pullRequest) return { number: context.pullRequest.number, source: context.event && record(context.event.pull_request) ? 'pull_request' : 'issue' };
  throw new GitHubError(
    'GITHUB_CONTEXT',
    context.event
      ? `the ${context.eventName ?? 'event'} payload names no pull request (no pull_request.number or issue.number): run on pull_request, or pass --pr NUMBER`
      : 'GITHUB_EVENT_PATH is not set, so there is no pull request to comment on: run in a pull_request workflow, or pass --pr NUMBER',
  );
}
