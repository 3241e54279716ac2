import { IConstruct } from 'constructs';
import type { Settings } from './settings';

// Per construct tree (app): what each StatefulService claimed, and by whom.
const claimedByRoot = new WeakMap<IConstruct, Map<string, string>>();

/** The objects and host directories a service needs to own alone in its app. */
function claims(s: Settings): string[] {
  return [
    `StatefulSet "${s.namespace}/${s.name}"`,
    `Service "${s.namespace}/${s.serviceName}"`,
    ...(s.externalService ? [`Service "${s.namespace}/${s.externalService.name}"`] : []),
    ...(s.serviceAccount?.create ? [`ServiceAccount "${s.namespace}/${s.serviceAccount.name}"`] : []),
    // PersistentVolumes and host directories are cluster-wide, whatever the namespace.
    ...s.storage.flatMap((st) => st.volumes.map((v) => `PersistentVolume "${v.name}"`)),
    ...s.storage.flatMap((st) =>
      st.volumes.filter((v) => v.source.hostPath).map((v) => `hostPath directory "${v.source.hostPath!.path}"`),
    ),
  ];
}

/**
 * Records the names `owner` will use; returns a problem for each name another
 * StatefulService of the same app already uses (kubectl apply would merge the two
 * objects, or two pods would share one directory). O(1) per name, so apps of
 * thousands of services stay linear.
 */
export function claimNames(owner: IConstruct, s: Settings): string[] {
  const root = owner.node.root;
  let claimed = claimedByRoot.get(root);
  if (!claimed) {
    claimed = new Map();
    claimedByRoot.set(root, claimed);
  }
  const mine = claims(s);
  const problems = mine
    .filter((c) => claimed.has(c))
    .map((c) => `${c} is already used by the StatefulService at '${claimed.get(c)}'`);
  if (problems.length === 0) mine.forEach((c) => claimed.set(c, owner.node.path));
  return problems;
}
