/** Each lazy list's own accessor: whether it is made yet, and the plain array once it is. */
const pending = new WeakMap<object, () => readonly unknown[] | null>();

/**
 * A list that is only made when something reads it. It is an array to every reader
 * (`Array.isArray`, `length`, indexing, iteration, JSON), so templates and records need not know.
 * Its identity is fixed from the start: a fingerprint can name it without making it.
 */
export function lazyList<T>(make: () => readonly T[]): readonly T[] {
  let made: readonly T[] | null = null;
  const list = (): readonly T[] => (made ??= make());
  const proxy = new Proxy([] as T[], {
    get: (_target, key) => Reflect.get(list(), key),
    has: (_target, key) => Reflect.has(list(), key),
    ownKeys: () => Reflect.ownKeys(list()),
    getOwnPropertyDescriptor: (_target, key) => Reflect.getOwnPropertyDescriptor(list(), key),
  });
  pending.set(proxy, () => made);
  return proxy;
}

/**
 * The list as a plain array if it is made (any list that is not lazy is), or null: a lazy list
 * cannot cross to a worker thread, which can make it there instead.
 */
export function ifMade<T>(list: readonly T[]): readonly T[] | null {
  const made = pending.get(list);
  return made ? (made() as readonly T[] | null) : list;
}
