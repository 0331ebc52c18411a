import { FRAMEWORK_KEYS } from '@trustops/frameworks';
import { isInScope } from '../model/scope.js';
import { defineRule } from './define-rule.js';

export const mappingUnmappedControl = defineRule({
  id: 'mapping/unmapped-control',
  severity: 'error',
  description: 'Every control (not retired) maps to at least one in-scope requirement; otherwise it proves nothing.',
  check({ model, scope, report }) {
    // With no framework resolvable, config rules already explain why; every control would be "unmapped".
    if (Object.keys(scope.frameworks).length === 0) return;
    for (const control of model.controls) {
      const { data } = control;
      if (data.status === 'retired') continue;
      const mapped = FRAMEWORK_KEYS.some((key) => {
        const framework = scope.frameworks[key];
        return framework !== undefined && (data.maps?.[key] ?? []).some((id) => isInScope(framework, id));
      });
      if (mapped) continue;
      const inScope = FRAMEWORK_KEYS.filter((k) => scope.frameworks[k]).join(', ');
      report({
        at: data.maps ? { source: control.source, path: ['maps'], target: 'key' } : { source: control.source, path: ['id'], target: 'key' },
        message: `control ${data.id} maps to no in-scope requirement`,
        hint: `Add the requirements it satisfies under maps: (${inScope}), e.g. maps: { ccm: [IAM-14] }; or set status: retired.`,
      });
    }
  },
});
