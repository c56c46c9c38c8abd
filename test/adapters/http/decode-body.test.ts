// decodeBody: the order of character-set sources (BOM, HTTP, XML declaration, <meta>, UTF-8), the
// windows-1252 bytes Node's TextDecoder gets wrong, and the rule for a wrongly declared Latin-1.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeBody, detectEncoding } from "../../../src/adapters/http/decode-body.js";

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part, "latin1") : Buffer.from(part))));

describe("decodeBody", () => {
  it("decodes windows-1252 smart quotes and the euro sign (0x93 0x94 0x80)", () => {
    expect(decodeBody(bytes([0x93], "hi", [0x94, 0x20, 0x80]), "text/xml; charset=windows-1252")).toBe("“hi” €");
  });

  it("decodes ISO-8859-1 as windows-1252, as browsers do", () => {
    expect(decodeBody(bytes("caf", [0xe9, 0x20, 0x93], "x", [0x94]), "text/xml; charset=ISO-8859-1")).toBe("café “x”");
  });

  it("uses the XML declaration when HTTP gives no charset", () => {
    const body = bytes('<?xml version="1.0" encoding="ISO-8859-1"?><t>Caf', [0xe9], "</t>");
    expect(decodeBody(body, "application/rss+xml")).toBe('<?xml version="1.0" encoding="ISO-8859-1"?><t>Café</t>');
    expect(detectEncoding(body, null).source).toBe("xml");
  });

  it("lets the HTTP charset win over the XML declaration", () => {
    const body = iconv.encode('<?xml version="1.0" encoding="utf-8"?><t>Ярослав</t>', "koi8-r");
    expect(decodeBody(body, "text/xml; charset=KOI8-R")).toBe('<?xml version="1.0" encoding="utf-8"?><t>Ярослав</t>');
  });

  it("decodes a UTF-16 body by its BOM (LE and BE) and strips the BOM", () => {
    const text = '<?xml version="1.0" encoding="utf-16"?><t>日本 “x”</t>';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeBody(le, "text/xml; charset=iso-8859-1")).toBe(text);
    expect(decodeBody(be, null)).toBe(text);
  });

  it("strips a UTF-8 BOM and lets it beat a contrary declaration", () => {
    expect(decodeBody(bytes([0xef, 0xbb, 0xbf]), null)).toBe("");
    expect(
      decodeBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("é")]), "text/xml; charset=koi8-r"),
    ).toBe("é");
  });

  it("prefers UTF-8 when Latin-1 is declared but the bytes are valid UTF-8 with non-ASCII", () => {
    const body = Buffer.from("<t>Café — “quoted” 日本</t>");
    expect(decodeBody(body, "text/xml; charset=iso-8859-1")).toBe("<t>Café — “quoted” 日本</t>");
    expect(detectEncoding(body, "text/xml; charset=iso-8859-1")).toMatchObject({ encoding: "utf-8", overridden: true });
    const declared = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="windows-1252"?>'), body]);
    expect(decodeBody(declared, null)).toContain("Café — “quoted” 日本");
  });

  it("keeps a Latin-1 declaration when the bytes are not valid UTF-8", () => {
    expect(decodeBody(bytes("na", [0xef], "ve"), "text/plain; charset=latin1")).toBe("naïve");
  });

  it("trusts non-Latin declarations even when the bytes happen to be valid UTF-8", () => {
    const body = Buffer.from("é");
    expect(decodeBody(body, "text/plain; charset=windows-1251")).toBe("Г©");
  });

  it("falls back past an unknown charset label to the next source", () => {
    const body = bytes('<?xml version="1.0" encoding="iso-8859-15"?><t>', [0xa4], "</t>");
    expect(decodeBody(body, "text/xml; charset=x-no-such-charset")).toContain("<t>€</t>");
    expect(decodeBody(bytes("caf", [0xc3, 0xa9]), "text/xml; charset=bogus")).toBe("café");
  });

  it("uses <meta charset> for HTML, in both spellings", () => {
    const meta = bytes(
      '<!doctype html><html><head><meta charset="windows-1252"><title>',
      [0x93],
      "x",
      [0x94],
      "</title>",
    );
    expect(decodeBody(meta, "text/html")).toContain("<title>“x”</title>");
    const httpEquiv = bytes(
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>',
      [0xe9],
    );
    expect(decodeBody(httpEquiv, null)).toContain("<p>é");
  });

  it("ignores <meta> in a document that is not HTML", () => {
    const body = bytes(
      '<rss><description><![CDATA[<meta charset="koi8-r">]]></description><t>caf',
      [0xc3, 0xa9],
      "</t></rss>",
    );
    expect(decodeBody(body, "application/rss+xml")).toContain("café");
  });

  it("treats a UTF-16 label readable as ASCII as UTF-8", () => {
    expect(decodeBody(Buffer.from('<?xml version="1.0" encoding="UTF-16"?><t>é</t>'), null)).toBe(
      '<?xml version="1.0" encoding="UTF-16"?><t>é</t>',
    );
  });

  it("detects BOM-less UTF-16 XML by its first characters", () => {
    const text = '<?xml version="1.0"?><t>é</t>';
    expect(decodeBody(Buffer.from(text, "utf16le"), null)).toBe(text);
  });

  it("defaults to UTF-8, replacing invalid sequences", () => {
    expect(decodeBody(Buffer.from("plain “utf-8”"), null)).toBe("plain “utf-8”");
    expect(decodeBody(bytes("a", [0xff], "b"), "application/json")).toBe("a\uFFFDb");
    expect(detectEncoding(bytes("abc"), null)).toMatchObject({ encoding: "utf-8", source: "default" });
  });

  it("reads a quoted charset parameter", () => {
    expect(decodeBody(bytes([0x80]), 'text/xml; charset="windows-1252"')).toBe("€");
  });
});
