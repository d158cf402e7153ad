// Bundles the dashboard (web/src) with esbuild into web/dist: index.html, app.js, app.css. The JobManager serves
// web/dist at / (run by `npm run build`, so a fresh clone has it; web/dist is generated and not in git).
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const web = join(root, "web");
const dist = join(web, "dist");

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
const result = await build({
  entryPoints: { app: join(web, "src/main.ts") },
  bundle: true,
  format: "esm",
  target: ["chrome110", "firefox110", "safari16"],
  minify: true,
  sourcemap: "linked",
  outdir: dist,
  metafile: true,
  logLevel: "warning",
  legalComments: "linked",
});
copyFileSync(join(web, "index.html"), join(dist, "index.html"));
const bytes = Object.entries(result.metafile.outputs).filter(([name]) => !name.endsWith(".map")).map(([name, o]) => `${name} ${(o.bytes / 1024).toFixed(1)} KiB`);
console.log(`wrote ${bytes.join(", ")}`);
