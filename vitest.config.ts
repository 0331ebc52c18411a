import { defineConfig } from 'vitest/config';

// Tests run on the TypeScript sources: the "source" export condition points each workspace package at
// src/ instead of dist/, so `pnpm test` needs no build step.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // Tests never share parsed results through .git/trustops (the fixtures live inside this repository);
    // the parse cache's own tests turn it on explicitly.
    env: { TRUSTOPS_NO_CACHE: '1' },
    // The JSON report lets CI print a plain "N passed, N failed" closing line.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-output/vitest.json' },
  },
});
