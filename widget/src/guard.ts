/**
 * Tiny runtime type guards for the widget's trust boundaries. zod/mini's runtime alone costs 4.3 KB
 * gzip for one object schema and ~7 KB for `ServerFrame`, half the widget's 15 KB budget, so the
 * bundle checks shapes with these instead. The shared zod schemas stay the source of truth:
 * `frames.ts` proves at compile time that each guard describes exactly the shared type, and
 * `frames.test.ts` checks at run time that both accept and reject the same frames.
 */
export type Guard<T> = (value: unknown) => value is T;
export type Infer<G> = G extends Guard<infer T> ? T : never;

type Shape = Record<string, Guard<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: undefined extends Infer<S[K]> ? K : never }[keyof S];
type ObjectOf<S extends Shape> = {
  [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]>;
} & { [K in OptionalKeys<S>]?: Infer<S[K]> };
type Flat<T> = { [K in keyof T]: T[K] };

/** A string matching `test`, of at most `max` characters (code points, as zod counts them). */
export const string =
  (test?: RegExp, max = Number.POSITIVE_INFINITY): Guard<string> =>
  (value): value is string =>
    typeof value === "string" &&
    (value.length <= max || [...value].length <= max) &&
    (!test || test.test(value));

export const number: Guard<number> = (value): value is number => Number.isFinite(value);

export const boolean: Guard<boolean> = (value): value is boolean => typeof value === "boolean";

export const int: Guard<number> = (value): value is number => Number.isSafeInteger(value);

export const literal =
  <const T extends readonly string[]>(...values: T): Guard<T[number]> =>
  (value): value is T[number] =>
    values.includes(value as string);

export const array =
  <T>(item: Guard<T>): Guard<T[]> =>
  (value): value is T[] =>
    Array.isArray(value) && value.every(item);

export const optional =
  <T>(guard: Guard<T>): Guard<T | undefined> =>
  (value): value is T | undefined =>
    value === undefined || guard(value);

export const nullable =
  <T>(guard: Guard<T>): Guard<T | null> =>
  (value): value is T | null =>
    value === null || guard(value);

export const union =
  <G extends Guard<unknown>[]>(...guards: G): Guard<Infer<G[number]>> =>
  (value): value is Infer<G[number]> =>
    guards.some((guard) => guard(value));

/** Unknown keys are allowed, as zod's `object` allows (and drops) them. */
export const object =
  <S extends Shape>(shape: S): Guard<Flat<ObjectOf<S>>> =>
  (value): value is Flat<ObjectOf<S>> =>
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.entries(shape).every(([key, guard]) => guard((value as Record<string, unknown>)[key]));
