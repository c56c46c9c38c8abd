// Benchmarks measure the product as it ships: the compiled JavaScript in dist/ (so the parser
// worker runs plain JS, without a TypeScript loader), typed by the sources it was built from.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** BENCH_DIST=<dir>: another build (say, of the main branch) to measure or compare against. */
const DIST = process.env.BENCH_DIST
  ? new URL(`file://${process.env.BENCH_DIST.replace(/\/?$/, "/")}`)
  : new URL("../../dist/", import.meta.url);

/** Imports `dist/<path>.js`; `npm run build` first (the bench scripts do). */
export async function compiled<T>(path: string): Promise<T> {
  const url = new URL(`${path}.js`, DIST);
  if (!existsSync(fileURLToPath(url)))
    throw new Error(`${fileURLToPath(url)} is missing: run \`npm run build\` first.`);
  return (await import(url.href)) as T;
}
