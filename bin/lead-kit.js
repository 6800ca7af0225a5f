#!/usr/bin/env node
// `lead-kit --version` (or -v) on its own is answered here, before the CLI is loaded: loading it is almost all
// the time that command would take. Everything else, including `--version` with other arguments, goes to the CLI.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  const { readFileSync } = await import('node:fs');
  process.stdout.write(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version + '\n');
} else {
  const { run } = await import('../dist/cli/run.js');
  process.exitCode = await run();
}
