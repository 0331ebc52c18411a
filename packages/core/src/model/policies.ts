import type { PolicyEntity, RepoModel } from '../load/load-repo.js';
import { placeholderIn } from './placeholders.js';

/** The sections every policy needs unless compliance.yaml says otherwise (policies.required_sections). */
export const DEFAULT_POLICY_SECTIONS = ['Purpose', 'Scope', 'Policy', 'Enforcement'] as const;

/** A section of a policy: its heading and the text up to the next heading of the same or a higher level. */
export interface PolicySection {
  heading: string;
  depth: number;
  line: number;
  text: string;
}

export function requiredPolicySections(model: RepoModel): readonly string[] {
  return model.config?.data.policies?.required_sections ?? DEFAULT_POLICY_SECTIONS;
}

/** "2. Scope" and "scope" name the same section. */
export function normalizeHeading(text: string): string {
  return text.toLowerCase().replace(/^\d+(\.\d+)*\.?\s+/, '').replace(/\s+/g, ' ').trim();
}

/** The policy's sections with their text (subsections included in their parent's text). */
export function policySections(policy: PolicyEntity): PolicySection[] {
  const lines = policy.body.split(/\r?\n/);
  return policy.headings.map((h, i) => {
    const next = policy.headings.slice(i + 1).find((x) => x.depth <= h.depth);
    const from = h.line - policy.bodyLine + 1;
    const to = next ? next.line - policy.bodyLine : lines.length;
    // Subheadings are structure, not text: a section whose subsections are all empty is empty too.
    const text = lines
      .slice(from, to)
      .filter((l) => !/^#{1,6}\s/.test(l))
      .join('\n')
      .trim();
    return { heading: h.text, depth: h.depth, line: h.line, text };
  });
}

/** The required sections of a policy that are empty or placeholders, with why. */
export function placeholderSections(policy: PolicyEntity, required: readonly string[]): { section: PolicySection; why: string }[] {
  const wanted = new Set(required.map(normalizeHeading));
  const out: { section: PolicySection; why: string }[] = [];
  for (const section of policySections(policy)) {
    if (!wanted.has(normalizeHeading(section.heading))) continue;
    const why = placeholderIn(section.text);
    if (why) out.push({ section, why });
  }
  return out;
}
