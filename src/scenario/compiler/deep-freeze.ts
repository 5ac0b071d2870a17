/** Freezes a compiled tree all the way down, Maps and Sets included, so no call can change it. */
export function deepFreeze<T>(value: T): T {
  const pending: unknown[] = [value];
  const seen = new Set<unknown>();
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item !== 'object' || item === null || seen.has(item)) continue;
    seen.add(item);
    if (item instanceof Map) {
      for (const [key, entry] of item) pending.push(key, entry);
      freezeCollection(item);
    } else {
      for (const entry of Object.values(item)) pending.push(entry);
    }
    Object.freeze(item);
  }
  return value;
}

/** A frozen Map still accepts set(); make the mutators throw too. */
function freezeCollection(map: Map<unknown, unknown>): void {
  const refuse = (): never => {
    throw new TypeError('a compiled scenario is read-only');
  };
  Object.defineProperties(map, {
    set: { value: refuse },
    delete: { value: refuse },
    clear: { value: refuse },
  });
}
