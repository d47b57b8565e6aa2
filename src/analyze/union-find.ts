// Disjoint sets with path compression: grouping declarations and connecting trace slots.
export class UnionFind<T> {
  private readonly parent = new Map<T, T>();
  add(x: T): void {
    if (!this.parent.has(x)) this.parent.set(x, x);
  }
  has(x: T): boolean {
    return this.parent.has(x);
  }
  find(x: T): T {
    let root = x;
    while (this.parent.get(root) !== root) root = this.parent.get(root)!;
    let current = x;
    while (current !== root) {
      const next = this.parent.get(current)!;
      this.parent.set(current, root);
      current = next;
    }
    return root;
  }
  union(a: T, b: T): void {
    this.add(a);
    this.add(b);
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
  keys(): IterableIterator<T> {
    return this.parent.keys();
  }
}
