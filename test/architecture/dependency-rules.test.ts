// Enforces the dependency rules over every resolved import of src/, and proves each rule bites by
// cruising a throwaway tree that breaks it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { cruise, type IViolation } from "dependency-cruiser";
import { afterAll, describe, expect, it } from "vitest";
import { DEPENDENCY_RULES } from "./dependency-rules.js";

const ROOT = join(import.meta.dirname, "../..");

interface Cruised {
  modules: number;
  violations: IViolation[];
}

async function cruiseTree(baseDir: string): Promise<Cruised> {
  const previous = process.cwd();
  // dependency-cruiser reports and matches paths relative to the working directory.
  process.chdir(baseDir);
  try {
    const result = await cruise(
      ["src"],
      {
        ruleSet: { forbidden: DEPENDENCY_RULES },
        tsPreCompilationDeps: true,
        doNotFollow: { path: "node_modules" },
        validate: true,
      },
      { extensions: [".ts", ".js", ".mjs"] },
      { tsConfig: { compilerOptions: { module: "nodenext", moduleResolution: "nodenext" } } },
    );
    if (typeof result.output === "string") throw new Error("dependency-cruiser returned text, not a result");
    return { modules: result.output.modules.length, violations: result.output.summary.violations };
  } finally {
    process.chdir(previous);
  }
}

function describeViolation(v: IViolation): string {
  return `${v.rule.name}: ${v.from} -> ${v.to}`;
}

describe("dependency rules", () => {
  it("hold for every import in src/", async () => {
    const { modules, violations } = await cruiseTree(ROOT);
    // A cruise that resolved nothing would pass vacuously: src/ has well over a hundred modules.
    expect(modules).toBeGreaterThan(150);
    expect(violations.map(describeViolation)).toEqual([]);
  }, 60_000);

  describe("each rule fails a tree that breaks it", () => {
    const tree = mkdtempSync(join(tmpdir(), "briefbot-rules-"));
    afterAll(() => rmSync(tree, { recursive: true, force: true }));
    const files: Record<string, string> = {
      "src/store/store.ts": 'import { record } from "../briefing/record.js";\nexport const store = record;\n',
      "src/briefing/record.ts": "export const record = 1;\n",
      "src/briefing/bad-core.ts":
        'import { store } from "../store/store.js";\nimport { reply } from "../adapters/slack/reply.js";\nimport { readFileSync } from "node:fs";\nexport const x = [store, reply, readFileSync];\n',
      "src/adapters/slack/reply.ts": 'import { embed } from "../discord/embed.js";\nexport const reply = embed;\n',
      "src/adapters/discord/embed.ts":
        'import { store } from "../../store/store.js";\nimport type { Reply } from "../slack/types.js";\nexport const embed: Reply = store;\n',
      "src/adapters/slack/types.ts": "export type Reply = number;\n",
      "src/adapters/chat/bad-contract.ts":
        'import type { Reply } from "../slack/types.js";\nexport const z: Reply = 1;\n',
      "src/store/bad-store.ts": 'import { reply } from "../adapters/slack/reply.js";\nexport const y = reply;\n',
      "src/adapters/feeds/a.ts": 'import { b } from "./b.js";\nexport const a = () => b;\n',
      "src/adapters/feeds/b.ts": 'import { a } from "./a.js";\nexport const b = () => a;\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(tree, path)), { recursive: true });
      writeFileSync(join(tree, path), text);
    }

    it("reports every planted violation by its rule", async () => {
      const found = (await cruiseTree(tree)).violations.map(describeViolation);
      expect(found).toEqual(
        expect.arrayContaining([
          "core-imports-only-zod-and-itself: src/briefing/bad-core.ts -> src/store/store.ts",
          "core-imports-only-zod-and-itself: src/briefing/bad-core.ts -> src/adapters/slack/reply.ts",
          "core-imports-only-zod-and-itself: src/briefing/bad-core.ts -> fs",
          "slack-never-imports-discord: src/adapters/slack/reply.ts -> src/adapters/discord/embed.ts",
          "discord-never-imports-slack: src/adapters/discord/embed.ts -> src/adapters/slack/types.ts",
          "chat-contract-imports-no-platform: src/adapters/chat/bad-contract.ts -> src/adapters/slack/types.ts",
          "chat-adapters-never-import-the-store: src/adapters/discord/embed.ts -> src/store/store.ts",
          "store-imports-only-the-core: src/store/bad-store.ts -> src/adapters/slack/reply.ts",
        ]),
      );
      expect(found.some((v) => v.startsWith("no-import-cycles: src/adapters/feeds/"))).toBe(true);
    }, 60_000);
  });
});
