import type { FrameworkKey } from '@trustops/frameworks';
import { FRAMEWORK_SHORT as LABEL, plural } from './labels.js';
import { escapeMarkdown as esc, fileLink } from './markdown-escape.js';
import { renderPercent } from './score.js';
import type { Changelog, ControlDiff, RiskDiff } from '../diff/diff-models.js';
import type { VersionSwitch } from '../diff/version-switch.js';


function delta(before: number | null, after: number | null): string {
  if (before === null || after === null) return `${renderPercent(before)} → ${renderPercent(after)}`;
  const points = Math.round((after - before) * 1000) / 10;
  return `${renderPercent(before)} → ${renderPercent(after)}${points === 0 ? '' : ` (${points > 0 ? '+' : ''}${points.toFixed(1)})`}`;
}

/** "CCM 4.0.13 → 4.1: 58 ids renumbered, 1 removed, 11 added". */
export function versionSwitchLine(v: VersionSwitch): string {
  return `${LABEL[v.framework]} ${v.from} → ${v.to}: ${plural(v.renumbered.length, 'id')} renumbered, ${v.removed.length} removed, ${v.added.length} added`;
}

/** The one line a reviewer reads first. */
export function changelogVerdict(c: Changelog): string {
  const parts: string[] = [];
  if (c.versionSwitch) parts.push(versionSwitchLine(c.versionSwitch));
  if (c.readiness.length) parts.push(`readiness ${c.readiness.map((r) => `${LABEL[r.framework]} ${delta(r.before, r.after)}`).join(', ')}`);
  const lost = c.coverage.filter((x) => x.change === 'lost').length;
  const gained = c.coverage.filter((x) => x.change === 'gained').length;
  const weakened = c.controls.filter((x) => x.weakened.length > 0).length;
  if (lost) parts.push(`${plural(lost, 'requirement')} lost coverage`);
  if (gained) parts.push(`${plural(gained, 'requirement')} newly covered`);
  if (weakened) parts.push(`${plural(weakened, 'control')} weakened`);
  if (c.evidenceRewritten.length) parts.push(`${plural(c.evidenceRewritten.length, 'evidence file')} rewritten`);
  const nothing =
    !c.versionSwitch &&
    !c.controls.length &&
    !c.coverage.length &&
    !c.ssrm.length &&
    !c.vendors.length &&
    !c.policies.length &&
    !c.risks.length &&
    !c.evidenceAdded.length &&
    !c.evidenceRewritten.length;
  if (nothing) parts.push('no compliance changes');
  return parts.join(' · ');
}

export interface RenderChangelogOptions {
  /** Prefix for file links: "" (relative) or e.g. "https://github.com/org/repo/blob/<sha>/". */
  linkBase?: string;
  /** Lists longer than this fold into <details>. */
  foldAfter?: number;
  /** Heading level of the sections (2 = "##"). */
  headingLevel?: number;
}

function controlLine(d: ControlDiff, link: (label: string, file: string, line?: number) => string): string {
  const details: string[] = [];
  const field = (name: string, change?: { before: unknown; after: unknown }) => {
    if (change) details.push(`${name} ${esc(String(change.before ?? '–'))} → ${esc(String(change.after ?? '–'))}`);
  };
  field('status', d.status);
  field('owner', d.owner);
  field('maturity', d.maturity);
  field('frequency', d.frequency);
  field('automation', d.automation);
  if (d.policies) details.push(`policies ${[...d.policies.added.map((p) => `+${p}`), ...d.policies.removed.map((p) => `−${p}`)].map(esc).join(' ')}`);
  for (const [key, change] of Object.entries(d.maps ?? {})) {
    details.push(`${LABEL[key as FrameworkKey]} ${[...change.added.map((p) => `+${p}`), ...change.removed.map((p) => `−${p}`)].map(esc).join(' ')}`);
  }
  if (d.evidenceItems) {
    const e = d.evidenceItems;
    details.push(`evidence items ${[...e.added.map((x) => `+${x}`), ...e.removed.map((x) => `−${x}`), ...e.changed.map((x) => `~${x}`)].map(esc).join(' ')}`);
  }
  if (d.titleChanged) details.push('title changed');
  if (d.descriptionChanged) details.push('description changed');
  if (d.kind === 'moved') details.push(`moved from ${esc(d.oldFile ?? '')}`);
  const warn = d.weakened.length ? ` ⚠️ weakened (${d.weakened.map(esc).join('; ')})` : '';
  const name = d.kind === 'removed' ? `~~${esc(d.id)}~~` : link(d.id, d.file, d.line);
  return `- ${name} ${esc(d.title)}: **${d.kind}**${details.length ? `; ${details.join('; ')}` : ''}${warn}`;
}

function riskLine(r: RiskDiff, link: (label: string, file: string, line?: number) => string): string {
  const details: string[] = [];
  const field = (name: string, change?: { before: unknown; after: unknown }) => {
    if (change && change.before !== change.after) details.push(`${name} ${esc(String(change.before ?? '–'))} → ${esc(String(change.after ?? '–'))}`);
  };
  if (r.kind === 'changed') {
    field('residual', r.residual);
    field('treatment', r.treatment);
  } else if (r.kind === 'added') {
    details.push(`residual ${r.residual.after ?? '–'}, ${esc(r.treatment.after ?? 'no treatment')}`);
  }
  if (r.controls) details.push(`controls ${[...r.controls.added.map((x) => `+${x}`), ...r.controls.removed.map((x) => `−${x}`)].map(esc).join(' ')}`);
  if (r.kind === 'changed') field('acceptance', r.acceptance);
  else if (r.acceptance?.after) details.push(`accepted ${esc(r.acceptance.after)}`);
  if (r.kind === 'changed' && r.lastReviewed) details.push(`reviewed ${esc(r.lastReviewed.after ?? '–')}`);
  const name = r.kind === 'removed' ? `~~${esc(r.id)}~~` : link(r.id, r.file, r.line);
  return `- ${name} ${esc(r.title)}: **${r.kind}**${details.length ? `; ${details.join('; ')}` : ''}`;
}

/** Markdown for a pull-request comment or release notes: the verdict first, then sections. */
export function renderChangelogMarkdown(c: Changelog, options: RenderChangelogOptions = {}): string {
  const linkBase = options.linkBase ?? '';
  const foldAfter = options.foldAfter ?? 10;
  const h = '#'.repeat(options.headingLevel ?? 3);
  const link = (label: string, file: string, line?: number) => fileLink(label, file, line, linkBase);
  const out: string[] = [`**Compliance impact:** ${changelogVerdict(c)}`, ''];
  const rev = (r: { label: string; commit?: string }) => `\`${esc(r.label)}\`${r.commit ? ` (${r.commit.slice(0, 7)})` : ''}`;
  out.push(`_${rev(c.base)} → ${rev(c.head)}; ${c.type === 'type2' ? 'SOC 2 Type II view' : 'Type I view'}._`, '');

  const section = (title: string, lines: string[]) => {
    if (lines.length === 0) return;
    out.push(`${h} ${title}`, '');
    if (lines.length > foldAfter) out.push(`<details><summary>${lines.length} entries</summary>`, '', ...lines, '', '</details>');
    else out.push(...lines);
    out.push('');
  };

  if (c.versionSwitch) {
    // Everything below compares through CSA's crosswalk: a renumbered id is the same requirement.
    const v = c.versionSwitch;
    const title = `${LABEL[v.framework]} ${esc(v.from)} → ${esc(v.to)}`;
    section(`${title}: ids renumbered (same requirement, new number)`, v.renumbered.map((r) => `- ${esc(r.from)} → **${r.to.map(esc).join(', ')}** ${esc(r.title)}`));
    section(
      `${title}: controls removed`,
      v.removed.map((r) => `- ${esc(r.id)} ${esc(r.title)}: no successor in ${esc(v.to)}; was named by ${r.referredBy.map(esc).join(', ')}`),
    );
    section(`${title}: controls added`, v.added.map((a) => `- **${esc(a.id)}** ${esc(a.title)}`));
  }
  section(
    'Requirements that lost their last control',
    c.coverage.filter((x) => x.change === 'lost').map((x) => `- ${LABEL[x.framework]} **${esc(x.id)}** ${esc(x.title)}: was covered by ${x.before.map(esc).join(', ')}`),
  );
  section(
    'Requirements newly covered',
    c.coverage.filter((x) => x.change === 'gained').map((x) => `- ${LABEL[x.framework]} **${esc(x.id)}** ${esc(x.title)}: by ${x.after.map(esc).join(', ')}`),
  );
  section('Controls', c.controls.map((d) => controlLine(d, link)));
  section(
    'Shared responsibility',
    c.ssrm.map(
      (s) =>
        `- ${link(s.id, s.file, s.line)}: ${s.kind === 'changed' ? `${esc(s.ownership.before ?? '–')} → ${esc(s.ownership.after ?? '–')}` : s.kind}${s.vendor.before !== s.vendor.after ? `; vendor ${esc(s.vendor.before ?? '–')} → ${esc(s.vendor.after ?? '–')}` : ''}`,
    ),
  );
  section(
    'Vendors',
    c.vendors.map((v) => {
      const changes = [...v.attestations.added.map((a) => `+ ${esc(a)}`), ...v.attestations.removed.map((a) => `− ${esc(a)}`)];
      return `- ${v.kind === 'removed' ? esc(v.id) : link(v.id, v.file)}: **${v.kind}**${changes.length ? `; attestations ${changes.join(', ')}` : ''}`;
    }),
  );
  section(
    'Policies',
    c.policies.map((p) => {
      const version = p.version.before !== p.version.after ? `version ${esc(p.version.before ?? '–')} → ${esc(p.version.after ?? '–')}` : `version ${esc(p.version.after ?? '–')} (unchanged)`;
      const what = [p.textChanged ? 'text changed' : '', p.fieldsChanged.length ? `fields: ${p.fieldsChanged.map(esc).join(', ')}` : ''].filter(Boolean).join('; ');
      return `- ${p.kind === 'removed' ? esc(p.id) : link(p.id, p.file)} ${esc(p.title)}: **${p.kind}**; ${version}${p.effective.after ? `, effective ${esc(p.effective.after)}` : ''}${what ? `; ${what}` : ''}`;
    }),
  );
  section('Risks', c.risks.map((r) => riskLine(r, link)));
  section(
    'Evidence added',
    c.evidenceAdded.map((e) => `- ${link(`${e.control} / ${e.evidence}`, e.file)}: covers ${e.covers.start}..${e.covers.end}, collected ${e.collectedOn}`),
  );
  section(
    'Evidence rewritten (evidence is append-only)',
    c.evidenceRewritten.map((e) => `- \`${esc(e.oldPath ?? e.path)}\`: ${e.status}${e.oldPath ? ` to \`${esc(e.path)}\`` : ''}`),
  );
  const groupLines = c.readiness.flatMap((r) =>
    r.groups.filter((g) => g.before !== g.after).map((g) => `| ${LABEL[r.framework]} | ${esc(g.id)} ${esc(g.name)} | ${renderPercent(g.before)} | ${renderPercent(g.after)} |`),
  );
  if (c.readiness.length) {
    out.push(`${h} Readiness`, '', '| Framework | Before | After |', '|---|---:|---:|');
    for (const r of c.readiness) out.push(`| ${LABEL[r.framework]} | ${renderPercent(r.before)} | ${renderPercent(r.after)} |`);
    out.push('');
    if (groupLines.length) {
      const table = ['| Framework | Group | Before | After |', '|---|---|---:|---:|', ...groupLines];
      if (groupLines.length > foldAfter) out.push(`<details><summary>${groupLines.length} groups changed</summary>`, '', ...table, '', '</details>', '');
      else out.push(...table, '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export function renderChangelogJson(c: Changelog): string {
  return `${JSON.stringify({ verdict: changelogVerdict(c), ...c }, null, 2)}\n`;
}
