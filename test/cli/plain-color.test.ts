import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { createIO } from '../../src/cli/io.js';
import { plainColor } from '../../src/io/plain-color.js';

describe('colour off without chalk', () => {
  const chalk = new Chalk({ level: 0 });
  it('paints like chalk at level 0: every style, chained, with several arguments', () => {
    for (const style of ['red', 'green', 'yellow', 'dim', 'bold', 'cyan', 'gray', 'underline'] as const) {
      expect(plainColor[style]('a', 'b →')).toBe(chalk[style]('a', 'b →'));
      expect(plainColor.bold[style].dim('x')).toBe(chalk.bold[style].dim('x'));
    }
    expect(plainColor('x', 2)).toBe(chalk('x', 2));
    expect(plainColor.level).toBe(0);
  });

  it('is what the CLI uses when no stream is a terminal, and real chalk when one is', async () => {
    const io = await createIO({ write: () => true }, { write: () => true }, {});
    expect(io.color).toBe(plainColor);
    expect(io.errColor).toBe(plainColor);
    const tty = await createIO({ write: () => true, isTTY: true }, { write: () => true }, {});
    expect(tty.color.red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(tty.errColor).toBe(plainColor);
    const noColor = await createIO({ write: () => true, isTTY: true }, { write: () => true, isTTY: true }, { NO_COLOR: '1' });
    expect(noColor.color.red('x')).toBe('x');
  });
});
