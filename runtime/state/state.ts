// The user-facing state interfaces (Flink's ValueState, ListState, MapState, ReducingState, AggregatingState).

export interface State {
  /** Removes the value for the current key (and namespace). */
  clear(): void;
}

export interface ValueState<T> extends State {
  value(): T | undefined;
  update(value: T | undefined): void;
}

export interface ListState<T> extends State {
  /** The current list; an empty array when there is none. Do not mutate it: use add/update. */
  get(): readonly T[];
  add(value: T): void;
  addAll(values: Iterable<T>): void;
  update(values: Iterable<T>): void;
}

export interface MapState<K, V> extends State {
  get(key: K): V | undefined;
  put(key: K, value: V): void;
  putAll(entries: Iterable<readonly [K, V]>): void;
  remove(key: K): void;
  contains(key: K): boolean;
  entries(): IterableIterator<[K, V]>;
  keys(): IterableIterator<K>;
  values(): IterableIterator<V>;
  isEmpty(): boolean;
}

export interface ReducingState<T> extends State {
  get(): T | undefined;
  add(value: T): void;
}

export interface AggregatingState<IN, OUT> extends State {
  get(): OUT | undefined;
  add(value: IN): void;
}
