// The window abstraction: a bucket of elements with a largest timestamp (Flink's Window).

/**
 * A window groups elements; `maxTimestamp()` is the largest timestamp that still belongs to it
 * (output records of a window carry it). Windows are state namespaces, and namespaces compare by
 * identity, so the window operator only ever uses one object per distinct window and key.
 */
export abstract class Window {
  abstract maxTimestamp(): number;
  /** Value equality (Flink's equals); identity is what state and timers use. */
  abstract equals(other: Window): boolean;
}
