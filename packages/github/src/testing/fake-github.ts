import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback imitation of the parts of GitHub's REST API that @trustops/github uses, for tests that run the
 * real Octokit client: GET /user, issue comments (list with Link-header pagination, create, update), a pull
 * request, releases (by tag, create, update), release assets (list, delete) and uploads on the release's own
 * `upload_url` (http://127.0.0.1:PORT/uploads/repos/o/r/releases/ID/assets{?name,label}). It listens on
 * 127.0.0.1 only, and every URL it hands out points back at itself, so nothing leaves loopback.
 *
 * Faults can be injected per route: a 502, a secondary rate limit (403 with Retry-After), a primary rate
 * limit (403 with x-ratelimit-remaining: 0 and x-ratelimit-reset), and an upload that finds an asset of
 * the same name already there (a concurrent uploader: the asset appears, then 422 already_exists).
 */

export interface FakeUser {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export type Access = 'none' | 'read' | 'write';

export interface FakeToken {
  user: FakeUser;
  /** Installation tokens (GITHUB_TOKEN, GitHub Apps) get 403 from GET /user. */
  canReadUser: boolean;
  pullRequests: Access;
  contents: Access;
  /** Permissions the token lacks for the routes added with addRoutes (e.g. "dependabot", "administration"). */
  denied?: readonly string[];
}

/** What a route added with addRoutes gets: the request, the token and the ways to answer. */
export interface FakeRouteContext {
  method: string;
  url: URL;
  token: FakeToken;
  send: (status: number, data: unknown, headers?: Record<string, string>) => void;
  /** Answers with one page of `items` (per_page, page) and a Link header, as GitHub does. */
  sendPage: (items: unknown[]) => void;
  forbidden: () => void;
  notFound: () => void;
}

/** Answers a request and returns true, or returns false to leave it to the next route. */
export type FakeRoute = (ctx: FakeRouteContext) => boolean;

export interface FakeComment {
  id: number;
  repo: string;
  issueNumber: number;
  body: string;
  user: FakeUser;
  createdAt: string;
  updatedAt: string;
}

export interface FakeRelease {
  id: number;
  repo: string;
  tag: string;
  name: string;
  body: string;
  targetCommitish: string;
  prerelease: boolean;
}

export interface FakeAsset {
  id: number;
  releaseId: number;
  name: string;
  label: string | null;
  contentType: string;
  data: Buffer;
}

export type FaultKind = '502' | 'secondary-rate-limit' | 'primary-rate-limit' | 'asset-already-exists';

export interface FaultSpec {
  kind: FaultKind;
  /** Only requests with this method (default: any). */
  method?: string;
  /** Only requests whose path (pathname) matches. */
  path: RegExp;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** The stated wait for rate limits, in seconds (default 1). */
  retryAfterSeconds?: number;
}

export interface RecordedRequest {
  method: string;
  /** Pathname and query. */
  path: string;
  /** The Host header: what the client connected to. */
  host: string;
  status: number;
  /** ms since the server started. */
  at: number;
  fault?: FaultKind;
  bodyBytes: number;
}

const SCOPES = { pullRequests: 'pull-requests', contents: 'contents' } as const;

export const GITHUB_ACTIONS_BOT: FakeUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

export class FakeGitHub {
  readonly repos = new Set<string>();
  readonly tokens = new Map<string, FakeToken>();
  readonly pulls = new Map<string, { number: number; headSha: string; baseSha: string; state: 'open' | 'closed' }>();
  readonly comments: FakeComment[] = [];
  readonly releases: FakeRelease[] = [];
  readonly assets: FakeAsset[] = [];
  readonly requests: RecordedRequest[] = [];
  private readonly faults: (FaultSpec & { left: number })[] = [];
  private readonly routes: FakeRoute[] = [];
  private nextId = 1000;
  private clock = 0;
  private readonly started = performance.now();

  private constructor(
    private readonly server: Server,
    /** http://127.0.0.1:PORT: the API root to give the client as baseUrl. */
    readonly url: string,
  ) {}

  static async start(): Promise<FakeGitHub> {
    let fake: FakeGitHub | undefined;
    const server = createServer((req, res) => {
      fake!.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `fake GitHub bug: ${(error as Error).message}` }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeGitHub(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  addRepo(fullName: string): this {
    this.repos.add(fullName);
    return this;
  }

  addToken(token: string, spec: Partial<FakeToken> & { user: FakeUser }): this {
    this.tokens.set(token, { canReadUser: true, pullRequests: 'write', contents: 'write', ...spec });
    return this;
  }

  addPull(fullName: string, number: number, shas: { headSha: string; baseSha: string }): this {
    this.pulls.set(`${fullName}#${number}`, { number, ...shas, state: 'open' });
    return this;
  }

  addComment(fullName: string, issueNumber: number, user: FakeUser, body: string): FakeComment {
    const at = this.timestamp();
    const comment = { id: this.id(), repo: fullName, issueNumber, body, user, createdAt: at, updatedAt: at };
    this.comments.push(comment);
    return comment;
  }

  addRelease(fullName: string, tag: string, fields: Partial<Omit<FakeRelease, 'id' | 'repo' | 'tag'>> = {}): FakeRelease {
    const release = { id: this.id(), repo: fullName, tag, name: tag, body: '', targetCommitish: 'main', prerelease: false, ...fields };
    this.releases.push(release);
    return release;
  }

  addAsset(release: FakeRelease, name: string, data: string | Buffer, contentType = 'application/octet-stream'): FakeAsset {
    const asset = { id: this.id(), releaseId: release.id, name, label: null, contentType, data: Buffer.from(data) };
    this.assets.push(asset);
    return asset;
  }

  /** More of GitHub's API, for tests of other parts (testing/fake-collect.ts: the collectors' routes). */
  addRoutes(route: FakeRoute): this {
    this.routes.push(route);
    return this;
  }

  injectFault(spec: FaultSpec): this {
    this.faults.push({ ...spec, left: spec.times ?? 1 });
    return this;
  }

  commentsOn(fullName: string, issueNumber: number): FakeComment[] {
    return this.comments.filter((c) => c.repo === fullName && c.issueNumber === issueNumber);
  }

  releaseByTag(fullName: string, tag: string): FakeRelease | undefined {
    return this.releases.find((r) => r.repo === fullName && r.tag === tag);
  }

  assetsOf(release: FakeRelease): FakeAsset[] {
    return this.assets.filter((a) => a.releaseId === release.id);
  }

  private id(): number {
    return this.nextId++;
  }

  private timestamp(): string {
    // Distinct, increasing times: comments are listed oldest first.
    return new Date(Date.UTC(2026, 10, 1, 12, 0, 0) + 1000 * this.clock++).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const record: RecordedRequest = { method, path: url.pathname + url.search, host: req.headers.host ?? '', status: 0, at: performance.now() - this.started, bodyBytes: body.length };
    this.requests.push(record);
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      const text = data === undefined ? '' : JSON.stringify(data);
      res.writeHead(status, { ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}), 'x-github-request-id': `FAKE:${record.at.toFixed(0)}`, ...headers });
      res.end(text);
    };

    const fault = this.faults.find((f) => f.left > 0 && (!f.method || f.method === method) && f.path.test(url.pathname) && f.kind !== 'asset-already-exists');
    if (fault) {
      fault.left--;
      record.fault = fault.kind;
      if (fault.kind === '502') return send(502, { message: 'Server Error' });
      const wait = fault.retryAfterSeconds ?? 1;
      if (fault.kind === 'secondary-rate-limit') {
        return send(
          403,
          {
            message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID FAKE.',
            documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          },
          { 'retry-after': String(wait) },
        );
      }
      return send(
        403,
        { message: 'API rate limit exceeded for installation ID 1.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' },
        { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '1000', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + wait) },
      );
    }

    const auth = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '');
    if (!auth) return send(401, { message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest' });
    const token = this.tokens.get(auth[1]!);
    if (!token) return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    const forbidden = () => send(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' });
    const notFound = () => send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
    const allowed = (scope: keyof typeof SCOPES, need: 'read' | 'write') => token[scope] === 'write' || (need === 'read' && token[scope] === 'read');

    if (method === 'GET' && url.pathname === '/user') {
      if (!token.canReadUser) return forbidden();
      return send(200, { login: token.user.login, id: token.user.id, type: token.user.type });
    }

    const context: FakeRouteContext = { method, url, token, send, sendPage: (items) => this.sendPage(url, send, items), forbidden, notFound };
    if (this.routes.some((route) => route(context))) return;

    const upload = /^\/uploads\/repos\/([^/]+)\/([^/]+)\/releases\/(\d+)\/assets$/.exec(url.pathname);
    const api = /^\/repos\/([^/]+)\/([^/]+)(\/.*)$/.exec(url.pathname);
    const match = upload ?? api;
    if (!match) return notFound();
    const repo = `${decodeURIComponent(match[1]!)}/${decodeURIComponent(match[2]!)}`;
    if (!this.repos.has(repo)) return notFound();

    if (upload) {
      if (method !== 'POST') return notFound();
      if (!allowed('contents', 'write')) return forbidden();
      const release = this.releases.find((r) => r.repo === repo && r.id === Number(upload[3]));
      if (!release) return notFound();
      const name = url.searchParams.get('name');
      if (!name) return send(422, { message: 'Validation Failed', errors: [{ resource: 'ReleaseAsset', code: 'missing_field', field: 'name' }] });
      const contentType = req.headers['content-type'];
      if (!contentType) return send(422, { message: 'Validation Failed', errors: [{ resource: 'ReleaseAsset', code: 'missing_field', field: 'content_type' }] });
      const clash = this.faults.find((f) => f.left > 0 && f.kind === 'asset-already-exists' && f.path.test(url.pathname + url.search));
      if (clash) {
        clash.left--;
        record.fault = clash.kind;
        // A concurrent uploader got there first.
        this.addAsset(release, name, 'uploaded by someone else', contentType);
      }
      if (this.assetsOf(release).some((a) => a.name === name)) {
        return send(422, { message: 'Validation Failed', errors: [{ resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }], documentation_url: 'https://docs.github.com/rest/releases/assets#upload-a-release-asset' });
      }
      const asset = { id: this.id(), releaseId: release.id, name, label: url.searchParams.get('label'), contentType, data: body };
      this.assets.push(asset);
      return send(201, this.assetJson(repo, release, asset));
    }

    const rest = api![3]!;
    const json = () => (body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {});
    let m: RegExpExecArray | null;

    if ((m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const number = Number(m[1]);
      if (!this.pulls.has(`${repo}#${number}`)) return notFound();
      if (method === 'GET') {
        if (!allowed('pullRequests', 'read')) return forbidden();
        return this.sendPage(url, send, this.commentsOn(repo, number).map((c) => this.commentJson(c)));
      }
      if (method === 'POST') {
        if (!allowed('pullRequests', 'write')) return forbidden();
        const text = json().body;
        if (typeof text !== 'string' || !text) return send(422, { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }] });
        if (text.length > 65_536) return send(422, { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'Body is too long (maximum is 65536 characters)' }] });
        return send(201, this.commentJson(this.addComment(repo, number, token.user, text)));
      }
    }
    if ((m = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      const comment = this.comments.find((c) => c.repo === repo && c.id === Number(m![1]));
      if (!comment) return notFound();
      if (method === 'PATCH') {
        if (!allowed('pullRequests', 'write')) return forbidden();
        const text = json().body;
        if (typeof text !== 'string' || !text) return send(422, { message: 'Validation Failed' });
        comment.body = text;
        comment.updatedAt = this.timestamp();
        return send(200, this.commentJson(comment));
      }
      if (method === 'GET') return send(200, this.commentJson(comment));
    }
    if ((m = /^\/pulls\/(\d+)$/.exec(rest)) && method === 'GET') {
      if (!allowed('pullRequests', 'read')) return forbidden();
      const pr = this.pulls.get(`${repo}#${Number(m[1])}`);
      if (!pr) return notFound();
      return send(200, {
        number: pr.number,
        state: pr.state,
        html_url: `${this.url}/${repo}/pull/${pr.number}`,
        head: { sha: pr.headSha, ref: 'feature', repo: { full_name: repo } },
        base: { sha: pr.baseSha, ref: 'main', repo: { full_name: repo } },
      });
    }
    if ((m = /^\/releases\/tags\/(.+)$/.exec(rest)) && method === 'GET') {
      if (!allowed('contents', 'read')) return forbidden();
      const release = this.releaseByTag(repo, decodeURIComponent(m[1]!));
      return release ? send(200, this.releaseJson(release)) : notFound();
    }
    if (rest === '/releases' && method === 'POST') {
      if (!allowed('contents', 'write')) return forbidden();
      const input = json();
      const tag = input.tag_name;
      if (typeof tag !== 'string' || !tag) return send(422, { message: 'Validation Failed', errors: [{ resource: 'Release', code: 'missing_field', field: 'tag_name' }] });
      if (this.releaseByTag(repo, tag)) return send(422, { message: 'Validation Failed', errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }] });
      const release = this.addRelease(repo, tag, {
        name: typeof input.name === 'string' ? input.name : tag,
        body: typeof input.body === 'string' ? input.body : '',
        targetCommitish: typeof input.target_commitish === 'string' ? input.target_commitish : 'main',
        prerelease: input.prerelease === true,
      });
      return send(201, this.releaseJson(release));
    }
    if ((m = /^\/releases\/(\d+)$/.exec(rest)) && method === 'PATCH') {
      if (!allowed('contents', 'write')) return forbidden();
      const release = this.releases.find((r) => r.repo === repo && r.id === Number(m![1]));
      if (!release) return notFound();
      const input = json();
      if (typeof input.name === 'string') release.name = input.name;
      if (typeof input.body === 'string') release.body = input.body;
      if (typeof input.prerelease === 'boolean') release.prerelease = input.prerelease;
      if (typeof input.target_commitish === 'string') release.targetCommitish = input.target_commitish;
      return send(200, this.releaseJson(release));
    }
    if ((m = /^\/releases\/(\d+)\/assets$/.exec(rest)) && method === 'GET') {
      if (!allowed('contents', 'read')) return forbidden();
      const release = this.releases.find((r) => r.repo === repo && r.id === Number(m![1]));
      if (!release) return notFound();
      return this.sendPage(url, send, this.assetsOf(release).map((a) => this.assetJson(repo, release, a)));
    }
    if ((m = /^\/releases\/assets\/(\d+)$/.exec(rest)) && method === 'DELETE') {
      if (!allowed('contents', 'write')) return forbidden();
      const index = this.assets.findIndex((a) => a.id === Number(m![1]) && this.releases.some((r) => r.id === a.releaseId && r.repo === repo));
      if (index < 0) return notFound();
      this.assets.splice(index, 1);
      return send(204, undefined);
    }
    return notFound();
  }

  /** per_page (default 30, at most 100) and page, with a Link header like GitHub's. */
  private sendPage(url: URL, send: (status: number, data: unknown, headers?: Record<string, string>) => void, items: unknown[]): void {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number) => {
      const u = new URL(url.href);
      u.searchParams.set('per_page', String(perPage));
      u.searchParams.set('page', String(n));
      return `<${this.url}${u.pathname}${u.search}>`;
    };
    const rels: string[] = [];
    if (page > 1) rels.push(`${link(page - 1)}; rel="prev"`);
    if (page < last) rels.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`);
    if (page > 1) rels.push(`${link(1)}; rel="first"`);
    send(200, items.slice((page - 1) * perPage, page * perPage), rels.length ? { link: rels.join(', ') } : {});
  }

  private commentJson(c: FakeComment) {
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${this.url}/repos/${c.repo}/issues/comments/${c.id}`,
      html_url: `${this.url}/${c.repo}/pull/${c.issueNumber}#issuecomment-${c.id}`,
      issue_url: `${this.url}/repos/${c.repo}/issues/${c.issueNumber}`,
      body: c.body,
      user: { login: c.user.login, id: c.user.id, type: c.user.type },
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    };
  }

  private releaseJson(r: FakeRelease) {
    return {
      id: r.id,
      node_id: `RE_${r.id}`,
      url: `${this.url}/repos/${r.repo}/releases/${r.id}`,
      html_url: `${this.url}/${r.repo}/releases/tag/${encodeURIComponent(r.tag)}`,
      assets_url: `${this.url}/repos/${r.repo}/releases/${r.id}/assets`,
      upload_url: `${this.url}/uploads/repos/${r.repo}/releases/${r.id}/assets{?name,label}`,
      tag_name: r.tag,
      target_commitish: r.targetCommitish,
      name: r.name,
      body: r.body,
      draft: false,
      prerelease: r.prerelease,
      assets: this.assetsOf(r).map((a) => this.assetJson(r.repo, r, a)),
    };
  }

  private assetJson(repo: string, release: FakeRelease, a: FakeAsset) {
    return {
      id: a.id,
      node_id: `RA_${a.id}`,
      url: `${this.url}/repos/${repo}/releases/assets/${a.id}`,
      name: a.name,
      label: a.label,
      content_type: a.contentType,
      state: 'uploaded',
      size: a.data.length,
      browser_download_url: `${this.url}/${repo}/releases/download/${encodeURIComponent(release.tag)}/${encodeURIComponent(a.name)}`,
    };
  }
}
