import { shorten } from '../model/findings.js';
import { defineRule } from './define-rule.js';

const WHY = {
  outside: 'it leads outside the repository',
  broken: 'its target does not exist',
  loop: 'it is part of a loop of links',
} as const;

export const fileSymlink = defineRule({
  id: 'file/symlink',
  severity: 'error',
  description: 'A symbolic link under controls/, policies/, evidence/ or risks/ (or compliance.yaml) leads to a file inside the repository; one that leads out, is broken or loops is not read.',
  check({ model, report }) {
    for (const link of model.links) {
      report({
        at: { file: link.path },
        message: `${link.path} is a symbolic link to "${shorten(link.target)}" that is not read: ${WHY[link.problem]}`,
        hint:
          link.problem === 'outside'
            ? 'Copy the file into the repository (git then keeps its content and history) instead of linking to it.'
            : 'Point the link at a file inside the repository, or replace it with the file itself.',
      });
    }
  },
});
