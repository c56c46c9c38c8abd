// Summary selection on news-like text written for these tests: reporting beats commentary,
// boilerplate is never quoted, two sources stating one fact give one sentence, output is verbatim
// and deterministic.
import { describe, expect, it } from "vitest";
import { sentenceFeatures } from "../../../src/briefing/stories/sentence-features.js";
import { splitSentences } from "../../../src/briefing/stories/split-sentences.js";
import { type SummaryDocument, summarize } from "../../../src/briefing/stories/summarize.js";

const wire: SummaryDocument = {
  id: "wire",
  title: "Port strike ends after union accepts wage deal",
  text: [
    "By Jane Doe and Omar Ruiz",
    "",
    "Dock workers at the Port of Lisbon ended a nine-day strike on Tuesday after their union accepted a 7% wage increase, the port authority said.",
    "The agreement was signed late Monday by union leader Carla Mendes and port director Rui Alves, according to a statement from the labour ministry.",
    "“We got what we asked for, and the ships can move again,” Mendes told reporters outside the port.",
    "About 40 cargo ships had been waiting offshore, and the backlog will take a week to clear, Alves said.",
    "Read more: Europe's ports face record traffic",
    "Click here to subscribe to our morning newsletter.",
  ].join("\n"),
};

const opinion: SummaryDocument = {
  id: "opinion",
  title: "PORT CHAOS OVER!",
  text: [
    "PORT CHAOS OVER!",
    "",
    "Cranes standing idle at a harbour at dusk.",
    "",
    "Story Highlights",
    "",
    "• Union wins big as strike collapses",
    "• Ships finally sail",
    "",
    "Dock workers in Lisbon ended their nine-day strike on Tuesday after the union accepted a 7% pay rise, port officials said.",
    "For business-minded audiences, the lesson here is simple: unions always win when governments blink.",
    "This outcome shows how weak leadership can hand power to organised labour.",
    "Do you really think this will be the last strike this year?",
    "You should expect prices at your local shop to rise as a result.",
    "",
    "Sources:",
    "",
    "Lisbon port strike ends – Daily Harbour",
    "Union accepts wage deal – Port News Weekly",
  ].join("\n"),
};

function chosenTexts(docs: SummaryDocument[], sentences = 3): string[] {
  return summarize(docs, { sentences }).map((s) => s.text);
}

describe("summarize", () => {
  it("chooses reporting over commentary and never quotes boilerplate", () => {
    const picked = chosenTexts([wire, opinion], 4);
    expect(picked).toHaveLength(4);
    const forbidden = [
      "By Jane Doe",
      "Read more",
      "Click here",
      "PORT CHAOS",
      "Cranes standing idle",
      "Story Highlights",
      "For business-minded audiences",
      "This outcome shows",
      "Do you really",
      "You should expect",
      "Sources:",
      "– Daily Harbour",
      "– Port News Weekly",
    ];
    for (const text of picked) for (const bad of forbidden) expect(text).not.toContain(bad);
    expect(picked.some((t) => t.includes("7%"))).toBe(true);
    expect(picked.some((t) => t.includes("told reporters") || t.includes("signed late Monday"))).toBe(true);
  });

  it("takes one sentence for a fact two sources state", () => {
    const picked = summarize([wire, opinion], { sentences: 3 });
    const strikeEnded = picked.filter((s) => /ended (?:a|their) nine-day strike/.test(s.text));
    expect(strikeEnded).toHaveLength(1);
  });

  it("quotes the plainer of two reports stating one fact when several reports offer a choice", () => {
    const framed: SummaryDocument = {
      id: "framed",
      source: "Harbor Wire",
      text: "A powerful storm hit the Florida coast on Thursday and cut power to 200,000 homes, officials said.",
    };
    const plain: SummaryDocument = {
      id: "plain",
      source: "Coast Times",
      text: "A storm hit the Florida coast on Thursday and cut power to 200,000 homes, officials said.",
    };
    const [first] = summarize([framed, plain], { sentences: 1 });
    expect(first?.documentId).toBe("plain");
    // On one report there is no choice to make: its lead stays.
    expect(summarize([framed], { sentences: 1 })[0]?.documentId).toBe("framed");
  });

  it("still picks the opinion outlet's reporting when it is the only source", () => {
    const picked = chosenTexts([opinion], 2);
    expect(picked[0]).toMatch(/^Dock workers in Lisbon ended/);
    for (const text of picked) expect(text).not.toMatch(/audiences|This outcome shows|Do you|You should|PORT CHAOS/);
  });

  it("returns verbatim sentences with their document and index, best first", () => {
    const docs = [wire, opinion];
    const picked = summarize(docs, { sentences: 3 });
    for (const s of picked) {
      const doc = docs.find((d) => d.id === s.documentId);
      expect(doc?.text).toContain(s.text);
      expect(splitSentences(doc?.text ?? "")[s.index]?.text).toBe(s.text);
    }
    const scores = picked.map((s) => s.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("is deterministic", () => {
    const a = summarize([wire, opinion], { sentences: 3 });
    const b = summarize([structuredClone(wire), structuredClone(opinion)], { sentences: 3 });
    expect(b).toEqual(a);
  });

  it("prefers the lead on a plain single article", () => {
    const picked = summarize([wire], { sentences: 1 });
    expect(picked[0]?.index).toBe(1);
  });

  it("honours topic terms", () => {
    const story: SummaryDocument = {
      id: "s",
      text: [
        "The city council approved a new budget on Thursday, officials said.",
        "The budget raises spending on schools by 4% and on parks by 2%, the mayor said.",
        "Council members said the budget would be published in full on Friday.",
        "The mayor said the budget was the largest in the city's history.",
        "Separately, bus fares will rise by 10 cents in March, the transit agency said.",
      ].join(" "),
    };
    const plain = summarize([story], { sentences: 2 }).map((s) => s.text);
    const focused = summarize([story], { sentences: 2, topicTerms: ["bus", "fares"] }).map((s) => s.text);
    expect(plain.some((t) => /bus fares/i.test(t))).toBe(false);
    expect(focused.some((t) => /bus fares/i.test(t))).toBe(true);
  });

  it("handles empty input and zero sentences", () => {
    expect(summarize([], { sentences: 3 })).toEqual([]);
    expect(summarize([{ id: "x", text: "" }], { sentences: 3 })).toEqual([]);
    expect(summarize([wire], { sentences: 0 })).toEqual([]);
    expect(summarize([{ id: "x", text: "Only one sentence here, said the reporter." }], { sentences: 3 })).toHaveLength(
      1,
    );
  });

  it("summarizes a story of 100 articles", () => {
    const docs = Array.from({ length: 100 }, (_, i) => ({
      id: `a${i}`,
      text: `${wire.text}\nOfficials in district ${i} reported ${i + 3} delayed ships on Wednesday, the agency said.`,
    }));
    const picked = summarize(docs, { sentences: 3 });
    expect(picked).toHaveLength(3);
    expect(new Set(picked.map((s) => s.text)).size).toBe(3);
  });
});

describe("sentenceFeatures", () => {
  const features = (text: string, aloneOnLine = true, bullet = false) =>
    sentenceFeatures({ text, start: 0, end: text.length, paragraph: 0, index: 0 }, { aloneOnLine, bullet });

  it.each([
    ["Story Highlights", "fragment"],
    ["Related stories", "fragment"],
    ["Sources:", "fragment"],
    ["Mexico Stands Firm Against Military Intervention", "heading"],
    ["Magnifying glass over United States on map.", "caption"],
    ["Top Mexican and US Diplomats Meet – Prensa Latina", "heading"],
    ["Talks stall again as both sides dig in – Daily Harbour", "link"],
    ["Click here to get the latest headlines in your inbox.", "prompt"],
    ["Sign up for our newsletter and never miss a story.", "prompt"],
    ["By Jane Doe and Omar Ruiz", "byline"],
    ["Mexican STANDOFF!", "fragment"],
    ["WATCH THE FULL INTERVIEW WITH THE MINISTER NOW", "shouting"],
  ])("%j is boilerplate (%s)", (text, reason) => {
    expect(features(text).boilerplate).toBe(reason);
  });

  it("keeps reporting sentences, scoring attribution and quotes as reporting", () => {
    const f = features(
      "Trump “still insisted that if we ask for it, they could help” with military forces, Sheinbaum said.",
    );
    expect(f.boilerplate).toBeNull();
    expect(f.reporting).toBeGreaterThan(0.5);
    expect(f.commentary).toBe(0);
  });

  it("scores opinion markers, second person and rhetorical questions as commentary", () => {
    for (const text of [
      "For Republican-leaning audiences, the tension here is straightforward: Mexico wants support but not control.",
      "The successful diplomatic outcome shows how firm principled leadership can achieve security objectives.",
      "That message plays to a key argument about borders and criminal organizations.",
      "Why would anyone believe the promises made at this summit this time around?",
      "If you drive to work, your fuel bill is about to go up again this winter.",
    ]) {
      expect(features(text, false).commentary, text).toBeGreaterThanOrEqual(0.35);
    }
  });

  it("counts the basic facts a sentence states: who, what, when, on whose word, what next", () => {
    const full = features(
      "Foreign Secretary Juan Ramón de la Fuente spoke Sunday with Marco Rubio, who called for more cooperation, according to the State Department.",
      false,
    );
    expect(full.basics).toBeGreaterThanOrEqual(0.75);
    const next = features("Both governments agreed to upcoming security talks on January 22-23 in Washington.", false);
    expect(next.next).toBe(true);
    expect(next.basics).toBeGreaterThanOrEqual(0.5);
    const vague = features("The approach shifted from threats to cooperation, though pressure continues.", false);
    expect(vague.basics).toBe(0);
    // A speaker's words inside quotation marks are not the writer's attribution or timing.
    expect(features("“We said on Monday that the talks will go on,” a line from the speech.", false).basics).toBe(0);
  });

  it("counts milder attitude words outside quotes apart from loaded words, without calling them commentary", () => {
    const f = features("Fears grew as a powerful storm hit the Florida coast on Thursday, officials said.", false);
    expect(f.attitude).toBe(2);
    expect(f.loaded).toBe(0);
    expect(f.commentary).toBe(0);
    expect(features("“We are angry and afraid,” a resident told reporters on Thursday.", false).attitude).toBe(0);
  });

  it("does not count second person inside a quote as commentary", () => {
    expect(
      features("“You will not find a better deal,” the minister told parliament on Monday.", false).commentary,
    ).toBe(0);
  });
});
