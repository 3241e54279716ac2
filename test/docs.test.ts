import { Chart, Testing } from 'cdk8s';
import * as fs from 'fs';
import * as path from 'path';
import { StatefulService } from '../src';
import { renderApi } from '../tools/api-docs';
import { renderDiagram } from '../src/cli/diagram/diagram';
import { loadManifests, manifestFiles } from '../src/cli/manifests';

const root = path.resolve(__dirname, '..');
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf-8');
const example = loadManifests(manifestFiles([path.join(root, 'dist', 'random-generator.k8s.yaml')])).manifests;

describe('API.md', () => {
  const api = renderApi(path.join(root, 'src', 'index.ts'));

  test('is what `npm run docs` generates from the code (run it and commit if this fails)', () => {
    expect(read('API.md')).toBe(api);
  });

  test('documents every export, and every optional prop with its default', () => {
    for (const name of [
      'StatefulService',
      'StatefulServiceProps',
      'StorageProps',
      'StatefulServiceError',
      'AccessMode',
      'ACKNOWLEDGE_PREFIX',
    ]) {
      expect(api).toContain(`### ${name}\n`);
    }
    const rows = api.split('\n').filter((l) => /^\| `[a-zA-Z]+` \| `/.test(l) && l.split(' | ').length === 4);
    expect(rows.length).toBeGreaterThan(60);
    // prop rows: | name | type | default | description |; none without a default or description
    for (const row of rows) {
      const [, , dflt, desc] = row.split(' | ');
      expect(`${row}: ${dflt.trim() === '' ? 'no default' : 'ok'}`).toBe(`${row}: ok`);
      expect(desc.replace(/\|$/, '').trim().length).toBeGreaterThan(0);
    }
  });
});

describe('diagram', () => {
  const diagram = renderDiagram(example);
  const nodes = (prefix: string) => diagram.split('\n').filter((l) => l.trim().startsWith(prefix) && l.includes('["'));

  test("the default app's diagram shows 3 volumes, 2 pods, their claims and both Services", () => {
    expect(nodes('pv_')).toHaveLength(3);
    expect(nodes('pod_')).toHaveLength(2);
    expect(nodes('pvc_')).toHaveLength(2);
    expect(nodes('svc_')).toHaveLength(2);
    expect(diagram).toContain('pvc_default_logs_rg_0 --> pv__log_1');
    expect(diagram).toContain('pvc_default_logs_rg_1 --> pv__log_2');
    expect(diagram).toContain('reserved for claim logs-rg-2');
    expect(diagram).toContain('Service random-generator-np<br/>NodePort http 8080→8080');
  });

  test('the README shows it', () => {
    expect(read('README.md')).toContain(`\`\`\`mermaid\n${diagram}\n\`\`\``);
  });
});

test('every type the props use is exported from src/index.ts (consumers can name it)', () => {
  const props = fs.readFileSync(path.join(root, 'src', 'stateful-service-props.ts'), 'utf-8');
  const declared = [...props.matchAll(/^export (?:type|interface) ([A-Za-z]+)/gm)].map((m) => m[1]);
  const index = read('src/index.ts');
  expect(declared.filter((name) => !new RegExp(`\\b${name}\\b`).test(index))).toEqual([]);
});

test('the diagram of a service with two claim templates and NFS volumes', () => {
  const chart = new Chart(Testing.app(), 'c', { namespace: 'data' });
  new StatefulService(chart, 'db', {
    name: 'db',
    serviceName: 'db',
    image: 'example/db:1.0.0',
    replicas: 1,
    port: 5432,
    storage: [
      {
        name: 'data',
        size: '10Gi',
        mountPath: '/data',
        storageClassName: 'nfs',
        preMadeVolumes: { source: () => ({ nfs: { server: 'nfs', path: '/x' } }) },
      },
      { name: 'wal', size: '1Gi', mountPath: '/wal' },
    ],
  });
  const diagram = renderDiagram(
    Testing.synth(chart).map((object: any, index: number) => ({ file: 'x', index, object })),
  );
  expect(diagram).toContain('pod_data_db_0 -->|data| pvc_data_data_db_0');
  expect(diagram).toContain('pvc_data_data_db_0 --> pv__data_db_0');
  expect(diagram).toContain('PersistentVolume data-db-0<br/>10Gi nfs nfs:/x');
  expect(diagram).toContain('pod_data_db_0 -->|wal| pvc_data_wal_db_0');
  expect(diagram).toContain('pvc_data_wal_db_0 -.->|provisioned| dyn_data_wal_db_0["new volume (default class)"]');
});
