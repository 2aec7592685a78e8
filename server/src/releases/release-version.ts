import { semverPattern } from '../../../shared/api/downloads';

/**
 * Semantic-version order (semver.org §11): numbers compare as numbers, a pre-release sorts
 * before its release, build metadata is ignored. Negative when `a` is older.
 */
export function compareVersions(a: string, b: string): number {
  const pa = semverPattern.exec(a);
  const pb = semverPattern.exec(b);
  if (!pa || !pb) return a.localeCompare(b);
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return d;
  }
  const [preA, preB] = [pa[4], pb[4]];
  if (preA === undefined || preB === undefined) return preA === preB ? 0 : preA === undefined ? 1 : -1;
  const [xs, ys] = [preA.split('.'), preB.split('.')];
  for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
    const [x, y] = [xs[i], ys[i]];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (nx && ny && Number(x) !== Number(y)) return Number(x) - Number(y);
    if (nx !== ny) return nx ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
