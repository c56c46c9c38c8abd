// Keeps a card's stories within the text budget every renderer can fit (Discord's 6,000
// characters is the strictest): third sentences go first, then the last stories.
import type { CardStory } from "../digest-card.js";

function storiesTextLength(stories: readonly CardStory[]): number {
  let total = 0;
  for (const story of stories) {
    total += story.headline.length;
    for (const sentence of story.sentences) total += sentence.text.length + sentence.source.length;
    for (const source of story.sources) total += source.name.length;
  }
  return total;
}

export function fitStoriesToBudget(stories: readonly CardStory[], budget: number): CardStory[] {
  const fitted = stories.map((s) => ({ ...s, sentences: [...s.sentences] }));
  while (fitted.length > 0 && storiesTextLength(fitted) > budget) {
    const longest = fitted.reduce((a, b) => (b.sentences.length > a.sentences.length ? b : a));
    if (longest.sentences.length > 2) longest.sentences.pop();
    else fitted.pop();
  }
  return fitted;
}
