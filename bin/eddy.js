#!/usr/bin/env node
// The `eddy` executable. Installed from npm it runs the compiled CLI under lib/ with plain node; in a repository
// checkout (bin/eddy.ts sits next to this file) it runs the TypeScript sources through tsx, a devDependency — or lib/
// when tsx is not installed there (`npm install --omit=dev`) and lib/ was built.
import { existsSync } from "node:fs";

const sources = new URL("./eddy.ts", import.meta.url);
const compiled = new URL("../lib/bin/eddy.js", import.meta.url);

async function loadTsx() {
  try {
    return await import("tsx/esm/api");
  } catch (e) {
    if (e?.code !== "ERR_MODULE_NOT_FOUND" || !existsSync(compiled)) throw e;
    return null;
  }
}

const tsx = existsSync(sources) ? await loadTsx() : null;
let cli;
if (tsx !== null) {
  tsx.register();
  cli = await import(sources.href);
} else {
  cli = await import(compiled.href);
}
process.exitCode = await cli.main(process.argv.slice(2));
