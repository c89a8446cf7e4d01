#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so it shares every line of the engine with the app.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
