#!/usr/bin/env node
// Entry point of the `briefbot` command: loads ./.env when present, runs the CLI, exits with its code.
// The heap policy comes first: it must be set before anything allocates. Then the young generation
// is held at its starting size until the command starts its work (serve: its chat platforms).
import "./heap-policy.js";
import "./cli/hold-young-generation.js";
import { processIo } from "./cli/cli-io.js";
import { runCli } from "./cli/run-cli.js";
import { loadDotEnv } from "./load-dot-env.js";

loadDotEnv();
process.exitCode = await runCli(process.argv.slice(2), processIo());
