// Story alerts as Block Kit, pure: one story's card (the /brief story section, its sources and its
// buttons), and
// the "+ Reuters: <sentence>" reply under it. Feed text is escaped as in every Slack card; the one
// link is built from a parsed http(s) URL.
import type { StoryAlert, ThreadReply } from "../../briefing/alerts/alert-publisher.js";
import { storyRef } from "../../briefing/briefs/story-action.js";
import { clipEscaped, slackLink } from "./escape-slack-text.js";
import { storyActionsBlock } from "./render-slack-buttons.js";
import { sourcesContext, storySection } from "./render-slack-card.js";
import { SLACK_BUDGETS, SLACK_LIMITS } from "./slack-limits.js";
import type { SlackMessage } from "./slack-message.js";

/** The parent message of a story's thread: its headline, quotes and sources (the count edits change). */
export function renderSlackStory(alert: StoryAlert): SlackMessage {
  const { story } = alert;
  const sources = story.sources.length === 1 ? "1 source" : `${story.sources.length} sources`;
  const text = clipEscaped(`${story.headline} (${sources})`, SLACK_BUDGETS.fallbackText) || "briefbot: a new story";
  const actions = storyActionsBlock(storyRef(story, null, alert.storyKey));
  return { text, blocks: [storySection(story, null), sourcesContext(story), ...(actions ? [actions] : [])] };
}

/** "+ Reuters: “the new quoted sentence”", the outlet linked to its article. */
export function renderSlackThreadReply(reply: ThreadReply): SlackMessage {
  const source = slackLink(
    reply.source || "Another source",
    reply.url,
    SLACK_BUDGETS.sourceLabel,
    SLACK_BUDGETS.sourceUrl,
  );
  const said = reply.sentence?.text ?? reply.title;
  const head = `*+ ${source}*`;
  const quote = said
    ? `: “${clipEscaped(said, SLACK_LIMITS.sectionText - head.length - 8)}”`
    : " reports this story too.";
  const plain = `+ ${reply.source || "Another source"}${said ? `: ${said}` : " reports this story too."}`;
  return {
    text: clipEscaped(plain, SLACK_BUDGETS.fallbackText) || "+ another source",
    blocks: [{ type: "section", text: { type: "mrkdwn", text: `${head}${quote}`, verbatim: true } }],
  };
}
