import { testRule } from '../testing/rule-tester.js';
import { fileSymlink } from './file-symlink.js';

testRule(fileSymlink, {
  valid: [
    { name: 'a link to a file inside the repository is followed', files: { 'controls/iam/IAM-MFA.yaml': { symlink: '../../shared/IAM-MFA.yaml' }, 'shared/IAM-MFA.yaml': 'id: IAM-MFA\n' } },
    { name: 'a link to an artefact outside the format (a README) is not the rule\'s business', files: { 'controls/README.md': { symlink: '/etc/motd' } } },
  ],
  invalid: [
    {
      name: 'out of the repository, broken, and a loop',
      files: {
        'controls/iam/HOST.yaml': { symlink: '/etc/hostname' },
        'controls/iam/UP.yaml': { symlink: '../../../elsewhere.yaml' },
        'policies/gone.md': { symlink: 'missing.md' },
        'risks/a.yaml': { symlink: 'b.yaml' },
        'risks/b.yaml': { symlink: 'a.yaml' },
      },
      errors: [
        { file: 'controls/iam/HOST.yaml', line: 1, message: /^controls\/iam\/HOST\.yaml is a symbolic link to "\/etc\/hostname" that is not read: it leads outside the repository$/, hint: /Copy the file into the repository/ },
        { file: 'controls/iam/UP.yaml', line: 1, message: /leads outside the repository/ },
        { file: 'policies/gone.md', line: 1, message: /its target does not exist/ },
        { file: 'risks/a.yaml', line: 1, message: /part of a loop of links/ },
        { file: 'risks/b.yaml', line: 1, message: /part of a loop of links/ },
      ],
    },
  ],
});
