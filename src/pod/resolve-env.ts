import { EnvFieldPaths, ResourceFieldPaths } from '../core/kplus-enums';
import { EnvFromSource, EnvVar, Quantity } from '../../imports/k8s';
import { checkConfigKey, checkDnsSubdomain, checkEnvName, checkLabelKey } from '../core/checks';
import { Problems, show } from '../core/problems';
import { checkBoolean, enumValue, isInstance, listOf, structOf } from '../core/values';
import { EnvFrom, EnvFromOptions, EnvValue } from './env';

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
  for (const [name, value] of Object.entries(structOf<Record<string, EnvValue>>(prop, given, p))) {
    const at = `${prop}.${name}`;
    p.check(checkEnvName(prop, name));
    if (!isInstance(at, value, EnvValue, 'EnvValue.fromValue(...) or another EnvValue factory', p)) continue;
    const a = value._args;
    switch (value._kind) {
      case 'value':
        if (typeof a.value !== 'string') p.add(`'${at}' must be a string value, got ${show(a.value)}`);
        out.push({ name, value: a.value as string });
        break;
      case 'secret':
      case 'configMap': {
        const ok = p.check(checkDnsSubdomain(`${at} (${value._kind} name)`, a.name));
        const keyOk = p.check(checkConfigKey(`${at} (key)`, a.key));
        checkBoolean(`${at} (optional)`, a.optional, p);
        if (value._kind === 'configMap' && ok && keyOk)
          checkKnownKey(at, a.name as string, a.key as string, configMaps, p);
        const ref = { name: a.name as string, key: a.key as string, optional: a.optional as boolean | undefined };
        out.push({
          name,
          valueFrom: value._kind === 'secret' ? { secretKeyRef: ref } : { configMapKeyRef: ref },
        });
        break;
      }
      case 'field': {
        const field = enumValue(`${at} (field)`, a.field, 'EnvFieldPaths', EnvFieldPaths, p);
        const keyed = field === EnvFieldPaths.POD_LABEL || field === EnvFieldPaths.POD_ANNOTATION;
        if (keyed) p.check(checkLabelKey(`${at} (key)`, a.key));
        else if (a.key !== undefined)
          p.add(`'${at}' takes a 'key' only for POD_LABEL and POD_ANNOTATION, got key ${show(a.key)}`);
        // Env vars take single labels and annotations (`metadata.labels['k']`), never the whole map.
        out.push({
          name,
          valueFrom: { fieldRef: { fieldPath: keyed ? `${field}['${a.key}']` : (field as string) } },
        });
        break;
      }
      case 'resource': {
        const resource = enumValue(`${at} (resource)`, a.resource, 'ResourceFieldPaths', ResourceFieldPaths, p);
        if (a.container !== undefined && !containers.has(a.container as string)) {
          p.add(`'${at}' reads the resources of container ${show(a.container)}, which the pod does not have`);
        }
        const divisors = resource?.endsWith('.cpu') ? CPU_DIVISORS : BYTE_DIVISORS;
        if (a.divisor !== undefined && !divisors.includes(a.divisor as string)) {
          p.add(
            `'${at}' divisor must be one of ${divisors.map(show).join(', ')} for ${resource}, got ${show(a.divisor)}`,
          );
        }
        out.push({
          name,
          valueFrom: {
            resourceFieldRef: {
              resource: resource as string,
              containerName: a.container as string | undefined,
              divisor: a.divisor === undefined ? undefined : Quantity.fromString(a.divisor as string),
            },
          },
        });
        break;
      }
    }
  }
  return out;
}

export function resolveEnvFrom(prop: string, given: unknown, p: Problems): EnvFromSource[] {
  return listOf<EnvFrom>(prop, given, p).flatMap((e, i) => {
    const at = `${prop}[${i}]`;
    if (!isInstance(at, e, EnvFrom, 'EnvFrom.configMap(...) or EnvFrom.secret(...)', p)) return [];
    const o = structOf<EnvFromOptions>(`${at} options`, e._options, p);
    p.check(checkDnsSubdomain(`${at} (${e._kind} name)`, e._name));
    if (o.prefix !== undefined) p.check(checkEnvName(`${at}.prefix`, o.prefix));
    checkBoolean(`${at}.optional`, o.optional, p);
    const ref = { name: e._name, optional: o.optional };
    return [e._kind === 'configMap' ? { prefix: o.prefix, configMapRef: ref } : { prefix: o.prefix, secretRef: ref }];
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
