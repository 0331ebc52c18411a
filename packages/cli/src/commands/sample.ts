import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import {
  autoSampleSize,
  canonicalJson,
  drawSample,
  resolveEvidencePath,
  SAMPLE_SIZE_BY_FREQUENCY,
  SAMPLE_SIZE_SOURCE,
  sha256Hex,
  toCsv,
  writeCollectedEvidence,
  type CsvCell,
} from '@trustops/core';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { collectedAt, labelOf, loadModel, outcomeLines, TOOL } from './collect-shared.js';
import { findSchemaDir, resolveRepoDir, resolveToday } from './shared.js';

export interface SampleOptions {
  repo?: string;
  size: string;
  seed?: string;
  item?: string;
  dryRun?: boolean;
}

type PopulationItem = Record<string, unknown> & { key: string };

/** The population's items: a JSON file with items[], each with a string key (what trustops collect writes). */
function itemsOf(text: string, file: string): PopulationItem[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not JSON: trustops sample draws from a population file with items[], each with a key (as trustops collect writes)`);
  }
  const items = (data as { items?: unknown }).items;
  if (!Array.isArray(items) || !items.every((i) => i && typeof i === 'object' && typeof (i as { key?: unknown }).key === 'string')) {
    throw new UsageError(`${file} has no items[] with a key each: trustops sample draws from a population file as trustops collect writes it`);
  }
  const keys = new Set<string>();
  for (const i of items as PopulationItem[]) {
    if (keys.has(i.key)) throw new UsageError(`${file} lists the key ${i.key} twice: a population's keys must be unique`);
    keys.add(i.key);
  }
  return items as PopulationItem[];
}

/** A cell for the CSV: scalars as they are, lists of scalars joined by spaces, anything else as JSON. */
function cell(value: unknown): CsvCell {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return value.join(' ');
  // A list of small records (a pull request's required checks) reads as name=result pairs.
  if (Array.isArray(value) && value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) return value.map((v) => Object.values(v as object).join('=')).join(' ');
  return JSON.stringify(value);
}

/**
 * `trustops sample RECORD --size N|auto [--seed TEXT]`: draws a reproducible sample from the record's
 * population (items ordered by SHA-256 of seed + "\n" + key, the first N) and records it beside it. The
 * default seed is the population file's SHA-256, so the draw is fixed by the data. The same command draws
 * the same items again; a sample already recorded is not written twice.
 */
export async function runSample(recordArg: string, options: SampleOptions, io: CliIo): Promise<number> {
  const dir = resolveRepoDir(options.repo, io);
  const today = resolveToday(undefined, io);
  const recordPath = relative(dir, resolve(io.cwd, recordArg)).split(sep).join('/');
  const model = await loadModel(dir);
  const record = model.evidence.find((r) => r.source.file === recordPath);
  if (!record) throw new UsageError(`${recordArg} is not an evidence record of the repository (a YAML file directly inside evidence/<control>/)`);
  const population = record.data.population;
  if (!population?.file) throw new UsageError(`${recordPath} names no population file (population.file): there is nothing to draw from`);
  const resolved = resolveEvidencePath(record.source.file, population.file);
  if (!('repoPath' in resolved)) throw new UsageError(`${recordPath}: population.file ${population.file} leaves evidence/`);
  const bytes = await readFile(join(dir, resolved.repoPath)).catch(() => {
    throw new UsageError(`${resolved.repoPath}, the population of ${recordPath}, does not exist`);
  });
  const digest = sha256Hex(bytes);
  const listed = (record.data.files ?? []).find((f) => f.path === population.file);
  if (listed && listed.sha256 !== digest) throw new UsageError(`${resolved.repoPath} does not match the SHA-256 its record lists: it changed after it was collected; not drawing from it`);
  const items = itemsOf(bytes.toString('utf8'), resolved.repoPath);

  const control = model.controls.find((c) => c.data.id === record.data.control);
  const size = options.size === 'auto' ? autoSampleSize(control?.data.frequency, items.length) : Number(options.size);
  if (options.size !== 'auto' && (!/^\d+$/.test(options.size) || size < 1)) throw new UsageError(`--size must be a positive number or auto, got "${options.size}"`);
  const seed = options.seed ?? digest;
  if (seed === '') throw new UsageError('--seed may not be empty');
  const drawn = drawSample(items, (i) => i.key, seed, size);
  const item = options.item ?? record.data.evidence;
  const control0 = record.data.control;
  const label = labelOf(record.data.covers);
  const command = `trustops sample ${recordPath} --size ${options.size}${options.seed !== undefined ? ` --seed ${JSON.stringify(seed)}` : ''}${options.item ? ` --item ${item}` : ''}`;
  const method = drawn.length >= items.length ? 'all' : 'random';

  const data = {
    population: { record: recordPath, file: resolved.repoPath, sha256: digest, size: items.length },
    algorithm: 'order the items by the SHA-256 (hex) of the UTF-8 bytes of seed + "\\n" + key, ascending; take the first size',
    seed,
    size: drawn.length,
    ...(options.size === 'auto' ? { size_basis: `${control?.data.frequency ?? 'per-event'} control: ${SAMPLE_SIZE_BY_FREQUENCY[control?.data.frequency ?? 'per-event'].range} (${SAMPLE_SIZE_SOURCE})` } : {}),
    items: drawn.map((d, i) => ({ position: i + 1, rank: d.rank, ...d.item })),
  };
  const fields = [...new Set(items.flatMap((i) => Object.keys(i)))].filter((k) => k !== 'key').sort();
  const csv = toCsv(['position', 'key', ...fields], drawn.map((d, i) => [i + 1, d.key, ...fields.map((f) => cell(d.item[f]))]));
  const folder = dirname(record.source.file);
  const outcomes = await writeCollectedEvidence(
    dir,
    model,
    [
      {
        control: control0,
        item,
        covers: { start: record.data.covers.start, end: record.data.covers.end },
        label,
        collectedOn: today,
        collectedBy: 'automation:trustops-sample',
        note: `${drawn.length} of the ${items.length} items of ${population.file}, drawn with \`${command}\`: the items ordered by SHA-256 of the seed, a line break and the item's key, the first ${drawn.length}. Anyone draws the same items again with the same command.`,
        name: item === record.data.evidence ? `${label}-${item}-sample` : `${label}-${item}`,
        files: [
          { suffix: '.json', bytes: new TextEncoder().encode(canonicalJson(data)) },
          { suffix: '.csv', bytes: new TextEncoder().encode(csv) },
        ],
        population: { source: population.source, size: items.length, file: relative(folder, resolved.repoPath).split(sep).join('/') },
        sample: { size: drawn.length, method, seed },
        provenance: { tool: TOOL, collector: 'sample', collected_at: collectedAt(io), drawn_with: command },
        writtenBy: 'trustops sample',
      },
    ],
    { schemaDir: findSchemaDir(dir), ...(options.dryRun ? { dryRun: true } : {}) },
  );
  io.stdout([`trustops sample: ${drawn.length} of ${items.length} items of ${resolved.repoPath} (seed ${seed})`, ...outcomeLines(outcomes, () => `${drawn.length} items`), ...drawn.map((d, i) => `  ${String(i + 1).padStart(3)}. ${d.key}`), ''].join('\n'));
  return EXIT.ok;
}
