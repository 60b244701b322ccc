/**
 * The app's version, as documents see it (`meta.minAppVersion` is compared with this).
 * Kept equal to package.json's version by a test, so shared/ need not read package.json.
 */
export const APP_VERSION = '0.1.0';

/** Compares dotted numeric versions ("1.10.0" > "1.9.3"); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
