// The house's dependency rules as data for dependency-cruiser, which resolves every import
// (static, dynamic, type-only and re-exports) to a file before a rule sees it.
import type { IForbiddenRuleType } from "dependency-cruiser";

/** Paths are relative to the cruised base directory (the repo root, or a test's temporary tree). */
export const DEPENDENCY_RULES: IForbiddenRuleType[] = [
  {
    name: "core-imports-only-zod-and-itself",
    comment: "src/briefing is the core: no platform SDK, DB driver, HTTP client, node builtin or adapter.",
    severity: "error",
    from: { path: "^src/briefing/" },
    to: { pathNot: ["^src/briefing/", "(^|/)node_modules/zod/"] },
  },
  {
    name: "slack-never-imports-discord",
    severity: "error",
    from: { path: "^src/adapters/slack/" },
    to: { path: "^src/adapters/discord/" },
  },
  {
    name: "discord-never-imports-slack",
    severity: "error",
    from: { path: "^src/adapters/discord/" },
    to: { path: "^src/adapters/slack/" },
  },
  {
    name: "chat-contract-imports-no-platform",
    comment:
      "src/adapters/chat is what every platform meets; a platform plugs in, the contract never reaches into one.",
    severity: "error",
    from: { path: "^src/adapters/chat/" },
    to: { path: "^src/adapters/(slack|discord)/" },
  },
  {
    name: "chat-adapters-never-import-the-store",
    comment: "Chat adapters call the core; only the composition root and the CLI build stores.",
    severity: "error",
    from: { path: "^src/adapters/(slack|discord|chat|console)/" },
    to: { path: "^src/store/" },
  },
  {
    name: "store-imports-only-the-core",
    severity: "error",
    from: { path: "^src/store/" },
    to: { path: "^src/", pathNot: ["^src/store/", "^src/briefing/"] },
  },
  {
    name: "no-import-cycles",
    severity: "error",
    from: { path: "^src/" },
    to: { circular: true },
  },
];
