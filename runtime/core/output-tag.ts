// OutputTag names a side output of an operator, typed by the records it carries.

export class OutputTag<T> {
  /** Phantom field so that OutputTag<A> and OutputTag<B> are distinct types. */
  declare readonly __type?: T;
  constructor(readonly id: string) {
    if (id.length === 0) throw new Error("OutputTag needs a non-empty id");
  }
  toString(): string {
    return `OutputTag(${this.id})`;
  }
}
