import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildHandover, buildLeadReferral, buildSummary } from '../../src/webhooks/build.js';
import { webhookEnvelopeSchema } from '../../src/schemas/webhook.js';

interface Seed {
  _meta: { seed: string; source: string; kind: string };
  body: Record<string, unknown>;
}
const dir = new URL('../../fixtures/seeds/', import.meta.url);
const seed = (name: string): Seed => JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as Seed;
// Byte-level sameness, key order included: what a receiver hashing raw bytes would see.
const same = (built: unknown, expected: unknown): void => expect(JSON.stringify(built)).toBe(JSON.stringify(expected));

describe('builders reproduce the seed examples exactly', () => {
  it('handover (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads, "For apps subscribed to Conversation Routing events")', () => {
    const built = buildHandover({
      pageId: '542998526103632',
      entryId: '104508901353867',
      psid: '5794982867201265',
      time: 1662056205364,
      timestamp: 1662056205364,
      newOwnerAppId: '2262510160704936',
      metadata: 'messenger_lead_gen_complete',
      hopContext: true,
    });
    same(built, seed('001-handover.json').body);
    same(built, seed('000-handover.json').body);
  });

  it('summary message (https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads, "Summary Message")', () => {
    const answers = [
      { question: 'Are you interested in becoming a reseller?', answer: 'Yes' },
      { question: 'What city is your store located?', answer: 'Menlo Park' },
    ];
    const input = {
      pageId: '542998526103632',
      psid: '5794982867201265',
      time: 1661209504608,
      timestamp: 1661209328,
      answers,
      mid: 'm_2OF0H5fb2HNRyjM0rt2FVBAaDQp_p5DQlffdEXNVyOrraxQCt0tFwWXwq3QctcvbpjSX1rSY8BX9Y2IXwPirWA',
      hopAppId: '498721317747541',
    };
    same(buildSummary({ ...input, entryId: '104508901353867' }), seed('001-summary.json').body);
    // https://developers.facebook.com/documentation/business-messaging/messenger-platform/discovery/lead-generation-ads-in-messenger shows the same message with entry.id equal to the Page id
    same(buildSummary(input), seed('002-summary.json').body);
  });

  it('lead referral LEAD_COMPLETE with lead.data (https://developers.facebook.com/documentation/business-messaging/messenger-platform/discovery/lead-generation-ads-in-messenger)', () => {
    const built = buildLeadReferral({
      pageId: '542998526103632',
      psid: '5794982867201265',
      time: 1665424582475,
      timestamp: 1665424533,
      type: 'LEAD_COMPLETE',
      adId: '6302572858686',
      adTitle: 'Find Wholesalers Ad',
      postId: '559217392549680',
      photoUrl: 'https://scontent.xx.fbcdn.net/...',
      answers: [
        { question: 'Are you interested in becoming a reseller?', answer: 'Yes' },
        { question: 'What city is your store located?', answer: 'Menlo Park' },
      ],
    });
    same(built, seed('002-referral.json').body);
  });

  it('a changed input changes the output (the comparison can fail)', () => {
    const built = buildHandover({
      pageId: '542998526103632',
      entryId: '104508901353867',
      psid: '5794982867201265',
      time: 1662056205364,
      timestamp: 1662056205364,
      newOwnerAppId: '2262510160704936',
      metadata: 'messenger_lead_gen_incomplete',
      hopContext: true,
    });
    expect(JSON.stringify(built)).not.toBe(JSON.stringify(seed('001-handover.json').body));
  });
});

describe('seed fixtures', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  it.each(files)('%s names its document and (webhooks) validates against the envelope schema', (f) => {
    const s = seed(f);
    expect(s._meta.source).toMatch(/^https:\/\/developers\.facebook\.com\//);
    expect(s._meta.seed).toMatch(/^00\d_[0-9a-f]{16}\.txt$/);
    if (s._meta.kind !== 'template') expect(webhookEnvelopeSchema.safeParse(s.body).success).toBe(true);
  });
});
