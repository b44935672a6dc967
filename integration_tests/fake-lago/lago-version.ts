// Lago versions as the fake models them: 'x.y.z' release numbers (a tag's -alpha/-beta suffix is ignored) or
// 'HEAD', lago-api's main branch after its newest tag (read at 1b1c24a6, 2026-08-21), newer than any release.

/** The newest Lago the fake models, and its default. */
export const HEAD = 'HEAD';

/** The newest tagged release the fake models (lago-api v1.51.0). */
export const NEWEST_RELEASE = '1.51.0';

export type LagoVersion = string;

function parts(version: LagoVersion): number[] {
  if (version === HEAD) return [Infinity, Infinity, Infinity];
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) throw new Error(`fake-lago: not a Lago version: ${JSON.stringify(version)} (expected x.y.z or HEAD)`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Negative when a is older than b, 0 when equal, positive when newer. */
export function compareVersions(a: LagoVersion, b: LagoVersion): number {
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < 3; i++) {
    const d = (x[i] as number) - (y[i] as number);
    if (d !== 0 && !Number.isNaN(d)) return d;
  }
  return 0;
}

/** True when `version` is `since` or newer. */
export function atLeast(version: LagoVersion, since: LagoVersion): boolean {
  return compareVersions(version, since) >= 0;
}

/** Throws on a malformed version; returns it normalised ('v1.2.3' → '1.2.3'). */
export function parseVersion(version: string): LagoVersion {
  if (version === HEAD) return HEAD;
  const p = parts(version);
  return p.join('.');
}
