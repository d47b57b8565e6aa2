// A function of a string key, computed once per key and remembered for the life of the returned
// function: for answers that cannot change during a run (the disk, the package a folder is in).
export function memoized<V>(compute: (key: string) => V): (key: string) => V {
  const known = new Map<string, V>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) known.set(key, (value = compute(key)));
    return value;
  };
}
