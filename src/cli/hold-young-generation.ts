// Imported by main.ts right after the heap policy, before the CLI's modules load: start-up runs
// with the young generation held at its starting size (young-generation.ts says why).
import { holdYoungGeneration } from "./young-generation.js";

holdYoungGeneration();
