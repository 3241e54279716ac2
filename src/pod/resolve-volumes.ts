import { EmptyDirMedium, EnvFieldPaths, ResourceFieldPaths } from '../core/enums';
import type * as k8s from '../../imports/k8s';
import type { Wire } from '../core/wire';
import { checkConfigKey, checkDnsLabel, checkDnsSubdomain, checkInteger, checkRelativePath } from '../core/checks';
import { Problems, checkUnique, show } from '../core/problems';
import { propNames } from '../core/prop-names';
import { checkBoolean, durationSeconds, enumValue, isInstance, listOf, sizeQuantity, structOf } from '../core/values';
import { checkKnownKey, KnownConfigMaps } from './resolve-env';
import {
  DownwardApiItem,
  EmptyDirVolumeOptions,
  KeyToPath,
  KeyVolumeOptions,
  PodVolume,
  ProjectedSource,
  ProjectedVolumeOptions,
  ServiceAccountTokenProjection,
} from './pod-volume';

type K8sKeyToPath = Wire<k8s.KeyToPath>;
type Volume = Wire<k8s.Volume>;
type VolumeProjection = Wire<k8s.VolumeProjection>;

const MAX_MODE = 0o777;

const KEY_TO_PATH_PROPS = propNames<KeyToPath>({ key: true, path: true, mode: true });
const KEY_VOLUME_PROPS = propNames<KeyVolumeOptions>({ items: true, defaultMode: true, optional: true });
const DOWNWARD_API_ITEM_PROPS = propNames<DownwardApiItem>({
  path: true,
  field: true,
  resource: true,
  container: true,
});
const TOKEN_PROPS = propNames<ServiceAccountTokenProjection>({ path: true, audience: true, expiration: true });
const EMPTY_DIR_PROPS = propNames<EmptyDirVolumeOptions>({ medium: true, sizeLimit: true });
const PROJECTED_PROPS = propNames<ProjectedVolumeOptions>({ defaultMode: true });

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
    const item = structOf<KeyToPath>(at, it, p, KEY_TO_PATH_PROPS);
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
  name: string,
  given: KeyVolumeOptions,
  configMaps: KnownConfigMaps,
  p: Problems,
) {
  const o = structOf<KeyVolumeOptions>(prop, given, p, KEY_VOLUME_PROPS);
  p.check(checkDnsSubdomain(`${prop} (${kind} name)`, name));
  checkBoolean(`${prop}.optional`, o.optional, p);
  return {
    items: items(`${prop}.items`, o.items, { kind, name }, configMaps, p),
    optional: o.optional,
  };
}

function downwardApi(prop: string, given: unknown, p: Problems) {
  return listOf<DownwardApiItem>(prop, given, p).map((it, i) => {
    const at = `${prop}[${i}]`;
    const item = structOf<DownwardApiItem>(at, it, p, DOWNWARD_API_ITEM_PROPS);
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
  const spec = s._spec;
  switch (spec.kind) {
    case 'configMap':
      return {
        configMap: { name: spec.name, ...keySource(prop, 'configMap', spec.name, spec.options, configMaps, p) },
      };
    case 'secret':
      return { secret: { name: spec.name, ...keySource(prop, 'secret', spec.name, spec.options, configMaps, p) } };
    case 'downwardApi':
      return { downwardAPI: { items: downwardApi(`${prop} items`, spec.items, p) } };
    case 'serviceAccountToken': {
      const a = structOf<ServiceAccountTokenProjection>(prop, spec.token, p, TOKEN_PROPS);
      p.check(checkRelativePath(`${prop}.path`, a.path));
      // validation.go: validateProjectionSources: expiration of at least 10 minutes, at most 2^32 seconds.
      const expirationSeconds =
        a.expiration === undefined ? undefined : durationSeconds(`${prop}.expiration`, a.expiration, p, 600, 2 ** 32);
      if (a.audience !== undefined && typeof a.audience !== 'string')
        p.add(`'${prop}.audience' must be a string, got ${show(a.audience)}`);
      return {
        serviceAccountToken: { path: a.path as string, audience: a.audience, expirationSeconds },
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
    const spec = v._spec;
    const name = spec.name;
    p.check(checkDnsLabel(`${at} name`, name));
    switch (spec.kind) {
      case 'emptyDir': {
        const a = structOf<EmptyDirVolumeOptions>(at, spec.options, p, EMPTY_DIR_PROPS);
        const medium =
          a.medium === undefined ? undefined : enumValue(`${at}.medium`, a.medium, 'EmptyDirMedium', EmptyDirMedium, p);
        const sizeLimit = a.sizeLimit === undefined ? undefined : sizeQuantity(`${at}.sizeLimit`, a.sizeLimit, p);
        return [
          {
            name,
            emptyDir: {
              medium: medium || undefined,
              sizeLimit: sizeLimit ? sizeLimit : undefined,
            },
          },
        ];
      }
      case 'configMap':
        return [
          {
            name,
            configMap: {
              name: spec.source,
              defaultMode: mode(`${at}.defaultMode`, spec.options.defaultMode, p),
              ...keySource(at, 'configMap', spec.source, spec.options, configMaps, p),
            },
          },
        ];
      case 'secret':
        return [
          {
            name,
            secret: {
              secretName: spec.source,
              defaultMode: mode(`${at}.defaultMode`, spec.options.defaultMode, p),
              ...keySource(at, 'secret', spec.source, spec.options, configMaps, p),
            },
          },
        ];
      case 'projected': {
        const a = structOf<ProjectedVolumeOptions>(at, spec.options, p, PROJECTED_PROPS);
        const sources = listOf<ProjectedSource>(`${at} sources`, spec.sources, p);
        if (sources.length === 0) p.add(`'${at}' must have at least one source`);
        const projections = sources.map((s, k) => projection(`${at} sources[${k}]`, s, configMaps, p));
        // validation.go: validateProjectionSources: one file per path across all sources.
        checkUnique(`${at} sources`, 'file path', projections.flatMap(projectedPaths), p);
        return [
          {
            name,
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
    ...(v.downwardAPI?.items ?? []).map((i) => i.path),
    ...(v.serviceAccountToken ? [v.serviceAccountToken.path] : []),
  ];
}
