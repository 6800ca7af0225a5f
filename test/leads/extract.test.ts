import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { leadsToCsv } from '../../src/leads/csv.js';
import { extractLead, extractLeads, type Conversation } from '../../src/leads/history.js';
import { parseSummary } from '../../src/leads/summary.js';
import { conversionsApiRequest, pageActivitiesRequest } from '../../src/events/requests.js';

describe('parseSummary', () => {
  it("reads https://developers.facebook.com/documentation/business-messaging/messenger-platform/conversation-routing/messenger-lead-ads's summary text", () => {
    expect(
      parseSummary('Lead summary:\nAre you interested in becoming a reseller?: Yes\nWhat city is your store located?: Menlo Park'),
    ).toEqual([
      { question: 'Are you interested in becoming a reseller?', answer: 'Yes' },
      { question: 'What city is your store located?', answer: 'Menlo Park' },
    ]);
  });

  it('handles ": " inside questions, answers spanning lines, and non-ASCII', () => {
    const text = 'Lead summary:\nNote: which city?: Zürich\nAddress?: Rua Augusta 1\n01305-000 São Paulo\nBudget?: 5 000 €';
    expect(parseSummary(text)).toEqual([
      { question: 'Note: which city?', answer: 'Zürich' },
      { question: 'Address?', answer: 'Rua Augusta 1\n01305-000 São Paulo' },
      { question: 'Budget?', answer: '5 000 €' },
    ]);
  });

  it('uses the known questions when they are given, even without "?"', () => {
    const text = 'Lead summary:\nYour name: first: Ana\nFavourite time: morning: 9:00';
    expect(parseSummary(text, ['Your name', 'Favourite time'])).toEqual([
      { question: 'Your name', answer: 'first: Ana' },
      { question: 'Favourite time', answer: 'morning: 9:00' },
    ]);
  });

  it('returns undefined for ordinary messages', () => {
    expect(parseSummary('hello')).toBeUndefined();
  });
});

const PAGE = '100';
const conv = (messages: Array<[string, string]>, id = 't_1'): Conversation => ({
  id,
  participants: {
    data: [
      { id: '200', name: 'Ana Müller' },
      { id: PAGE, name: 'Shop' },
    ],
  },
  // newest first, as the Conversations API returns them
  messages: {
    data: messages
      .map(([from, message], i) => ({ message, from: { id: from }, created_time: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() }))
      .reverse(),
  },
});

describe('extractLead from a history', () => {
  it('pairs the questions the Page asked with the replies that follow', () => {
    const lead = extractLead(
      conv([
        [PAGE, 'What city?'],
        ['200', 'Zürich'],
        [PAGE, 'Any notes?'],
        ['200', 'line one'],
        ['200', 'line two'],
      ]),
      PAGE,
    );
    expect(lead).toMatchObject({ psid: '200', name: 'Ana Müller', source: 'history', complete: true });
    expect(lead!.answers).toEqual([
      { question: 'What city?', answer: 'Zürich' },
      { question: 'Any notes?', answer: 'line one\nline two' },
    ]);
  });

  it('keeps the order of messages sent within the same second (Graph times have whole seconds)', () => {
    const same = '2026-01-01T00:00:00+0000';
    const c: Conversation = {
      id: 't_1',
      participants: { data: [{ id: '200' }, { id: PAGE }] },
      messages: {
        data: [
          ['200', 'B'],
          [PAGE, 'Q2?'],
          ['200', 'A'],
          [PAGE, 'Q1?'],
        ].map(([from, message]) => ({ message: message!, from: { id: from! }, created_time: same })),
      },
    };
    expect(extractLead(c, PAGE)!.answers).toEqual([
      { question: 'Q1?', answer: 'A' },
      { question: 'Q2?', answer: 'B' },
    ]);
  });

  it('marks an incomplete lead when a question went unanswered', () => {
    const lead = extractLead(
      conv([
        [PAGE, 'What city?'],
        ['200', 'Zürich'],
        [PAGE, 'Budget?'],
      ]),
      PAGE,
      new Set(['Budget?']),
    );
    expect(lead).toMatchObject({ complete: false, answers: [{ question: 'What city?', answer: 'Zürich' }] });
  });

  it('issue 13: a fully answered lead stays complete after the app replies (one or more follow-ups)', () => {
    const one = extractLead(
      conv([
        [PAGE, 'What city?'],
        ['200', 'Zürich'],
        [PAGE, 'Thanks! We will call you today.'],
      ]),
      PAGE,
    );
    expect(one).toMatchObject({ complete: true, answers: [{ question: 'What city?', answer: 'Zürich' }] });
    const two = extractLead(
      conv([
        [PAGE, 'What city?'],
        ['200', 'Zürich'],
        [PAGE, 'Thanks!'],
        [PAGE, 'Anything else?'],
      ]),
      PAGE,
    );
    expect(two).toMatchObject({ complete: true, answers: [{ question: 'What city?', answer: 'Zürich' }] });
  });

  it('issue 13: a question of the same form left unanswered still marks the lead incomplete, even with a follow-up after it', () => {
    const known = new Set(['What city?', 'Budget?']);
    expect(
      extractLead(
        conv([
          [PAGE, 'What city?'],
          ['200', 'Zürich'],
          [PAGE, 'Budget?'],
        ]),
        PAGE,
        known,
      ),
    ).toMatchObject({ complete: false });
    expect(
      extractLead(
        conv([
          [PAGE, 'What city?'],
          ['200', 'Zürich'],
          [PAGE, 'Budget?'],
          [PAGE, 'Thanks, we will be in touch'],
        ]),
        PAGE,
        known,
      ),
    ).toMatchObject({ complete: false });
    expect(
      extractLead(
        conv([
          [PAGE, 'What city?'],
          ['200', 'Zürich'],
          [PAGE, 'Thanks, we will be in touch'],
        ]),
        PAGE,
        known,
      ),
    ).toMatchObject({ complete: true });
  });

  it('issue 13: across conversations, a question another person answered is known to belong to the form', () => {
    const leads = extractLeads(
      [
        conv(
          [
            [PAGE, 'What city?'],
            ['200', 'Zürich'],
            [PAGE, 'Budget?'],
            ['200', '5k'],
            [PAGE, 'Thanks!'],
          ],
          't_1',
        ),
        conv(
          [
            [PAGE, 'What city?'],
            ['200', 'Bern'],
            [PAGE, 'Budget?'],
          ],
          't_2',
        ),
      ],
      PAGE,
    );
    expect(leads.map((l) => [l.conversation_id, l.complete])).toEqual([
      ['t_1', true],
      ['t_2', false],
    ]);
  });

  it('prefers a summary text in the history', () => {
    const lead = extractLead(
      conv([
        [PAGE, 'What city?'],
        ['200', 'Zürich'],
        ['200', 'Lead summary:\nWhat city?: Zürich'],
      ]),
      PAGE,
    );
    expect(lead).toMatchObject({ source: 'summary', answers: [{ question: 'What city?', answer: 'Zürich' }] });
  });

  it('returns undefined when nothing was answered', () => {
    expect(extractLead(conv([[PAGE, 'What city?']]), PAGE)).toBeUndefined();
    expect(extractLead({ id: 't', messages: { data: [] } }, PAGE)).toBeUndefined();
  });
});

describe('CSV (RFC 4180)', () => {
  it('round-trips quotes, commas, newlines and non-ASCII through a CSV parser', () => {
    const leads = [
      {
        conversation_id: 't_1',
        psid: '1',
        name: 'Ana "A" Müller',
        source: 'history' as const,
        complete: true,
        answers: [
          { question: 'City, region?', answer: 'São Paulo, SP' },
          { question: 'Notes', answer: 'line 1\r\nline 2 "quoted"' },
        ],
      },
      {
        conversation_id: 't_2',
        psid: '2',
        source: 'summary' as const,
        complete: false,
        answers: [{ question: 'Notes', answer: '日本語' }],
      },
    ];
    const text = leadsToCsv(leads);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      psid: '1',
      name: 'Ana "A" Müller',
      'City, region?': 'São Paulo, SP',
      Notes: 'line 1\r\nline 2 "quoted"',
      complete: 'true',
    });
    expect(rows[1]).toMatchObject({ psid: '2', name: '', 'City, region?': '', Notes: '日本語', source: 'summary' });
  });
});

describe('lead event requests', () => {
  it('page_activities is shaped as in https://developers.facebook.com/docs/messenger-platform/analytics/messaging-events-api', () => {
    expect(pageActivitiesRequest({ appId: '1', pageId: '2', psid: '3', loggingTarget: 'page' })).toEqual({
      method: 'POST',
      path: '/1/page_activities',
      version: 'v20.0',
      body: {
        custom_events: [{ _eventName: 'lead_submitted' }],
        advertiser_tracking_enabled: 1,
        application_tracking_enabled: 1,
        page_id: '2',
        page_scoped_user_id: '3',
        logging_source: 'messenger_bot',
        logging_target: 'page',
      },
    });
  });

  it.each(['', ' lead', '-x', 'a'.repeat(41), 'lead!'])('rejects the event name %j', (name) => {
    expect(() => pageActivitiesRequest({ appId: '1', pageId: '2', psid: '3', loggingTarget: 'app', eventName: name })).toThrow(
      /does not match/,
    );
  });

  it('the Conversions API event names the Messenger channel and the person by PSID', () => {
    const r = conversionsApiRequest({ datasetId: '9', pageId: '2', psid: '3', eventTime: 1_700_000_000 });
    expect(r.path).toBe('/9/events');
    expect(r.body).toEqual({
      data: [
        {
          event_name: 'LeadSubmitted',
          event_time: 1_700_000_000,
          action_source: 'business_messaging',
          messaging_channel: 'messenger',
          user_data: { page_id: '2', page_scoped_user_id: '3' },
        },
      ],
    });
    expect(() => conversionsApiRequest({ datasetId: 'x', pageId: '2', psid: '3', eventTime: 1 })).toThrow(/--dataset-id/);
  });
});
