/** `Equal<A, B>` is `true` only when A and B are the same type (not merely assignable). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
/** Compiles only for `true`. */
export function expectTrue<T extends true>(_proof?: T): void {}
