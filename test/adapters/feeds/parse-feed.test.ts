// parseFeed: every supported format to the core's ParsedFeed, and clear FeedErrors for the rest.
import { describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/adapters/feeds/parse-feed.js";
import { FeedError } from "../../../src/briefing/errors.js";
import { MAX_ITEMS_PER_FETCH, type ParsedFeed, ParsedFeedSchema } from "../../../src/briefing/parsed-feed.js";

const FEED_URL = "https://news.example.com/feeds/main.xml";

function parse(text: string, options?: { maxItems?: number }): ParsedFeed {
  return ParsedFeedSchema.parse(parseFeed(text, FEED_URL, options));
}

function rejection(text: string): FeedError {
  try {
    parseFeed(text, FEED_URL);
  } catch (error) {
    expect(error).toBeInstanceOf(FeedError);
    return error as FeedError;
  }
  throw new Error("expected a FeedError");
}

const rss = (items: string, channelExtra = "", rssAttrs = "") => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" ${rssAttrs}>
<channel><title>Example News</title><link>https://news.example.com/</link><language>en-gb</language>${channelExtra}
${items}
</channel></rss>`;

describe("parseFeed: RSS 2.0", () => {
  it("normalizes items: text, summary, author, dates, ids and links", () => {
    const feed = parse(
      rss(`<item>
        <title><![CDATA[Budget <em>passes</em> &amp; more]]></title>
        <link>/2024/budget.html</link>
        <guid isPermaLink="false">budget-2024</guid>
        <pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
        <dc:creator>  Jane Doe </dc:creator>
        <description>&lt;p&gt;Short &amp;amp; sweet&lt;/p&gt;</description>
        <content:encoded><![CDATA[<p>Full text.</p><script>alert(1)</script><p>Second&nbsp;para.</p>]]></content:encoded>
      </item>`),
    );
    expect(feed).toMatchObject({
      format: "rss",
      title: "Example News",
      link: "https://news.example.com/",
      language: "en-gb",
    });
    expect(feed.items).toEqual([
      {
        id: "budget-2024",
        title: "Budget passes & more",
        link: "https://news.example.com/2024/budget.html",
        publishedAt: Date.UTC(2024, 2, 5, 10),
        author: "Jane Doe",
        summary: "Short & sweet",
        text: "Full text.\n\nSecond para.",
        language: "en-gb",
      },
    ]);
  });

  it("uses a permalink guid when there is no link, but not a non-permalink or a bare id", () => {
    const feed = parse(
      rss(`<item><title>a</title><guid>https://news.example.com/a</guid></item>
        <item><title>b</title><guid isPermaLink="false">https://news.example.com/b</guid></item>
        <item><title>c</title><guid>12345</guid></item>
        <item><title>d</title><guid isPermaLink="true">/d</guid></item>
        <item><title>e</title><link>javascript:alert(1)</link></item>`),
    );
    expect(feed.items.map((item) => item.link)).toEqual([
      "https://news.example.com/a",
      null,
      null,
      "https://news.example.com/d",
      null,
    ]);
    expect(feed.items.map((item) => item.id)).toEqual([
      "https://news.example.com/a",
      "https://news.example.com/b",
      "12345",
      "/d",
      null,
    ]);
  });

  it("honours xml:base on the channel and on items", () => {
    const feed = parse(
      rss(
        `<item xml:base="https://cdn.example.org/x/"><title>a</title><link>a.html</link></item>
         <item><title>b</title><link>b.html</link></item>`,
        "",
        'xml:base="https://base.example.net/root/"',
      ),
    );
    expect(feed.items.map((item) => item.link)).toEqual([
      "https://cdn.example.org/x/a.html",
      "https://base.example.net/root/b.html",
    ]);
  });

  it("prefers the publication date over dc:date order and survives bad dates", () => {
    const feed = parse(
      rss(`<item><title>a</title><pubDate>garbage</pubDate><dc:date>2024-03-05T10:00:00Z</dc:date></item>
        <item><title>b</title><pubDate>31 Jun 2024 10:00:00 GMT</pubDate></item>`),
    );
    expect(feed.items.map((item) => item.publishedAt)).toEqual([Date.UTC(2024, 2, 5, 10), null]);
  });

  it("titles an untitled item from its first words, or (untitled)", () => {
    const feed = parse(
      rss(`<item><description>One two three four five six seven eight nine ten eleven twelve thirteen fourteen</description></item>
        <item><description>Short note</description></item>
        <item><link>https://news.example.com/empty</link></item>`),
    );
    expect(feed.items.map((item) => item.title)).toEqual([
      "One two three four five six seven eight nine ten eleven twelve…",
      "Short note",
      "(untitled)",
    ]);
    expect(feed.items[2]).toMatchObject({ text: "", summary: null, author: null });
  });

  it("falls back to the feed URL's host for a feed without a title", () => {
    const feed = parse('<rss version="2.0"><channel><item><title>x</title></item></channel></rss>');
    expect(feed).toMatchObject({ title: "news.example.com", link: null, language: null });
  });

  it("keeps at most maxItems items (default MAX_ITEMS_PER_FETCH), in document order", () => {
    const items = Array.from({ length: 620 }, (_, i) => `<item><title>n${i}</title></item>`).join("");
    const all = parse(rss(items));
    expect(all.items).toHaveLength(MAX_ITEMS_PER_FETCH);
    expect(all.items[0]?.title).toBe("n0");
    expect(all.items[499]?.title).toBe("n499");
    expect(parse(rss(items), { maxItems: 3 }).items.map((item) => item.title)).toEqual(["n0", "n1", "n2"]);
  });

  it("reads RSS 0.91 with a Netscape doctype and an empty channel", () => {
    const feed = parse(`<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old</title><link>http://old.example.com/</link>
<item><title>Hi</title><link>http://old.example.com/hi</link><description>There</description></item></channel></rss>`);
    expect(feed.items).toEqual([
      expect.objectContaining({ title: "Hi", link: "http://old.example.com/hi", text: "There" }),
    ]);
    expect(parse('<rss version="2.0"><channel></channel></rss>').items).toEqual([]);
  });

  it("tolerates undeclared HTML entities and a bare ampersand", () => {
    const feed = parse(rss("<item><title>AT&T &nbsp;buys&hellip;</title></item>"));
    expect(feed.items[0]?.title).toBe("AT&T buys…");
  });
});

describe("parseFeed: RSS 1.0 (RDF)", () => {
  it("reads items, dc fields and rdf:about", () => {
    const feed = parse(`<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example.com/"><title>RDF site</title><link>https://rdf.example.com/</link><dc:language>de</dc:language></channel>
  <item rdf:about="https://rdf.example.com/1"><title>First</title><link>https://rdf.example.com/1</link>
    <description>Desc</description><dc:creator>Ann</dc:creator><dc:date>2024-01-02T03:04:05+01:00</dc:date></item>
  <item rdf:about="https://rdf.example.com/2"><title>Second</title></item>
</rdf:RDF>`);
    expect(feed).toMatchObject({ format: "rdf", title: "RDF site", language: "de" });
    expect(feed.items).toEqual([
      {
        id: "https://rdf.example.com/1",
        title: "First",
        link: "https://rdf.example.com/1",
        publishedAt: Date.UTC(2024, 0, 2, 2, 4, 5),
        author: "Ann",
        summary: "Desc",
        text: "Desc",
        language: "de",
      },
      expect.objectContaining({ title: "Second", link: "https://rdf.example.com/2" }),
    ]);
  });
});

describe("parseFeed: Atom", () => {
  const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example.com/blog/" xml:lang="fr">
  <title type="html">Le &lt;b&gt;Blog&lt;/b&gt;</title>
  <link rel="self" href="/feed.atom"/><link href="./"/>
  <id>urn:uuid:feed</id><updated>2024-03-05T10:00:00Z</updated>
  <author><name>Feed Author</name></author>
  <entry>
    <title>Entry one</title>
    <link rel="edit" href="/edit/1"/><link rel="alternate" type="text/html" href="posts/1"/>
    <id>tag:atom.example.com,2024:1</id>
    <published>2024-03-01T09:00:00+02:00</published><updated>2024-03-04T00:00:00Z</updated>
    <summary>Sum &amp; mary</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body <b>one</b></p><ul><li>x</li><li>y</li></ul></div></content>
  </entry>
  <entry xml:base="https://other.example.org/" xml:lang="en">
    <title type="html">&lt;![CDATA[Two]]&gt;</title>
    <link rel="related" href="two"/>
    <id>tag:atom.example.com,2024:2</id><updated>2024-03-04T00:00:00Z</updated>
    <author><name>Second Author</name></author>
    <content type="html">&lt;p&gt;Two&lt;/p&gt;</content>
  </entry>
</feed>`;

  it("normalizes feed and entries, with xml:base, alternate links and inherited authors", () => {
    const feed = parse(atom);
    expect(feed).toMatchObject({
      format: "atom",
      title: "Le Blog",
      link: "https://atom.example.com/blog/",
      language: "fr",
    });
    expect(feed.items).toEqual([
      {
        id: "tag:atom.example.com,2024:1",
        title: "Entry one",
        link: "https://atom.example.com/blog/posts/1",
        publishedAt: Date.UTC(2024, 2, 1, 7),
        author: "Feed Author",
        summary: "Sum & mary",
        text: "Body one\n\n- x\n- y",
        language: "fr",
      },
      {
        id: "tag:atom.example.com,2024:2",
        title: "Two",
        link: "https://other.example.org/two",
        publishedAt: Date.UTC(2024, 2, 4),
        author: "Second Author",
        summary: null,
        text: "Two",
        language: "en",
      },
    ]);
  });

  it("reads Atom 0.3 (issued/modified, its own namespace)", () => {
    const feed = parse(`<?xml version="1.0"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title><link rel="alternate" type="text/html" href="http://old.example.com/"/>
<modified>2005-10-11T18:30:02Z</modified>
<entry><title>E</title><link rel="alternate" type="text/html" href="http://old.example.com/e"/><id>e1</id>
<issued>2005-10-11T18:30:02Z</issued><modified>2005-10-12T18:30:02Z</modified><summary>S</summary></entry></feed>`);
    expect(feed).toMatchObject({ format: "atom", title: "Old Atom", link: "http://old.example.com/" });
    expect(feed.items[0]).toMatchObject({
      id: "e1",
      link: "http://old.example.com/e",
      publishedAt: Date.UTC(2005, 9, 11, 18, 30, 2),
    });
  });
});

describe("parseFeed: JSON Feed", () => {
  it("reads JSON Feed 1.1 (authors, language, content_html, relative url)", () => {
    const feed = parse(
      JSON.stringify({
        version: "https://jsonfeed.org/version/1.1",
        title: "JSON &amp; News",
        home_page_url: "https://json.example.com/",
        language: "en-US",
        authors: [{ name: "Feed Person" }],
        items: [
          {
            id: 42,
            url: "/posts/42",
            title: "Forty-two",
            content_html: "<p>Answer</p><p>Question</p>",
            summary: "Short",
            date_published: "2024-03-05T10:00:00-05:00",
            authors: [{ name: "Item Person" }],
            language: "en-GB",
          },
          { id: "x", external_url: "https://elsewhere.example/x", content_text: "Plain <text>\n\nSecond" },
        ],
      }),
    );
    expect(feed).toMatchObject({
      format: "json",
      title: "JSON & News",
      link: "https://json.example.com/",
      language: "en-US",
    });
    expect(feed.items).toEqual([
      {
        id: "42",
        title: "Forty-two",
        link: "https://news.example.com/posts/42",
        publishedAt: Date.UTC(2024, 2, 5, 15),
        author: "Item Person",
        summary: "Short",
        text: "Answer\n\nQuestion",
        language: "en-GB",
      },
      {
        id: "x",
        title: "Plain <text> Second",
        link: "https://elsewhere.example/x",
        publishedAt: null,
        author: "Feed Person",
        summary: null,
        text: "Plain <text>\n\nSecond",
        language: "en-US",
      },
    ]);
  });

  it("reads JSON Feed 1.0 (single author, date_modified fallback)", () => {
    const feed = parse(
      JSON.stringify({
        version: "https://jsonfeed.org/version/1",
        title: "One Oh",
        author: { name: "Solo" },
        items: [{ id: "1", url: "https://one.example/1", content_text: "Hi", date_modified: "2020-01-01T00:00:00Z" }],
      }),
    );
    expect(feed.items[0]).toMatchObject({ author: "Solo", publishedAt: Date.UTC(2020, 0, 1), title: "Hi" });
  });
});

describe("parseFeed: rejections", () => {
  it("rejects an HTML page, pointing at feed discovery", () => {
    const error = rejection("<!DOCTYPE html>\n<html><head><title>Home</title></head><body>Hi</body></html>");
    expect(error.code).toBe("not_a_feed");
    expect(error.message).toContain("HTML page");
    expect(error.message).toContain("<link rel=alternate>");
  });

  it("rejects XML that is not a feed, naming the root element", () => {
    const error = rejection('<?xml version="1.0"?><foo><bar/></foo>');
    expect(error.code).toBe("not_a_feed");
    expect(error.message).toBe("the XML root element <foo> is not rss, feed or rdf:RDF");
    expect(rejection('<opml version="2.0"><body/></opml>').message).toContain("OPML");
  });

  it("rejects empty and non-markup text", () => {
    expect(rejection("")).toMatchObject({ code: "not_a_feed", message: "the document is empty" });
    expect(rejection(" \n\uFEFF")).toMatchObject({ code: "not_a_feed" });
    expect(rejection("hello world").message).toMatch(/neither XML nor JSON/);
  });

  it("rejects JSON that is not a JSON Feed, and broken JSON", () => {
    expect(rejection('{"name":"package","version":"1.0.0"}')).toMatchObject({ code: "not_a_feed" });
    expect(rejection("[1,2,3]")).toMatchObject({ code: "not_a_feed" });
    expect(rejection('{"version": "https://jsonfeed.org/version/1.1", ')).toMatchObject({ code: "parse" });
  });

  it("rejects malformed XML with the parser's reason and line", () => {
    const error = rejection('<?xml version="1.0"?>\n<rss version="2.0">\n<channel><title>x</title>\n</rss>');
    expect(error.code).toBe("parse");
    expect(error.message).toMatch(/^not well-formed XML: .*channel.* at line 4/);
    expect(rejection("<rss><channel><title a=1>x</title></channel></rss>").code).toBe("parse");
  });

  it("rejects <rss> without a channel and refuses external entities", () => {
    expect(rejection('<rss version="2.0"></rss>').message).toContain("no <channel>");
    const xxe = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&x;</title></channel></rss>`;
    expect(rejection(xxe).code).toBe("parse");
  });

  it("does not expand entity bombs, and keeps the first 500 items of a 5,000-item feed", () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<rss version="2.0"><channel><title>&c;&c;&c;</title></channel></rss>`;
    let title = "";
    try {
      title = parseFeed(bomb, FEED_URL).title;
    } catch (error) {
      expect(error).toBeInstanceOf(FeedError);
    }
    expect(title.length).toBeLessThan(1000);

    const big = rss(
      Array.from(
        { length: 5000 },
        (_, i) => `<item><title>t${i}</title><description>${"word ".repeat(150)}</description></item>`,
      ).join(""),
    );
    // Its speed is measured by bench:ingest (200 feeds of 500 items), not with a stopwatch here.
    expect(parseFeed(big, FEED_URL).items).toHaveLength(500);
  });
});

describe("parseFeed: lenient fallback and hard cases", () => {
  const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
  const atomEntry = (inner: string) =>
    `<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><id>urn:f</id><updated>2024-01-01T00:00:00Z</updated><entry><title>E</title><id>urn:e</id><updated>2024-01-01T00:00:00Z</updated>${inner}</entry></feed>`;

  it("recovers the items of an ill-formed feed and flags it; a well-formed one is not flagged", () => {
    const broken = parse(
      '<rss version="2.0"><channel><title>F</title><item><title>One</title><link>https://a.example/1</link><description>Bold <b>text</i> &mdash; here</description></item><item><title>Two</title><link>https://a.example/2</link></item><item><title>Cut',
    );
    expect(broken.lenient).toBe(true);
    expect(broken.items.map((item) => [item.title, item.link])).toEqual([
      ["One", "https://a.example/1"],
      ["Two", "https://a.example/2"],
      ["Cut", null],
    ]);
    expect(broken.items[0]?.text).toContain("— here");
    expect(
      parse('<rss version="2.0"><channel><title>F</title><item><title>Ok</title></item></channel></rss>').lenient,
    ).toBe(false);
  });

  it("decodes Atom type=base64 and Atom 0.3 mode=base64 content", () => {
    expect(parse(atomEntry(`<content type="base64">${b64("<p>Decoded words</p>")}</content>`)).items[0]?.text).toBe(
      "Decoded words",
    );
    const atom03 = `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>F</title><entry><title>E</title><id>urn:e</id><issued>2024-01-01T00:00:00Z</issued><content type="text/html" mode="base64">${b64("<p>Mode words</p>")}</content></entry></feed>`;
    expect(parse(atom03).items[0]?.text).toBe("Mode words");
  });

  it("keeps escaped markup that is text as words, in RSS and Atom titles and Atom text summaries", () => {
    const rss = parse(
      '<rss version="2.0"><channel><title>F</title><item><title>History of the &lt;blink&gt; tag, &lt;em&gt;really&lt;/em&gt;</title></item></channel></rss>',
    );
    expect(rss.items[0]?.title).toBe("History of the <blink> tag, really");
    const atom = parse(atomEntry('<summary type="text">Use &lt;marquee&gt; sparingly</summary>'));
    expect(atom.items[0]?.text).toBe("Use <marquee> sparingly");
  });

  it("reads an RSS document whose elements carry a namespace prefix", () => {
    const feed = parse(
      '<r:rss xmlns:r="http://backend.userland.com/rss2" version="2.0"><r:channel><r:title>F</r:title><r:item><r:title>P</r:title><r:link>https://a.example/p</r:link></r:item></r:channel></r:rss>',
    );
    expect(feed.lenient).toBe(false);
    expect(feed.items.map((item) => [item.title, item.link])).toEqual([["P", "https://a.example/p"]]);
  });

  it("prefers publication dates over modification dates, falling through unparseable ones", () => {
    const rss = parse(
      '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>F</title><item><title>A</title><atom:updated>2024-05-09T00:00:00Z</atom:updated><dc:date>2024-05-08T00:00:00Z</dc:date><pubDate>soon</pubDate></item></channel></rss>',
    );
    expect(rss.items[0]?.publishedAt).toBe(Date.UTC(2024, 4, 8));
    const atom = parse(atomEntry("<published>2024-06-01T00:00:00Z</published>"));
    expect(atom.items[0]?.publishedAt).toBe(Date.UTC(2024, 5, 1));
  });

  it("reads categories from RSS, Atom (label, else term) and JSON Feed tags", () => {
    const atom = parse(atomEntry('<category term="tech"/><category term="ai" label="AI"/><category term="tech"/>'));
    expect(atom.items[0]?.categories).toEqual(["tech", "AI"]);
  });
});
