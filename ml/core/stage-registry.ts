// Class name → constructor of every stage that can be loaded (Flink ML finds the class by reflection on its name).
import type { Stage } from "./stage.js";

const constructors = new Map<string, () => Stage>();

/** Registers a stage class under its className; every ml/ stage module registers itself when imported. */
export function registerStage(className: string, create: () => Stage): void {
  if (constructors.has(className)) throw new Error(`two ml stages are registered as '${className}': give one of them another className`);
  constructors.set(className, create);
}

/** A fresh stage of a saved class name, with default params. */
export function createStage(className: string): Stage {
  const create = constructors.get(className);
  if (create === undefined) {
    throw new Error(`no ml stage is registered as '${className}': import the module that defines it (ml/index.ts registers all built-in stages) before loading`);
  }
  return create();
}
