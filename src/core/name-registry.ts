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
  const problems = names
    .filter((c) => claimed.has(c))
    .map((c) => `${c} is already used by the StatefulService at '${claimed.get(c)}'`);
  if (problems.length === 0) names.forEach((c) => claimed.set(c, owner.node.path));
  return problems;
}
