#!/usr/bin/env node
'use strict';
// CommonJS on purpose: Node starts a CommonJS entry faster than an ES module, and the CLI bundle it loads
// (dist/bundle/run.cjs, built by `npm run build` from dist/cli/run.js with commander and chalk inlined) is
// CommonJS too, so its compiled code can be cached between runs (see src/cli/compile-cache.ts).
// `lead-kit --version` (or -v) on its own is answered here, before anything else is loaded.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  const { readFileSync, writeSync } = require('node:fs');
  writeSync(1, JSON.parse(readFileSync(`${__dirname}/../package.json`, 'utf8')).version + '\n');
} else {
  const bundle = `${__dirname}/../dist/bundle`;
  // --debug prints stack traces: with Node's source maps they name the TypeScript file and line (the compile cache
  // compiles the bundle its own way, which Node's source-map support does not see, so it is off for that run).
  if (args.includes('--debug')) process.setSourceMapsEnabled(true);
  else require(`${bundle}/compile-cache.cjs`).enableCompileCache(`${bundle}/.cache`, process, module);
  require(`${bundle}/run.cjs`)
    .run()
    .then((code) => {
      process.exitCode = code;
    });
}
