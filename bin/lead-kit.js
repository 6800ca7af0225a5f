#!/usr/bin/env node
// `lead-kit --version` (or -v) on its own is answered here, before the CLI is loaded: loading it is almost all
// the time that command would take. Everything else, including `--version` with other arguments, goes to the CLI.
// The CLI is loaded from dist/bundle/ (`npm run build` bundles dist/cli/run.js with commander and chalk into one
// file, each command's logic in its own chunk): one file to load instead of ~40 makes `--help` ~25% cheaper.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  const { readFileSync } = await import('node:fs');
  process.stdout.write(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version + '\n');
} else {
  const { run } = await import('../dist/bundle/run.js');
  process.exitCode = await run();
}
