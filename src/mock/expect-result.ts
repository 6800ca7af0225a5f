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
  violations?: Array<{ seq: number; call: string; status: number }>;
}
