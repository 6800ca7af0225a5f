/** One line of `lead-kit doctor`'s checklist. */
export interface Check {
  id: string;
  ok: boolean;
  detail: string;
  /** the one thing to do; null when ok */
  fix: string | null;
  /** not run because an earlier check made it pointless (an invalid token) */
  skipped?: boolean;
}
