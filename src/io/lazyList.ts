/** What a lazy list holds: how to make it, and what it made. */
interface Pending<T> {
  make: (() => readonly T[]) | null;
  made: readonly T[] | null;
}

/** Where a lazy list keeps its state: on its proxy's target, read through the proxy by `ifMade`. */
const STATE = Symbol("lazy list");
type Target = unknown[] & { [STATE]: Pending<unknown> };

function made(target: Target): readonly unknown[] {
  const state = target[STATE];
  if (state.made === null) {
    state.made = state.make!();
    state.make = null;
  }
  return state.made;
}

// One handler for every lazy list, and no weak maps: at 100,000 articles, a handler and closures
// of their own each were a million more objects for the collector to copy.
const handler: ProxyHandler<Target> = {
  get: (target, key) => (key === STATE ? target[STATE] : Reflect.get(made(target), key)),
  has: (target, key) => Reflect.has(made(target), key),
  ownKeys: (target) => Reflect.ownKeys(made(target)),
  getOwnPropertyDescriptor: (target, key) => Reflect.getOwnPropertyDescriptor(made(target), key),
};

/**
 * A list that is only made when something reads it. It is an array to every reader
 * (`Array.isArray`, `length`, indexing, iteration, JSON), so templates and records need not know.
 * Its identity is fixed from the start: a fingerprint can name it without making it.
 */
export function lazyList<T>(make: () => readonly T[]): readonly T[] {
  const target = Object.assign([], { [STATE]: { make, made: null } }) as Target;
  return new Proxy(target, handler) as unknown as readonly T[];
}

/**
 * The list as a plain array if it is made (any list that is not lazy is), or null: a lazy list
 * cannot cross to a worker thread, which can make it there instead.
 */
export function ifMade<T>(list: readonly T[]): readonly T[] | null {
  const state = (list as unknown as Partial<Target>)[STATE];
  return state ? (state.made as readonly T[] | null) : list;
}
