// briefbot's version and the User-Agent it announces to publishers (so they can find us).
export const VERSION = "0.1.0";
export const PROJECT_URL = "https://github.com/briefbot/briefbot";
export const USER_AGENT = `briefbot/${VERSION} (+${PROJECT_URL})`;
