// English stop words for news text: function words plus the filler every report shares
// (attribution verbs, time words, outlet furniture). Tokens as `tokenize` emits them (lowercase,
// unstemmed, clitics dropped), so "don't" appears as "dont" and "we're" as "we".

/**
 * Function words: articles, pronouns, auxiliaries, prepositions, conjunctions, common adverbs and
 * quantifiers (the classic SMART/Snowball lists, trimmed of words that carry news content such as
 * "against" or "over", which stay useful as phrase glue in ranking but add nothing here).
 */
const FUNCTION_WORDS = `
a about above after again against all almost along already also although always am among an and
another any anybody anyone anything anyway anywhere are around as at away
b back be became because become becomes been before began being below between beyond both but by
c can cannot could couldnt
d did didnt do does doesnt doing done dont down during
e each either else enough especially etc even ever every everyone everything
f few for former from further furthermore
g get gets getting go goes going gone got
h had hadnt has hasnt have havent having he her here hers herself him himself his how however
i ie if in indeed instead into is isnt it its itself
j just
k
l last later least less let lets like likely
m many may maybe me meanwhile might more moreover most mostly much must my myself
n neither never nevertheless next no nobody none nor not nothing now
o of off often on once one only onto or other others otherwise our ours ourselves out
p per perhaps please
q quite
r rather really
s same shall she should shouldnt since so some somebody someone something sometimes somewhat soon
still such
t than that the their theirs them themselves then there therefore these they thing things this
those though through thus to together too toward towards
u under unless until up upon us
v very via
w was wasnt way we well were werent what whatever when whenever where whereas wherever whether
which while who whoever whole whom whose why will with within without wont would wouldnt
x
y yet you your yours yourself yourselves
z
`;

/**
 * News filler: attribution and reporting verbs (every article "said" something), generic time
 * words, and the furniture of a news page (photo, video, update, copyright). They make two
 * unrelated reports look alike and two reports of one event no more alike.
 *
 * Weekday names are here on purpose. Two outlets reporting one event often name different days
 * ("on Monday" in the first report, "yesterday" or "on Tuesday" in the follow-up), while two
 * different events of the same week share them; clustering gets time proximity from publication
 * dates instead. Month names are kept: "March" in "the March 14 deadline" often names the event,
 * and "may" is already a function word.
 */
const NEWS_FILLER = `
said says say saying told tell tells telling according reported reports reporting report reporter
reporters added adding asked noted stated statement statements announced announces claimed claims
explained insisted confirmed comment comments commented spokesman spokeswoman spokesperson
news breaking update updated updates latest live exclusive watch video videos photo photos
picture pictures image images gallery read click subscribe newsletter copyright rights reserved
advertisement sponsored share tweet follow via getty reuters ap afp
monday tuesday wednesday thursday friday saturday sunday
today yesterday tomorrow tonight week weeks weekend month months year years day days time times
ago earlier recently currently new also mr mrs ms dr
`;

function words(list: string): string[] {
  return list.split(/\s+/).filter((w) => w.length > 0);
}

export const STOP_WORDS: ReadonlySet<string> = new Set([...words(FUNCTION_WORDS), ...words(NEWS_FILLER)]);

/** True for a stop word or a token too short to mean anything alone (single letters). */
export function isStopWord(token: string): boolean {
  if (token.length >= 2) return STOP_WORDS.has(token);
  const c = token.charCodeAt(0);
  return !(c >= 0x30 && c <= 0x39);
}
