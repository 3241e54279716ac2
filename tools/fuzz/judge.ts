// What the fuzzer checks of one prop set: a rejected set names the props it rejects; an
// accepted set writes manifests that three independent judges accept: the package's
// schema check and API-server rules (src/cli, which share no code with the construct),
// for Kubernetes 1.27 and 1.33, and kubernetes-models (per-kind validation against the
// 1.27 OpenAPI schema, a second opinion written by others).
import { Chart, Testing } from 'cdk8s';
import { StatefulService, StatefulServiceProps } from '../../src';
import { isError, validate } from '../../src/cli/validate';

export type Verdict =
  | { readonly kind: 'rejected'; readonly problems: string[]; readonly unnamed: string[] }
  | { readonly kind: 'accepted'; readonly problems: string[] };

// kubernetes-models: one class per apiVersion/kind, each with a schema validator.
const MODELS: Record<string, string> = {
  'v1/Service': 'kubernetes-models/v1/Service',
  'v1/PersistentVolume': 'kubernetes-models/v1/PersistentVolume',
  'v1/ConfigMap': 'kubernetes-models/v1/ConfigMap',
  'v1/ServiceAccount': 'kubernetes-models/v1/ServiceAccount',
  'apps/v1/StatefulSet': 'kubernetes-models/apps/v1/StatefulSet',
  'policy/v1/PodDisruptionBudget': 'kubernetes-models/policy/v1/PodDisruptionBudget',
  'networking.k8s.io/v1/NetworkPolicy': 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy',
};

function secondOpinion(object: any): string | undefined {
  const module = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!module) return `kubernetes-models: no model for ${object.apiVersion}/${object.kind}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Model = Object.values(require(module))[0] as new (o: unknown) => { validate(): void };
  try {
    new Model(object).validate();
    return undefined;
  } catch (e) {
    return `kubernetes-models: ${(e as Error).message.split('\n').slice(0, 3).join(' ')}`;
  }
}

/** A problem names the prop it is about: `'storage[0].size' must be ...`. */
const NAMES_A_PROP = /'[A-Za-z][\w.[\]()]*[^']*'/;

/** Fields newer than Kubernetes 1.27 that the construct may write (native sidecars, sleep hooks). */
function usesNewerFields(objects: any[]): boolean {
  const json = JSON.stringify(objects);
  return json.includes('"sleep":') || /"restartPolicy":"Always"/.test(json);
}

export function judge(props: StatefulServiceProps, namespace = 'fuzz'): Verdict {
  const chart = new Chart(Testing.app(), 'fuzz', { namespace });
  const service = new StatefulService(chart, 'svc', props);
  const problems = service.node.validate();
  if (problems.length > 0) {
    return { kind: 'rejected', problems, unnamed: problems.filter((m) => !NAMES_A_PROP.test(m)) };
  }
  // chart.toJson(), not Testing.synth: the tests patch the latter to validate on its own.
  const objects = chart.toJson() as any[];
  const manifests = objects.map((object, index) => ({ file: 'fuzz', index, object }));
  const versions = usesNewerFields(objects) ? ['1.33'] : ['1.27', '1.33'];
  const found: string[] = [];
  for (const version of versions) {
    for (const p of validate(manifests, { kubernetesVersion: version }).filter(isError)) {
      found.push(`validate ${version}: ${p.object}: ${p.path}: ${p.message} [${p.rule}]`);
    }
  }
  for (const o of objects) {
    const opinion = secondOpinion(o);
    if (opinion) found.push(`${o.kind}/${o.metadata?.name}: ${opinion}`);
  }
  return { kind: 'accepted', problems: found };
}
