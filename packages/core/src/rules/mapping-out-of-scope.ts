import { defineRule } from './define-rule.js';
import { collectRequirementRefs } from '../model/requirement-refs.js';

export const mappingOutOfScope = defineRule({
  id: 'mapping/out-of-scope',
  severity: 'info',
  description: 'A control maps to a requirement that exists but is outside the scope (a TSC category not selected, CCM-Lite, a framework not listed).',
  check({ model, scope, report }) {
    const reported = new Set<string>();
    for (const ref of collectRequirementRefs(model)) {
      if (!ref.owner.startsWith('control ')) continue;
      const framework = scope.frameworks[ref.framework];
      if (!framework) {
        const key = `${ref.source.file}#${ref.framework}`;
        if (reported.has(key)) continue;
        reported.add(key);
        report({
          at: { source: ref.source, path: ref.path.slice(0, 2), target: 'key' },
          message: `${ref.owner} maps to ${ref.framework}, which compliance.yaml does not scope`,
          hint: `Add ${ref.framework} under frameworks: in compliance.yaml, or remove these ids.`,
        });
        continue;
      }
      const ids = framework.resolve(ref.id);
      if (ids.length === 0 || ids.every((id) => framework.applicable.has(id))) continue;
      report({
        at: { source: ref.source, path: ref.path },
        message: `${ref.id} is outside the configured scope, so it does not count for ${ref.owner}`,
        hint:
          ref.framework === 'tsc'
            ? 'Select its TSC category under frameworks.tsc.categories, or remove the id.'
            : 'With lite: true only CCM-Lite controls are in scope.',
      });
    }
  },
});
