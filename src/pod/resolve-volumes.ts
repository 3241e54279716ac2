import { EmptyDirMedium, EnvFieldPaths, ResourceFieldPaths } from '../core/kplus-enums';
import { KeyToPath as K8sKeyToPath, Quantity, Volume, VolumeProjection } from '../../imports/k8s';
import { checkConfigKey, checkDnsLabel, checkDnsSubdomain, checkInteger, checkRelativePath } from '../core/checks';
import { Problems, checkUnique, show } from '../core/problems';
import { checkBoolean, durationSeconds, enumValue, isInstance, listOf, sizeQuantity, structOf } from '../core/values';
import { checkKnownKey, KnownConfigMaps } from './resolve-env';
import { DownwardApiItem, KeyToPath, KeyVolumeOptions, PodVolume, ProjectedSource } from './pod-volume';

const MAX_MODE = 0o777;

function mode(prop: string, value: unknown, p: Problems): number | undefined {
  if (value !== undefined) p.check(checkInteger(prop, value, 0, MAX_MODE));
  return value as number | undefined;
}

function items(
  prop: string,
  given: unknown,
  source: { kind: 'configMap' | 'secret'; name: string },
  configMaps: KnownConfigMaps,
  p: Problems,
): K8sKeyToPath[] | undefined {
  if (given === undefined) return undefined;
  const list = listOf<KeyToPath>(prop, given, p).map((it, i) => {
    const at = `${prop}[${i}]`;
    const item = structOf<KeyToPath>(at, it, p);
    if (p.check(checkConfigKey(`${at}.key`, item.key)) && source.kind === 'configMap') {
      checkKnownKey(`${at}.key`, source.name, item.key as string, configMaps, p);
    }
    p.check(checkRelativePath(`${at}.path`, item.path));
    return { key: item.key as string, path: item.path as string, mode: mode(`${at}.mode`, item.mode, p) };
  });
  checkUnique(
    prop,
    'path',
    list.map((i) => i.path),
    p,
  );
  return list;
}

function keySource(
  prop: string,
  kind: 'configMap' | 'secret',
  name: unknown,
  o: KeyVolumeOptions,
  configMaps: KnownConfigMaps,
  p: Problems,
) {
  p.check(checkDnsSubdomain(`${prop} (${kind} name)`, name));
  checkBoolean(`${prop}.optional`, o.optional, p);
  return {
    items: items(`${prop}.items`, o.items, { kind, name: name as string }, configMaps, p),
    optional: o.optional,
  };
}

function downwardApi(prop: string, given: unknown, p: Problems) {
  return listOf<DownwardApiItem>(prop, given, p).map((it, i) => {
    const at = `${prop}[${i}]`;
    const item = structOf<DownwardApiItem>(at, it, p);
    p.check(checkRelativePath(`${at}.path`, item.path));
    if ((item.field === undefined) === (item.resource === undefined)) {
      p.add(`'${at}' must give exactly one of 'field' and 'resource'`);
    }
    const field =
      item.field === undefined ? undefined : enumValue(`${at}.field`, item.field, 'EnvFieldPaths', EnvFieldPaths, p);
    const resource =
      item.resource === undefined
        ? undefined
        : enumValue(`${at}.resource`, item.resource, 'ResourceFieldPaths', ResourceFieldPaths, p);
    return {
      path: item.path as string,
      fieldRef: field ? { fieldPath: field } : undefined,
      resourceFieldRef: resource ? { resource, containerName: item.container } : undefined,
    };
  });
}

function projection(prop: string, s: unknown, configMaps: KnownConfigMaps, p: Problems): VolumeProjection {
  if (
    !isInstance(
      prop,
      s,
      ProjectedSource,
      'ProjectedSource.configMap(...), .secret(...), .downwardApi(...) or .serviceAccountToken(...)',
      p,
    )
  ) {
    return {};
  }
  const a = s._args;
  switch (s._kind) {
    case 'configMap':
      return { configMap: { name: a.name as string, ...keySource(prop, 'configMap', a.name, a, configMaps, p) } };
    case 'secret':
      return { secret: { name: a.name as string, ...keySource(prop, 'secret', a.name, a, configMaps, p) } };
    case 'downwardApi':
      return { downwardApi: { items: downwardApi(`${prop} items`, a.items, p) } };
    case 'serviceAccountToken': {
      p.check(checkRelativePath(`${prop}.path`, a.path));
      // validation.go: validateProjectionSources: expiration of at least 10 minutes, at most 2^32 seconds.
      const expirationSeconds =
        a.expiration === undefined ? undefined : durationSeconds(`${prop}.expiration`, a.expiration, p, 600, 2 ** 32);
      if (a.audience !== undefined && typeof a.audience !== 'string')
        p.add(`'${prop}.audience' must be a string, got ${show(a.audience)}`);
      return {
        serviceAccountToken: { path: a.path as string, audience: a.audience as string | undefined, expirationSeconds },
      };
    }
  }
}

/** The pod's own volumes (not the claims), as Kubernetes writes them. */
export function resolvePodVolumes(prop: string, given: unknown, configMaps: KnownConfigMaps, p: Problems): Volume[] {
  return listOf<PodVolume>(prop, given, p).flatMap((v, i): Volume[] => {
    const at = `${prop}[${i}]`;
    if (!isInstance(at, v, PodVolume, 'PodVolume.emptyDir(...), .configMap(...), .secret(...) or .projected(...)', p))
      return [];
    p.check(checkDnsLabel(`${at} name`, v._name));
    const a = v._args;
    switch (v._kind) {
      case 'emptyDir': {
        const medium =
          a.medium === undefined ? undefined : enumValue(`${at}.medium`, a.medium, 'EmptyDirMedium', EmptyDirMedium, p);
        const sizeLimit = a.sizeLimit === undefined ? undefined : sizeQuantity(`${at}.sizeLimit`, a.sizeLimit, p);
        return [
          {
            name: v._name,
            emptyDir: {
              medium: medium || undefined,
              sizeLimit: sizeLimit ? Quantity.fromString(sizeLimit) : undefined,
            },
          },
        ];
      }
      case 'configMap':
        return [
          {
            name: v._name,
            configMap: {
              name: a.configMapName as string,
              defaultMode: mode(`${at}.defaultMode`, a.defaultMode, p),
              ...keySource(at, 'configMap', a.configMapName, a, configMaps, p),
            },
          },
        ];
      case 'secret':
        return [
          {
            name: v._name,
            secret: {
              secretName: a.secretName as string,
              defaultMode: mode(`${at}.defaultMode`, a.defaultMode, p),
              ...keySource(at, 'secret', a.secretName, a, configMaps, p),
            },
          },
        ];
      case 'projected': {
        const sources = listOf<ProjectedSource>(`${at} sources`, a.sources, p);
        if (sources.length === 0) p.add(`'${at}' must have at least one source`);
        const projections = sources.map((s, k) => projection(`${at} sources[${k}]`, s, configMaps, p));
        // validation.go: validateProjectionSources: one file per path across all sources.
        checkUnique(`${at} sources`, 'file path', projections.flatMap(projectedPaths), p);
        return [
          {
            name: v._name,
            projected: { defaultMode: mode(`${at}.defaultMode`, a.defaultMode, p), sources: projections },
          },
        ];
      }
    }
  });
}

/** The file paths a projection writes (those it names; a whole ConfigMap or Secret writes its keys). */
function projectedPaths(v: VolumeProjection): string[] {
  return [
    ...(v.configMap?.items ?? []).map((i) => i.path),
    ...(v.secret?.items ?? []).map((i) => i.path),
    ...(v.downwardApi?.items ?? []).map((i) => i.path),
    ...(v.serviceAccountToken ? [v.serviceAccountToken.path] : []),
  ];
}
