import { isAlias, isCollection, isPair, isScalar, type Document, type Node } from 'yaml';

/**
 * The limits `kubectl apply -f` reads within, and the pieces of its reader that the
 * `yaml` library does not have: a stream of JSON objects, a nesting limit, and the
 * check for aliases that expand into a huge document (billion laughs).
 *
 * kubectl decodes a file with k8s.io/apimachinery's YAMLOrJSONDecoder: a file whose
 * first non-space character is `{` is a stream of JSON values (concatenated or on
 * separate lines, as encoding/json's Decoder reads them), anything else a YAML stream.
 * Both its YAML reader (go-yaml: max_flow_level and max_indents, 10000) and its JSON
 * reader (encoding/json: maxNestingDepth, 10000) stop at 10000 levels of nesting, and
 * go-yaml refuses a document whose aliases make up most of a large expansion
 * (decode.go, allowedAliasRatio): more than 400,000 nodes of which more than 99% come
 * from aliases, down to 10% at 4,000,000 nodes.
 */

/** The nesting kubectl reads (go-yaml's max_flow_level and max_indents, encoding/json's maxNestingDepth). */
export const KUBECTL_MAX_DEPTH = 10_000;

/** Where a text nests deepest: the depth, and the offset where it first reaches it. */
export interface Depth {
  readonly depth: number;
  readonly offset: number;
}

/**
 * An upper bound of the nesting of a YAML or JSON text, in one pass: flow brackets
 * outside strings and comments, plus, outside brackets, block indentation levels and
 * `- ` sequence entries that open a line. It may count a level twice (a block scalar's
 * indented lines), never too few; it stops once `limit` is passed.
 */
export function nestingDepth(text: string, limit = Infinity): Depth {
  let best: Depth = { depth: 0, offset: 0 };
  const indents: number[] = [];
  let flow = 0;
  let lineStart = true;
  let blockDepth = 0;
  const note = (depth: number, offset: number) => {
    if (depth > best.depth) best = { depth, offset };
  };
  for (let i = 0; i < text.length && best.depth <= limit; i++) {
    let c = text[i];
    if (lineStart && flow === 0) {
      // block context: the indentation, then any `- ` entries opening the line
      let indent = 0;
      while (text[i + indent] === ' ') indent++;
      const next = text[i + indent];
      if (next === undefined || next === '\n' || next === '\r' || next === '#') {
        i += indent;
        lineStart = false;
        if (next === '#') while (i < text.length && text[i] !== '\n') i++;
        if (text[i] === '\n') lineStart = true;
        continue;
      }
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      let dashes = 0;
      let j = i + indent;
      while (text[j] === '-' && (text[j + 1] === ' ' || text[j + 1] === '\t')) {
        dashes++;
        j += 2;
        while (text[j] === ' ') j++;
      }
      blockDepth = indents.length + dashes;
      note(blockDepth, j);
      i = j;
      c = text[i];
      lineStart = false;
      if (c === undefined) break;
    }
    if (c === '\n') {
      lineStart = true;
    } else if (c === '[' || c === '{') {
      flow++;
      note(blockDepth + flow, i);
    } else if ((c === ']' || c === '}') && flow > 0) {
      flow--;
    } else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === "'" && (i === 0 || /[\s[{,:]/.test(text[i - 1]))) {
      for (i++; i < text.length && text[i] !== "'"; i++);
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    }
  }
  return best;
}

/** Whether kubectl would read this text as JSON: its first non-space character is `{`. */
export const isJsonText = (text: string): boolean => /^\s*\{/.test(text);

/** One value of a JSON stream: where it starts, and its text. */
export interface JsonValue {
  readonly offset: number;
  readonly text: string;
}

/**
 * Splits a stream of JSON values (`{...}{...}` or one per line) into the values' texts,
 * by their brackets outside strings. What follows an unclosed value is part of it, so
 * that JSON.parse reports the error there.
 */
export function splitJsonStream(text: string): JsonValue[] {
  const values: JsonValue[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (start === -1) {
      if (/\s/.test(c)) continue;
      start = i;
      if (c !== '{' && c !== '[') {
        // a scalar value: up to the next white space or bracket
        let end = i;
        if (c === '"') {
          for (end++; end < text.length && text[end] !== '"'; end++) if (text[end] === '\\') end++;
          end++;
        } else while (end < text.length && !/[\s{}[\]"]/.test(text[end])) end++;
        values.push({ offset: i, text: text.slice(i, end) });
        i = end - 1;
        start = -1;
        continue;
      }
    }
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') {
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) {
        values.push({ offset: start, text: text.slice(start, i + 1) });
        start = -1;
      }
    }
  }
  if (start !== -1) values.push({ offset: start, text: text.slice(start) });
  return values;
}

/** go-yaml's allowedAliasRatio (decode.go): how much of a large document may come from aliases. */
function allowedAliasRatio(nodes: number): number {
  if (nodes <= 400_000) return 0.99;
  if (nodes >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((nodes - 400_000) / 3_600_000);
}

/**
 * Why a parsed YAML document cannot be read as kubectl reads it, or undefined: an alias
 * inside the node it names (a cycle), or aliases that expand it beyond what go-yaml
 * decodes (billion laughs). Counts the nodes of the document with every alias expanded,
 * each distinct node once (so it costs as much as the document, not its expansion).
 */
export function aliasProblem(doc: Document): string | undefined {
  const anchors = new Map<string, Node>();
  const size = new Map<Node, { nodes: number; aliased: number }>();
  const open = new Set<Node>();
  let problem: string | undefined;
  const measure = (node: unknown): { nodes: number; aliased: number } => {
    if (problem !== undefined || node === null || node === undefined) return { nodes: 0, aliased: 0 };
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined) return { nodes: 1, aliased: 0 }; // the parser reports it
      if (open.has(target)) {
        problem = `the alias *${node.source} is inside the node its anchor names (a cycle, which kubectl refuses too)`;
        return { nodes: 0, aliased: 0 };
      }
      const s = size.get(target) ?? { nodes: 1, aliased: 0 };
      return { nodes: s.nodes, aliased: s.nodes };
    }
    const n = node as Node;
    const anchor = (n as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, n);
    let total = { nodes: 1, aliased: 0 };
    if (isCollection(n) || isPair(n)) {
      open.add(n);
      const children = isPair(n) ? [n.key, n.value] : n.items;
      for (const child of children) {
        const s = measure(child);
        total = { nodes: total.nodes + s.nodes, aliased: total.aliased + s.aliased };
      }
      open.delete(n);
    } else if (!isScalar(n)) {
      return total;
    }
    size.set(n, total);
    return total;
  };
  const { nodes, aliased } = measure(doc.contents);
  if (problem) return problem;
  if (aliased > 100 && nodes > 400_000 && aliased / nodes > allowedAliasRatio(nodes)) {
    return `its aliases expand it to ${nodes} nodes, ${Math.round((100 * aliased) / nodes)}% of them copies (a "billion laughs" document: kubectl refuses it too)`;
  }
  return undefined;
}
