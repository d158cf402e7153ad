// Bundles generated TypeScript with esbuild: the generated files are served from memory, everything they import
// (runtime, runtime/support, UDF modules, npm packages) is read from disk and included — one self-contained ESM file.
// A bundle the making process loads itself may instead share that process's runtime (`runtime: "shared"`).
import { build, type Plugin } from "esbuild";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { entryPointFile, entryPointNames, packageJson } from "./package-layout.js";

export interface BundleInput {
  /** Generated files by name (index.ts is the entry). */
  readonly files: ReadonlyMap<string, string>;
  /** The directory the generated files belong to (relative imports resolve from it). */
  readonly outDir: string;
  readonly minify?: boolean;
  readonly sourcemap?: boolean;
  /**
   * "included" (the default): the runtime is in the bundle, which runs anywhere (deployable bundles, the cluster).
   * "shared": eddy's entry points stay imports of this copy's files by absolute URL, so a bundle loaded by the process
   * that made it (`eddy run`, `eddy sql`, tests) uses the runtime already in memory — what it bundles, evaluates and
   * holds is the generated code alone (the included runtime is over a megabyte to bundle and evaluate per job).
   */
  readonly runtime?: "included" | "shared";
}

const GENERATED = /^\.\/(types|chains|job|codecs|index)\.js$/;

function generatedFiles(input: BundleInput): Plugin {
  return {
    name: "eddy-generated",
    setup(b) {
      b.onResolve({ filter: /^eddy-entry$/ }, () => ({ path: join(input.outDir, "index.ts"), namespace: "eddy-generated" }));
      b.onResolve({ filter: GENERATED }, (args) => {
        if (args.namespace !== "eddy-generated") return undefined;
        return { path: join(input.outDir, args.path.replace(/\.js$/, ".ts")), namespace: "eddy-generated" };
      });
      // Files on disk imported by generated code: `.js` specifiers name `.ts` sources (NodeNext convention).
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.namespace !== "eddy-generated") return undefined;
        const path = resolve(input.outDir, args.path);
        const ts = path.replace(/\.js$/, ".ts");
        return { path: existsSync(ts) ? ts : path };
      });
      b.onLoad({ filter: /.*/, namespace: "eddy-generated" }, (args) => {
        const name = args.path.slice(input.outDir.length + 1);
        const contents = input.files.get(name);
        if (contents === undefined) return { errors: [{ text: `no generated file ${name}` }] };
        return { contents, loader: "ts", resolveDir: input.outDir };
      });
    },
  };
}

/**
 * `eddy`, `eddy/support`, … (what generated code and UDF modules import) are this copy of eddy, wherever the generated
 * files live: its TypeScript sources in a checkout, its compiled lib/ once installed. Never a second copy found in a
 * node_modules near the output directory — one runtime per bundle.
 */
function thisEddy(shared: boolean): Plugin {
  const name = packageJson().name;
  return {
    name: "eddy-package",
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${name}(/|$)`) }, (args) => {
        const file = entryPointFile(args.path);
        // why a file URL: the bundle is loaded from a temporary folder, where the package name resolves to nothing
        if (file !== undefined) return shared ? { path: pathToFileURL(file).href, external: true } : { path: file };
        return { errors: [{ text: `\`${args.path}\` is not an entry point of ${name} (entry points: ${entryPointNames().join(", ")})` }] };
      });
    },
  };
}

/** The bundle's JavaScript. */
export async function bundleJob(input: BundleInput): Promise<string> {
  const result = await build({
    entryPoints: ["eddy-entry"],
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    target: "node20",
    minify: input.minify ?? false,
    sourcemap: input.sourcemap === true ? "inline" : false,
    logLevel: "silent",
    plugins: [thisEddy(input.runtime === "shared"), generatedFiles(input)],
    // why: bundled CommonJS dependencies (immer's fallbacks, pg) may call require(); give ESM output one
    banner: { js: "import { createRequire as __eddyCreateRequire } from \"node:module\"; const require = __eddyCreateRequire(import.meta.url);" },
  });
  return result.outputFiles[0]!.text;
}
