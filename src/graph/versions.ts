/**
 * Graph API versions and their end of life (https://developers.facebook.com/docs/graph-api/changelog/versions, https://developers.facebook.com/docs/graph-api/changelog/versions).
 * `until` is the last day a version answers; undefined = not announced.
 */
export interface GraphVersionInfo {
  version: string;
  released: string;
  until?: string;
}

export const GRAPH_VERSIONS: readonly GraphVersionInfo[] = [
  { version: 'v26.0', released: '2026-07-29' },
  { version: 'v25.0', released: '2026-02-18', until: '2028-07-29' },
  { version: 'v24.0', released: '2025-10-08', until: '2028-02-18' },
  { version: 'v23.0', released: '2025-05-29', until: '2027-10-08' },
  { version: 'v22.0', released: '2025-01-21', until: '2027-05-20' },
  { version: 'v21.0', released: '2024-10-02', until: '2027-01-21' },
  { version: 'v20.0', released: '2024-05-21', until: '2026-09-24' },
  { version: 'v19.0', released: '2024-01-23', until: '2026-05-21' },
  { version: 'v18.0', released: '2023-09-12', until: '2026-01-26' },
];

export type VersionVerdict =
  | { state: 'current'; info: GraphVersionInfo }
  | { state: 'deprecating'; info: GraphVersionInfo; until: string }
  | { state: 'expired'; until?: string }
  | { state: 'unknown' };

const NEWEST = GRAPH_VERSIONS[0]?.version ?? 'v26.0';
const major = (v: string): number => Number(/^v(\d+)/.exec(v)?.[1] ?? 0);

/** Whether `version` still answers on `now`: expired, available until a date, or newer than lead-kit knows. */
export function versionVerdict(version: string, now: Date): VersionVerdict {
  const info = GRAPH_VERSIONS.find((v) => v.version === version);
  const today = now.toISOString().slice(0, 10);
  if (info === undefined) return major(version) > major(NEWEST) ? { state: 'unknown' } : { state: 'expired' };
  if (info.until === undefined) return { state: 'current', info };
  if (info.until < today) return { state: 'expired', until: info.until };
  return { state: 'deprecating', info, until: info.until };
}

/** The newest version in lead-kit's table. */
export const NEWEST_GRAPH_VERSION = NEWEST;
