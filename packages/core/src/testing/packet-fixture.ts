import type { PacketFileEntry, PacketInput } from '../packet/packet-input.js';
import { readRepo } from '../io/read-repo.js';
import { preparePacket } from '../pipeline/packet.js';

/** The SOC 2 Type II scenario program (checked as of 2026-11-22). */
export const TYPE2_PROGRAM = new URL('../../test/fixtures/type2-program/', import.meta.url).pathname;

/**
 * A packet input built from a program folder as `trustops packet --allow-findings` would build it:
 * readiness and findings as of 2026-11-22, a fixed commit, version and creation time.
 */
export async function packetInputFor(dir: string): Promise<PacketInput> {
  const repo = await readRepo(dir, { cache: false });
  return preparePacket(repo, {
    meta: { commit: 'a'.repeat(40), version: '2026-11-01-aaaaaaa', createdAt: '2026-11-01T12:00:00Z', toolVersion: '0.1.0' },
    allowFindings: true,
    today: '2026-11-22',
  });
}

/** The Type II scenario program's packet input. */
export function type2PacketInput(): Promise<PacketInput> {
  return packetInputFor(TYPE2_PROGRAM);
}

/** A plausible file list for the packet built from that input. */
export const TYPE2_PACKET_FILES: readonly PacketFileEntry[] = [
  { path: 'manifest.json', size: 4_211, sha256: '0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff' },
  { path: 'summary.pdf', size: 48_377, sha256: '1111111111111111aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbcccccccccccccccc' },
  { path: 'readiness.xlsx', size: 12_950, sha256: '2222222222222222dddddddddddddddd3333333333333333eeeeeeeeeeeeeeee' },
  { path: 'controls/iam/IAM-MFA.yaml', size: 1_024, sha256: '3333333333333333ffffffffffffffff4444444444444444aaaaaaaaaaaaaaaa' },
  { path: 'evidence/IAM-MFA/2026-Q1-okta-policy.json', size: 2_048_576, sha256: '4444444444444444bbbbbbbbbbbbbbbb5555555555555555cccccccccccccccc' },
];
