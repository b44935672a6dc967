// Array-like Proxy for big resources: element i of the "base" part is generated on demand from
// (seed, i); only elements a test writes (overrides), deletes (holes) or pushes (tail) are stored.
//
// `Array.isArray(v)` is true and every Array method works (push, splice, filter, find, for..of,
// JSON.stringify, spread…) through the generic index/length protocol. push is O(1); a splice in the
// middle of a million-row base shifts every later index and stores them as overrides, which works
// but is slow and memory hungry: prefer push, assigning `arr[i] = {...}` (replace) or `delete arr[i]`
// (hole: the record disappears from the API) on big datasets.

const VIRTUAL = Symbol.for('fake-lago.virtual');
export const HOLE: unique symbol = Symbol('fake-lago.hole');

export interface VirtualState<T> {
  /** number of generated (base) elements still addressed by their original index */
  baseLen: number;
  gen: (i: number) => T;
  overrides: Map<number, T | typeof HOLE>;
  /** elements at index >= baseLen */
  tail: (T | typeof HOLE)[];
  /** bumped on every write; used to invalidate query caches */
  version: number;
}

function toIndex(prop: string): number {
  // canonical array index strings only
  const c = prop.charCodeAt(0);
  if (c < 48 || c > 57) return -1;
  if (prop.length > 1 && c === 48) return -1;
  const n = Number(prop);
  return Number.isInteger(n) && n < 4294967295 && String(n) === prop ? n : -1;
}

export function createVirtualArray<T>(baseLen: number, gen: (i: number) => T): T[] {
  const s: VirtualState<T> = { baseLen, gen, overrides: new Map(), tail: [], version: 0 };
  const len = (): number => s.baseLen + s.tail.length;
  const read = (i: number): T | undefined => {
    if (i < s.baseLen) {
      const o = s.overrides.get(i);
      if (o === HOLE) return undefined;
      return o !== undefined ? o : s.gen(i);
    }
    const v = s.tail[i - s.baseLen];
    return v === HOLE ? undefined : v;
  };
  const has = (i: number): boolean => {
    if (i < s.baseLen) return s.overrides.get(i) !== HOLE;
    const k = i - s.baseLen;
    return k < s.tail.length && s.tail[k] !== HOLE;
  };
  const write = (i: number, v: T | typeof HOLE): void => {
    s.version++;
    if (i < s.baseLen) {
      s.overrides.set(i, v);
      return;
    }
    const k = i - s.baseLen;
    while (s.tail.length < k) s.tail.push(HOLE);
    s.tail[k] = v;
  };
  const setLength = (n: number): void => {
    s.version++;
    if (n >= s.baseLen) {
      const k = n - s.baseLen;
      if (k < s.tail.length) s.tail.length = k;
      else while (s.tail.length < k) s.tail.push(HOLE);
      return;
    }
    s.tail = [];
    s.baseLen = n;
    for (const key of [...s.overrides.keys()]) if (key >= n) s.overrides.delete(key);
  };
  const target: T[] = [];
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (typeof prop === 'string') {
        const i = toIndex(prop);
        if (i !== -1) return read(i);
        if (prop === 'length') return len();
      } else if (prop === VIRTUAL) return s;
      return Reflect.get(t, prop, receiver);
    },
    set(t, prop, value, receiver) {
      if (typeof prop === 'string') {
        const i = toIndex(prop);
        if (i !== -1) {
          write(i, value as T);
          return true;
        }
        if (prop === 'length') {
          setLength(Number(value));
          return true;
        }
      }
      return Reflect.set(t, prop, value, receiver);
    },
    has(t, prop) {
      if (typeof prop === 'string') {
        const i = toIndex(prop);
        if (i !== -1) return has(i);
      }
      return Reflect.has(t, prop);
    },
    deleteProperty(t, prop) {
      if (typeof prop === 'string') {
        const i = toIndex(prop);
        if (i !== -1) {
          if (i < len()) write(i, HOLE);
          return true;
        }
      }
      return Reflect.deleteProperty(t, prop);
    },
    defineProperty(t, prop, desc) {
      if (typeof prop === 'string') {
        const i = toIndex(prop);
        if (i !== -1) {
          write(i, desc.value as T);
          return true;
        }
        if (prop === 'length') {
          setLength(Number(desc.value));
          return true;
        }
      }
      return Reflect.defineProperty(t, prop, desc);
    },
    getOwnPropertyDescriptor(t, prop) {
      if (typeof prop === 'string') {
        const i = toIndex(prop);
        if (i !== -1) {
          return has(i) ? { value: read(i), writable: true, enumerable: true, configurable: true } : undefined;
        }
        if (prop === 'length') return { value: len(), writable: true, enumerable: false, configurable: false };
      }
      return Reflect.getOwnPropertyDescriptor(t, prop);
    },
    ownKeys(t) {
      const keys: (string | symbol)[] = [];
      const n = len();
      for (let i = 0; i < n; i++) if (has(i)) keys.push(String(i));
      for (const k of Reflect.ownKeys(t)) keys.push(k);
      return keys;
    },
  });
}

export function virtualState<T>(arr: readonly T[]): VirtualState<T> | undefined {
  return (arr as unknown as Record<symbol, VirtualState<T> | undefined>)[VIRTUAL];
}
