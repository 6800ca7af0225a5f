import { describe, expect, it } from 'vitest';
import { defaultVia, threadControlCall } from '../../src/graph/thread-control.js';

const base = { pageId: 'me', psid: '111' };

describe('threadControlCall', () => {
  it('builds the Send API form with app_id and control_type (current Conversation Routing docs)', () => {
    expect(threadControlCall({ ...base, action: 'pass', via: 'send-api', appId: '263902037430900', text: 'Hi' })).toEqual({
      path: 'me/messages',
      answer: 'send',
      body: {
        messaging_type: 'RESPONSE',
        recipient: { id: '111' },
        message: { text: 'Hi' },
        thread_control: { app_id: '263902037430900', control_type: 'pass' },
      },
    });
    expect(threadControlCall({ ...base, action: 'release', via: 'send-api' }).body).toEqual({
      messaging_type: 'RESPONSE',
      recipient: { id: '111' },
      thread_control: { control_type: 'release' },
    });
  });

  it('builds the older payload form (https://developers.facebook.com/docs/messenger-platform/conversation-routing)', () => {
    expect(threadControlCall({ ...base, action: 'pass', via: 'payload' }).body.thread_control).toEqual({ payload: 'pass_thread_control' });
    expect(threadControlCall({ ...base, action: 'release', via: 'payload' }).body.thread_control).toEqual({
      payload: 'release_thread_control',
    });
  });

  it('builds the Handover Protocol calls', () => {
    expect(threadControlCall({ ...base, pageId: '42', action: 'pass', via: 'handover', appId: '9', metadata: 'm' })).toEqual({
      path: '42/pass_thread_control',
      answer: 'success',
      body: { recipient: { id: '111' }, target_app_id: '9', metadata: 'm' },
    });
    expect(threadControlCall({ ...base, action: 'take', via: 'handover' })).toMatchObject({
      path: 'me/take_thread_control',
      body: { recipient: { id: '111' } },
    });
    expect(threadControlCall({ ...base, action: 'extend', via: 'handover', durationSeconds: 3600 }).body).toEqual({
      recipient: { id: '111' },
      duration: 3600,
    });
  });

  it('refuses payload + app id, with the platform rule', () => {
    expect(() => threadControlCall({ ...base, action: 'pass', via: 'payload', appId: '9' })).toThrow(/cannot be combined with --target/);
    expect(() => threadControlCall({ ...base, action: 'release', via: 'payload', appId: '9' })).toThrow(/cannot be combined with --app-id/);
    try {
      threadControlCall({ ...base, action: 'pass', via: 'payload', appId: '9' });
    } catch (e) {
      expect((e as { hint: string }).hint).toMatch(/payload-based and id-based thread_control parameters cannot be combined/);
      expect((e as { exitCode: number }).exitCode).toBe(2);
    }
  });

  it('refuses combinations the platform does not have', () => {
    expect(() => threadControlCall({ ...base, action: 'take', via: 'send-api' })).toThrow(/no --via send-api form/);
    expect(() => threadControlCall({ ...base, action: 'extend', via: 'handover' })).toThrow(/needs --duration/);
    expect(() => threadControlCall({ ...base, action: 'pass', via: 'send-api', metadata: 'x' })).toThrow(/--metadata/);
    expect(() => threadControlCall({ ...base, action: 'pass', via: 'handover', text: 'x' })).toThrow(/--text/);
    expect(() => threadControlCall({ ...base, action: 'release', via: 'handover', appId: '9' })).toThrow(/--app-id has no meaning/);
  });

  it('uses the Send API for pass/release and handover for take/extend by default', () => {
    expect([defaultVia('pass'), defaultVia('release'), defaultVia('take'), defaultVia('extend')]).toEqual([
      'send-api',
      'send-api',
      'handover',
      'handover',
    ]);
  });
});
