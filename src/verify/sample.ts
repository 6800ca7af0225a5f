import type { Envelope } from '../webhooks/build.js';
import { DEFAULTS } from '../webhooks/defaults.js';
import { buildFlow } from '../webhooks/flow.js';

/**
 * The signed delivery of the verify matrix: the default lead (its answers include "Zürich" and "São Paulo") as a
 * LEAD_COMPLETE referral. `lead-kit test` passes each verify case its own PSID and the suite's ids.
 */
export function sampleReferral(o: { startMs: number; psid?: string; pageId?: string; appId?: string }): Envelope {
  const lead = {
    ...DEFAULTS,
    pageId: o.pageId ?? DEFAULTS.pageId,
    psid: o.psid ?? DEFAULTS.psid,
    app: { id: o.appId ?? DEFAULTS.appId, name: DEFAULTS.appName },
    summary: true,
    standbyApps: [],
    appIdType: 'number' as const,
    startMs: o.startMs,
    timestamps: 'doc' as const,
  };
  const step = buildFlow('complete', lead).find((s) => s.type === 'delivery' && s.kind === 'referral');
  if (step?.type !== 'delivery') throw new Error('the complete flow has no referral');
  return step.body;
}
