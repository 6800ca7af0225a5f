import { InvalidArgumentError, Option, type Command } from 'commander';
import { batchShapes, type BatchShape } from '../webhooks/batch.js';
import { META_RETRIES_GUESS, NO_RETRIES, type DeliverySemantics } from '../webhooks/retry.js';

/**
 * Flags that reproduce Meta's delivery semantics on purpose (batching, retries), shared by `simulate` and
 * `webhook --send`. Commander parses them into typed values; `deliverySemantics()` assembles the options.
 */

const wholeNumber =
  (flag: string, min: number, max: number) =>
  (raw: string): number => {
    if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max)
      throw new InvalidArgumentError(`${flag} must be a whole number from ${min} to ${max}`);
    return Number(raw);
  };

const msList = (raw: string): number[] => {
  const parts = raw.split(',').map((s) => s.trim());
  if (parts.length === 0 || parts.some((p) => !/^\d+$/.test(p) || Number(p) > 3_600_000))
    throw new InvalidArgumentError('write milliseconds separated by commas, e.g. 500,2000,8000 (each at most 3600000)');
  return parts.map(Number);
};

/** Adds --batch, --batch-shape, --retries, --retry-count, --retry-intervals. `batchDefault` is what a bare --batch packs. */
export function addDeliverySemanticsFlags(cmd: Command, batchDefault?: number): Command {
  const batch =
    batchDefault === undefined
      ? new Option('--batch <n>', 'pack n events into one POST (several entries, several messaging[] items)')
      : new Option('--batch [n]', `pack n events into each POST (default ${batchDefault}): several entries, several messaging[] items`);
  return cmd
    .addOption(batch.argParser(wholeNumber('--batch', 2, 1000)))
    .addOption(
      new Option(
        '--batch-shape <shape>',
        'mixed: the first entry holds two events, the rest one each; entries: one event per entry; one-entry: all in one entry',
      )
        .choices(batchShapes)
        .default('mixed'),
    )
    .addOption(
      new Option(
        '--retries <policy>',
        "meta: resend a failed delivery (non-2xx, over --timeout, no answer) with identical bytes and signature; none: don't",
      )
        .choices(['none', 'meta'])
        .default('none'),
    )
    .addOption(
      new Option(
        '--retry-count <n>',
        `retries after the first attempt with --retries meta (unconfirmed; default ${META_RETRIES_GUESS.count})`,
      ).argParser(wholeNumber('--retry-count', 1, 20)),
    )
    .addOption(
      new Option(
        '--retry-intervals <ms,…>',
        `gaps before each retry, growing (unconfirmed; default ${META_RETRIES_GUESS.intervalsMs.join(',')})`,
      ).argParser(msList),
    );
}

/** What `addDeliverySemanticsFlags` parsed, as options (`--batch` alone packs `batchDefault` events). */
export function deliverySemantics(v: Record<string, unknown>, batchDefault = 3): DeliverySemantics {
  const out: DeliverySemantics = { retries: NO_RETRIES };
  if (v.batch !== undefined && v.batch !== false)
    out.batch = { size: v.batch === true ? batchDefault : (v.batch as number), shape: (v.batchShape as BatchShape | undefined) ?? 'mixed' };
  if (v.retries === 'meta') {
    out.retries = {
      count: (v.retryCount as number | undefined) ?? META_RETRIES_GUESS.count,
      intervalsMs: (v.retryIntervals as number[] | undefined) ?? META_RETRIES_GUESS.intervalsMs,
    };
  }
  return out;
}
