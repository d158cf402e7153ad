// A shallow copy of a record, to which the caller then adds or overwrites fields.
//
// why not `{ ...record, field: value }`: on Node 20 (V8 11.3), once such a spread is hot, every object it makes gets
// a hidden class of its own — 1,992 classes for 2,000 copies of records of one shape — so every operator reading them
// goes megamorphic; and a Nexmark bid copied with one more field by spread runs at 1.28 M records/s against 9.65 M for
// Object.assign onto a fresh object, whose copies share one class (`npm run bench -- micro --only "record copy"`).
// `{ ...record }` alone degrades the same way once a field is added to the copy.

/** A copy of `record`'s own enumerable fields, in order; the copies of records of one shape share a hidden class. */
export function copyRecord<T extends object>(record: T): T {
  return Object.assign({}, record);
}

/** `record` with `field` set to `value` (added last when it is new), as a copy. */
export function withField<T extends object, V>(record: T, field: string, value: V): T & Record<string, V> {
  const copy = Object.assign({}, record) as T & Record<string, V>;
  (copy as Record<string, V>)[field] = value;
  return copy;
}
