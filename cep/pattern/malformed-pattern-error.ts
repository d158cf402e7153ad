// The error thrown when a pattern is built or compiled in a shape Flink CEP rejects (never while matching).
export class MalformedPatternError extends Error {
  override readonly name = "MalformedPatternError";
  constructor(message: string) {
    super(message);
  }
}
