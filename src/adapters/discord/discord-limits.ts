// Discord's message and embed size limits as named constants (from Discord's API reference,
// "Embed Limits" and "Create Message"). Renderers fit within them; tests check against them.

export const DISCORD_LIMITS = {
  /** Plain message content. */
  content: 2_000,
  embedsPerMessage: 10,
  /** Title, description, field names and values, footer text and author name across all embeds of a message. */
  embedsTotal: 6_000,
  embedTitle: 256,
  embedDescription: 4_096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1_024,
  footerText: 2_048,
  authorName: 256,
  /** Autocomplete answers: at most 25 choices, names and values up to 100 characters. */
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** Message components: rows of buttons, buttons a row, a button's custom_id and label. */
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
} as const;

/** The flag that shows a message to the person who ran the command only. */
export const EPHEMERAL_FLAG = 64;
