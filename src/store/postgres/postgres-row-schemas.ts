// zod schemas for rows only PostgreSQL reads back in its own form (schedules, slots: arrays and
// booleans natively); articles, feeds and events share src/store/row-schemas.ts with SQLite.
import { z } from "zod";
import { SLOT_COLUMNS, SlotRowSchema } from "../schedule-row-schemas.js";

const int = z.number().int();
const text = z.string();

export {
  ArticleRowSchema as PgArticleRowSchema,
  EventRowSchema as PgEventRowSchema,
  FeedRowSchema as PgFeedRowSchema,
  originColumnsOf,
  RelevanceRowSchema as PgRelevanceRowSchema,
} from "../row-schemas.js";

export {
  ScheduleRowSchema as PgScheduleRowSchema,
  SlotHistoryRowSchema as PgSlotHistoryRowSchema,
  SlotRowSchema as PgSlotRowSchema,
} from "../schedule-row-schemas.js";

/** A ledger row with its claim token, for export only (the ports never hand tokens out). */
export const PgSlotDumpRowSchema = z
  .object({ ...SLOT_COLUMNS, claim_token: text.nullable() })
  .transform((r) => ({ ...SlotRowSchema.parse(r), claimToken: r.claim_token }));

export const PgCountRowSchema = z.object({ count: int });
