#!/usr/bin/env node
// Launches the TypeScript CLI through tsx so `npx evenkeys` works straight after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
