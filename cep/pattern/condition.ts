// Conditions on events: simple or iterative (they may read the events already accepted in this partial match).

/** What a condition may ask about the partial match it is evaluated in (Flink's IterativeCondition.Context). */
export interface ConditionContext<T> {
  /** Events already accepted for stage `name` in this partial match, in arrival order. */
  getEventsForPattern(name: string): readonly T[];
  /** Timestamp of the event being evaluated. */
  timestamp(): number;
}

export type Condition<T> = (event: T, ctx: ConditionContext<T>) => boolean;

// Combinators used by the pattern builder and the NFA compiler (Flink's Rich{And,Or,Not}Condition).
export const andCondition = <T>(a: Condition<T>, b: Condition<T>): Condition<T> => (e, c) => a(e, c) && b(e, c);
export const orCondition = <T>(a: Condition<T>, b: Condition<T>): Condition<T> => (e, c) => a(e, c) || b(e, c);
export const notCondition = <T>(a: Condition<T>): Condition<T> => (e, c) => !a(e, c);
