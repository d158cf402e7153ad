// `--define KEY=VALUE`: one value for the `${KEY}` placeholders of the statements (as Nexmark's runner substitutes them).

/** A `--define` that is not KEY=VALUE: commander turns it into one usage line (exit 2). */
export class DefineError extends Error {}

// why this pattern: the placeholders compiler/sql/substitute-placeholders.ts replaces are `${…}` of exactly these names
const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Adds one `KEY=VALUE` to the defines so far (a key given twice takes its last value, as later flags win). */
export function addDefine(text: string, defines: Readonly<Record<string, string>> = {}): Readonly<Record<string, string>> {
  const equals = text.indexOf("=");
  if (equals < 0) throw new DefineError(`expected KEY=VALUE, got \`${text}\` (e.g. --define TPS=10000)`);
  const key = text.slice(0, equals).trim();
  if (!KEY.test(key)) throw new DefineError(`\`${key}\` is not a placeholder name: letters, digits and _, not starting with a digit (in \`${text}\`)`);
  return { ...defines, [key]: text.slice(equals + 1) };
}
