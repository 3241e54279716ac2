// The files a cluster's components read: service-account keys, the static token file,
// kubeconfigs, kwok's stages and CoreDNS's Corefile. All are written into the cluster's
// own folder; nothing outside it is read or changed.
import { generateKeyPairSync, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Users of the static token file: who each component is to the API server. */
export const USERS = {
  // system:masters: the harness, kubectl, kwok (it writes node and pod status) and CoreDNS.
  admin: { name: 'admin', groups: ['system:masters'] },
  // The bootstrap RBAC policy grants these users what the two controllers need.
  controllerManager: { name: 'system:kube-controller-manager', groups: [] as string[] },
  scheduler: { name: 'system:kube-scheduler', groups: [] as string[] },
  // The provisioner's own rights are those of external-provisioner's RBAC; admin keeps it short.
  provisioner: { name: 'admin', groups: ['system:masters'] },
} as const;

export type UserKey = keyof typeof USERS;

export interface Credentials {
  readonly tokens: Record<UserKey, string>;
  readonly tokenFile: string;
  readonly serviceAccountKey: string;
  readonly serviceAccountPub: string;
}

export function writeCredentials(dir: string): Credentials {
  const tokens = {} as Record<UserKey, string>;
  const lines: string[] = [];
  (Object.keys(USERS) as UserKey[]).forEach((key, i) => {
    const token = randomBytes(24).toString('hex');
    tokens[key] = token;
    const u = USERS[key];
    // token,user,uid,"group1,group2"
    lines.push(`${token},${u.name},uid-${i}${u.groups.length ? `,"${u.groups.join(',')}"` : ''}`);
  });
  const tokenFile = path.join(dir, 'tokens.csv');
  fs.writeFileSync(tokenFile, lines.join('\n') + '\n', { mode: 0o600 });

  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const serviceAccountKey = path.join(dir, 'sa.key');
  const serviceAccountPub = path.join(dir, 'sa.pub');
  fs.writeFileSync(serviceAccountKey, privateKey.export({ type: 'pkcs1', format: 'pem' }), { mode: 0o600 });
  fs.writeFileSync(serviceAccountPub, publicKey.export({ type: 'spki', format: 'pem' }));
  return { tokens, tokenFile, serviceAccountKey, serviceAccountPub };
}

/** A kubeconfig with one context, `default`, for a token user. */
export function writeKubeconfig(file: string, server: string, caFile: string, token: string): string {
  const text = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: default',
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority: ${caFile}`,
    'users:',
    '- name: default',
    '  user:',
    `    token: ${token}`,
    'contexts:',
    '- name: default',
    '  context:',
    '    cluster: default',
    '    user: default',
    '    namespace: default',
    'current-context: default',
    '',
  ].join('\n');
  fs.writeFileSync(file, text, { mode: 0o600 });
  return file;
}

/** kwok's stage definitions, copied from its module at build time, in one file for `-c`. */
export function writeKwokStages(assetsDir: string, file: string): string {
  const docs = fs
    .readdirSync(assetsDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => fs.readFileSync(path.join(assetsDir, f), 'utf-8').trim());
  fs.writeFileSync(file, docs.join('\n---\n') + '\n');
  return file;
}

export const CLUSTER_DOMAIN = 'cluster.local';

/** CoreDNS serving the cluster's zone on a loopback port, with the answers of a cluster's kube-dns. */
export function writeCorefile(file: string, dnsPort: number, readyPort: number, kubeconfig: string): string {
  const text = [
    `${CLUSTER_DOMAIN}:${dnsPort} in-addr.arpa:${dnsPort} ip6.arpa:${dnsPort} {`,
    '    bind 127.0.0.1',
    `    ready 127.0.0.1:${readyPort}`,
    '    errors',
    `    kubernetes ${CLUSTER_DOMAIN} in-addr.arpa ip6.arpa {`,
    `        kubeconfig ${kubeconfig} default`,
    '        pods insecure',
    '        ttl 5',
    '    }',
    '}',
    '',
  ].join('\n');
  fs.writeFileSync(file, text);
  return file;
}
