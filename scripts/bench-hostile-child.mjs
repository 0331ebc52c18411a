// One run of the built CLI in a fresh process, so that peak memory (maxRSS) belongs to that run alone:
// prints {ms, maxRssMb, status, stdoutBytes, stderr} as the last line. Arguments: the CLI's own.
import { performance } from 'node:perf_hooks';

const { runCli } = await import('../packages/cli/dist/main.js');
const started = performance.now();
let stdoutBytes = 0;
let stderr = '';
const status = await runCli(process.argv.slice(2), {
  stdout: (text) => (stdoutBytes += Buffer.byteLength(text)),
  stderr: (text) => (stderr += text),
  cwd: process.cwd(),
  env: { ...process.env, TRUSTOPS_NO_CACHE: '1' },
  isTty: false,
});
const ms = Math.round(performance.now() - started);
console.log(JSON.stringify({ ms, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), status, stdoutBytes, stderr: stderr.slice(0, 300) }));
