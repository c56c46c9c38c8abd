// Story clustering on realistic reports written for these tests: one event from two outlets
// merges, two events on one topic stay apart, syndicated copies collapse, time splits, and the
// output is deterministic and in input order.
import { describe, expect, it } from "vitest";
import { type ClusterDocument, clusterStories } from "../../../src/briefing/stories/cluster-stories.js";
import { metroBrief, sameStory } from "../../support/cluster-fixtures.js";

const DAY = 24 * 60 * 60 * 1000;
const JAN_12 = Date.UTC(2026, 0, 12, 18);

const callOutletA: ClusterDocument = {
  id: "call-a",
  source: "Northern Ledger",
  publishedAt: JAN_12,
  title: "Sheinbaum says call with Trump was 'very good', rejects U.S. military help against cartels",
  text: `Mexican President Claudia Sheinbaum said on Monday that she had a "very good conversation" with U.S. President Donald Trump in a phone call that lasted about 15 minutes and focused on cartel violence and fentanyl trafficking.
Sheinbaum told reporters at her morning news conference that Trump again offered to send U.S. troops to fight the drug cartels inside Mexico, and that she turned the offer down. "We told him it is not necessary, and that there is Mexico's sovereignty and territorial integrity, and he understood," she said.
The two leaders agreed that their security teams would meet in Washington on January 22 and 23 to review cooperation on arms smuggling and migration. The White House did not immediately comment on the call.`,
};

const callOutletB: ClusterDocument = {
  id: "call-b",
  source: "Gulf Coast Courier",
  publishedAt: JAN_12 + 5 * 60 * 60 * 1000,
  title: "Mexico's president turns down Trump offer of troops in 15-minute phone call",
  text: `Mexico will handle its own security, President Claudia Sheinbaum told Donald Trump during a 15-minute phone call, rejecting once more his proposal to deploy American military forces against drug cartels.
"We operate in Mexico, no one else," Sheinbaum said after the conversation, which she described as respectful. Trump praised Mexico's progress against fentanyl trafficking but pressed for more arrests of cartel leaders, according to a Mexican government summary of the call.
Security delegations from both countries are scheduled to meet on January 22-23 to agree on a framework for cooperation, including efforts to stop weapons flowing south across the border.`,
};

const callSyndicated: ClusterDocument = {
  ...callOutletA,
  id: "call-a-syndicated",
  source: "Valley Daily (wire)",
  publishedAt: JAN_12 + 2 * 60 * 60 * 1000,
  title: "Sheinbaum says call with Trump was 'very good', rejects U.S. military help against cartels - Valley Daily",
};

const callUpdate: ClusterDocument = {
  ...callOutletA,
  id: "call-a-update",
  publishedAt: JAN_12 + 7 * 60 * 60 * 1000,
  title: "UPDATE 2-Sheinbaum says call with Trump was 'very good', rejects U.S. military help",
  text: `${callOutletA.text}
Later on Monday, a White House spokeswoman said the president had "a productive call" with Sheinbaum and that the security talks would go ahead as planned.`,
};

const earthquake: ClusterDocument = {
  id: "quake",
  source: "Northern Ledger",
  publishedAt: JAN_12 + 20 * 60 * 60 * 1000,
  title: "Magnitude 6.8 earthquake shakes southern Mexico; no major damage reported",
  text: `A magnitude 6.8 earthquake struck the southern Mexican state of Guerrero early on Tuesday, shaking buildings in Acapulco and Mexico City and sending residents running into the streets, the National Seismological Service said.
The quake's epicenter was 12 kilometres south of the town of San Marcos at a depth of 20 kilometres. President Claudia Sheinbaum said on social media that there were no initial reports of serious damage and that civil protection teams were inspecting hospitals, schools and bridges.
Seismic alarms sounded in the capital about a minute before the shaking began. Guerrero's governor said two people were injured by falling debris in Acapulco and that power was cut to about 40,000 homes.`,
};

const steelTariffs: ClusterDocument = {
  id: "tariff-steel",
  source: "Gulf Coast Courier",
  publishedAt: Date.UTC(2026, 2, 2, 15),
  title: "Trump announces 25% tariffs on imported steel and aluminum",
  text: `President Donald Trump said on Monday the United States would impose tariffs of 25% on imported steel and aluminum from March 12, widening duties that he said would protect American mills and jobs.
The tariffs will apply to imports from Canada, Mexico and the European Union, which had been exempt, the White House said in a fact sheet. Steel producers' shares rose on the news while carmakers fell, as analysts warned that higher metal prices would raise the cost of vehicles and appliances.`,
};

const carTariffs: ClusterDocument = {
  id: "tariff-cars",
  source: "Northern Ledger",
  publishedAt: Date.UTC(2026, 3, 2, 15),
  title: "Trump announces 25% tariffs on imported cars and auto parts",
  text: `President Donald Trump said on Thursday the United States would impose tariffs of 25% on imported cars and auto parts from April 9, saying the duties would bring car factories back to America.
The tariffs will apply to vehicles from Mexico, Canada, Japan and the European Union, the White House said in a fact sheet. Shares of carmakers fell on the news, and analysts warned that the cost of an average new vehicle could rise by several thousand dollars.`,
};

const football: ClusterDocument = {
  id: "football",
  source: "Valley Daily",
  publishedAt: JAN_12 + 3 * 60 * 60 * 1000,
  title: "Mexico names coach's squad for friendly against Iceland",
  text: `Mexico's national football team announced a 26-man squad on Monday for a friendly against Iceland in Las Vegas, with several players from the domestic league called up for the first time ahead of the World Cup that Mexico co-hosts this summer.
The coach said he wanted to see young players under pressure before choosing his final squad in May.`,
};

describe("clusterStories", () => {
  it("merges two outlets' differently worded reports of one phone call", () => {
    const groups = clusterStories([callOutletA, earthquake, callOutletB, football]);
    expect(sameStory(groups, "call-a", "call-b")).toBe(true);
  });

  it("keeps two different events on one topic apart", () => {
    const groups = clusterStories([callOutletA, callOutletB, earthquake, football]);
    expect(sameStory(groups, "call-a", "quake")).toBe(false);
    expect(sameStory(groups, "call-b", "quake")).toBe(false);
    expect(sameStory(groups, "quake", "football")).toBe(false);
    expect(sameStory(groups, "call-a", "football")).toBe(false);
  });

  it("collapses syndicated copies and updates of one article", () => {
    const groups = clusterStories([callOutletA, earthquake, callSyndicated, football, callUpdate]);
    expect(groups).toContainEqual(["call-a", "call-a-syndicated", "call-a-update"]);
  });

  it("keeps two tariff announcements a month apart in separate stories", () => {
    const groups = clusterStories([steelTariffs, carTariffs, callOutletA]);
    expect(sameStory(groups, "tariff-steel", "tariff-cars")).toBe(false);
  });

  it("does not join near-identical reports published far apart", () => {
    const later = { ...callOutletB, id: "call-b-later", publishedAt: JAN_12 + 30 * DAY };
    expect(clusterStories([callOutletB, later])).toEqual([["call-b"], ["call-b-later"]]);
    // Without dates, time does not constrain.
    const undated = [callOutletB, later].map(({ publishedAt: _, ...doc }) => doc);
    expect(clusterStories(undated)).toEqual([["call-b", "call-b-later"]]);
  });

  it("clusters headlines without text", () => {
    const headlines: ClusterDocument[] = [
      { id: "h1", title: "Sheinbaum rejects Trump offer of troops against cartels" },
      { id: "h2", title: "Magnitude 6.8 earthquake shakes Guerrero, Mexico" },
      { id: "h3", title: "Mexico's Sheinbaum turns down Trump's offer of US troops to fight cartels" },
      { id: "h4", title: "Strong earthquake of magnitude 6.8 hits southern Mexico" },
      { id: "h5", title: "Mexico names squad for Iceland friendly" },
    ];
    expect(clusterStories(headlines)).toEqual([["h1", "h3"], ["h2", "h4"], ["h5"]]);
  });

  it("orders groups by their first document and ids by input order", () => {
    const groups = clusterStories([football, callOutletB, earthquake, callOutletA]);
    expect(groups[0]).toEqual(["football"]);
    expect(groups.flat().sort()).toEqual(["call-a", "call-b", "football", "quake"]);
    for (const group of groups) {
      const positions = group.map((id) => ["football", "call-b", "quake", "call-a"].indexOf(id));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
  });

  it("is deterministic", () => {
    const docs = [callOutletA, earthquake, callSyndicated, steelTariffs, callOutletB, football, carTariffs, callUpdate];
    const first = clusterStories(docs);
    for (let i = 0; i < 5; i++) expect(clusterStories(docs)).toEqual(first);
  });

  it("keeps a 12-word item that shares two common words with a story out of it", () => {
    const teaser = metroBrief(
      "teaser",
      JAN_12 + 60 * 60 * 1000,
      "Mexico cartel story.",
      "More on the cartel violence in Mexico later today.",
    );
    for (const order of [
      [callOutletA, teaser, callOutletB],
      [teaser, callOutletA, callOutletB],
      [callOutletA, callOutletB, teaser],
    ]) {
      const groups = clusterStories(order);
      expect(sameStory(groups, "call-a", "call-b")).toBe(true);
      expect(groups).toContainEqual(["teaser"]);
    }
  });

  it("lets a short item join on strong evidence: two shared names and a number, or three names", () => {
    const brief = metroBrief(
      "brief",
      JAN_12 + 60 * 60 * 1000,
      "Sheinbaum and Trump speak for 15 minutes",
      "Claudia Sheinbaum said she rejected Donald Trump's offer of troops against the cartels.",
    );
    const groups = clusterStories([callOutletA, brief, callOutletB]);
    expect(sameStory(groups, "call-a", "brief")).toBe(true);
    const follow = metroBrief(
      "follow",
      JAN_12 + 60 * 60 * 1000,
      "Claudia Sheinbaum repeats no to Donald Trump",
      "Mexico's president again refused the offer of troops against the cartels.",
    );
    expect(sameStory(clusterStories([callOutletA, follow, callOutletB]), "call-a", "follow")).toBe(true);
  });

  it("keeps an item with no sentence over five words out of a story it shares names with", () => {
    const fragments = metroBrief(
      "fragments",
      JAN_12 + 60 * 60 * 1000,
      "Mexico update.",
      "Breaking news. Cartels in focus. Officials react. More soon.",
    );
    expect(clusterStories([callOutletA, fragments, callOutletB])).toContainEqual(["fragments"]);
  });

  it("handles empty input, one document, and empty titles", () => {
    expect(clusterStories([])).toEqual([]);
    expect(clusterStories([football])).toEqual([["football"]]);
    expect(
      clusterStories([
        { id: "a", title: "" },
        { id: "b", title: "" },
      ]),
    ).toEqual([["a"], ["b"]]);
  });
});
