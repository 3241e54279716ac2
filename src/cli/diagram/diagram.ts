import { describeVolumeSource, Manifest, selectorMatches, startOrdinal } from '../manifests';

/**
 * A Mermaid flowchart of what the manifests make, per namespace: Services → pods (by
 * ordinal, from `replicas`) → claims (named as the StatefulSet controller names them) →
 * PersistentVolumes (by `claimRef`), with names, sizes and ports. Read from manifests
 * only, like `kubectl` would see them, never from props.
 */

const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);
const id = (kind: string, ns: string, name: string) => `${kind}_${ns}_${name}`.replace(/[^A-Za-z0-9_]/g, '_');
const label = (...lines: string[]) => `["${lines.map((l) => l.replace(/"/g, "'")).join('<br/>')}"]`;
const ACCESS = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' } as Record<
  string,
  string
>;

function ports(spec: any): string {
  return list(spec.ports)
    .map((p) => `${p.name ?? ''} ${p.port}${p.nodePort ? `:${p.nodePort}` : ''}→${p.targetPort ?? p.port}`.trim())
    .join(', ');
}

/** The flowchart (Mermaid source, without the code fence). */
export function renderDiagram(manifests: readonly Manifest[]): string {
  const objects = manifests.map((m) => m.object).filter((o) => o && typeof o === 'object' && o.kind);
  const out = ['flowchart LR'];
  const edges: string[] = [];
  const volumes = objects.filter((o) => o.kind === 'PersistentVolume');
  const boundVolumes = new Set<string>();
  const namespaces = [
    ...new Set(
      objects
        .filter((o) => o.kind !== 'PersistentVolume' && o.kind !== 'Namespace')
        .map((o) => o.metadata?.namespace ?? 'default'),
    ),
  ];

  for (const ns of namespaces) {
    const inNs = objects.filter((o) => (o.metadata?.namespace ?? 'default') === ns);
    out.push(`  subgraph ${id('ns', ns, '')}["namespace ${ns}"]`);
    const pods: Array<{ node: string; labels: Record<string, string> }> = [];
    for (const sts of inNs.filter((o) => o.kind === 'StatefulSet')) {
      const name = sts.metadata.name;
      const replicas = sts.spec?.replicas ?? 1;
      const labels = sts.spec?.template?.metadata?.labels ?? {};
      const count = sts.spec?.replicas === undefined ? 'replicas unset (1)' : `${replicas} replicas`;
      // One line: a subgraph title of two lines is drawn over the first node.
      out.push(`    subgraph ${id('sts', ns, name)}${label(`StatefulSet ${name}: ${count}`)}`);
      const start = startOrdinal(sts);
      for (let k = start; k < start + replicas; k++) {
        const pod = id('pod', ns, `${name}-${k}`);
        out.push(`      ${pod}${label(`Pod ${name}-${k}`)}`);
        pods.push({ node: pod, labels });
      }
      out.push('    end');
      for (let k = start; k < start + replicas; k++) {
        for (const t of list(sts.spec?.volumeClaimTemplates)) {
          const claim = `${t.metadata?.name}-${name}-${k}`;
          const node = id('pvc', ns, claim);
          const spec = t.spec ?? {};
          const modes = list(spec.accessModes)
            .map((m) => ACCESS[m] ?? m)
            .join(',');
          const cls =
            spec.storageClassName === undefined
              ? 'default class'
              : spec.storageClassName === ''
                ? 'no class'
                : `class ${spec.storageClassName}`;
          out.push(
            `    ${node}${label(`Claim ${claim}`, `${spec.resources?.requests?.storage ?? '?'} ${modes} ${cls}`)}`,
          );
          edges.push(`  ${id('pod', ns, `${name}-${k}`)} -->|${t.metadata?.name}| ${node}`);
          const pv = volumes.find(
            (v) => v.spec?.claimRef?.name === claim && (v.spec.claimRef.namespace ?? 'default') === ns,
          );
          if (pv) {
            boundVolumes.add(pv.metadata.name);
            edges.push(`  ${node} --> ${id('pv', '', pv.metadata.name)}`);
          } else {
            edges.push(`  ${node} -.->|provisioned| ${id('dyn', ns, claim)}${label(`new volume (${cls})`)}`);
          }
        }
      }
    }
    for (const svc of inNs.filter((o) => o.kind === 'Service')) {
      const headless = svc.spec?.clusterIP === 'None';
      const node = id('svc', ns, svc.metadata.name);
      out.push(
        `    ${node}${label(`Service ${svc.metadata.name}`, `${headless ? 'headless' : (svc.spec?.type ?? 'ClusterIP')} ${ports(svc.spec ?? {})}`)}`,
      );
      for (const pod of pods.filter(
        (p) =>
          Object.keys(svc.spec?.selector ?? {}).length > 0 &&
          selectorMatches({ matchLabels: svc.spec.selector }, p.labels),
      ))
        edges.push(`  ${node} ${headless ? '-.->|DNS|' : '-->'} ${pod.node}`);
    }
    out.push('  end');
  }
  for (const pv of volumes) {
    const spec = pv.spec ?? {};
    const ref = spec.claimRef;
    const note =
      ref && !boundVolumes.has(pv.metadata.name) ? [`reserved for claim ${ref.name}`, '(made on scale-up)'] : [];
    out.push(
      `  ${id('pv', '', pv.metadata.name)}${label(`PersistentVolume ${pv.metadata.name}`, `${spec.capacity?.storage ?? '?'} ${describeVolumeSource(spec)}`, ...note)}`,
    );
  }
  return [...out, ...edges].join('\n');
}

/** The diagram as a Markdown document. */
export function renderMarkdown(manifests: readonly Manifest[], what: string): string {
  return [
    `# What ${what} makes`,
    '',
    'Generated by `stateful-service diagram` from the manifests; do not edit.',
    '',
    '```mermaid',
    renderDiagram(manifests),
    '```',
    '',
  ].join('\n');
}
