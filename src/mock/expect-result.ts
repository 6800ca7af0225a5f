/** How one `simulate --expect` expectation came out. */
export interface Difference {
  field: string;
  expected: string;
  actual: string;
}

export interface ExpectationResult {
  expect: string;
  ok: boolean;
  /** what was expected, in one line */
  wanted: string;
  /** the call that satisfied it */
  matched?: { seq: number; call: string };
  /** the closest calls that did not, with what differed (WireMock-style near misses) */
  near_misses: Array<{ seq: number; call: string; differences: Difference[] }>;
  /** for no-send-during-flow: the Send API calls made during the flow */
  violations?: Array<{ seq: number; call: string; status: number | null }>;
  /** what the violations are, in a few words @default "sent while the Leadgen app owned the thread" */
  violation_note?: string;
}

/** One thing a call did, in the terms expectations use. A Send API call with thread_control does two. */
export interface Observed {
  seq: number;
  action: 'send' | 'pass' | 'release' | 'take' | 'request' | 'extend' | 'lead-event' | 'other';
  psid: string | null;
  /** the app control was passed to (a missing target means the Page's default app) */
  target?: string;
  status: number;
  /** `(#10) … [10/2018300]` when the call failed */
  error?: string;
  /** `POST /v26.0/me/messages` */
  call: string;
  duringFlow: boolean;
}

export interface ExpectContext extends LeadgenExpectContext {
  psid: string;
  /** the Page's default app: where a pass without a target goes */
  defaultAppId: string | null;
  /** the statuses the app answered the flow's deliveries with (for status:<code>) */
  deliveries?: ReadonlyArray<{ step: number; kind: string; status: number | null; duplicate?: boolean }>;
}

/** The lead ids a run delivered: genuine ones the app should fetch, forged ones it must not. */
export interface LeadgenExpectContext {
  leadIds?: readonly string[];
  forgedLeadIds?: readonly string[];
}
