import { describe, expect, it } from 'vitest';
import { isPlaceholder, placeholderIn } from './placeholders.js';

describe('placeholders', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['TODO', 'TODO'],
    ['TODO: describe how backups are tested', 'TODO'],
    ['Customers enable MFA. TBD which plans.', 'TBD'],
    ['FIXME', 'FIXME'],
    ['XXX', 'XXX'],
    ['Lorem ipsum dolor sit amet', 'lorem ipsum'],
    ['<describe the control>', '<describe the control>'],
    ['Section to be written by the CISO', '"to be written"'],
  ])('%j is a placeholder (%s)', (text, why) => {
    expect(placeholderIn(text)).toBe(why);
  });

  it.each([
    'We enforce WebAuthn MFA for all workforce access (control IAM-MFA).',
    'Report incidents to <security@northwind.example> within 24 hours.',
    'Line one<br>line two',
    'Engineers keep a to-do list in Jira.',
    'The todo column of the board lists open findings.',
  ])('%j is real text', (text) => {
    expect(isPlaceholder(text)).toBe(false);
  });

  it('treats a missing text as a placeholder', () => {
    expect(isPlaceholder(undefined)).toBe(true);
  });
});
