// Gives every sink its record type: the declared one (checking what flows in), or the common type of its inputs.
import { isAssignable, unify } from "../types/assignability.js";
import { printType, printTypeStructure } from "../types/print-type.js";
import type { CheckContext } from "./context.js";

export function inferSinkTypes(ctx: CheckContext): void {
  for (const [name, inputs] of ctx.sinkInputs) {
    const symbol = ctx.symbols.get(name);
    if (symbol?.kind !== "sink") continue;
    const decl = symbol.decl;
    const declNote = { message: `sink \`${name}\` declared here`, span: decl.name.span, file: symbol.file };
    if (decl.type !== null) {
      const expected = decl.recordType;
      if (expected === undefined) continue;
      for (const input of inputs) {
        if (!isAssignable(input.type, expected)) {
          ctx.reporter.report("FLOW3012", input.span, { actual: printTypeStructure(input.type), name, expected: printType(expected) }, { notes: [declNote] });
        }
      }
      continue;
    }
    // Untyped: every input must agree; the first input fixes the field order.
    let type = inputs[0]!.type;
    for (const input of inputs.slice(1)) {
      const u = unify(type, input.type);
      if (u?.kind === "record") type = u;
      else {
        ctx.reporter.report("FLOW3013", input.span, { name, left: printTypeStructure(type), right: printTypeStructure(input.type) }, {
          notes: [ctx.reporter.note("the first records come from here", inputs[0]!.span), declNote],
        });
      }
    }
    // An imported sink was typed in its own file; only a local one takes its type from here.
    if (symbol.file === ctx.file) decl.recordType = type;
  }
}
