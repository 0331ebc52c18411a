#!/usr/bin/env node
// The built CLI; run `pnpm build` first (the README's setup command does).
import { main } from '../dist/bin.js';

await main();
