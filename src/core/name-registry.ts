import { IConstruct } from 'constructs';

// Per construct tree (app): what each StatefulService claimed, and by whom.
const claimedByRoot = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Records the names `owner` uses (e.g. `StatefulSet "default/rg"`, `hostPath directory
 * "/tmp/example/1"`, `node port 30080`); returns a problem for each one another
 * StatefulService of the same app already uses: `kubectl apply` would merge the two
 * objects, two pods would share one directory, or the API server would refuse the
 * second node port. O(1) per name, so apps of thousands of services stay linear.
 */
export function claimNames(owner: IConstruct, names: readonly string[]): string[] {
  const root = owner.node.root;
  let claimed = claimedByRoot.get(root);
  if (!claimed) {
    claimed = new Map();
    claimedByRoot.set(root, claimed);
  }
  const problems: string[] = [];
  for (const c of names) {
    const by = claimed.get(c);
    if (by !== undefined) problems.push(`${c} is already used by the StatefulService at '${by}'`);
  }
  if (problems.length === 0) {
    const path = owner.node.path; // computed by constructs on every read: once per owner
    for (const c of names) claimed.set(c, path);
  }
  return problems;
}
