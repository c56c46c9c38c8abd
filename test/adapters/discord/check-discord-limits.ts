// Test helper: every Discord limit a message body must respect, checked on the JSON as sent
// (or as rendered). Returns the broken limits, so a failing test names each one.
import { z } from "zod";
import { DISCORD_LIMITS } from "../../../src/adapters/discord/discord-limits.js";

const EmbedSchema = z.object({
  title: z.string().optional(),
  description: z.string().optional(),
  url: z.string().optional(),
  fields: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
  footer: z.object({ text: z.string() }).optional(),
  author: z.object({ name: z.string() }).optional(),
});
const MessageSchema = z.object({
  content: z.string().optional(),
  embeds: z.array(EmbedSchema).optional(),
  allowed_mentions: z.unknown(),
  components: z
    .array(
      z.object({
        type: z.literal(1),
        components: z.array(z.object({ type: z.literal(2), custom_id: z.string(), label: z.string() })),
      }),
    )
    .optional(),
});

export function checkDiscordLimits(payload: unknown): string[] {
  const message = MessageSchema.parse(payload);
  const problems: string[] = [];
  const over = (what: string, length: number, max: number) => {
    if (length > max) problems.push(`${what} is ${length} characters (max ${max})`);
  };
  over("content", message.content?.length ?? 0, DISCORD_LIMITS.content);
  const embeds = message.embeds ?? [];
  if (embeds.length > DISCORD_LIMITS.embedsPerMessage) problems.push(`${embeds.length} embeds (max 10)`);
  if ((message.content ?? "") === "" && embeds.length === 0) problems.push("an empty message");
  let total = 0;
  embeds.forEach((embed, i) => {
    over(`embed ${i} title`, embed.title?.length ?? 0, DISCORD_LIMITS.embedTitle);
    over(`embed ${i} description`, embed.description?.length ?? 0, DISCORD_LIMITS.embedDescription);
    over(`embed ${i} footer`, embed.footer?.text.length ?? 0, DISCORD_LIMITS.footerText);
    over(`embed ${i} author`, embed.author?.name.length ?? 0, DISCORD_LIMITS.authorName);
    const fields = embed.fields ?? [];
    if (fields.length > DISCORD_LIMITS.embedFields) problems.push(`embed ${i} has ${fields.length} fields`);
    for (const field of fields) {
      over(`embed ${i} field name`, field.name.length, DISCORD_LIMITS.fieldName);
      over(`embed ${i} field value`, field.value.length, DISCORD_LIMITS.fieldValue);
      total += field.name.length + field.value.length;
    }
    if (embed.url !== undefined && !/^https?:\/\//.test(embed.url)) problems.push(`embed ${i} url ${embed.url}`);
    total += (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
    total += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  });
  over("all embeds together", total, DISCORD_LIMITS.embedsTotal);
  const rows = message.components ?? [];
  if (rows.length > DISCORD_LIMITS.actionRows) problems.push(`${rows.length} rows of components (max 5)`);
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    if (row.components.length === 0 || row.components.length > DISCORD_LIMITS.buttonsPerRow)
      problems.push(`row ${i} has ${row.components.length} buttons (1 to 5)`);
    for (const button of row.components) {
      over(`row ${i} custom_id`, button.custom_id.length, DISCORD_LIMITS.customId);
      over(`row ${i} label`, button.label.length, DISCORD_LIMITS.buttonLabel);
      if (ids.has(button.custom_id)) problems.push(`custom_id ${button.custom_id} repeated`);
      ids.add(button.custom_id);
    }
  });
  if (JSON.stringify(message.allowed_mentions) !== JSON.stringify({ parse: [] })) {
    problems.push(`allowed_mentions is ${JSON.stringify(message.allowed_mentions)}, not { parse: [] }`);
  }
  return problems;
}
