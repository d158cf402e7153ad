// docs/table-api.md's examples run as written: each ```ts block is run as a module (its `eddy/table` import pointed
// at this checkout) and what it prints is compared with the ```text block that follows it.
import test from "ava";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { format } from "node:util";

const DOC = readFileSync(new URL("../../docs/table-api.md", import.meta.url), "utf8");
const TABLE_API = pathToFileURL(fileURLToPath(new URL("../../table/index.ts", import.meta.url))).href;

const examples = [...DOC.matchAll(/```ts\n([\s\S]*?)```\n(?:\n```text\n([\s\S]*?)```)?/g)].map((m) => ({
  code: m[1]!,
  output: m[2] ?? "",
  section: [...DOC.slice(0, m.index).matchAll(/^## (.+)$/gm)].at(-1)?.[1] ?? "introduction",
}));

test("the guide has examples with their output", (t) => {
  t.true(examples.length >= 4);
  t.true(examples.filter((e) => e.output !== "").length >= 4);
});

const dir = mkdtempSync(join(tmpdir(), "eddy-table-docs-"));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

examples.forEach((example, i) => {
  // serial: the examples' output is captured by replacing console.log and process.stdout.write
  test.serial(`example ${i + 1} (${example.section}) prints what the guide shows`, async (t) => {
    const file = join(dir, `example-${i + 1}.mts`);
    writeFileSync(file, example.code.replaceAll('from "eddy/table"', `from ${JSON.stringify(TABLE_API)}`));
    let printed = "";
    const log = console.log;
    const write = process.stdout.write.bind(process.stdout);
    console.log = (...args: unknown[]) => void (printed += `${format(...args)}\n`);
    process.stdout.write = ((chunk: string | Uint8Array) => {
      printed += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      return true;
    }) as typeof process.stdout.write;
    try {
      await import(pathToFileURL(file).href);
    } finally {
      console.log = log;
      process.stdout.write = write;
    }
    t.is(printed, example.output);
  });
});
