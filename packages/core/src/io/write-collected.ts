import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { findSameRecord, planCollectedRecord, recordBaseNames, type CollectedEvidence, type PlannedRecord } from '../collect/record.js';
import type { RepoModel } from '../load/load-repo.js';
import { TrustopsError } from '../model/errors.js';
import { writeEvidenceRecord } from './add-evidence.js';

export type CollectedOutcome =
  | { status: 'unchanged'; control: string; item: string; record: string }
  | ({ status: 'written' | 'planned'; control: string; item: string } & PlannedRecord);

/**
 * Stores what collectors gathered, append-only: a collection whose files are those of an existing record
 * of the same item and window writes nothing (`unchanged`); new data becomes a new record
 * (<label>-<item>.yaml, or with the data's digest in the name when that is taken), never a change to an
 * existing one. With `dryRun`, says what would be written (`planned`) and writes nothing.
 */
export async function writeCollectedEvidence(
  root: string,
  model: RepoModel,
  collected: readonly CollectedEvidence[],
  options: { schemaDir: string; dryRun?: boolean },
): Promise<CollectedOutcome[]> {
  const realRoot = realpathSync(root);
  const outcomes: CollectedOutcome[] = [];
  for (const c of collected) {
    const same = findSameRecord(model, c);
    if (same) {
      outcomes.push({ status: 'unchanged', control: c.control, item: c.item, record: same });
      continue;
    }
    const taken = (plan: PlannedRecord) => [plan.record, ...plan.files.map((f) => f.path)].some((p) => existsSync(join(realRoot, p)));
    const plan = recordBaseNames(c)
      .map((base) => planCollectedRecord(c, base, options.schemaDir))
      .find((p) => !taken(p));
    if (!plan) {
      throw new TrustopsError('WRITE_FAILED', `cannot name the new record of ${c.control} ${c.item} for ${c.label}: ${recordBaseNames(c).join('.yaml and ')}.yaml are taken, and neither is a readable record of the same files`);
    }
    if (options.dryRun) {
      outcomes.push({ status: 'planned', control: c.control, item: c.item, ...plan });
      continue;
    }
    await writeEvidenceRecord(
      join(realRoot, 'evidence', c.control),
      plan.files.map((f) => ({ target: join(realRoot, f.path), bytes: f.bytes })),
      { target: join(realRoot, plan.record), text: plan.text },
    );
    outcomes.push({ status: 'written', control: c.control, item: c.item, ...plan });
  }
  return outcomes;
}
