// The book's walkthrough (docs/walkthrough-minikube.md, sections 3, 6, 7 and 8) on the test
// control plane: dist/ applied with the built kubectl, both pods Ready, each claim Bound to
// the volume its claimRef names, the claims kept on scale-down and reused on scale-up, and
// the SRV records of the headless Service after each step. "Ready" is kwok's: no image runs
// and no probe is executed, so sections 4 and 5 (the HTTP endpoints) stay with minikube.
// The commands and their output are written to test/cluster/out/walkthrough.txt, and the
// transcript quoted in the doc must equal it with ages, IPs and uids masked.
import * as fs from 'fs';
import * as path from 'path';
import { cluster, Kubectl, REPO_ROOT, srv, srvLines, Transcript, until } from '../lib/kube';
import { docTranscript, maskTranscript, replaceDocTranscript } from '../lib/transcript-doc';

const NS = 'default';
const SELECTOR = 'app.kubernetes.io/instance=rg,app.kubernetes.io/name=random-generator';
const SRV_NAME = '_http._tcp.random-generator.default.svc.cluster.local';
const DOC = path.join(REPO_ROOT, 'docs', 'walkthrough-minikube.md');

const state = cluster();
const transcript = new Transcript();
const kubectl = new Kubectl(state, transcript);

interface Pod {
  metadata: { name: string };
  status?: { podIP?: string; conditions?: { type: string; status: string }[] };
  spec: { volumes?: { name: string; persistentVolumeClaim?: { claimName: string } }[] };
}
interface Claim {
  metadata: { name: string; uid: string };
  spec: { volumeName?: string };
  status?: { phase?: string };
}
interface Volume {
  metadata: { name: string; uid: string };
  spec: { claimRef?: { name: string; namespace: string } };
  status?: { phase?: string };
}

const ready = (p: Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

function pods(): Pod[] {
  return kubectl.json<{ items: Pod[] }>(['get', 'pods', '-n', NS, '-l', SELECTOR]).items;
}

/** Waits until exactly these pods exist and are Ready (kwok's Ready). */
async function podsReady(names: string[]): Promise<Pod[]> {
  return until(`pods ${names.join(', ')} Ready`, () => {
    const ps = pods();
    const got = ps.map((p) => p.metadata.name).sort();
    return JSON.stringify(got) === JSON.stringify([...names].sort()) && ps.every(ready) ? ps : undefined;
  });
}

function claim(name: string): Claim {
  return kubectl.json<Claim>(['get', 'pvc', name, '-n', NS]);
}

function volume(name: string): Volume {
  return kubectl.json<Volume>(['get', 'pv', name]);
}

/** The claim is Bound to the volume, and the volume is the one reserved for it by claimRef. */
async function boundAsReserved(claimName: string, volumeName: string): Promise<{ claim: Claim; volume: Volume }> {
  return until(`${claimName} Bound to ${volumeName}`, () => {
    const c = claim(claimName);
    const v = volume(volumeName);
    const ok =
      c.status?.phase === 'Bound' &&
      c.spec.volumeName === volumeName &&
      v.status?.phase === 'Bound' &&
      v.spec.claimRef?.name === claimName &&
      v.spec.claimRef?.namespace === NS;
    return ok ? { claim: c, volume: v } : undefined;
  });
}

/** The SRV records list exactly these pods (CoreDNS follows the EndpointSlices within seconds). */
async function srvStep(expected: string[]): Promise<void> {
  const names = expected.map((p) => `${p}.random-generator.default.svc.cluster.local`);
  const deadline = Date.now() + 60_000;
  let got = await srv(state, SRV_NAME);
  while (JSON.stringify(got.map((a) => a.name)) !== JSON.stringify(names) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    got = await srv(state, SRV_NAME);
  }
  // Not `$ dig`: the test asks CoreDNS itself (Node's dns.Resolver), and prints the answer as `dig +short` does.
  transcript.note(`SRV ${SRV_NAME}, from the cluster's CoreDNS (dig +short's format)`);
  transcript.output(srvLines(got));
  expect(got.map((a) => a.name)).toEqual(names);
  expect(got.every((a) => a.port === 8080)).toBe(true);
}

const uids: Record<string, string> = {};

beforeAll(() => {
  transcript.note(
    `measured on a control plane built from Kubernetes ${state.version} with ${state.nodes.length} kwok nodes (Ready is kwok's: no image runs)`,
  );
  // The walkthrough starts from a cluster without the example's objects.
  expect(kubectl.run(['get', 'statefulset', 'rg', '-n', NS], { check: false, quiet: true }).status).not.toBe(0);
});

afterAll(() => {
  transcript.write('walkthrough.txt');
});

test('3. dist/ applied in the book order: volumes, headless Service, StatefulSet, NodePort Service', async () => {
  const out = kubectl.run(['apply', '-n', NS, '-f', 'dist/']).stdout;
  expect(out.trim().split('\n')).toEqual([
    'persistentvolume/log-1 created',
    'persistentvolume/log-2 created',
    'persistentvolume/log-3 created',
    'service/random-generator created',
    'statefulset.apps/rg created',
    'service/random-generator-np created',
    'poddisruptionbudget.policy/rg created',
  ]);

  const ps = await podsReady(['rg-0', 'rg-1']);
  for (const p of ps) {
    const claimName = `logs-${p.metadata.name}`;
    expect(p.spec.volumes?.find((v) => v.persistentVolumeClaim)?.persistentVolumeClaim?.claimName).toBe(claimName);
    expect(p.status?.podIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  }
  const rg0 = await boundAsReserved('logs-rg-0', 'log-1');
  const rg1 = await boundAsReserved('logs-rg-1', 'log-2');
  uids['logs-rg-1'] = rg1.claim.metadata.uid;
  uids['log-2'] = rg1.volume.metadata.uid;
  expect(rg0.volume.spec.claimRef?.name).toBe('logs-rg-0');
  // log-3 stays Available, reserved for logs-rg-2, which does not exist yet.
  expect(volume('log-3').status?.phase).toBe('Available');

  kubectl.run(['get', 'pv']);
  kubectl.run(['get', 'service', 'random-generator', '-n', NS]);
  kubectl.run(['rollout', 'status', 'statefulset/rg', '-n', NS, '--timeout=5m']);
  kubectl.run(['get', 'pods,pvc', '-n', NS]);
  const np = kubectl.json<{ spec: { type: string; ports: { port: number; nodePort?: number }[] } }>([
    'get',
    'service',
    'random-generator-np',
    '-n',
    NS,
  ]);
  expect(np.spec.type).toBe('NodePort');
  expect(np.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
  kubectl.run(['get', 'service', 'random-generator-np', '-n', NS]);
  await srvStep(['rg-0', 'rg-1']);
});

test('6. scale to 1: the claim of rg-1 stays Bound to the same volume', async () => {
  kubectl.run(['scale', 'statefulset', 'rg', '-n', NS, '--replicas=1']);
  await podsReady(['rg-0']);
  kubectl.run(['get', 'pods,pvc', '-n', NS]);
  const kept = await boundAsReserved('logs-rg-1', 'log-2');
  expect(kept.claim.metadata.uid).toBe(uids['logs-rg-1']);
  expect(kept.volume.metadata.uid).toBe(uids['log-2']);
  await srvStep(['rg-0']);
});

test('6. scale to 3: rg-1 comes back on its own claim and volume, rg-2 binds the third volume', async () => {
  kubectl.run(['scale', 'statefulset', 'rg', '-n', NS, '--replicas=3']);
  await podsReady(['rg-0', 'rg-1', 'rg-2']);
  kubectl.run(['rollout', 'status', 'statefulset/rg', '-n', NS, '--timeout=5m']);
  kubectl.run(['get', 'pvc', '-n', NS]);
  const back = await boundAsReserved('logs-rg-1', 'log-2');
  expect(back.claim.metadata.uid).toBe(uids['logs-rg-1']);
  expect(back.volume.metadata.uid).toBe(uids['log-2']);
  const rg1 = pods().find((p) => p.metadata.name === 'rg-1');
  expect(rg1?.spec.volumes?.find((v) => v.persistentVolumeClaim)?.persistentVolumeClaim?.claimName).toBe('logs-rg-1');
  await boundAsReserved('logs-rg-2', 'log-3');
  await srvStep(['rg-0', 'rg-1', 'rg-2']);
});

test('8. clean up in the order the doc gives; the volumes are Released, not deleted, until deleted by name', async () => {
  kubectl.run([
    'delete',
    '-n',
    NS,
    'statefulset/rg',
    'service/random-generator',
    'service/random-generator-np',
    'poddisruptionbudget/rg',
  ]);
  await until('the pods gone', () => (pods().length === 0 ? true : undefined));
  kubectl.run(['delete', 'pvc', '-n', NS, '-l', SELECTOR]);
  // Retain: the volumes become Released and keep their data; nothing deletes them.
  await until('log-1..3 Released', () =>
    ['log-1', 'log-2', 'log-3'].every((v) => volume(v).status?.phase === 'Released') ? true : undefined,
  );
  kubectl.run(['delete', 'pv', 'log-1', 'log-2', 'log-3']);
  expect(kubectl.run(['get', 'pv', '-o', 'name'], { quiet: true }).stdout.trim()).toBe('');
  await srvStep([]);
});

test('the transcript quoted in docs/walkthrough-minikube.md is this run, with ages, IPs and uids masked', () => {
  const doc = fs.readFileSync(DOC, 'utf-8');
  if (process.env.UPDATE_TRANSCRIPTS === '1')
    fs.writeFileSync(DOC, replaceDocTranscript(doc, 'walkthrough', transcript.text()));
  const quoted = docTranscript(fs.readFileSync(DOC, 'utf-8'), 'walkthrough');
  expect(maskTranscript(quoted)).toEqual(maskTranscript(transcript.text()));
});
