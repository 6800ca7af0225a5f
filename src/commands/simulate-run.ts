import type { Deps } from '../cli/deps.js';
import { choiceFlag, intFlag } from '../cli/parse.js';
import { UsageError } from '../errors.js';
import { bodyEncodings } from '../webhooks/serialize.js';
import { scenarios } from '../webhooks/flow.js';
import { parseEndpoint, resolveLeadInput, type LeadFlags } from './lead-input.js';
import { renderEvent, renderFooter, renderHeader, simulate, simulateExitCode, type SimulateOptions } from './simulate.js';

/** Turns resolved flag values into SimulateOptions, runs, prints, and returns the exit code. */
export async function runSimulate(scenarioArg: string, v: Record<string, unknown>, deps: Deps): Promise<number> {
  const opts = await simulateOptions(scenarioArg, v, deps);
  const { io } = deps;
  const json = v.json === true;
  // --mock / --expect: a local Graph API next to the flow, and checks of the calls the app makes (src/mock/).
  const withMock = v.mock !== undefined || v.graphUrl !== undefined || v.expect !== undefined || v.expectWithin !== undefined ? await import('../mock/simulate-mock.js') : undefined;
  const sim = withMock ? await withMock.startSimulateMock(v, opts, deps) : undefined;
  try {
    if (sim) (json ? io.err : io.out).write(withMock!.renderMockBanner(sim, json ? io.errColor : io.color) + '\n');
    let headerShown = false;
    const result = await simulate(opts, deps, (r, latest) => {
      if (json) return;
      if (!headerShown) {
        io.out.write(renderHeader(r, io.color) + '\n');
        headerShown = true;
      }
      io.out.write(renderEvent(latest, io.color) + '\n');
    });
    const report = sim ? await sim.finish(deps.signal, result.deliveries) : undefined;
    if (json) {
      io.out.write(JSON.stringify(report ? { ...result, mock: report } : result, null, 2) + '\n');
    } else {
      if (!headerShown) io.out.write(renderHeader(result, io.color) + '\n');
      io.out.write(renderFooter(result, io.color) + '\n');
      if (report) io.out.write(withMock!.renderMockReport(report, io.color) + '\n');
    }
    if (deps.signal.aborted) return 130;
    const code = simulateExitCode(result);
    // A failed --expect is a failed check (exit 1) unless the deliveries already failed harder.
    return code === 0 && report !== undefined && !report.ok ? 1 : code;
  } finally {
    await sim?.close();
  }
}

export async function simulateOptions(scenarioArg: string, v: Record<string, unknown>, deps: Pick<Deps, 'cwd' | 'now'>): Promise<SimulateOptions> {
  if (!(scenarios as readonly string[]).includes(scenarioArg)) {
    throw new UsageError(`unknown scenario "${scenarioArg}"`, { hint: `use one of ${scenarios.join(', ')}` });
  }
  const endpoint = v.endpoint === undefined ? undefined : parseEndpoint('--endpoint', String(v.endpoint)).toString();
  const lead = await resolveLeadInput(v as LeadFlags, deps.cwd, deps.now().getTime());
  const duplicate = v.duplicate === undefined ? undefined : v.duplicate === true ? 1 : intFlag('--duplicate', v.duplicate, 1);
  const opts: SimulateOptions = {
    scenario: scenarioArg as SimulateOptions['scenario'],
    lead,
    encoding: choiceFlag('--body-encoding', v.bodyEncoding, bodyEncodings),
    legacySignature: v.legacySignature !== false,
    apiVersion: apiVersion(v.apiVersion),
    timeoutMs: intFlag('--timeout', v.timeout, 1),
    delayMs: intFlag('--delay', v.delay ?? '0', 0),
    shuffle: v.shuffle === true,
  };
  if (endpoint !== undefined) opts.endpoint = endpoint;
  if (typeof v.appSecret === 'string') opts.appSecret = v.appSecret;
  if (typeof v.verifyToken === 'string') opts.verifyToken = v.verifyToken;
  if (v.seed !== undefined) opts.seed = intFlag('--seed', v.seed, 1, 2 ** 31);
  if (duplicate !== undefined) opts.duplicate = duplicate;
  return opts;
}

/** `v26.0`, or `26.0` / `26` written loosely. */
export function apiVersion(raw: unknown): string {
  const m = /^v?(\d{1,2})(?:\.(\d))?$/.exec(String(raw));
  if (!m) throw new UsageError(`--api-version "${String(raw)}" is not a Graph API version`, { hint: 'write it like v26.0' });
  return `v${m[1]}.${m[2] ?? '0'}`;
}
