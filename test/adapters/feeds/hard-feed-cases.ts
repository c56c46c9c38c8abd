// Hard real-world feed cases written for briefbot (none copied from another project): each is a small
// document modelled on a common breakage, with the projection a careful reader expects of its items.
// hard-feed-corpus.test.ts scores parseFeed against them; the pass rate must not fall.

/** What one item must project to; a field left out is not checked. Dates are ISO 8601 UTC. */
export interface ExpectedItem {
  title?: string;
  link?: string | null;
  date?: string | null;
  guid?: string | null;
  author?: string | null;
  categories?: string[];
}

export interface HardFeedCase {
  name: string;
  /** The document as the fetcher would decode it (a string), or raw bytes with their content type. */
  body: string | { bytes: Uint8Array; contentType: string | null };
  url?: string;
  items: ExpectedItem[];
}

const rss = (items: string, channelExtra = "", rssAttrs = 'version="2.0"') =>
  `<?xml version="1.0" encoding="utf-8"?>\n<rss ${rssAttrs}><channel><title>Feed</title><link>https://example.com/</link>${channelExtra}${items}</channel></rss>`;

const atom = (entries: string, feedAttrs = "", feedExtra = "") =>
  `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"${feedAttrs}><title>Feed</title><id>urn:feed</id><updated>2024-01-01T00:00:00Z</updated>${feedExtra}${entries}</feed>`;

const utf8 = (text: string) => new TextEncoder().encode(text);
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

export const HARD_FEED_CASES: HardFeedCase[] = [
  // --- entities ---
  {
    name: "RSS title with an undeclared HTML entity (&nbsp;)",
    body: rss("<item><title>Rates&nbsp;rise again</title><link>https://example.com/a</link><guid>a1</guid></item>"),
    items: [{ title: "Rates rise again", link: "https://example.com/a", guid: "a1" }],
  },
  {
    name: "RSS with &mdash; and &hellip; in titles and descriptions",
    body: rss(
      "<item><title>Storm &mdash; day two</title><description>Roads closed&hellip;</description><link>https://example.com/b</link></item><item><title>Second</title><link>https://example.com/c</link></item>",
    ),
    items: [
      { title: "Storm — day two", link: "https://example.com/b" },
      { title: "Second", link: "https://example.com/c" },
    ],
  },
  {
    name: "unescaped ampersand in a link query string",
    body: rss(
      "<item><title>Q&amp;A</title><link>https://example.com/p?a=1&b=2</link><pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate></item>",
    ),
    items: [{ title: "Q&A", link: "https://example.com/p?a=1&b=2", date: "2024-01-02T10:00:00.000Z" }],
  },
  {
    name: "unescaped ampersand in a title",
    body: rss("<item><title>AT&T and Verizon</title><link>https://example.com/att</link></item>"),
    items: [{ title: "AT&T and Verizon", link: "https://example.com/att" }],
  },
  {
    name: "numeric character references (decimal and hex)",
    body: rss("<item><title>Caf&#233; &#x2013; open</title><link>https://example.com/cafe</link></item>"),
    items: [{ title: "Café – open", link: "https://example.com/cafe" }],
  },
  {
    name: "double-escaped entity in a title (&amp;amp;)",
    body: rss("<item><title>Tom &amp;amp; Jerry</title><link>https://example.com/tj</link></item>"),
    items: [{ title: "Tom & Jerry", link: "https://example.com/tj" }],
  },
  {
    name: "escaped markup that is text in an RSS title",
    body: rss("<item><title>History of the &lt;blink&gt; tag</title><link>https://example.com/blink</link></item>"),
    items: [{ title: "History of the <blink> tag", link: "https://example.com/blink" }],
  },
  {
    name: "escaped markup that is text in an Atom text title",
    body: atom(
      '<entry><title type="text">Why &lt;marquee&gt; died</title><id>urn:m</id><link href="https://example.com/m"/><updated>2024-01-03T00:00:00Z</updated></entry>',
    ),
    items: [{ title: "Why <marquee> died", link: "https://example.com/m", date: "2024-01-03T00:00:00.000Z" }],
  },
  {
    name: "escaped inline HTML in an RSS title is formatting",
    body: rss("<item><title>A &lt;em&gt;big&lt;/em&gt; win</title><link>https://example.com/em</link></item>"),
    items: [{ title: "A big win", link: "https://example.com/em" }],
  },
  {
    name: "Atom html title with markup",
    body: atom(
      '<entry><title type="html">Deal &amp;amp; &lt;b&gt;more&lt;/b&gt;</title><id>urn:h</id><link href="https://example.com/h"/><updated>2024-01-03T00:00:00Z</updated></entry>',
    ),
    items: [{ title: "Deal & more", link: "https://example.com/h" }],
  },
  {
    name: "Atom xhtml title",
    body: atom(
      '<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">An <i>xhtml</i> title</div></title><id>urn:x</id><link href="https://example.com/x"/><updated>2024-01-03T00:00:00Z</updated></entry>',
    ),
    items: [{ title: "An xhtml title", link: "https://example.com/x" }],
  },
  // --- broken structure ---
  {
    name: "bad closing tag inside a description",
    body: rss(
      "<item><title>One</title><link>https://example.com/1</link><description>Text <b>bold</i> here</description></item><item><title>Two</title><link>https://example.com/2</link></item>",
    ),
    items: [
      { title: "One", link: "https://example.com/1" },
      { title: "Two", link: "https://example.com/2" },
    ],
  },
  {
    name: "mismatched closing tag for an item element",
    body: rss(
      "<item><title>First</titel><link>https://example.com/f</link></item><item><title>Next</title><link>https://example.com/n</link></item>",
    ),
    items: [{ link: "https://example.com/f" }, { title: "Next", link: "https://example.com/n" }],
  },
  {
    name: "raw HTML in a description, not escaped",
    body: rss(
      '<item><title>Raw</title><link>https://example.com/raw</link><description><p>Hello<br>world <img src="x.png"></p></description></item>',
    ),
    items: [{ title: "Raw", link: "https://example.com/raw" }],
  },
  {
    name: "truncated document (cut mid-item)",
    body: rss(
      "<item><title>Whole</title><link>https://example.com/w</link><guid>w</guid></item><item><title>Cut</title><link>https://example.com/cut</link><descrip",
    ).slice(0, -"</channel></rss>".length),
    items: [
      { title: "Whole", link: "https://example.com/w", guid: "w" },
      { title: "Cut", link: "https://example.com/cut" },
    ],
  },
  {
    name: "truncated Atom document",
    body: atom(
      '<entry><title>Kept</title><id>urn:k</id><link href="https://example.com/k"/><updated>2024-02-01T00:00:00Z</updated></entry><entry><title>Half',
    ).slice(0, -"</feed>".length),
    items: [{ title: "Kept", link: "https://example.com/k", date: "2024-02-01T00:00:00.000Z" }, { title: "Half" }],
  },
  {
    name: "unquoted attribute in Atom link",
    body: atom(
      "<entry><title>Unquoted</title><id>urn:u</id><link href=https://example.com/u /><updated>2024-01-05T00:00:00Z</updated></entry>",
    ),
    items: [{ title: "Unquoted", link: "https://example.com/u" }],
  },
  {
    name: "stray less-than sign in a title",
    body: rss("<item><title>Price < 10 dollars</title><link>https://example.com/lt</link></item>"),
    items: [{ link: "https://example.com/lt" }],
  },
  {
    name: "garbage after the root element",
    body: `${rss("<item><title>Tail</title><link>https://example.com/tail</link></item>")}\n<!-- cache 0.2s --><script>x</script>`,
    items: [{ title: "Tail", link: "https://example.com/tail" }],
  },
  {
    name: "whitespace and blank lines before the XML declaration",
    body: `\n\n   ${rss("<item><title>Lead</title><link>https://example.com/lead</link></item>")}`,
    items: [{ title: "Lead", link: "https://example.com/lead" }],
  },
  // --- encodings and BOMs ---
  {
    name: "UTF-8 BOM before the declaration",
    body: {
      bytes: utf8(`\ufeff${rss("<item><title>Bom é</title><link>https://example.com/bom</link></item>")}`),
      contentType: null,
    },
    items: [{ title: "Bom é", link: "https://example.com/bom" }],
  },
  {
    name: "ISO-8859-1 declared in the XML declaration",
    body: {
      bytes: Uint8Array.from(
        Buffer.from(
          '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>F</title><item><title>Caf\xe9 cr\xe8me</title><link>https://example.com/l1</link></item></channel></rss>',
          "latin1",
        ),
      ),
      contentType: "application/rss+xml",
    },
    items: [{ title: "Café crème", link: "https://example.com/l1" }],
  },
  {
    name: "windows-1252 smart quotes declared",
    body: {
      bytes: Uint8Array.from(
        Buffer.from(
          '<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>F</title><item><title>\x93Quoted\x94 \x96 dash</title><link>https://example.com/q</link></item></channel></rss>',
          "latin1",
        ),
      ),
      contentType: "text/xml",
    },
    items: [{ title: "“Quoted” – dash", link: "https://example.com/q" }],
  },
  {
    name: "UTF-16LE with BOM",
    body: {
      bytes: Uint8Array.from(
        Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from(
            '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>F</title><item><title>Sixteen</title><link>https://example.com/16</link></item></channel></rss>',
            "utf16le",
          ),
        ]),
      ),
      contentType: null,
    },
    items: [{ title: "Sixteen", link: "https://example.com/16" }],
  },
  {
    name: "HTTP charset overrides a wrong declaration",
    body: {
      bytes: utf8(
        '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>F</title><item><title>Ünïcode</title><link>https://example.com/u8</link></item></channel></rss>',
      ),
      contentType: "application/xml; charset=utf-8",
    },
    items: [{ title: "Ünïcode", link: "https://example.com/u8" }],
  },
  // --- CDATA ---
  {
    name: "CDATA title and description",
    body: rss(
      "<item><title><![CDATA[Fish & Chips <now>]]></title><link>https://example.com/fc</link><description><![CDATA[<p>Menu</p>]]></description></item>",
    ),
    items: [{ title: "Fish & Chips <now>", link: "https://example.com/fc" }],
  },
  {
    name: "CDATA around the link",
    body: rss("<item><title>Cd</title><link><![CDATA[ https://example.com/cd ]]></link></item>"),
    items: [{ title: "Cd", link: "https://example.com/cd" }],
  },
  {
    name: "CDATA with escaped HTML title",
    body: rss("<item><title><![CDATA[Bread &amp; Butter]]></title><link>https://example.com/bb</link></item>"),
    items: [{ title: "Bread & Butter", link: "https://example.com/bb" }],
  },
  // --- namespaces and prefixes ---
  {
    name: "RSS with a namespace prefix on every element",
    body: '<?xml version="1.0"?><r:rss xmlns:r="http://backend.userland.com/rss2" version="2.0"><r:channel><r:title>F</r:title><r:item><r:title>Prefixed</r:title><r:link>https://example.com/pr</r:link><r:guid isPermaLink="false">p1</r:guid><r:pubDate>Wed, 03 Jan 2024 08:00:00 +0000</r:pubDate></r:item></r:channel></r:rss>',
    items: [{ title: "Prefixed", link: "https://example.com/pr", guid: "p1", date: "2024-01-03T08:00:00.000Z" }],
  },
  {
    name: "Atom with an atom: prefix",
    body: '<?xml version="1.0"?><atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>F</atom:title><atom:id>urn:f</atom:id><atom:updated>2024-01-01T00:00:00Z</atom:updated><atom:entry><atom:title>Pre Atom</atom:title><atom:id>urn:pa</atom:id><atom:link href="https://example.com/pa"/><atom:updated>2024-01-04T00:00:00Z</atom:updated><atom:author><atom:name>Ann</atom:name></atom:author></atom:entry></atom:feed>',
    items: [
      {
        title: "Pre Atom",
        link: "https://example.com/pa",
        guid: "urn:pa",
        author: "Ann",
        date: "2024-01-04T00:00:00.000Z",
      },
    ],
  },
  {
    name: "RSS 1.0 with rss: prefix on items",
    body: '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><rss:channel rdf:about="https://example.com/"><rss:title>F</rss:title><rss:link>https://example.com/</rss:link></rss:channel><rss:item rdf:about="https://example.com/rp"><rss:title>RDF prefixed</rss:title><rss:link>https://example.com/rp</rss:link><dc:date>2024-01-06T12:00:00Z</dc:date><dc:creator>Bo</dc:creator></rss:item></rdf:RDF>',
    items: [{ title: "RDF prefixed", link: "https://example.com/rp", date: "2024-01-06T12:00:00.000Z", author: "Bo" }],
  },
  {
    name: "Atom default namespace declared with a different prefix for extensions",
    body: atom(
      '<entry><title>Ext</title><id>urn:e</id><link href="https://example.com/e"/><updated>2024-01-05T00:00:00Z</updated><media:thumbnail xmlns:media="http://search.yahoo.com/mrss/" url="https://example.com/t.png"/></entry>',
    ),
    items: [{ title: "Ext", link: "https://example.com/e" }],
  },
  // --- xml:base and relative links ---
  {
    name: "Atom xml:base on the feed",
    body: atom(
      '<entry><title>Rel</title><id>urn:r</id><link href="posts/rel"/><updated>2024-01-05T00:00:00Z</updated></entry>',
      ' xml:base="https://blog.example.org/base/"',
    ),
    items: [{ title: "Rel", link: "https://blog.example.org/base/posts/rel" }],
  },
  {
    name: "Atom xml:base on the entry overrides the feed's",
    body: atom(
      '<entry xml:base="/other/"><title>Rel2</title><id>urn:r2</id><link href="x"/><updated>2024-01-05T00:00:00Z</updated></entry>',
      ' xml:base="https://blog.example.org/base/"',
    ),
    items: [{ title: "Rel2", link: "https://blog.example.org/other/x" }],
  },
  {
    name: "RSS relative link resolves against the feed URL",
    body: rss("<item><title>Rel3</title><link>/news/3</link></item>"),
    url: "https://news.example.net/rss.xml",
    items: [{ title: "Rel3", link: "https://news.example.net/news/3" }],
  },
  {
    name: "protocol-relative link",
    body: rss("<item><title>Pr</title><link>//cdn.example.com/p</link></item>"),
    items: [{ title: "Pr", link: "https://cdn.example.com/p" }],
  },
  // --- dates ---
  {
    name: "RFC 822 date with a named US zone",
    body: rss(
      "<item><title>D1</title><link>https://example.com/d1</link><pubDate>Mon, 01 Jan 2024 09:30:00 EST</pubDate></item>",
    ),
    items: [{ date: "2024-01-01T14:30:00.000Z" }],
  },
  {
    name: "RFC 822 date without a weekday and with a two-digit year",
    body: rss(
      "<item><title>D2</title><link>https://example.com/d2</link><pubDate>5 Mar 24 17:00 +0100</pubDate></item>",
    ),
    items: [{ date: "2024-03-05T16:00:00.000Z" }],
  },
  {
    name: "ISO 8601 date in pubDate",
    body: rss(
      "<item><title>D3</title><link>https://example.com/d3</link><pubDate>2024-04-01T12:00:00+02:00</pubDate></item>",
    ),
    items: [{ date: "2024-04-01T10:00:00.000Z" }],
  },
  {
    name: "full month and weekday names",
    body: rss(
      "<item><title>D4</title><link>https://example.com/d4</link><pubDate>Thursday, 04 January 2024 07:00:00 GMT</pubDate></item>",
    ),
    items: [{ date: "2024-01-04T07:00:00.000Z" }],
  },
  {
    name: "unparseable date leaves it empty",
    body: rss("<item><title>D5</title><link>https://example.com/d5</link><pubDate>yesterday</pubDate></item>"),
    items: [{ date: null }],
  },
  {
    name: "RSS pubDate wins over dc:date and atom:updated",
    body: rss(
      "<item><title>D6</title><link>https://example.com/d6</link><atom:updated>2024-05-09T00:00:00Z</atom:updated><dc:date>2024-05-08T00:00:00Z</dc:date><pubDate>Tue, 07 May 2024 00:00:00 GMT</pubDate></item>",
      "",
      'version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"',
    ),
    items: [{ date: "2024-05-07T00:00:00.000Z" }],
  },
  {
    name: "RSS falls back to dc:date when pubDate is unparseable",
    body: rss(
      "<item><title>D7</title><link>https://example.com/d7</link><pubDate>n/a</pubDate><dc:date>2024-05-08T00:00:00Z</dc:date></item>",
      "",
      'version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ),
    items: [{ date: "2024-05-08T00:00:00.000Z" }],
  },
  {
    name: "Atom published wins over updated",
    body: atom(
      '<entry><title>D8</title><id>urn:d8</id><link href="https://example.com/d8"/><updated>2024-06-02T00:00:00Z</updated><published>2024-06-01T00:00:00Z</published></entry>',
    ),
    items: [{ date: "2024-06-01T00:00:00.000Z" }],
  },
  {
    name: "Atom 0.3 issued and modified",
    body: '<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>F</title><entry><title>D9</title><link rel="alternate" type="text/html" href="https://example.com/d9"/><id>urn:d9</id><modified>2024-06-05T00:00:00Z</modified><issued>2024-06-04T00:00:00Z</issued></entry></feed>',
    items: [{ title: "D9", link: "https://example.com/d9", date: "2024-06-04T00:00:00.000Z" }],
  },
  {
    name: "JSON Feed date_published wins over date_modified",
    body: JSON.stringify({
      version: "https://jsonfeed.org/version/1.1",
      title: "F",
      items: [
        {
          id: "j9",
          url: "https://example.com/j9",
          title: "J9",
          date_modified: "2024-06-09T00:00:00Z",
          date_published: "2024-06-08T00:00:00Z",
        },
      ],
    }),
    items: [{ date: "2024-06-08T00:00:00.000Z", guid: "j9" }],
  },
  {
    name: "date with fractional seconds and lower-case z",
    body: atom(
      '<entry><title>D10</title><id>urn:d10</id><link href="https://example.com/d10"/><updated>2024-06-10T10:20:30.123456z</updated></entry>',
    ),
    items: [{ date: "2024-06-10T10:20:30.123Z" }],
  },
  // --- missing fields ---
  {
    name: "RSS item with no title uses its description",
    body: rss("<item><description>Only a description here</description><link>https://example.com/nt</link></item>"),
    items: [{ title: "Only a description here", link: "https://example.com/nt" }],
  },
  {
    name: "RSS item with no link uses a permalink guid",
    body: rss("<item><title>G</title><guid>https://example.com/g</guid></item>"),
    items: [{ title: "G", link: "https://example.com/g", guid: "https://example.com/g" }],
  },
  {
    name: "guid isPermaLink=false is not a link",
    body: rss('<item><title>G2</title><guid isPermaLink="false">https://example.com/g2</guid></item>'),
    items: [{ title: "G2", link: null, guid: "https://example.com/g2" }],
  },
  {
    name: "empty channel",
    body: rss(""),
    items: [],
  },
  {
    name: "Atom entry without a link falls back to none",
    body: atom("<entry><title>NoLink</title><id>urn:nl</id><updated>2024-01-01T00:00:00Z</updated></entry>"),
    items: [{ title: "NoLink", link: null, guid: "urn:nl" }],
  },
  {
    name: "Atom entry inherits the feed author",
    body: atom(
      '<entry><title>Au</title><id>urn:au</id><link href="https://example.com/au"/><updated>2024-01-01T00:00:00Z</updated></entry>',
      "",
      "<author><name>Feed Author</name></author>",
    ),
    items: [{ author: "Feed Author" }],
  },
  // --- HTML in titles ---
  {
    name: "RSS title with literal (CDATA) HTML",
    body: rss("<item><title><![CDATA[<b>Bold</b> news]]></title><link>https://example.com/bn</link></item>"),
    items: [{ title: "Bold news", link: "https://example.com/bn" }],
  },
  {
    name: "title with escaped entity references inside (&amp;quot;)",
    body: rss("<item><title>He said &amp;quot;no&amp;quot;</title><link>https://example.com/q2</link></item>"),
    items: [{ title: 'He said "no"' }],
  },
  // --- authors and categories ---
  {
    name: "RSS author email with name in parentheses",
    body: rss(
      "<item><title>A1</title><link>https://example.com/a1</link><author>jo@example.com (Jo Bloggs)</author></item>",
    ),
    items: [{ author: "Jo Bloggs" }],
  },
  {
    name: "RSS categories, several and with domains",
    body: rss(
      '<item><title>C1</title><link>https://example.com/c1</link><category>Politics</category><category domain="https://example.com/tags">World &amp; Nation</category></item>',
    ),
    items: [{ categories: ["Politics", "World & Nation"] }],
  },
  {
    name: "Atom categories use term, or label when present",
    body: atom(
      '<entry><title>C2</title><id>urn:c2</id><link href="https://example.com/c2"/><updated>2024-01-01T00:00:00Z</updated><category term="tech"/><category term="ai" label="Artificial intelligence"/></entry>',
    ),
    items: [{ categories: ["tech", "Artificial intelligence"] }],
  },
  {
    name: "dc:subject as categories in RSS 1.0",
    body: '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://example.com/"><title>F</title><link>https://example.com/</link></channel><item rdf:about="https://example.com/s"><title>Subj</title><link>https://example.com/s</link><dc:subject>Science</dc:subject></item></rdf:RDF>',
    items: [{ title: "Subj", categories: ["Science"] }],
  },
  {
    name: "JSON Feed tags and authors (1.1)",
    body: JSON.stringify({
      version: "https://jsonfeed.org/version/1.1",
      title: "F",
      authors: [{ name: "Feed Person" }],
      items: [
        {
          id: "t1",
          url: "https://example.com/t1",
          title: "T1",
          tags: ["one", "two"],
          authors: [{ name: "Item Person" }],
        },
      ],
    }),
    items: [{ author: "Item Person", categories: ["one", "two"] }],
  },
  {
    name: "JSON Feed 1.0 author (singular) and external_url",
    body: JSON.stringify({
      version: "https://jsonfeed.org/version/1",
      title: "F",
      items: [
        {
          id: 42,
          external_url: "https://other.example.com/x",
          title: "Old",
          author: { name: "Solo" },
          content_text: "t",
        },
      ],
    }),
    items: [{ title: "Old", guid: "42", author: "Solo", link: "https://other.example.com/x" }],
  },
  {
    name: "JSON Feed relative URL against the feed URL",
    body: JSON.stringify({
      version: "https://jsonfeed.org/version/1.1",
      title: "F",
      home_page_url: "https://site.example.com/",
      items: [{ id: "r", url: "/post/r", content_html: "<p>x</p>", title: "R" }],
    }),
    url: "https://site.example.com/feed.json",
    items: [{ title: "R", link: "https://site.example.com/post/r" }],
  },
  {
    name: "JSON Feed with a UTF-8 BOM",
    body: {
      bytes: utf8(
        `\ufeff${JSON.stringify({ version: "https://jsonfeed.org/version/1.1", title: "F", items: [{ id: "b", url: "https://example.com/jb", title: "JB" }] })}`,
      ),
      contentType: "application/feed+json",
    },
    items: [{ title: "JB", link: "https://example.com/jb" }],
  },
  // --- duplicate guids ---
  {
    name: "duplicate guids keep both items",
    body: rss(
      "<item><title>Dup1</title><link>https://example.com/dup1</link><guid>same</guid></item><item><title>Dup2</title><link>https://example.com/dup2</link><guid>same</guid></item>",
    ),
    items: [
      { title: "Dup1", guid: "same" },
      { title: "Dup2", guid: "same" },
    ],
  },
  // --- RSS 0.91 / 1.0 / RDF ---
  {
    name: "RSS 0.91 with a DOCTYPE",
    body: '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>F</title><link>https://example.com/</link><item><title>Old school</title><link>https://example.com/os</link></item></channel></rss>',
    items: [{ title: "Old school", link: "https://example.com/os" }],
  },
  {
    name: "RSS 0.91 DOCTYPE makes &nbsp; legal",
    body: '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>F</title><link>https://example.com/</link><item><title>Non&nbsp;breaking</title><link>https://example.com/nb</link></item></channel></rss>',
    items: [{ title: "Non breaking", link: "https://example.com/nb" }],
  },
  {
    name: "RSS 1.0 RDF with items outside the channel",
    body: '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://example.com/"><title>F</title><link>https://example.com/</link><items><rdf:Seq><rdf:li resource="https://example.com/r1"/></rdf:Seq></items></channel><item rdf:about="https://example.com/r1"><title>R1</title><link>https://example.com/r1</link><dc:date>2024-02-02T02:02:02+00:00</dc:date></item></rdf:RDF>',
    items: [{ title: "R1", link: "https://example.com/r1", date: "2024-02-02T02:02:02.000Z" }],
  },
  {
    name: "RSS 0.90 (netscape namespace)",
    body: '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>F</title><link>https://example.com/</link></channel><item><title>Ninety</title><link>https://example.com/90</link></item></rdf:RDF>',
    items: [{ title: "Ninety", link: "https://example.com/90" }],
  },
  {
    name: "RDF item with only rdf:about",
    body: '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://example.com/"><title>F</title><link>https://example.com/</link></channel><item rdf:about="https://example.com/ab"><title>About</title></item></rdf:RDF>',
    items: [{ title: "About", link: "https://example.com/ab" }],
  },
  // --- content ---
  {
    name: "Atom content type=base64 is decoded",
    body: atom(
      `<entry><title>B64</title><id>urn:b64</id><link href="https://example.com/b64"/><updated>2024-01-01T00:00:00Z</updated><content type="base64">${b64("<p>Decoded words here</p>")}</content></entry>`,
    ),
    items: [{ title: "B64", link: "https://example.com/b64" }],
  },
  {
    name: "Atom 0.3 content mode=base64 is decoded",
    body: `<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>F</title><entry><title>B64b</title><link rel="alternate" href="https://example.com/b64b"/><id>urn:b64b</id><issued>2024-01-01T00:00:00Z</issued><content type="text/html" mode="base64">${b64("<p>Mode words</p>")}</content></entry></feed>`,
    items: [{ title: "B64b", link: "https://example.com/b64b" }],
  },
  {
    name: "Atom link preference: alternate over enclosure and self",
    body: atom(
      '<entry><title>Lk</title><id>urn:lk</id><link rel="enclosure" href="https://example.com/a.mp3"/><link rel="self" href="https://example.com/self"/><link rel="alternate" type="text/html" href="https://example.com/alt"/><updated>2024-01-01T00:00:00Z</updated></entry>',
    ),
    items: [{ link: "https://example.com/alt" }],
  },
  {
    name: "RSS link with surrounding whitespace and newlines",
    body: rss("<item><title>Ws</title><link>\n    https://example.com/ws\n  </link></item>"),
    items: [{ link: "https://example.com/ws" }],
  },
  {
    name: "RSS with content:encoded and an undeclared entity in it",
    body: rss(
      "<item><title>Ce</title><link>https://example.com/ce</link><content:encoded>Body&rsquo;s text</content:encoded></item>",
      "",
      'version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"',
    ),
    items: [{ title: "Ce", link: "https://example.com/ce" }],
  },
  {
    name: "undeclared namespace prefix",
    body: rss("<item><title>Ns</title><link>https://example.com/ns</link><foo:bar>x</foo:bar></item>"),
    items: [{ title: "Ns", link: "https://example.com/ns" }],
  },
];
