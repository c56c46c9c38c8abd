// Preloaded with --import into a process under test: on SIGUSR2 it prints "NEW_SPACE <bytes>" on
// stderr, the size V8 has given the young generation, so a test can read it from outside.
import { getHeapSpaceStatistics } from "node:v8";

process.on("SIGUSR2", () => {
  const young = getHeapSpaceStatistics().find((space) => space.space_name === "new_space");
  process.stderr.write(`NEW_SPACE ${young?.space_size ?? -1}\n`);
});
