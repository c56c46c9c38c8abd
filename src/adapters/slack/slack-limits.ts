// Slack's message size limits as named constants (Block Kit reference, chat.postMessage docs),
// plus the few budgets of our own that keep a rendered card inside them. Renderers and tests share them.

export const SLACK_LIMITS = {
  /** Blocks in one message (modals and Home tabs allow 100; messages 50). */
  blocks: 50,
  /** A header block's plain_text. */
  headerText: 150,
  /** A section block's text object. */
  sectionText: 3_000,
  /** A section's `fields`: how many, and each one's text. */
  sectionFields: 10,
  fieldText: 2_000,
  /** A context block's elements; each text element is a text object (3,000 like any). */
  contextElements: 10,
  contextText: 3_000,
  /** An actions block's elements; a button's value, action_id and label (plain_text). */
  actionElements: 25,
  buttonValue: 2_000,
  actionId: 255,
  buttonText: 75,
} as const;

/** Budgets of our own, inside Slack's limits; each says why it has its size. */
export const SLACK_BUDGETS = {
  /**
   * The top-level `text` (notification and screen-reader fallback). Slack truncates at 40,000
   * characters, but notifications show a line or two, so a short summary is the useful size.
   */
  fallbackText: 1_000,
  /** A headline's visible label (CARD_LIMITS.headline is 200; escaping can only make it longer). */
  headlineLabel: 300,
  /** A source name's visible label (CARD_LIMITS.sourceName is 80). */
  sourceLabel: 120,
  /**
   * The longest URL we link. Longer ones are shown unlinked: a story section carries up to four
   * links and must stay within 3,000 characters with its quotes.
   */
  headlineUrl: 600,
  sourceUrl: 300,
} as const;
