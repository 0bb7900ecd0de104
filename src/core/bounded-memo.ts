/**
 * A memo that forgets its oldest entry past `limit`: what it keeps (answers, matches, locales)
 * is cheap to make again, but a bot that runs for months must not keep every one it ever made
 * (with a dataset 10× the shipped one, every provider × finding × locale alone would be tens of
 * thousands of answers).
 * First in, first out: a Map keeps insertion order, so the oldest key is the first.
 */
export interface BoundedMemo<V> {
  get(key: string, make: () => V): V;
  readonly size: number;
}

export function boundedMemo<V>(limit: number): BoundedMemo<V> {
  const entries = new Map<string, V>();
  return {
    get(key, make) {
      const known = entries.get(key);
      if (known !== undefined) return known;
      const value = make();
      if (entries.size >= limit) entries.delete(entries.keys().next().value!);
      entries.set(key, value);
      return value;
    },
    get size() {
      return entries.size;
    },
  };
}
