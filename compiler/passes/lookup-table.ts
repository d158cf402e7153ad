// Which sources `lookup` can load whole as it opens: those whose input ends without running a reader over time — an
// inline collection, a file that is not watched (Flink's filesystem lookup table), a PostgreSQL table (Flink's JDBC
// lookup table, which Flink queries per key instead). Everything else is read as a stream.
import type { SourceDecl } from "../ast/nodes.js";
import { sourceArgument } from "../types/source-arguments.js";

/** Null when `lookup` can load `decl`; otherwise why not (completes "…loads source `x` whole as it opens, but …"). */
export function unloadable(decl: SourceDecl): string | null {
  const connector = decl.connector.name.name;
  switch (connector) {
    case "collection": case "postgres": return null;
    case "file": {
      const watch = sourceArgument(decl, "watch");
      return watch?.kind === "BoolLiteral" && watch.value ? "it is watched (`watch: true`) for new lines" : null;
    }
    default: return `a \`${connector}\` source is a stream`;
  }
}
