#!/usr/bin/env node
// The `voxgate` command. Runs the TypeScript sources through tsx unless a build exists.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli/voxgate.js', import.meta.url);
if (existsSync(built) && process.env.VOXGATE_TEST_FROM_SOURCE !== '1') {
  const { run } = await import(built.href);
  await run(process.argv.slice(2));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { run } = await import(new URL('../src/cli/voxgate.ts', import.meta.url).href);
  await run(process.argv.slice(2));
}
