import { createRequire } from 'node:module';

// The action's bundle (scripts/build-action-bundle.ts) has no package.json beside it: its build defines
// TRUSTOPS_BUNDLED_VERSION. Elsewhere package.json sits one level above both src/ and dist/.
declare const TRUSTOPS_BUNDLED_VERSION: string | undefined;

export const toolVersion: string =
  typeof TRUSTOPS_BUNDLED_VERSION === 'string' ? TRUSTOPS_BUNDLED_VERSION : (createRequire(import.meta.url)('../package.json') as { version: string }).version;
