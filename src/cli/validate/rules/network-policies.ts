import { isPortName, isPortNumber, parseCidr, cidrContains } from '../../k8s-syntax';
import { Ctx, isObject, list, show } from './context';
import { checkLabelSelector } from './labels';
import { cidrProblem } from './services';

// networking validation.go: ValidateNetworkPolicyPort.
function checkPort(ctx: Ctx, path: string, port: Record<string, any>): void {
  if (port.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(port.protocol)) {
    ctx.report(`${path}.protocol`, `must be "TCP", "UDP" or "SCTP", got ${show(port.protocol)}`, 'network-policy');
  }
  const p = port.port;
  if (p === undefined) {
    if (port.endPort !== undefined) ctx.report(`${path}.endPort`, 'may not be set without port', 'network-policy');
  } else if (typeof p === 'number') {
    if (!isPortNumber(p))
      ctx.report(`${path}.port`, `a port must be an integer from 1 to 65535, got ${show(p)}`, 'network-policy');
    if (port.endPort !== undefined && (!isPortNumber(port.endPort) || port.endPort < p)) {
      ctx.report(`${path}.endPort`, `must be a port from ${p} to 65535, got ${show(port.endPort)}`, 'network-policy');
    }
  } else {
    if (!isPortName(p))
      ctx.report(
        `${path}.port`,
        `must be a port number or a port name (at most 15 lowercase letters, digits and '-', with a letter), got ${show(p)}`,
        'network-policy',
      );
    if (port.endPort !== undefined)
      ctx.report(`${path}.endPort`, 'may not be set when port is a name', 'network-policy');
  }
}

// networking validation.go: ValidateIPBlock.
function checkIpBlock(ctx: Ctx, path: string, block: Record<string, any>): void {
  const problem = cidrProblem(ctx, block.cidr);
  if (problem) {
    ctx.report(`${path}.cidr`, problem, 'cidr');
    return;
  }
  const cidr = parseCidr(block.cidr)!;
  list(block.except).forEach((e, i) => {
    const at = `${path}.except[${i}]`;
    const exceptProblem = cidrProblem(ctx, e);
    if (exceptProblem) return ctx.report(at, exceptProblem, 'cidr');
    const except = parseCidr(e)!;
    if (!cidrContains(cidr, except) || except.prefix128 <= cidr.prefix128) {
      ctx.report(at, `must be a strict subset of cidr ${show(block.cidr)}, got ${show(e)}`, 'network-policy');
    }
  });
}

// networking validation.go: ValidateNetworkPolicyPeer.
function checkPeer(ctx: Ctx, path: string, peer: unknown): void {
  if (!isObject(peer)) return;
  const kinds = ['podSelector', 'namespaceSelector', 'ipBlock'].filter((k) => isObject(peer[k]));
  if (kinds.length === 0) ctx.report(path, 'must set podSelector, namespaceSelector or ipBlock', 'network-policy');
  else if (kinds.length > 1 && kinds.includes('ipBlock'))
    ctx.report(path, 'may not combine ipBlock with a selector', 'network-policy');
  checkLabelSelector(ctx, `${path}.podSelector`, peer.podSelector);
  checkLabelSelector(ctx, `${path}.namespaceSelector`, peer.namespaceSelector);
  if (isObject(peer.ipBlock)) checkIpBlock(ctx, `${path}.ipBlock`, peer.ipBlock);
}

/** A NetworkPolicy. */
// networking validation.go: ValidateNetworkPolicySpec.
export function checkNetworkPolicy(ctx: Ctx, o: Record<string, any>): void {
  const spec = o.spec;
  if (!isObject(spec)) return;
  checkLabelSelector(ctx, 'spec.podSelector', spec.podSelector);
  for (const [direction, peers] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ]) {
    list(spec[direction]).forEach((rule, i) => {
      const at = `spec.${direction}[${i}]`;
      list(rule?.ports).forEach((p, j) => isObject(p) && checkPort(ctx, `${at}.ports[${j}]`, p));
      list(rule?.[peers]).forEach((p, j) => checkPeer(ctx, `${at}.${peers}[${j}]`, p));
    });
  }
  const types = list(spec.policyTypes);
  if (types.length > 2)
    ctx.report('spec.policyTypes', `may hold at most two types, got ${types.length}`, 'network-policy');
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress')
      ctx.report(`spec.policyTypes[${i}]`, `must be "Ingress" or "Egress", got ${show(t)}`, 'network-policy');
  });
}
