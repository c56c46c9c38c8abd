// "1 article", "2 articles": counts in replies and command-line output read as English. Nouns are
// ours (article, item, feed...), so the plural is the noun plus "s" unless given.

export function countNoun(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}
