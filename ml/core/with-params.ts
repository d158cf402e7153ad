// A stage's parameter map (Flink ML's WithParams and ParamUtils): values set are type-checked and validated, and the
// error names the param, the stage and what the value must be.
import type { Param } from "./param.js";

export abstract class WithParams {
  private readonly paramMap = new Map<string, { param: Param<unknown>; value: unknown }>();

  /** The stage's name in messages and saved metadata (its class name, as Flink ML's getClass().getName()). */
  abstract readonly className: string;

  /** Declares the params this stage accepts, with their defaults (Flink ML finds them by reflection). */
  protected declareParams(...params: Param<any>[]): void {
    for (const param of params) this.paramMap.set(param.name, { param, value: param.defaultValue });
  }

  /** Sets a param; throws (naming the stage, the param and the demand) when the value is of the wrong type or invalid. */
  set<T>(param: Param<T>, value: T): this {
    const entry = this.paramMap.get(param.name);
    if (entry === undefined) {
      throw new Error(`${this.className} has no parameter '${param.name}' (it has ${[...this.paramMap.keys()].map((k) => `'${k}'`).join(", ")})`);
    }
    const problem = param.problemWith(value);
    if (problem !== null) {
      throw new Error(`${this.className}: parameter '${param.name}' is given an invalid value ${describe(value)}: ${problem} (${param.description})`);
    }
    entry.value = value;
    return this;
  }

  get<T>(param: Param<T>): T {
    const entry = this.paramMap.get(param.name);
    if (entry === undefined) throw new Error(`${this.className} has no parameter '${param.name}'`);
    return entry.value as T;
  }

  /** Every param of this stage with its current value. */
  getParamMap(): ReadonlyMap<Param<unknown>, unknown> {
    return new Map([...this.paramMap.values()].map(({ param, value }) => [param, value]));
  }

  /** Sets, from another stage, every param this stage also has (Flink ML's ParamUtils.updateExistingParams). */
  updateExistingParams(from: ReadonlyMap<Param<unknown>, unknown>): this {
    for (const [param, value] of from) if (this.paramMap.has(param.name)) this.set(this.paramMap.get(param.name)!.param, value);
    return this;
  }

  /** Sets params by name from plain data (loading saved metadata); unknown names are refused. */
  setParamsByName(values: Readonly<Record<string, unknown>>): this {
    for (const [name, value] of Object.entries(values)) {
      const entry = this.paramMap.get(name);
      if (entry === undefined) throw new Error(`${this.className}: saved metadata names a parameter '${name}' this stage does not have — was it saved by another version?`);
      this.set(entry.param, value);
    }
    return this;
  }

  /** The param map as plain values by name (what save() writes). */
  paramValuesByName(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, { value }] of this.paramMap) out[name] = value;
    return out;
  }
}

function describe(value: unknown): string {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
