// Test helpers (exported under the "source" condition only; not built).
export { FakeGitHub, GITHUB_ACTIONS_BOT } from './fake-github.js';
export type { Access, FakeAsset, FakeComment, FakeRelease, FakeToken, FakeUser, FaultKind, FaultSpec, RecordedRequest } from './fake-github.js';
export { emptyRepo, installCollectRoutes, productionRules } from './fake-collect.js';
export type { FakeAlert, FakeAlerts, FakeOrgState, FakePull, FakeRepoState } from './fake-collect.js';
export type { FakeRoute, FakeRouteContext } from './fake-github.js';
export { NORTHWIND_CHECKS, NORTHWIND_ORG, NORTHWIND_REPOSITORIES, northwindGitHub } from './northwind.js';
