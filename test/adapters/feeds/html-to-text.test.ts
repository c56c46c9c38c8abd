// htmlToText: the plain text the core summarizes and quotes, from the HTML that feeds carry.
import { describe, expect, it } from "vitest";
import { htmlToLine, htmlToText } from "../../../src/adapters/feeds/html-to-text.js";

describe("htmlToText", () => {
  it("drops scripts, styles, noscript, iframes, forms, svg and images", () => {
    const html =
      "<p>Before</p><script>alert(1)</script><style>p{color:red}</style><noscript>enable js</noscript>" +
      '<iframe src="x">frame</iframe><form><label>Email</label><input name=e></form>' +
      '<svg><text>vector</text><svg><g>nested</g></svg></svg><img src="p.gif" width="1" height="1" alt="pixel">' +
      "<p>After</p>";
    expect(htmlToText(html)).toBe("Before\n\nAfter");
  });

  it("never lets script text through, even when the closing tag is odd or missing", () => {
    expect(htmlToText("a<SCRIPT type=x>alert(1)</script >b")).toBe("ab");
    expect(htmlToText("a<script>alert(1)")).toBe("a");
    expect(htmlToText("<p>x</p><script>document.write('<p>alert(1)</p>')</script>")).toBe("x");
  });

  it("decodes named, numeric and hex entities", () => {
    expect(htmlToText("<p>Tom&rsquo;s&nbsp;caf&eacute; &amp; bar &#8364;5 &#x263A; &lt;b&gt;</p>")).toBe(
      "Tom’s café & bar €5 ☺ <b>",
    );
  });

  it("keeps @everyone and other chat syntax as text (escaping happens at render time)", () => {
    expect(htmlToText("<p>@everyone look: <b>*bold*</b> <@123></p>")).toBe("@everyone look: *bold* <@123>");
    expect(htmlToText("@everyone &lt;@here&gt;")).toBe("@everyone <@here>");
  });

  it("separates block elements into paragraphs and collapses whitespace inside them", () => {
    const html = "<h1>Title</h1>\n<div>One\n   two\t three</div><p>Para<br>Next line</p><blockquote>Quote</blockquote>";
    expect(htmlToText(html)).toBe("Title\n\nOne two three\n\nPara\n\nNext line\n\nQuote");
  });

  it("writes list items as separate '- ' lines", () => {
    expect(htmlToText("<p>Intro</p><ul><li>one</li><li><p>two</p></li><li>three</ul><p>Outro</p>")).toBe(
      "Intro\n\n- one\n- two\n- three\n\nOutro",
    );
  });

  it("keeps table cells apart", () => {
    expect(htmlToText("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>")).toBe("a b\n\nc");
  });

  it("passes plain text through with entities decoded and blank-line paragraphs", () => {
    expect(htmlToText("Fish &amp; chips\n\nsecond   paragraph\nsame one")).toBe(
      "Fish & chips\n\nsecond paragraph same one",
    );
    expect(htmlToText("a < b and c > d")).toBe("a < b and c > d");
    expect(htmlToText("")).toBe("");
  });

  it("survives broken HTML", () => {
    expect(htmlToText("<p>unclosed <b>bold <i>both</p> text")).toBe("unclosed bold both\n\ntext");
    expect(htmlToText('<a href="x>never closed')).toBe("");
    expect(htmlToText("<!-- comment never closed <p>hidden")).toBe("");
    expect(htmlToText("5 <6 and <  7")).toBe("5 <6 and < 7");
    expect(htmlToText("<p>x</p></div></div><p>y")).toBe("x\n\ny");
  });

  it("unwraps CDATA sections", () => {
    expect(htmlToText("<![CDATA[<b>Big</b> news]]>")).toBe("Big news");
  });

  // Bounded work, not a stopwatch: each input is about a megabyte, so a scan that went back over it
  // (quadratic) would need about 10^12 steps and could never end before the test timeout.
  it("is linear: 1 MB of nasty HTML ends, with no more text than it was given", () => {
    const inputs = [
      "<p>word &amp; <b>bold</b></p>".repeat(40_000),
      "<a ".repeat(300_000),
      '<a b="'.repeat(160_000),
      "<script>".repeat(120_000),
      "<svg>".repeat(200_000),
      "<!--".repeat(240_000),
      "&".repeat(1_000_000),
    ];
    for (const input of inputs) expect(htmlToText(input).length).toBeLessThanOrEqual(input.length);
  });
});

describe("htmlToLine", () => {
  it("makes one line of titles and names", () => {
    expect(htmlToLine("  <b>Breaking</b>:\n  news&nbsp;today <br/> again ")).toBe("Breaking: news today again");
  });
});
