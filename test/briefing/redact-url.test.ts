// redactUrl, the one way a URL that may carry a password is printed: user info, query parameters
// in any case and position, and strings that are no URL at all. The logger uses it for database keys.
import { describe, expect, it } from "vitest";
import { redactUrl } from "../../src/briefing/redact-url.js";
import { redactDatabaseUrl } from "../../src/store/store.js";

describe("redactUrl", () => {
  it("hides a password in the user info and keeps the rest", () => {
    expect(redactUrl("postgres://bot:s3cret@db.internal:5432/briefbot")).toBe(
      "postgres://bot:***@db.internal:5432/briefbot",
    );
  });

  it("hides credential parameters in any case and position, keeping the others", () => {
    const shown = redactUrl(
      "postgresql://bot@db/briefbot?sslmode=require&PassWord=s3cret&application_name=x&sslpassword=k3y&TOKEN=t0k",
    );
    expect(shown).not.toMatch(/s3cret|k3y|t0k/);
    expect(shown).toBe(
      "postgresql://bot@db/briefbot?sslmode=require&PassWord=***&application_name=x&sslpassword=***&TOKEN=***",
    );
    expect(redactUrl("postgres://db/x?password=a&password=b")).toBe("postgres://db/x?password=***");
  });

  it("hides the whole of a string that cannot be read as a URL", () => {
    expect(redactUrl("postgres://bot:s3cret@[bad")).not.toContain("s3cret");
  });

  it("is what the store prints for a database URL; a SQLite path stays as it is", () => {
    expect(redactDatabaseUrl("postgres://u:p@h/db?password=q")).toBe("postgres://u:***@h/db?password=***");
    expect(redactDatabaseUrl("/var/lib/briefbot/briefbot.db")).toBe("/var/lib/briefbot/briefbot.db");
  });
});
