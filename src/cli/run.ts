import { createIO } from './io.js';
import { main } from './main.js';
import { fdWriter } from './stdio.js';

/** The real process around main(): streams, environment, clock, and Ctrl-C as an AbortSignal. */
export async function run(): Promise<number> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts += 1;
    if (interrupts > 1) {
      // A second Ctrl-C means "now": restore the default handler and re-raise, as a shell expects.
      process.off('SIGINT', onSigint);
      process.kill(process.pid, 'SIGINT');
      return;
    }
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  // `lead-kit … | head`: the reader went away. Stop the work quietly instead of crashing on EPIPE.
  const readerGone = (): void => controller.abort();
  const out = fdWriter(1, () => process.stdout, readerGone);
  const err = fdWriter(2, () => process.stderr, readerGone);
  try {
    return await main(process.argv.slice(2), {
      io: await createIO(out, err, process.env),
      env: process.env,
      cwd: process.cwd(),
      now: () => new Date(),
      signal: controller.signal,
      // a getter: Node builds process.stdin (and loads fs streams) on first use, and few commands read it
      get stdin() {
        return process.stdin;
      },
    });
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}
