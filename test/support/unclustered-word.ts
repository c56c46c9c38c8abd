// Made-up words for alert tests that need many stories at once: stories built from different
// (i, slot) words share no word, so clustering never joins them.

/** A made-up word per story `i` and slot: stories that share no word never cluster. */
export function unclusteredWord(i: number, slot: number): string {
  const letters = "bcdfghjklmnpqrstvwxz";
  let n = i * 7 + slot * 1013 + 17;
  let out = "";
  for (let k = 0; k < 6; k += 1) {
    out += letters[n % letters.length];
    n = Math.floor(n / letters.length) + k * 3 + slot;
    if (k % 2 === 0) out += "aeiou"[(i + k + slot) % 5];
  }
  return out;
}
