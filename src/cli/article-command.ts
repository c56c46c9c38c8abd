// `briefbot article inspect <url|file> [--json]`: what extraction makes of one page (title,
// byline, canonical URL, first paragraphs, word count, and whether briefbot would use it), for
// operators debugging a site. A URL goes through the same polite, guarded fetcher as the queue.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type ExtractedPage, extractArticle } from "../adapters/articles/extract-article.js";
import { judgePage } from "../adapters/articles/page-quality.js";
import { decodeBody } from "../adapters/http/decode-body.js";
import { UserError } from "../briefing/errors.js";
import { createPageFetcher } from "../compose-extraction.js";
import type { Config } from "../config.js";
import type { CliIo } from "./cli-io.js";

/** Paragraphs shown: enough to recognise the article, short enough for a terminal. */
const SHOWN_PARAGRAPHS = 3;

export interface ArticleInspection {
  url: string;
  title: string | null;
  byline: string | null;
  canonicalUrl: string | null;
  language: string | null;
  imageUrl: string | null;
  siteName: string | null;
  publishedTime: string | null;
  wordCount: number;
  paragraphs: string[];
  /** Whether briefbot would store this text over a feed's teaser, and why not. */
  usable: boolean;
  reason: string | null;
}

async function load(config: Config, target: string): Promise<{ html: string; url: string }> {
  if (!/^https?:\/\//i.test(target)) {
    const path = resolve(target);
    const bytes = await readFile(path).catch((error: unknown) => {
      throw new UserError("article_file", `Cannot read the page file ${path}: ${(error as Error).message}`);
    });
    const html = decodeBody(bytes, null);
    if (html.trim() === "") {
      throw new UserError(
        "article_empty",
        `The page file ${path} is empty: there is no article to extract. Check the path.`,
      );
    }
    return { html, url: pathToFileURL(path).href };
  }
  const pages = createPageFetcher({ ...config, BRIEFBOT_FULLTEXT_HOST_DELAY_MS: 0 });
  try {
    const fetched = await pages.fetchPage(target);
    if (fetched.kind !== "page") {
      const reason = fetched.reason.endsWith(".") ? fetched.reason : `${fetched.reason}.`;
      throw new UserError("article_not_fetched", `Not extracted: ${reason}`);
    }
    if (fetched.html.trim() === "") {
      throw new UserError(
        "article_empty",
        `${fetched.url} answered with an empty page: there is no article to extract.`,
      );
    }
    return { html: fetched.html, url: fetched.url };
  } finally {
    await pages.close();
  }
}

export function inspection(page: ExtractedPage): ArticleInspection {
  const verdict = judgePage(page, "");
  return {
    url: page.url,
    title: page.title,
    byline: page.byline,
    canonicalUrl: page.canonicalUrl,
    language: page.language,
    imageUrl: page.imageUrl,
    siteName: page.siteName,
    publishedTime: page.publishedTime,
    wordCount: page.wordCount,
    paragraphs: page.text === "" ? [] : page.text.split("\n\n").slice(0, SHOWN_PARAGRAPHS),
    usable: verdict.usable,
    reason: verdict.usable ? null : verdict.reason,
  };
}

function text(i: ArticleInspection): string {
  const rows: Array<[string, string]> = [
    ["title", i.title ?? "-"],
    ["byline", i.byline ?? "-"],
    ["canonical", i.canonicalUrl ?? "-"],
    ["url", i.url],
    ["language", i.language ?? "-"],
    ["image", i.imageUrl ?? "-"],
    ["words", String(i.wordCount)],
    ["verdict", i.usable ? "usable: would replace a feed's teaser" : `not used: ${i.reason}`],
  ];
  const head = rows.map(([k, v]) => `${k.padEnd(11)}${v}`).join("\n");
  const body = i.paragraphs.length === 0 ? "(no article text found)" : i.paragraphs.join("\n\n");
  return `${head}\n\n${body}\n`;
}

export async function articleCommand(
  config: Config,
  io: CliIo,
  sub: string | undefined,
  target: string | undefined,
  json: boolean,
): Promise<number> {
  if (sub !== "inspect" || !target) {
    throw new UserError(
      "bad_usage",
      "Use: briefbot article inspect <url|file> [--json], for example briefbot article inspect https://example.com/news/1",
    );
  }
  const { html, url } = await load(config, target);
  const result = inspection(extractArticle(html, url));
  io.out(json ? `${JSON.stringify(result, null, 2)}\n` : text(result));
  return 0;
}
