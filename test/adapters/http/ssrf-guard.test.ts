// The SSRF guard's address classification and URL parsing, without any network: which addresses
// count as public, which spellings the URL parser folds into refused ones, and the error codes.
import { describe, expect, it } from "vitest";
import { HttpFetchError } from "../../../src/adapters/http/http-fetch-error.js";
import {
  addressPolicy,
  assertAllowedUrl,
  checkAddress,
  classifyAddress,
  isPublicAddress,
  parseHttpUrl,
} from "../../../src/adapters/http/ssrf-guard.js";

function thrown(action: () => unknown): HttpFetchError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpFetchError);
    return error as HttpFetchError;
  }
  throw new Error("expected an HttpFetchError");
}

describe("isPublicAddress", () => {
  it.each(["8.8.8.8", "93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"])(
    "allows %s",
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );

  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["10.1.2.3", "private"],
    ["172.31.255.255", "private"],
    ["192.168.0.1", "private"],
    ["100.100.100.100", "carrierGradeNat"],
    ["169.254.169.254", "linkLocal"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["255.255.255.255", "broadcast"],
    ["239.1.1.1", "multicast"],
    ["240.0.0.1", "reserved"],
    ["192.0.2.1", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "linkLocal"],
    ["fd12:3456::1", "uniqueLocal"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:169.254.169.254", "linkLocal"],
    ["::7f00:1", "reserved"],
    ["64:ff9b::a00:1", "rfc6052"],
    ["2002:7f00:1::", "6to4"],
    ["2001:db8::1", "reserved"],
  ])("refuses %s (%s)", (address, range) => {
    expect(classifyAddress(address).range).toBe(range);
    expect(isPublicAddress(address)).toBe(false);
  });

  it("unwraps IPv4-mapped IPv6 before judging", () => {
    expect(classifyAddress("::ffff:7f00:1")).toEqual({ address: "127.0.0.1", range: "loopback" });
    expect(classifyAddress("[::1]").address).toBe("::1");
  });
});

describe("checkAddress", () => {
  const publicOnly = addressPolicy(false);

  it("throws blocked_address naming the address and the opt-in", () => {
    const error = thrown(() => checkAddress("10.0.0.5", publicOnly, { host: "intranet.example" }));
    expect(error.code).toBe("blocked_address");
    expect(error.message).toContain("10.0.0.5 (intranet.example)");
    expect(error.message).toContain("BRIEFBOT_ALLOW_PRIVATE_FEEDS=true");
  });

  it("passes public addresses, and everything when private feeds are allowed", () => {
    expect(() => checkAddress("8.8.8.8", publicOnly)).not.toThrow();
    expect(() => checkAddress("127.0.0.1", addressPolicy(true))).not.toThrow();
  });

  it("lets a test hook widen the policy for one address only", () => {
    const policy = addressPolicy(false, (address) => address === "127.0.0.1");
    expect(() => checkAddress("::ffff:127.0.0.1", policy)).not.toThrow();
    expect(thrown(() => checkAddress("127.0.0.2", policy)).code).toBe("blocked_address");
  });

  it("refuses something that is not an IP address", () => {
    expect(thrown(() => checkAddress("example.com", addressPolicy(true))).code).toBe("blocked_address");
  });
});

describe("parseHttpUrl and assertAllowedUrl", () => {
  it.each([
    "http://0x7f000001/",
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://127.1/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::1]/",
    "http://0/",
    "https://169.254.169.254/latest/meta-data/",
  ])("sees through %s and refuses it", (input) => {
    const url = parseHttpUrl(input);
    expect(thrown(() => assertAllowedUrl(url, addressPolicy(false))).code).toBe("blocked_address");
  });

  it("leaves host names to the connect-time check", () => {
    expect(() => assertAllowedUrl(parseHttpUrl("http://localhost/"), addressPolicy(false))).not.toThrow();
  });

  it.each(["file:///etc/passwd", "ftp://example.com/", "gopher://x/", "not a url", "", "http://u:p@example.com/"])(
    "refuses %j as invalid_url",
    (input) => {
      expect(thrown(() => parseHttpUrl(input)).code).toBe("invalid_url");
    },
  );

  it("resolves a relative redirect against the current URL", () => {
    expect(parseHttpUrl("../b/feed.xml", new URL("https://example.com/a/x/index.html")).href).toBe(
      "https://example.com/a/b/feed.xml",
    );
  });
});
