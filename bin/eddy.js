#!/usr/bin/env node
// The `eddy` executable: loads the TypeScript command line through tsx (installed with the repository).
import { register } from "tsx/esm/api";

register();
const { main } = await import("./eddy.ts");
process.exitCode = await main(process.argv.slice(2));
