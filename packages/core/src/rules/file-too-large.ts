import { defineRule } from './define-rule.js';

export const fileTooLarge = defineRule({
  id: 'file/too-large',
  severity: 'error',
  description: 'A file of the format is within the size limit of its kind (limits.file_bytes in compliance.yaml); a larger one is not read, so no file makes a command slow.',
  check({ model, report }) {
    for (const file of model.files) {
      if (!file.tooLarge) continue;
      const { size, limit } = file.tooLarge;
      report({
        at: { file: file.path },
        message: `the file is ${formatBytes(size)}, over the ${formatBytes(limit)} limit for ${file.kind === 'evidence' ? 'an evidence record' : `a ${file.kind} file`}; it was not read`,
        hint:
          file.kind === 'compliance'
            ? 'Shorten compliance.yaml: it states the scope, which never needs this much.'
            : `Split the file or move bulk data into an evidence artefact; if it really must be this large, raise limits.file_bytes.${file.kind} in compliance.yaml.`,
      });
    }
  },
});

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}
