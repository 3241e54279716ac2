import { Yaml } from 'cdk8s';

/**
 * Kubernetes manifests as YAML, byte for byte as cdk8s's `Yaml.stringify` writes them
 * (the `yaml` library, YAML 1.1, no line folding), in a fraction of the time: most of a
 * large synth goes into that library building a document tree for every object.
 *
 * Manifests are plain data — maps, lists, strings, numbers, booleans, null — written in
 * block style. What this writer cannot vouch for is left to cdk8s: how a string is written
 * is asked of `Yaml.stringify` itself (once per distinct string), and a document with
 * anything unusual (a string that needs several lines, a key that is not a plain word, a
 * number that is not a safe integer) is written by `Yaml.stringify` as a whole. Tests
 * compare both writers on every manifest the project and its fuzzer make.
 */
export class YamlWriter {
  private readonly scalars = new Map<string, string | undefined>();

  /** The documents as one YAML stream, as `Yaml.stringify(...docs)` writes it. */
  public stringify(docs: readonly unknown[]): string {
    return docs.map((doc) => (doc === undefined ? '\n' : this.document(doc))).join('---\n');
  }

  private document(doc: unknown): string {
    const out: string[] = [];
    if (this.node(doc, 0, out, false)) return out.join('');
    return Yaml.stringify(doc);
  }

  /**
   * Appends `value` as the block that follows a key (or starts the document); returns false
   * when the value holds something only cdk8s's writer should write.
   */
  private node(value: unknown, indent: number, out: string[], afterKey: boolean): boolean {
    if (Array.isArray(value)) {
      if (value.length === 0) return this.inline('[]', out, afterKey);
      if (afterKey) out.push('\n');
      return this.sequence(value, indent, out);
    }
    if (isMap(value)) {
      const keys = Object.keys(value);
      if (keys.length === 0) return this.inline('{}', out, afterKey);
      if (afterKey) out.push('\n');
      return this.map(value, keys, indent, out, '');
    }
    const scalar = this.scalar(value);
    return scalar !== undefined && this.inline(scalar, out, afterKey);
  }

  private inline(text: string, out: string[], afterKey: boolean): boolean {
    out.push(afterKey ? ` ${text}\n` : `${text}\n`);
    return true;
  }

  /** A map's entries at `indent`; the first line starts with `first` instead of the indentation (a list item's "- "). */
  private map(value: Record<string, unknown>, keys: string[], indent: number, out: string[], first: string): boolean {
    const pad = ' '.repeat(indent);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (!PLAIN_KEY.test(key) || this.scalar(key) !== key) return false;
      out.push(`${i === 0 && first ? first : pad}${key}:`);
      // Lists under a key are indented below it, as the `yaml` library writes them.
      if (!this.node(value[key], indent + 2, out, true)) return false;
    }
    return true;
  }

  private sequence(items: unknown[], indent: number, out: string[]): boolean {
    const pad = ' '.repeat(indent);
    for (const item of items) {
      if (Array.isArray(item) && item.length > 0) {
        // A list in a list: `- - a`, its items aligned under the first.
        const inner: string[] = [];
        if (!this.sequence(item, indent + 2, inner)) return false;
        out.push(`${pad}- ${inner.join('').slice(indent + 2)}`);
      } else if (isMap(item) && Object.keys(item).length > 0) {
        if (!this.map(item, Object.keys(item), indent + 2, out, `${pad}- `)) return false;
      } else {
        out.push(`${pad}-`);
        if (!this.node(item, indent + 2, out, true)) return false;
      }
    }
    return true;
  }

  /** A scalar on one line as cdk8s writes it, or undefined when it is not that simple. */
  private scalar(value: unknown): string | undefined {
    if (value === null) return 'null';
    if (value === true) return 'true';
    if (value === false) return 'false';
    if (typeof value === 'number')
      return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : undefined;
    if (typeof value !== 'string') return undefined;
    const quick = quickString(value);
    if (quick !== undefined) return quick;
    if (this.scalars.has(value)) return this.scalars.get(value);
    // Whatever quoting or escaping the string needs, the `yaml` library decides it here.
    const written = Yaml.stringify(value);
    const line =
      written.endsWith('\n') && written.indexOf('\n') === written.length - 1 ? written.slice(0, -1) : undefined;
    // A block scalar (`|`, `>`) depends on its indentation: the whole document goes to cdk8s.
    const result = line === undefined || line.startsWith('|') || line.startsWith('>') ? undefined : line;
    this.scalars.set(value, result);
    return result;
  }
}

// Keys written plain by the `yaml` library in every case: field names, label and
// annotation keys, ConfigMap keys. Anything else sends the document to cdk8s's writer.
const PLAIN_KEY = /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/;

/**
 * A one-line string as the `yaml` library writes it in block context (stringifyString.js:
 * plainString, quotedString), for the strings it writes plain or in plain double quotes;
 * undefined for the rest, which are asked of the library. The rules, from that file:
 * control characters force double quotes; a string that starts with an indicator, holds
 * ': ' or ' #', or ends with a space or ':' is quoted; so is one that YAML 1.1 would read
 * as something else (the default tags of its yaml-1.1 schema, tested below).
 */
function quickString(value: string): string | undefined {
  if (CONTROL.test(value) || value.includes('\n') || DOCUMENT_MARKER.test(value)) return undefined;
  if (NOT_PLAIN.test(value) || YAML_11_TAGS.some((tag) => tag.test(value))) {
    // quotedString: double quotes for a string without quotes; only escape-free ones here.
    return SAFE_IN_DOUBLE_QUOTES.test(value) ? `"${value}"` : undefined;
  }
  return value;
}

// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/;
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const SAFE_IN_DOUBLE_QUOTES = /^[A-Za-z0-9 _./:@=+,;()~<>?!#&*|%`[\]{}-]*$/;
// The default tags of the yaml-1.1 schema other than str: what YAML 1.1 reads as a null,
// a boolean, a number, a timestamp or a merge key.
const YAML_11_TAGS = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
  /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
  /^[-+]?0b[0-1_]+$/,
  /^[-+]?0[0-7_]+$/,
  /^[-+]?[0-9][0-9_]*$/,
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\.[0-9]+)?)(?:[ \t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$/,
  /^<<$/,
];

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
