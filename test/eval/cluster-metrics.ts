// Clustering quality against gold labels: B-cubed precision, recall and F1 (Bagga & Baldwin 1998,
// as recommended by Amigó et al. 2009) and the adjusted Rand index (Hubert & Arabie 1985).
// Inputs are one gold label and one predicted cluster label per item, in the same order.

export interface ClusterScores {
  precision: number;
  recall: number;
  f1: number;
  ari: number;
}

function checkLengths(gold: readonly string[], predicted: readonly string[]): void {
  if (gold.length !== predicted.length) {
    throw new Error(`gold has ${gold.length} labels but predicted has ${predicted.length}`);
  }
}

/** Joint counts: how many items carry each (gold, predicted) pair, and each label alone. */
function contingency(gold: readonly string[], predicted: readonly string[]) {
  const pairs = new Map<string, number>();
  const goldSizes = new Map<string, number>();
  const predictedSizes = new Map<string, number>();
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i] as string;
    const p = predicted[i] as string;
    const key = JSON.stringify([g, p]);
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
    goldSizes.set(g, (goldSizes.get(g) ?? 0) + 1);
    predictedSizes.set(p, (predictedSizes.get(p) ?? 0) + 1);
  }
  return { pairs, goldSizes, predictedSizes };
}

/**
 * Item-averaged B-cubed: an item's precision is the share of its predicted cluster that shares its
 * gold label, its recall the share of its gold class found in its predicted cluster.
 */
export function bcubed(gold: readonly string[], predicted: readonly string[]) {
  checkLengths(gold, predicted);
  if (gold.length === 0) return { precision: 1, recall: 1, f1: 1 };
  const { pairs, goldSizes, predictedSizes } = contingency(gold, predicted);
  let precision = 0;
  let recall = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i] as string;
    const p = predicted[i] as string;
    const both = pairs.get(JSON.stringify([g, p])) ?? 0;
    precision += both / (predictedSizes.get(p) ?? 1);
    recall += both / (goldSizes.get(g) ?? 1);
  }
  precision /= gold.length;
  recall /= gold.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

const choose2 = (n: number) => (n * (n - 1)) / 2;

/** Adjusted Rand index: 1 for identical partitions, about 0 for chance agreement. */
export function adjustedRandIndex(gold: readonly string[], predicted: readonly string[]): number {
  checkLengths(gold, predicted);
  const n = gold.length;
  const { pairs, goldSizes, predictedSizes } = contingency(gold, predicted);
  let index = 0;
  for (const count of pairs.values()) index += choose2(count);
  let goldPairs = 0;
  for (const count of goldSizes.values()) goldPairs += choose2(count);
  let predictedPairs = 0;
  for (const count of predictedSizes.values()) predictedPairs += choose2(count);
  const total = choose2(n);
  const expected = total === 0 ? 0 : (goldPairs * predictedPairs) / total;
  const max = (goldPairs + predictedPairs) / 2;
  // Both partitions all singletons (or all one cluster): they agree perfectly, and ARI is 1 by convention.
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}

export function clusterScores(gold: readonly string[], predicted: readonly string[]): ClusterScores {
  return { ...bcubed(gold, predicted), ari: adjustedRandIndex(gold, predicted) };
}

/** Turns groups of ids into one cluster label per id, in the order of `ids`. */
export function labelsFromGroups(ids: readonly string[], groups: readonly (readonly string[])[]): string[] {
  const label = new Map<string, string>();
  groups.forEach((group, g) => {
    for (const id of group) label.set(id, `c${g}`);
  });
  return ids.map((id) => {
    const found = label.get(id);
    if (found === undefined) throw new Error(`id ${id} is in no group`);
    return found;
  });
}
