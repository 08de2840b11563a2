// Objects whose members are made on first read and then kept, so that whoever holds one pays only for what it
// touches: each AWS client loads its SDK package when first used (src/aws/sdk.ts), most of a command's start-up.
type Makers<T> = { readonly [K in keyof T]: () => T[K] };

/** An object with one getter a member: the first read calls that member's maker, later reads get the same value. */
export function lazyMembers<T extends object>(makers: Makers<T>): T {
  const target = {} as T;
  for (const key of Object.keys(makers) as Array<keyof T & string>) {
    let made: { value: T[typeof key] } | undefined;
    Object.defineProperty(target, key, { enumerable: true, get: () => (made ??= { value: makers[key]() }).value });
  }
  return target;
}
