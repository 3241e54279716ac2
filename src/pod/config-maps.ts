import { createHash } from 'crypto';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { checkConfigKey, checkDnsSubdomain, entriesOf } from '../core/checks';
import { Problems, checkUnique, show } from '../core/problems';
import { propNames } from '../core/prop-names';
import { listOf, structOf } from '../core/values';
import { apiObject } from '../core/wire';
import type { ConfigMapProps } from './config-map-props';

export interface ConfigMapSettings {
  readonly name: string;
  readonly data: Readonly<Record<string, string>>;
  readonly binaryData: Readonly<Record<string, string>>;
}

// validation.go: ValidateConfigMap (corevalidation.MaxSecretSize, 1 MiB in all).
const MAX_BYTES = 1024 * 1024;
const CONFIG_MAP_PROPS = propNames<ConfigMapProps>({ name: true, data: true, binaryData: true });
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function resolveConfigMaps(given: unknown, p: Problems): ConfigMapSettings[] {
  const list = listOf<ConfigMapProps>('configMaps', given, p).map((c, i) => {
    const prop = `configMaps[${i}]`;
    const cm = structOf<ConfigMapProps>(prop, c, p, CONFIG_MAP_PROPS);
    p.check(checkDnsSubdomain(`${prop}.name`, cm.name));
    const data = entriesOf(`${prop}.data`, cm.data, (m) => p.add(m));
    const binary = entriesOf(`${prop}.binaryData`, cm.binaryData, (m) => p.add(m));
    for (const [k] of data) p.check(checkConfigKey(`${prop}.data`, k));
    for (const [k, v] of binary) {
      p.check(checkConfigKey(`${prop}.binaryData`, k));
      if (!BASE64.test(v)) p.add(`'${prop}.binaryData.${k}' must be base64-encoded, got ${show(v.slice(0, 40))}`);
    }
    const both = data.find(([k]) => binary.some(([b]) => b === k));
    if (both) p.add(`'${prop}' has the key ${show(both[0])} in both 'data' and 'binaryData'`);
    const bytes = [...data, ...binary].reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
    if (bytes > MAX_BYTES) p.add(`'${prop}' must hold at most 1 MiB (keys and values), got ${bytes} bytes`);
    return { name: cm.name as string, data: Object.fromEntries(data), binaryData: Object.fromEntries(binary) };
  });
  checkUnique(
    'configMaps',
    'name',
    list.map((c) => c.name),
    p,
  );
  return list;
}

/**
 * A hash of the ConfigMaps' content for the pod template (`checksum/config`, as Helm
 * charts do it): the pods roll when the data changes, and only then.
 */
export function configChecksum(configMaps: readonly ConfigMapSettings[]): string | undefined {
  if (configMaps.length === 0) return undefined;
  const canonical = [...configMaps]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((c) => [c.name, sorted(c.data), sorted(c.binaryData)]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

function sorted(map: Readonly<Record<string, string>>): Array<[string, string]> {
  return Object.entries(map).sort(([a], [b]) => (a < b ? -1 : 1));
}

export function makeConfigMaps(
  scope: Construct,
  configMaps: readonly ConfigMapSettings[],
  metadata: { labels: Record<string, string>; annotations?: Record<string, string> },
): ApiObject[] {
  if (configMaps.length === 0) return [];
  const group = new Construct(scope, 'ConfigMaps');
  return configMaps.map((c) =>
    apiObject(group, c.name, 'ConfigMap', {
      metadata: { name: c.name, labels: { ...metadata.labels }, annotations: metadata.annotations },
      data: Object.keys(c.data).length > 0 ? { ...c.data } : undefined,
      binaryData: Object.keys(c.binaryData).length > 0 ? { ...c.binaryData } : undefined,
    }),
  );
}
