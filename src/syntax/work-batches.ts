// Work shared between threads by claiming: the items are cut into batches, and a thread claims the
// next batch by incrementing a counter in shared memory, so threads started at different times
// share the work without waiting for anyone to hand it out. Used by the --check scan pool and the
// format stage's pool.

/** Claims the next batch: its number, or undefined when all are taken. */
export function claimBatch(claims: Int32Array, batchCount: number): number | undefined {
  if (Atomics.load(claims, 0) >= batchCount) return undefined;
  const id = Atomics.add(claims, 0, 1);
  return id < batchCount ? id : undefined;
}

export function batchOf<T>(items: readonly T[], id: number, batchSize: number): T[] {
  return items.slice(id * batchSize, (id + 1) * batchSize);
}
