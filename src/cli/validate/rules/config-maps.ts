import { isConfigMapKey } from '../../k8s-syntax';
import { Ctx, entries, show } from './context';

// validation.go: core.MaxSecretSize, the limit for a ConfigMap's data and binaryData together.
const MAX_BYTES = 1024 * 1024;

/** A ConfigMap. */
// validation.go: ValidateConfigMap (IsConfigMapKey, no key in both maps, total size).
export function checkConfigMap(ctx: Ctx, o: Record<string, any>): void {
  let bytes = 0;
  const data = new Set<string>();
  for (const field of ['data', 'binaryData']) {
    for (const [k, v] of entries(o[field])) {
      const at = `${field}[${show(k)}]`;
      if (!isConfigMapKey(k)) {
        ctx.report(
          at,
          `invalid key ${show(k)}: at most 253 letters, digits, '-', '_' or '.', not "." or starting with ".."`,
          'config-map',
        );
      }
      if (field === 'binaryData' && data.has(k)) ctx.report(at, `key ${show(k)} is also in data`, 'config-map');
      data.add(k);
      // binaryData holds base64 text; the limit counts the decoded bytes.
      bytes += field === 'data' ? Buffer.byteLength(String(v)) : Buffer.from(String(v), 'base64').length;
    }
  }
  if (bytes > MAX_BYTES) {
    ctx.report('', `holds ${bytes} bytes of data; a ConfigMap may hold at most ${MAX_BYTES} (1 MiB)`, 'config-map');
  }
}
