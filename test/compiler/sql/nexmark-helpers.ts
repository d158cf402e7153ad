// The Nexmark SQL fixtures and the defines their `${…}` placeholders take (values as the Nexmark runner's defaults).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const NEXMARK_DIR = fileURLToPath(new URL("../../../bench/nexmark/sql/", import.meta.url));

export const NEXMARK_DEFINES: Readonly<Record<string, string>> = {
  TPS: "10000000",
  EVENTS_NUM: "100000000",
  PERSON_PROPORTION: "1",
  AUCTION_PROPORTION: "3",
  BID_PROPORTION: "46",
  NEXMARK_TABLE: "datagen",
  BOOTSTRAP_SERVERS: "localhost:9092",
  NEXMARK_DIR: "/tmp/nexmark",
  SUBMIT_TIME: "1700000000000",
  FLINK_HOME: "/opt/flink",
};

export function nexmarkFiles(): { readonly name: string; readonly text: string }[] {
  return readdirSync(NEXMARK_DIR)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(NEXMARK_DIR, name), "utf8") }));
}
