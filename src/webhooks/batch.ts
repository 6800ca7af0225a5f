/**
 * Batched deliveries: Meta may put several events in one webhook POST. "entry" is an array that may hold one
 * or more objects, and each entry's event array (messaging[], standby[], or changes[] for generic Graph
 * webhooks such as leadgen) may hold more than one event, so a receiver must loop over both
 * (https://developers.facebook.com/docs/messenger-platform/webhooks, "Event Notifications";
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started for changes[]).
 */

/** A webhook body: `{object, entry: [{id, time, <events>: [...]}]}` (Messenger or generic Graph). */
export interface WebhookBody {
  object: string;
  entry: Array<Record<string, unknown>>;
}

/**
 * How events share entries in one POST:
 * - `mixed` (default): the first entry carries two events, the rest one each, so one body has both shapes;
 * - `entries`: one event per entry, several entries;
 * - `one-entry`: every event of the same Page and array in one entry.
 */
export type BatchShape = 'mixed' | 'entries' | 'one-entry';
export const batchShapes: readonly BatchShape[] = ['mixed', 'entries', 'one-entry'];

/** Where one event ended up in a packed body. */
export interface EventPosition {
  entry: number;
  /** `messaging`, `standby` or `changes` */
  array: string;
  index: number;
}

const EVENT_ARRAYS = ['messaging', 'standby', 'changes'] as const;

/** The event array of an entry: its key and items. */
function eventsOf(entry: Record<string, unknown>): { array: string; items: unknown[] } {
  for (const key of EVENT_ARRAYS) {
    const v = entry[key];
    if (Array.isArray(v)) return { array: key, items: v };
  }
  throw new TypeError('a webhook entry without messaging[], standby[] or changes[]');
}

/**
 * Packs the events of `bodies` (each with any number of entries) into one body, in order, and says where each
 * event went. Only events of the same Page (`entry.id`) and the same array share an entry.
 */
export function packEvents(bodies: readonly WebhookBody[], shape: BatchShape = 'mixed'): { body: WebhookBody; positions: EventPosition[] } {
  if (bodies.length === 0) throw new RangeError('nothing to pack');
  const entry: Array<Record<string, unknown>> = [];
  const positions: EventPosition[] = [];
  for (const b of bodies) {
    for (const e of b.entry) {
      const { array, items } = eventsOf(e);
      for (const item of items) {
        const last = entry[entry.length - 1];
        const lastItems = last?.[array];
        const share =
          last !== undefined &&
          last.id === e.id &&
          Array.isArray(lastItems) &&
          (shape === 'one-entry' || (shape === 'mixed' && entry.length === 1 && lastItems.length < 2));
        if (share) {
          lastItems.push(item);
          positions.push({ entry: entry.length - 1, array, index: lastItems.length - 1 });
        } else {
          const { [array]: _events, ...rest } = e;
          entry.push({ ...rest, [array]: [item] });
          positions.push({ entry: entry.length - 1, array, index: 0 });
        }
      }
    }
  }
  return { body: { object: bodies[0]!.object, entry }, positions };
}

/** Splits `items` into consecutive groups of `size` (the last may be smaller). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += Math.max(1, size)) out.push(items.slice(i, i + Math.max(1, size)));
  return out;
}

/** `entry[0].messaging[1]` */
export function positionLabel(p: EventPosition): string {
  return `entry[${p.entry}].${p.array}[${p.index}]`;
}
