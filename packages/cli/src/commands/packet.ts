import { buildPacket } from '@trustops/core/packet';
import { resolve } from 'node:path';
import { EXIT, type CliIo } from '../io.js';
import { toolVersion } from '../version.js';
import { resolveRepoDir } from './shared.js';

export interface PacketCommandOptions {
  repo?: string;
  out?: string;
  zip?: boolean;
  allowFindings?: boolean;
}

export async function runPacket(options: PacketCommandOptions, io: CliIo): Promise<number> {
  const result = await buildPacket(resolveRepoDir(options.repo, io), {
    ...(options.out ? { out: resolve(io.cwd, options.out) } : {}),
    zip: Boolean(options.zip),
    allowFindings: Boolean(options.allowFindings),
    toolVersion,
    ...(io.env.SOURCE_DATE_EPOCH ? { sourceDateEpoch: io.env.SOURCE_DATE_EPOCH } : {}),
  });
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  io.stdout(`audit packet ${result.meta.version}: ${result.files.length + 1} files in ${result.folder}\n`);
  if (result.zip) io.stdout(`zip: ${result.zip}\n`);
  if (errors > 0) io.stdout(`built with ${errors} open error finding(s) (--allow-findings); the packet says so on its first page\n`);
  for (const warning of result.warnings) io.stderr(`trustops packet: ${warning}\n`);
  return EXIT.ok;
}
