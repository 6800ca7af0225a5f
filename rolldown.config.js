// Bundles the CLI (tsc's output in dist/) into dist/bundle: CommonJS, so the bin starts fast and its compiled code
// can be cached (src/cli/compile-cache.ts); commander and chalk inlined; undici, zod and @inquirer/prompts stay
// in node_modules. Each file costs a run about a millisecond to resolve and load however small it is, so the
// modules are grouped by when they are needed rather than left in ~100 small shared chunks:
//   cli     everything every run loads: commander, the program, output, errors, help, the command list;
//   wiring  what the flags of any command need: option helpers, settings, defaults, the light parsers;
//   then each command's wiring and each command's logic in chunks of their own (loaded only when it runs).
import { defineConfig } from 'rolldown';

// commander requires node:child_process when it loads, for the executable sub-commands lead-kit does not have;
// loading it costs every run a few milliseconds (node:dgram, node:net, the streams stack). Required on use instead.
const EAGER_CHILD_PROCESS = "const childProcess = require('node:child_process');";
const lazyChildProcess = {
  name: 'lazy-child-process',
  transform(code, id) {
    if (!/commander[\\/]lib[\\/]command\.js$/.test(id)) return null;
    if (!code.includes(EAGER_CHILD_PROCESS)) this.error(`${id}: no longer requires node:child_process as rolldown.config.js expects`);
    return code.replace(EAGER_CHILD_PROCESS, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };");
  },
};

const any = (...paths) => new RegExp(paths.map((p) => p.replaceAll('/', '[\\\\/]')).join('|'));

export default defineConfig({
  input: ['dist/cli/run.js', 'dist/cli/compile-cache.js'],
  external: ['undici', 'zod', '@inquirer/prompts'],
  platform: 'node',
  logLevel: 'warn',
  plugins: [lazyChildProcess],
  output: {
    dir: 'dist/bundle',
    format: 'cjs',
    entryFileNames: '[name].cjs',
    chunkFileNames: '[name]-[hash].cjs',
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
