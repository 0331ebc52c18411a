// Preloaded by the benchmarks (`node --import ./scripts/bench-rss.mjs ...`): writes the process's peak
// memory (maxRSS, KiB) to $TRUSTOPS_BENCH_RSS when it exits, so a CLI run is measured as a user runs it.
import { writeFileSync } from 'node:fs';

const target = process.env.TRUSTOPS_BENCH_RSS;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
