// Ancestry questions about a handful of commits, answered from one `git rev-list --parents`
// of their combined history instead of one `git merge-base --is-ancestor` process per pair:
// a GIT range with a few introduced, fixed and limit events asks dozens of such questions.

export class CommitGraph {
  /** Ancestors (the commit included) of each commit asked about, computed once. */
  private readonly ancestorSets = new Map<string, Set<string>>();

  constructor(
    /** Every commit in the history of the tips, with its parents. */
    private readonly parents: ReadonlyMap<string, readonly string[]>,
  ) {}

  /** Parses `git rev-list --parents` output: one `<sha> <parent>...` line per commit. */
  static parse(revList: string): CommitGraph {
    const parents = new Map<string, string[]>();
    for (const line of revList.split('\n')) {
      if (!line) continue;
      const [sha, ...rest] = line.split(' ');
      parents.set(sha!, rest);
    }
    return new CommitGraph(parents);
  }

  /** Whether the commit is in the history the graph was read for. */
  has(sha: string): boolean {
    return this.parents.has(sha);
  }

  /** Whether `ancestor` is `descendant` or one of its (perhaps distant) parents. */
  isAncestor(ancestor: string, descendant: string): boolean {
    if (ancestor === descendant) return this.has(ancestor);
    return this.ancestorsOf(descendant).has(ancestor);
  }

  private ancestorsOf(sha: string): Set<string> {
    let set = this.ancestorSets.get(sha);
    if (set) return set;
    set = new Set<string>();
    // Iterative walk: real histories are far deeper than the call stack.
    const stack = this.parents.has(sha) ? [sha] : [];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (set.has(next)) continue;
      set.add(next);
      for (const parent of this.parents.get(next) ?? []) if (!set.has(parent)) stack.push(parent);
    }
    this.ancestorSets.set(sha, set);
    return set;
  }
}
