#!/usr/bin/env node
// The `eddy` executable. Installed from npm it runs the compiled CLI under lib/ with plain node; in a repository
// checkout (bin/eddy.ts sits next to this file) it runs the TypeScript sources through tsx, a devDependency.
import { existsSync } from "node:fs";

const sources = new URL("./eddy.ts", import.meta.url);
let cli;
if (existsSync(sources)) {
  const { register } = await import("tsx/esm/api");
  register();
  cli = await import(sources.href);
} else {
  cli = await import("../lib/bin/eddy.js");
}
process.exitCode = await cli.main(process.argv.slice(2));
