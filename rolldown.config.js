// Bundles the CLI (tsc's output in dist/) into dist/bundle: CommonJS, so the bin starts fast and its compiled code
// can be cached (src/cli/compile-cache.ts); commander and chalk inlined; undici, zod and @inquirer/prompts stay
// in node_modules. Each file costs a run about a millisecond to resolve and load however small it is, so the
// modules are grouped by when they are needed rather than left in ~100 small shared chunks:
//   cli     everything every run loads: commander, the program, output, errors, help, the command list;
//   wiring  what the flags of any command need: option helpers, settings, defaults, the light parsers;
//   then each command's wiring and each command's logic in chunks of their own (loaded only when it runs).
import { existsSync, readFileSync } from 'node:fs';
import { defineConfig, RolldownMagicString } from 'rolldown';

// commander requires node:child_process when it loads, for the executable sub-commands lead-kit does not have;
// loading it costs every run a few milliseconds (node:dgram, node:net, the streams stack). Required on use instead.
const EAGER_CHILD_PROCESS = "const childProcess = require('node:child_process');";
const lazyChildProcess = {
  name: 'lazy-child-process',
  transform(code, id) {
    if (!/commander[\\/]lib[\\/]command\.js$/.test(id)) return null;
    const at = code.indexOf(EAGER_CHILD_PROCESS);
    if (at === -1) this.error(`${id}: no longer requires node:child_process as rolldown.config.js expects`);
    // With its source map, so `--debug` stack traces still point at commander's own lines.
    const s = new RolldownMagicString(code);
    s.overwrite(
      at,
      at + EAGER_CHILD_PROCESS.length,
      "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
    );
    return { code: s.toString(), map: JSON.parse(s.generateMap({ hires: true, source: id }).toString()) };
  },
};

// tsc's source maps (dist/**/*.js.map) taken in, so the bundle's maps lead back to src/**/*.ts: `--debug` turns
// Node's source-map support on, and its stack traces then name the TypeScript file and line.
const tscSourceMaps = {
  name: 'tsc-source-maps',
  load(id) {
    if (id.includes('node_modules') || !existsSync(`${id}.map`)) return null;
    return { code: readFileSync(id, 'utf8'), map: readFileSync(`${id}.map`, 'utf8') };
  },
};

// Each bundle file wraps itself in the function Node's loader would wrap it in, and calls it: loaded by Node, it
// runs as any CommonJS file; the compile cache (src/cli/compile-cache.ts, which looks for SELF_CALL) compiles the
// function alone, a slice of the file's text, where wrapping the text again would copy all of it.
const SELF_WRAP = '(function(exports, require, module, __filename, __dirname) {';
const SELF_CALL = '}).call(this, exports, require, module, __filename, __dirname);';

const any = (...paths) => new RegExp(paths.map((p) => p.replaceAll('/', '[\\\\/]')).join('|'));

export default defineConfig({
  input: ['dist/cli/run.js', 'dist/cli/compile-cache.js'],
  external: ['undici', 'zod', '@inquirer/prompts'],
  platform: 'node',
  logLevel: 'warn',
  plugins: [lazyChildProcess, tscSourceMaps],
  output: {
    dir: 'dist/bundle',
    format: 'cjs',
    entryFileNames: '[name].cjs',
    chunkFileNames: '[name]-[hash].cjs',
    banner: SELF_WRAP,
    footer: `\n${SELF_CALL}`,
    sourcemap: true,
    sourcemapExcludeSources: true,
    // Without comments, `import(` appears in the bundle only where code really imports (see compile-cache.ts).
    comments: false,
    // Non-ASCII characters (the "—" and "→" of messages and help) written as escapes: Node reads an ASCII-only file
    // straight into a one-byte string, where one such character makes it decode UTF-8 into a two-byte one (≈5 ms of
    // CPU less for `lead-kit --help`).
    charset: 'ascii',
    codeSplitting: {
      groups: [
        {
          name: 'cli',
          priority: 20,
          test: any(
            'node_modules/commander/',
            'dist/cli/(main|program|io|exit-codes|help|redact|context|runners|commands/index|commands/summaries)\\.js',
            'dist/(errors|api-version)\\.js',
            'dist/io/',
            'dist/text/(redact|parse)\\.js',
          ),
        },
        {
          name: 'wiring',
          priority: 10,
          test: any(
            'dist/cli/(options|lead-options|leadgen-options|delivery-flags|settings|config-file)\\.js',
            'dist/webhooks/(defaults|answers|retry-policy|psid|kinds|batch)\\.js',
            'dist/json/locate\\.js',
            'dist/text/(edit-distance|size)\\.js',
            'dist/config/file-name\\.js',
          ),
        },
      ],
    },
  },
});
