/**
 * When two sets of component hashes belong to the same machine — the rule the desktop
 * and the account service share (docs/api.md, "Devices").
 *
 * The rule: let n be the size of the LARGER of the two sets (duplicates counted once).
 * The machines are the same when at least ⌈n / 2⌉ hashes appear in both, and at least
 * one does. Measuring against the larger set makes the rule symmetric (it does not matter
 * which side is "on record") and keeps a machine that reports many components from being
 * matched by a few of them; "half, rounded up" lets one new part (a network card, a disk)
 * leave the device as it was.
 *
 * Examples: 5 on record, 5 presented, 3 shared → same. 2 and 2 (a VM: machine id and one
 * MAC), 1 shared → same. 5 and 2, 2 shared → not the same (needs 3).
 */

export function countSharedComponents(a: readonly string[], b: readonly string[]): number {
  const inB = new Set(b);
  let shared = 0;
  for (const hash of new Set(a)) if (inB.has(hash)) shared++;
  return shared;
}

/** How many shared hashes make two sets the same machine. */
export function requiredSharedComponents(a: readonly string[], b: readonly string[]): number {
  return Math.max(1, Math.ceil(Math.max(new Set(a).size, new Set(b).size) / 2));
}

export function matchesSameMachine(a: readonly string[], b: readonly string[]): boolean {
  return countSharedComponents(a, b) >= requiredSharedComponents(a, b);
}

/**
 * The candidate that is the same machine as `presented`, preferring the one that shares
 * the most hashes (the first such on a tie), or undefined.
 */
export function findSameMachine<T>(
  candidates: readonly T[],
  presented: readonly string[],
  componentsOf: (candidate: T) => readonly string[],
): T | undefined {
  let best: T | undefined;
  let bestShared = 0;
  for (const candidate of candidates) {
    const components = componentsOf(candidate);
    if (!matchesSameMachine(components, presented)) continue;
    const shared = countSharedComponents(components, presented);
    if (shared > bestShared) {
      best = candidate;
      bestShared = shared;
    }
  }
  return best;
}
