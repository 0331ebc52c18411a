// One measured run in a fresh process, so peak memory (maxRSS) belongs to that run alone.
// mode "check": the built library's readRepo + checkRepo, as `trustops check` runs them.
// mode "score": readRepo + loadRepo + computeReadiness, as `trustops score` runs them.
// mode "parse": only read every file the format reads and parse it (YAML; Markdown front matter as YAML),
// plus hash every evidence artefact: the floor that check is compared with.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const [mode, dir] = process.argv.slice(2);
const started = performance.now();
let count = 0;
if (mode === 'score') {
  const { collectEvidenceFacts, computeReadiness, loadRepo, readRepo, resolveScope } = await import('../packages/core/dist/index.js');
  const repo = await readRepo(dir);
  const model = loadRepo(repo.files);
  const evidenceFiles = await collectEvidenceFacts(model.evidence, repo.evidence);
  const report = computeReadiness(model, resolveScope(model.config?.data), { today: '2026-11-22', evidenceFiles });
  count = report.frameworks.ccm?.requirements.length ?? 0;
} else if (mode === 'check') {
  const { checkRepo, readRepo } = await import('../packages/core/dist/index.js');
  const result = await checkRepo(await readRepo(dir), { today: '2026-11-22' });
  count = result.findings.length;
  if (result.findings.length > 0) console.error(JSON.stringify(result.findings.slice(0, 3)));
} else {
  const { parse } = await import('yaml');
  const walk = (rel) => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else {
        const bytes = readFileSync(join(dir, path));
        if (/\.ya?ml$/.test(path)) parse(bytes.toString('utf8'));
        else if (path.endsWith('.md')) parse(bytes.toString('utf8').split('---')[1] ?? '');
        else createHash('sha256').update(bytes).digest('hex');
        count++;
      }
    }
  };
  parse(readFileSync(join(dir, 'compliance.yaml'), 'utf8'));
  for (const folder of ['controls', 'policies', 'evidence']) walk(folder);
}
const ms = performance.now() - started;
console.log(JSON.stringify({ mode, ms: Math.round(ms), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), count }));
