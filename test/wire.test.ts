// The construct writes plain ApiObjects typed by `Wire<T>` (src/core/wire.ts): the field
// names must be the API's, which the generated L1 `toJson` functions of imports/k8s.ts
// spell out, and the library must not load the generated classes at run time.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type * as k8s from '../imports/k8s';
import type { Wire, WireNames } from '../src/core/wire';

const root = path.join(__dirname, '..');

/** Every `'<api name>': obj.<generated name>` of the generated toJson functions whose names differ. */
function renamesOfTheImport(): Map<string, string> {
  const text = fs.readFileSync(path.join(root, 'imports', 'k8s.ts'), 'utf-8');
  const renames = new Map<string, string>();
  for (const [, api, generated] of text.matchAll(/^\s+'([^']+)': (?:\w+\()?obj\.(\w+)\b/gm)) {
    if (api !== generated) renames.set(generated, api);
  }
  return renames;
}

test('WireNames lists every field the generated classes rename, and nothing else', () => {
  const fromImport = renamesOfTheImport();
  expect(fromImport.size).toBeGreaterThan(20);
  // A value of the type, so that the list is compared at run time too: the type checker
  // makes this literal carry exactly the keys and values of WireNames.
  const listed: { [K in keyof WireNames]: WireNames[K] } = {
    clientIp: 'clientIP',
    clusterIp: 'clusterIP',
    datasetUuid: 'datasetUUID',
    diskUri: 'diskURI',
    downwardApi: 'downwardAPI',
    externalId: 'externalID',
    hostIp: 'hostIP',
    hostIpc: 'hostIPC',
    hostPid: 'hostPID',
    insecureSkipTlsVerify: 'insecureSkipTLSVerify',
    loadBalancerIp: 'loadBalancerIP',
    nodeId: 'nodeID',
    nonResourceUrLs: 'nonResourceURLs',
    openApiv3Schema: 'openAPIV3Schema',
    pdId: 'pdID',
    podCidr: 'podCIDR',
    podCidRs: 'podCIDRs',
    providerId: 'providerID',
    ref: '$ref',
    scaleIo: 'scaleIO',
    schema: '$schema',
    setHostnameAsFqdn: 'setHostnameAsFQDN',
    storagePolicyId: 'storagePolicyID',
    targetCpuUtilizationPercentage: 'targetCPUUtilizationPercentage',
    targetWwNs: 'targetWWNs',
    volumeId: 'volumeID',
    xKubernetesEmbeddedResource: 'x-kubernetes-embedded-resource',
    xKubernetesIntOrString: 'x-kubernetes-int-or-string',
    xKubernetesListMapKeys: 'x-kubernetes-list-map-keys',
    xKubernetesListType: 'x-kubernetes-list-type',
    xKubernetesMapType: 'x-kubernetes-map-type',
    xKubernetesPreserveUnknownFields: 'x-kubernetes-preserve-unknown-fields',
    xKubernetesValidations: 'x-kubernetes-validations',
  };
  expect(new Map(Object.entries(listed))).toEqual(fromImport);
});

test('Wire<T> takes the API names and plain quantities, and refuses the generated names', () => {
  const service: Wire<k8s.ServiceSpec> = { clusterIP: 'None', ports: [{ port: 80, targetPort: 'http' }] };
  // @ts-expect-error the generated name is not the API's
  const generated: Wire<k8s.ServiceSpec> = { clusterIp: 'None' };
  const claim: Wire<k8s.PersistentVolumeClaimSpec> = { resources: { requests: { storage: '1Gi' } } };
  // An interface with a `value` field of its own is not taken for a quantity.
  const header: Wire<k8s.HttpHeader> = { name: 'x', value: 'y' };
  // @ts-expect-error a header keeps its name
  const headerWithoutName: Wire<k8s.HttpHeader> = { value: 'y' };
  expect([service, generated, claim, header, headerWithoutName]).toHaveLength(5);
});

test('the compiled library does not load the generated classes at run time', () => {
  // In a process of its own: jest's module registry is not Node's.
  const program = `
    const { App, Chart, Size } = require('cdk8s');
    const { StatefulService, Storage } = require('./lib/src');
    const app = new App();
    new StatefulService(new Chart(app, 'c', { namespace: 'default' }), 's', {
      name: 's',
      container: { image: 'nginx:1.27', ports: [{ number: 80 }] },
      storage: [Storage.dynamic({ name: 'data', mountPath: '/data', size: Size.gibibytes(1) })],
    });
    app.synthYaml();
    console.log(JSON.stringify(Object.keys(require.cache).filter((f) => f.includes('imports'))));
  `;
  const out = execFileSync(process.execPath, ['-e', program], { cwd: root, encoding: 'utf-8' });
  expect(JSON.parse(out)).toEqual([]);
});
