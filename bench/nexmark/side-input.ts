// Writes dsl-examples/nexmark/data/side_input.txt, the bounded table Nexmark's q13 looks bids up in: the rows
// `i,i` for i in [0, 10000), as Nexmark's SideInputGenerator writes them (`-n 10000`: q13 looks up `auction % 10000`),
// without a header line (q13.flow reads it with `header: false`; the SQL's csv format has no header).
// Run: npx tsx bench/nexmark/side-input.ts
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { EDDY_ROOT } from "../../compiler/compile.js";

export const SIDE_INPUT_ROWS = 10_000;
export const SIDE_INPUT_FILE = join(EDDY_ROOT, "dsl-examples", "nexmark", "data", "side_input.txt");

export function sideInputText(rows: number = SIDE_INPUT_ROWS): string {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) lines.push(`${i},${i}`);
  return `${lines.join("\n")}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) writeFileSync(SIDE_INPUT_FILE, sideInputText());
