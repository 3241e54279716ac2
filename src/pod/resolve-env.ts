import { EnvFieldPaths, ResourceFieldPaths } from '../core/enums';
import type * as k8s from '../../imports/k8s';
import type { Wire } from '../core/wire';
import { checkConfigKey, checkDnsSubdomain, checkEnvName, checkLabelKey } from '../core/checks';
import { Problems, show } from '../core/problems';
import { propNames } from '../core/prop-names';
import { checkBoolean, enumValue, isInstance, listOf, mapOf, structOf } from '../core/values';
import { EnvFieldOptions, EnvFrom, EnvFromOptions, EnvResourceOptions, EnvSourceOptions, EnvValue } from './env';

type EnvFromSource = Wire<k8s.EnvFromSource>;
type EnvVar = Wire<k8s.EnvVar>;

const SOURCE_PROPS = propNames<EnvSourceOptions>({ optional: true });
const FIELD_PROPS = propNames<EnvFieldOptions>({ key: true });
const RESOURCE_PROPS = propNames<EnvResourceOptions>({ container: true, divisor: true });
const ENV_FROM_PROPS = propNames<EnvFromOptions>({ prefix: true, optional: true });

/** The keys of the ConfigMaps the construct makes, to check references to them. */
export type KnownConfigMaps = ReadonlyMap<string, ReadonlySet<string>>;

// validation.go: validateContainerResourceDivisor.
const CPU_DIVISORS = ['1m', '1'];
const BYTE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];

export function resolveEnv(
  prop: string,
  given: unknown,
  containers: ReadonlySet<string>,
  configMaps: KnownConfigMaps,
  p: Problems,
): EnvVar[] {
  const out: EnvVar[] = [];
  for (const [name, value] of Object.entries(mapOf<EnvValue>(prop, given, p))) {
    const at = `${prop}.${name}`;
    p.check(checkEnvName(prop, name));
    if (!isInstance(at, value, EnvValue, 'EnvValue.literal(...) or another EnvValue factory', p)) continue;
    const spec = value._spec;
    switch (spec.kind) {
      case 'literal':
        if (typeof spec.value !== 'string') p.add(`'${at}' must be a string value, got ${show(spec.value)}`);
        out.push({ name, value: spec.value });
        break;
      case 'secret':
      case 'configMap': {
        const o = structOf<EnvSourceOptions>(at, spec.options, p, SOURCE_PROPS);
        const ok = p.check(checkDnsSubdomain(`${at} (${spec.kind} name)`, spec.name));
        const keyOk = p.check(checkConfigKey(`${at} (key)`, spec.key));
        checkBoolean(`${at} (optional)`, o.optional, p);
        if (spec.kind === 'configMap' && ok && keyOk) checkKnownKey(at, spec.name, spec.key, configMaps, p);
        const ref = { name: spec.name, key: spec.key, optional: o.optional };
        out.push({
          name,
          valueFrom: spec.kind === 'secret' ? { secretKeyRef: ref } : { configMapKeyRef: ref },
        });
        break;
      }
      case 'field': {
        const o = structOf<EnvFieldOptions>(at, spec.options, p, FIELD_PROPS);
        const field = enumValue(`${at} (field)`, spec.field, 'EnvFieldPaths', EnvFieldPaths, p);
        const keyed = field === EnvFieldPaths.POD_LABEL || field === EnvFieldPaths.POD_ANNOTATION;
        if (keyed) p.check(checkLabelKey(`${at} (key)`, o.key));
        else if (o.key !== undefined)
          p.add(`'${at}' takes a 'key' only for POD_LABEL and POD_ANNOTATION, got key ${show(o.key)}`);
        // Env vars take single labels and annotations (`metadata.labels['k']`), never the whole map.
        out.push({
          name,
          valueFrom: { fieldRef: { fieldPath: keyed ? `${field}['${o.key}']` : (field as string) } },
        });
        break;
      }
      case 'resource': {
        const a = structOf<EnvResourceOptions>(at, spec.options, p, RESOURCE_PROPS);
        const resource = enumValue(`${at} (resource)`, spec.resource, 'ResourceFieldPaths', ResourceFieldPaths, p);
        if (a.container !== undefined && !containers.has(a.container)) {
          p.add(`'${at}' reads the resources of container ${show(a.container)}, which the pod does not have`);
        }
        const divisors = resource?.endsWith('.cpu') ? CPU_DIVISORS : BYTE_DIVISORS;
        if (a.divisor !== undefined && !divisors.includes(a.divisor)) {
          p.add(
            `'${at}' divisor must be one of ${divisors.map(show).join(', ')} for ${resource}, got ${show(a.divisor)}`,
          );
        }
        out.push({
          name,
          valueFrom: {
            resourceFieldRef: {
              resource: resource as string,
              containerName: a.container,
              divisor: a.divisor === undefined ? undefined : a.divisor,
            },
          },
        });
        break;
      }
    }
  }
  return referencesFirst(out);
}

/** The names a value refers to as `$(NAME)`; `$$` is an escaped `$` (third_party/forked/golang/expansion/expand.go: Expand). */
function referencesOf(value: string): string[] {
  const names: string[] = [];
  for (let i = 0; i < value.length - 1; i++) {
    if (value[i] !== '$') continue;
    if (value[i + 1] === '$') {
      i++;
      continue;
    }
    const end = value[i + 1] === '(' ? value.indexOf(')', i + 2) : -1;
    if (end > 0) {
      names.push(value.slice(i + 2, end));
      i = end;
    }
  }
  return names;
}

/**
 * The variables in the order given, except that a variable another one's value refers to
 * (`$(NAME)`) comes before it: the kubelet expands a reference only to a variable defined
 * earlier in the list, and leaves any other as it is (pkg/kubelet/kubelet_pods.go:
 * makeEnvironmentVariables). So the order of the `env` map does
 * not matter, which it cannot from Go (whose jsii runtime sorts map keys) or from a Java
 * `Map.of`. In a cycle one reference stays unexpanded, whatever the order.
 */
function referencesFirst(vars: EnvVar[]): EnvVar[] {
  // A value that is not a string was reported already (JavaScript callers).
  const text = (v: EnvVar) => (typeof v.value === 'string' ? v.value : '');
  if (!vars.some((v) => text(v).includes('$('))) return vars;
  const index = new Map(vars.map((v, i) => [v.name, i]));
  const needs = vars.map((v) =>
    referencesOf(text(v))
      .map((n) => index.get(n))
      .filter((i): i is number => i !== undefined),
  );
  const placed = new Set<number>();
  const visiting = new Set<number>();
  const ordered: EnvVar[] = [];
  const place = (i: number) => {
    if (placed.has(i) || visiting.has(i)) return;
    visiting.add(i);
    for (const j of needs[i]) place(j);
    visiting.delete(i);
    placed.add(i);
    ordered.push(vars[i]);
  };
  vars.forEach((_, i) => place(i));
  return ordered;
}

export function resolveEnvFrom(prop: string, given: unknown, p: Problems): EnvFromSource[] {
  return listOf<EnvFrom>(prop, given, p).flatMap((e, i) => {
    const at = `${prop}[${i}]`;
    if (!isInstance(at, e, EnvFrom, 'EnvFrom.configMap(...) or EnvFrom.secret(...)', p)) return [];
    const { kind, name, options } = e._spec;
    const o = structOf<EnvFromOptions>(at, options, p, ENV_FROM_PROPS);
    p.check(checkDnsSubdomain(`${at} (${kind} name)`, name));
    if (o.prefix !== undefined) p.check(checkEnvName(`${at}.prefix`, o.prefix));
    checkBoolean(`${at}.optional`, o.optional, p);
    const ref = { name, optional: o.optional };
    return [kind === 'configMap' ? { prefix: o.prefix, configMapRef: ref } : { prefix: o.prefix, secretRef: ref }];
  });
}

/** A reference to a key of a ConfigMap the construct makes must name one of its keys. */
export function checkKnownKey(prop: string, name: string, key: string, configMaps: KnownConfigMaps, p: Problems) {
  const keys = configMaps.get(name);
  if (keys && !keys.has(key)) {
    p.add(
      `'${prop}' refers to key ${show(key)} of the ConfigMap ${show(name)} made by this service, which has only ${[...keys].map(show).join(', ') || 'no keys'}`,
    );
  }
}
