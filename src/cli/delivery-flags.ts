import { InvalidArgumentError, Option, type Command } from 'commander';
import { batchShapes, type BatchShape } from '../webhooks/batch.js';
import { META_RETRIES_GUESS, NO_RETRIES, type DeliverySemantics } from '../webhooks/retry-policy.js';
import { int, option } from './options.js';

/**
 * Flags that reproduce Meta's delivery semantics on purpose (batching, retries), shared by `simulate` and
 * `webhook --send`. Commander parses them into typed values; `deliverySemantics()` assembles the options.
 * `--batch <n>` itself is one option per command (leadgen-options.ts), shared by Messenger and Instant Form kinds.
 */

const msList = (raw: string): number[] => {
  const parts = raw.split(',').map((s) => s.trim());
  if (parts.length === 0 || parts.some((p) => !/^\d+$/.test(p) || Number(p) > 3_600_000))
    throw new InvalidArgumentError('write milliseconds separated by commas, e.g. 500,2000,8000 (each at most 3600000)');
  return parts.map(Number);
};

/** Adds --batch-shape, --retries, --retry-count, --retry-intervals. */
export function addDeliverySemanticsFlags(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        '--batch-shape <shape>',
        'Messenger --batch: mixed = the first entry holds two events, the rest one each; entries = one event per entry; one-entry = all in one entry',
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
      option('--retry-count <n>', 'retries after the first attempt with --retries meta (unconfirmed)', {
        defaultText: String(META_RETRIES_GUESS.count),
        parse: int('--retry-count', 1, 20),
      }),
    )
    .addOption(
      option('--retry-intervals <ms,…>', 'gaps before each retry with --retries meta, growing (unconfirmed)', {
        defaultText: META_RETRIES_GUESS.intervalsMs.join(','),
        parse: msList,
      }),
    );
}

/** What `addDeliverySemanticsFlags` parsed, as commander gives it. */
export interface DeliverySemanticsValues {
  batchShape: BatchShape;
  retries: 'none' | 'meta';
  retryCount?: number;
  retryIntervals?: number[];
}

/** The typed delivery semantics; `batch` (events per POST) packs Messenger events when it is 2 or more. */
export function deliverySemantics(v: DeliverySemanticsValues, batch: number | undefined): DeliverySemantics {
  const out: DeliverySemantics = { retries: NO_RETRIES };
  if (batch !== undefined && batch > 1) out.batch = { size: batch, shape: v.batchShape };
  if (v.retries === 'meta')
    out.retries = { count: v.retryCount ?? META_RETRIES_GUESS.count, intervalsMs: v.retryIntervals ?? META_RETRIES_GUESS.intervalsMs };
  return out;
}
