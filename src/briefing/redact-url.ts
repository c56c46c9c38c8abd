// The one way a URL that may carry a secret is printed (logs, errors, command output): the
// password in the user info and every credential-like query parameter, in any case, become "***".

/** Query parameter names that carry secrets (libpq's password and sslpassword, tokens, keys). */
const SECRET_PARAM = /pass|pwd|secret|token|key/i;

export const REDACTED = "***";

/** `url` with its password and credential parameters replaced; a string that is no URL is hidden whole. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return "(a URL that could not be read; not shown in case it holds a password)";
  }
  if (parsed.password !== "") parsed.password = REDACTED;
  for (const name of new Set(parsed.searchParams.keys())) {
    if (SECRET_PARAM.test(name)) parsed.searchParams.set(name, REDACTED);
  }
  return parsed.toString();
}
