/**
 * How a command ended, as its run function reports it. `main()` (src/cli/main.ts) is the one place that maps an
 * outcome, or a thrown LeadKitError, to the process exit code.
 * - `ok`: done (exit 0) · `checkFailed`: a check ran and failed (1) · `usage`: bad input (2)
 * - `connect`: an endpoint or the Graph API never answered (3) · `auth`: a secret or token problem (4)
 * - `interrupted`: Ctrl-C (130)
 */
export type Outcome = 'ok' | 'checkFailed' | 'usage' | 'connect' | 'auth' | 'interrupted';
