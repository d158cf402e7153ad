// Reports literals that parse but cannot be represented: unsafe integers and impossible timestamps.
import { visit } from "../ast/visit.js";
import type { CheckContext } from "./context.js";

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2})))?$/;

export function reportInvalidLiterals(ctx: CheckContext): void {
  visit(ctx.program, {
    IntLiteral(node) {
      if (!Number.isSafeInteger(node.value)) ctx.reporter.report("FLOW1002", node.span, { raw: node.raw });
    },
    TimestampLiteral(node) {
      if (!isValidTimestamp(node.raw)) ctx.reporter.report("FLOW1003", node.span, { raw: node.raw });
    },
  });
}

// Date.parse accepts some impossible dates (it rolls 2024-02-30 over to March), so check each component.
function isValidTimestamp(raw: string): boolean {
  const m = TIMESTAMP.exec(raw);
  if (m === null) return false;
  const [year, month, day, hour = 0, minute = 0, second = 0, offsetHours = 0, offsetMinutes = 0] = m.slice(1).map((x) => (x === undefined ? undefined : Number(x)));
  if (month! < 1 || month! > 12 || day! < 1) return false;
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  return day! <= daysInMonth && hour < 24 && minute < 60 && second < 60 && offsetHours < 24 && offsetMinutes < 60;
}
