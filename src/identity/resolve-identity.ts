import {
  checkAnnotations,
  checkDnsLabel,
  checkDnsSubdomain,
  checkLabels,
  checkLabelValue,
  checkServiceName,
} from '../core/checks';
import { INSTANCE_LABEL, NAME_LABEL, selectorLabels } from '../core/names';
import { Problems, show } from '../core/problems';
import { propNames } from '../core/prop-names';
import type { IdentityOptions } from './identity-options';

// The StatefulSet controller labels each pod's revision `<name>-<hash>` (hash up to 10
// characters plus '-'), and label values stop at 63 characters.
const MAX_STATEFULSET_NAME = 52;

export const IDENTITY_PROPS = propNames<IdentityOptions>({
  name: true,
  serviceName: true,
  appName: true,
  clusterDomain: true,
  labels: true,
  annotations: true,
});

/** The names, labels and annotations, with their defaults. */
export interface IdentitySettings {
  readonly name: string;
  readonly serviceName: string;
  /** Whether `serviceName` passed, so that names made from it are checked only then. */
  readonly serviceNameOk: boolean;
  readonly appName: string;
  readonly namespace: string;
  readonly clusterDomain: string;
  readonly selectorLabels: Readonly<Record<string, string>>;
  readonly userLabels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/**
 * Checks the identity props; `namespace` is the chart's (undefined: none given, and
 * kubectl puts the objects into `default` by default).
 */
export function resolveIdentity(
  given: Partial<IdentityOptions>,
  namespace: string | undefined,
  p: Problems,
): IdentitySettings {
  const name = String(given.name);
  const serviceName = String(given.serviceName ?? given.name);
  const appName = String(given.appName ?? serviceName);
  const clusterDomain = String(given.clusterDomain ?? 'cluster.local');

  if (namespace !== undefined) p.check(checkDnsLabel('namespace (of the chart)', namespace));
  p.check(checkDnsLabel('name', given.name, MAX_STATEFULSET_NAME, ', since pods get revision labels "<name>-<hash>"'));
  const serviceNameOk = p.check(
    checkServiceName(
      given.serviceName === undefined ? 'serviceName (the default, from name)' : 'serviceName',
      serviceName,
    ),
  );
  if (given.appName !== undefined) p.check(checkLabelValue('appName', given.appName));
  else if (serviceNameOk) {
    const c = checkLabelValue('appName', appName);
    if (c) p.add(`${c} (the default, from 'serviceName'; set 'appName')`);
  }
  p.check(checkDnsSubdomain('clusterDomain', clusterDomain));
  const userLabels = Object.fromEntries(checkLabels('labels', given.labels, (m) => p.add(m)));
  for (const key of [NAME_LABEL, INSTANCE_LABEL].filter((k) => k in userLabels)) {
    p.add(
      `'labels' must not set ${show(key)}: it is a selector label, made from 'appName' and 'name'; set those instead`,
    );
  }
  const annotations = Object.fromEntries(checkAnnotations('annotations', given.annotations, (m) => p.add(m)));
  return {
    name,
    serviceName,
    serviceNameOk,
    appName,
    namespace: namespace ?? 'default',
    clusterDomain,
    selectorLabels: selectorLabels(appName, name),
    userLabels,
    annotations,
  };
}
