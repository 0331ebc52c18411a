// Collects the example program's GitHub evidence (CCC-CODE-REVIEW, TVM-VULN-MANAGEMENT) from Northwind's
// organisation as packages/github/src/testing/northwind.ts describes it, on the loopback GitHub API, the way
// the monthly workflow would have at the start of each quarter, and draws each quarter's sample of pull
// requests with `trustops sample`. Records that exist are left alone (evidence is append-only): running it
// again writes nothing. Usage: pnpm tsx scripts/collect-example.ts
import { fileURLToPath } from 'node:url';
import { runCli } from '../packages/cli/src/main.js';
import { FakeGitHub, installCollectRoutes, northwindGitHub } from '../packages/github/src/testing/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const quarters = [
  { window: '2026-Q1', collected: '2026-04-01', sampled: '2026-04-08' },
  { window: '2026-Q2', collected: '2026-07-01', sampled: '2026-07-08' },
  { window: '2026-Q3', collected: '2026-10-01', sampled: '2026-10-07' },
];

const fake = await FakeGitHub.start();
try {
  fake.addToken('ghs_example', { user: { login: 'trustops-collector[bot]', id: 1, type: 'Bot' } });
  const { repos, orgs } = northwindGitHub();
  installCollectRoutes(fake, repos, orgs);
  const cli = async (args: string[], today: string) => {
    const env = { GITHUB_TOKEN: 'ghs_example', GITHUB_API_URL: fake.url, TRUSTOPS_TODAY: today, TRUSTOPS_NOW: `${today}T06:00:00Z` };
    const status = await runCli([...args, '--repo', root], { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: root, env, isTty: false });
    if (status !== 0) throw new Error(`trustops ${args.join(' ')} exited with ${status}`);
  };
  for (const q of quarters) {
    await cli(['collect', 'github', '--window', q.window], q.collected);
    await cli(['sample', `evidence/CCC-CODE-REVIEW/${q.window}-pr-population.yaml`, '--size', 'auto', '--item', 'pr-sample'], q.sampled);
  }
} finally {
  await fake.close();
}
