// The npm scripts a new user and CI run: the full suite stays `npm test`, the unit run leaves out only
// files that exist, and installing the project (npm install, or npx's own link of it) does not rebuild.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { NEEDS_POSTGRES_OR_EVAL_DATA } from "../vitest.config.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const readJson = (file: string): unknown => JSON.parse(readFileSync(join(root, file), "utf8"));

const pkg = z
  .object({ bin: z.record(z.string(), z.string()), scripts: z.record(z.string(), z.string()) })
  .parse(readJson("package.json"));
const buildConfig = z
  .object({ compilerOptions: z.object({ outDir: z.string(), tsBuildInfoFile: z.string().optional() }) })
  .parse(readJson("tsconfig.build.json"));

describe("package scripts", () => {
  it("keeps npm test the full suite that .ci/run calls", () => {
    expect(pkg.scripts.test).toBe("biome check . && tsc -p tsconfig.json --noEmit && vitest run");
    expect(readFileSync(join(root, ".ci/run"), "utf8")).toMatch(/^npm test$/m);
  });

  it("runs the unit suite without PostgreSQL or ../shared, leaving out files that exist", () => {
    expect(pkg.scripts["test:unit"]).toBe("vitest run --mode unit");
    for (const file of NEEDS_POSTGRES_OR_EVAL_DATA) expect(existsSync(join(root, file)), file).toBe(true);
  });

  // `npx briefbot` in the checkout links the project into npx's cache and runs its `prepare`
  // script there: a full `tsc -p` rebuilt dist/ on every first run (20 s and more). TypeScript's
  // build mode skips an up-to-date project, so prepare must build that way, with its build info
  // kept in dist/ (deleting dist/ then forces a full build).
  it("builds incrementally on install, so npx's first run does not rebuild an up-to-date dist", () => {
    expect(pkg.scripts.prepare).toBe("tsc -b tsconfig.build.json");
    expect(pkg.scripts.build).toBe("tsc -b tsconfig.build.json");
    const { outDir, tsBuildInfoFile } = buildConfig.compilerOptions;
    expect(tsBuildInfoFile?.startsWith(`${outDir}/`)).toBe(true);
    expect(pkg.bin.briefbot?.startsWith(`${outDir}/`)).toBe(true);
  });
});
