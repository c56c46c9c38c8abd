// /watch in the console: a watch on the console's own channel, then each command is followed by
// an alert pass whose posts, thread replies and edits print in the terminal.
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConsoleAlertPublisher } from "../../../src/adapters/console/console-alert-publisher.js";
import { runConsole } from "../../../src/adapters/console/run-console.js";
import { runAlertPass } from "../../../src/briefing/alerts/run-alert-pass.js";
import type { Store } from "../../../src/store/store.js";
import { alertRunDeps } from "../../support/alert-run-deps.js";
import { offlineCommandDeps } from "../../support/offline-command-deps.js";
import { storeFactories } from "../../support/store-factories.js";
import { plainFeed } from "../../support/test-records.js";

const T0 = Date.UTC(2026, 2, 10, 12, 0, 0);
const [sqlite] = storeFactories();

describe("console story alerts", () => {
  let store: Store;
  let now = T0;
  beforeEach(async () => {
    store = await (sqlite?.open() as Promise<Store>);
    now = T0;
  });
  afterEach(async () => {
    await store.close();
  });

  async function session(lines: string[], between: () => Promise<void> = async () => {}): Promise<string> {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = "";
    output.on("data", (chunk) => {
      text += String(chunk);
    });
    const deps = offlineCommandDeps(store, () => now);
    const publisher = new ConsoleAlertPublisher((t) => output.write(t));
    let step = 0;
    const done = runConsole(deps, {
      input,
      output,
      interactive: false,
      afterCommand: async () => {
        await runAlertPass(alertRunDeps(store, publisher, () => now, { channels: (c) => c.platform === "console" }));
        step += 1;
        if (step === 1) await between();
      },
    });
    input.end(`${lines.join("\n")}\n`);
    await done;
    return text;
  }

  it("posts a watched story in the terminal, then its new source in the thread and the edit", async () => {
    const origin = { platform: "console", workspaceId: null, channelId: null, userId: null } as const;
    const feeds = await Promise.all(
      ["Reuters", "AP"].map((title) =>
        store.feeds.addFeed(plainFeed(`https://${title.toLowerCase()}.example/rss`, { title, origin })),
      ),
    );
    const report = async (i: number, title: string) => {
      now += 60_000;
      await store.articles.upsertArticles(
        feeds[i]?.id as number,
        [
          {
            url: `https://x${i}.example/hekla`,
            guid: `h${i}`,
            title,
            author: null,
            publishedAt: now,
            publishedAtEstimated: false,
            fetchedAt: now,
            summary: null,
            text: "The Hekla volcano erupted near Reykjavik on Tuesday. Flights were cancelled at Keflavik airport as ash fell.",
            contentHash: `h${i}`,
            language: "en",
          },
        ],
        { backlog: false },
      );
    };
    const out = await session(["/watch add", "/watch list", "/watch list"], async () => {
      await report(0, "Volcano erupts near Reykjavik, flights cancelled");
    });
    expect(out).toContain("Watch added");
    expect(out).toMatch(/\[alert console-1, watch #1\]\n {2}Volcano erupts near Reykjavik/);
    await report(1, "Hekla volcano eruption near Reykjavik grounds flights");
    const later = await session(["/watch list"]);
    expect(later).toContain("[thread of console-1] + AP");
    expect(later).toContain("[edited console-1] now 2 sources");
  });
});
