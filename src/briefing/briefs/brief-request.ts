// What a /brief asks for, from any door: a topic (or none: the latest news), a window, a size
// and the moment it is asked "as of" (tests and replays pin it; otherwise now).
import { z } from "zod";
import { MAX_STORIES } from "../commands/command.js";

export const DEFAULT_WINDOW_MS = 7 * 86_400_000;
export const DEFAULT_STORIES = 5;

export const BriefRequestSchema = z.object({
  topic: z.string().max(500).nullable().optional(),
  sinceMs: z.number().int().positive().nullable().optional(),
  maxStories: z.number().int().min(1).max(MAX_STORIES).nullable().optional(),
  asOf: z.number().int().nullable().optional(),
});
export type BriefRequest = z.infer<typeof BriefRequestSchema>;
