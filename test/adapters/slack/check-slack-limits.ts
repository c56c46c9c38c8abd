// Test helper: every Slack limit a message payload must hold (SLACK_LIMITS), as a list of
// violations (empty when the payload is fine), so a failing test says which limit broke.
import { z } from "zod";
import { SLACK_LIMITS } from "../../../src/adapters/slack/slack-limits.js";

const TextObject = z.object({ type: z.enum(["plain_text", "mrkdwn"]), text: z.string() });
const Block = z.discriminatedUnion("type", [
  z.object({ type: z.literal("header"), text: TextObject }),
  z.object({ type: z.literal("section"), text: TextObject.optional(), fields: z.array(TextObject).optional() }),
  z.object({ type: z.literal("context"), elements: z.array(TextObject) }),
  z.object({ type: z.literal("divider") }),
  z.object({
    type: z.literal("actions"),
    elements: z.array(
      z.object({
        type: z.literal("button"),
        action_id: z.string(),
        text: z.object({ type: z.literal("plain_text"), text: z.string() }),
        value: z.string(),
      }),
    ),
  }),
]);
const Payload = z.object({
  text: z.string(),
  blocks: z.array(Block),
  response_type: z.enum(["in_channel", "ephemeral"]).optional(),
});

export function checkSlackLimits(payload: unknown): string[] {
  const parsed = Payload.safeParse(payload);
  if (!parsed.success) return [`not a message payload: ${z.prettifyError(parsed.error)}`];
  const { text, blocks } = parsed.data;
  const problems: string[] = [];
  if (text.trim() === "") problems.push("no plain-text fallback");
  if (blocks.length > SLACK_LIMITS.blocks) problems.push(`${blocks.length} blocks > ${SLACK_LIMITS.blocks}`);
  blocks.forEach((block, i) => {
    const at = `block ${i} (${block.type})`;
    if (block.type === "header") {
      if (block.text.type !== "plain_text") problems.push(`${at}: header text must be plain_text`);
      if (Array.from(block.text.text).length > SLACK_LIMITS.headerText)
        problems.push(`${at}: header ${block.text.text.length} > ${SLACK_LIMITS.headerText}`);
      if (block.text.text.length === 0) problems.push(`${at}: empty header`);
    }
    if (block.type === "section") {
      if (!block.text && !block.fields) problems.push(`${at}: neither text nor fields`);
      if (block.text && block.text.text.length > SLACK_LIMITS.sectionText)
        problems.push(`${at}: text ${block.text.text.length} > ${SLACK_LIMITS.sectionText}`);
      if (block.text && block.text.text.length === 0) problems.push(`${at}: empty text`);
      if (block.fields && block.fields.length > SLACK_LIMITS.sectionFields)
        problems.push(`${at}: ${block.fields.length} fields > ${SLACK_LIMITS.sectionFields}`);
      for (const field of block.fields ?? [])
        if (field.text.length > SLACK_LIMITS.fieldText)
          problems.push(`${at}: field ${field.text.length} > ${SLACK_LIMITS.fieldText}`);
    }
    if (block.type === "context") {
      if (block.elements.length === 0 || block.elements.length > SLACK_LIMITS.contextElements)
        problems.push(`${at}: ${block.elements.length} elements (1 to ${SLACK_LIMITS.contextElements})`);
      for (const element of block.elements)
        if (element.text.length > SLACK_LIMITS.contextText)
          problems.push(`${at}: element ${element.text.length} > ${SLACK_LIMITS.contextText}`);
    }
    if (block.type === "actions") {
      if (block.elements.length === 0 || block.elements.length > SLACK_LIMITS.actionElements)
        problems.push(`${at}: ${block.elements.length} elements (1 to ${SLACK_LIMITS.actionElements})`);
      const ids = new Set(block.elements.map((e) => e.action_id));
      if (ids.size !== block.elements.length) problems.push(`${at}: repeated action_id`);
      for (const button of block.elements) {
        if (button.value.length > SLACK_LIMITS.buttonValue)
          problems.push(`${at}: value ${button.value.length} > ${SLACK_LIMITS.buttonValue}`);
        if (button.action_id.length > SLACK_LIMITS.actionId)
          problems.push(`${at}: action_id ${button.action_id.length} > ${SLACK_LIMITS.actionId}`);
        if (button.text.text.length === 0 || button.text.text.length > SLACK_LIMITS.buttonText)
          problems.push(`${at}: button text ${button.text.text.length} (1 to ${SLACK_LIMITS.buttonText})`);
      }
    }
  });
  return problems;
}

/** Every mrkdwn string of a payload (fallback text included): where Slack would parse mentions and links. */
export function mrkdwnStrings(payload: { text: string; blocks: unknown[] }): string[] {
  const out = [payload.text];
  for (const block of z.array(Block).parse(payload.blocks)) {
    if (block.type === "section") {
      if (block.text?.type === "mrkdwn") out.push(block.text.text);
      for (const field of block.fields ?? []) if (field.type === "mrkdwn") out.push(field.text);
    }
    if (block.type === "context") for (const e of block.elements) if (e.type === "mrkdwn") out.push(e.text);
  }
  return out;
}

/** The `<...>` control sequences Slack would act on in a mrkdwn string. */
export function controlSequences(text: string): string[] {
  return text.match(/<[^>]*>/g) ?? [];
}
