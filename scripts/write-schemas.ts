// Writes <kind>.schema.json from the schema objects in @trustops/core, for editors (yaml-language-server)
// and other tools, into packages/core/schemas/ and packages/cli/schemas/: the CLI is the package a user
// installs directly, so node_modules/@trustops/cli/schemas is there under npm and pnpm alike (pnpm links only
// direct dependencies at the top of node_modules). A test fails when the files are stale: run `pnpm schemas`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileKindSchemas } from '../packages/core/src/schemas/file-kinds.js';

export function renderSchemaFiles(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fileKindSchemas).map(([kind, schema]) => [`${kind}.schema.json`, `${JSON.stringify(schema, null, 2)}\n`]),
  );
}

/** The folders the schemas are published in, relative to the repository root. */
export const SCHEMA_FOLDERS = ['packages/core/schemas', 'packages/cli/schemas'];

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const folder of SCHEMA_FOLDERS) {
    mkdirSync(new URL(`../${folder}/`, import.meta.url), { recursive: true });
    for (const [name, text] of Object.entries(renderSchemaFiles())) {
      writeFileSync(new URL(`../${folder}/${name}`, import.meta.url), text);
      console.log(`wrote ${folder}/${name}`);
    }
  }
}
