import { writeOutput } from '../fs/atomic.js';

/**
 * Writes `text` to `path` atomically: a temporary file in the same directory, then a rename over the target, so a
 * reader never sees half a file and an interrupted write leaves the old file intact. A path that cannot be written
 * is exit 2, naming `flag`.
 */
export async function writeFileAtomic(path: string, text: string, flag = '--config', display = path): Promise<void> {
  await writeOutput(path, text, flag, display);
}
