// Preloaded with --import: registers package-trace-hooks.mjs in the process under test.
import { register } from "node:module";

register("./package-trace-hooks.mjs", import.meta.url);
