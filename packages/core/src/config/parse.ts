import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  visit,
  type YAMLError,
  YAMLMap,
  YAMLSeq,
} from "yaml";
import type { Issue, JsonPath } from "./issue.js";
import { CORE_INTEGERS } from "./plain-yaml.js";

/** Enough aliases to share a block or two; an alias bomb needs far more. */
const MAX_ALIAS_COUNT = 50;

export interface Position {
  line: number;
  col: number;
}

/** A parsed trunks.yaml: its plain value and a way back from any JSON path to a line and column. */
export interface ParsedYaml {
  /** Absent when the file has no usable content (syntax errors, alias bomb, empty). */
  value?: unknown;
  issues: Issue[];
  /** Where `path` is in the source; falls back to the deepest part of the path that exists. */
  locate(path: JsonPath, at?: Issue["at"], needle?: string): Position;
}

export function parseYaml(text: string): ParsedYaml {
  const deep = tooDeep(text);
  if (deep) {
    const message = `nesting deeper than ${MAX_DEPTH} levels: refusing to parse what cannot be a trunks.yaml`;
    return { issues: [{ path: [], pos: deep, message }], locate: () => deep };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const position = (offset: number): Position => lineCounter.linePos(offset);
  const locate = (path: JsonPath, at: Issue["at"] = "value", needle?: string): Position =>
    position(offsetOf(doc, text, path, at, needle));

  const issues: Issue[] = [
    ...doc.errors.map((err) => ({
      path: [],
      pos: position(err.pos[0]),
      message: yamlErrorMessage(err, doc, position),
    })),
    ...doc.warnings.map((err) => ({
      path: [],
      pos: position(err.pos[0]),
      message: err.message,
      severity: "warning" as const,
    })),
  ];
  // Duplicate keys are reported but do not stop validation: the rest of the file still gets checked.
  if (doc.errors.some((err) => err.code !== "DUPLICATE_KEY")) return { issues, locate };

  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    issues.push({
      path: [],
      pos: { line: 0, col: 0 },
      message: "the file is empty: expected version, providers and trunks",
    });
    return { issues, locate };
  }
  const unreadable = unreadableNodes(doc, position);
  if (unreadable.length > 0) {
    issues.push(...unreadable);
    return { issues, locate };
  }
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), issues, locate };
  } catch (err) {
    const message =
      err instanceof ReferenceError
        ? `too many YAML alias expansions (limit ${MAX_ALIAS_COUNT}): refusing what looks like an alias bomb`
        : `cannot read the YAML: ${err instanceof Error ? err.message : String(err)}`;
    issues.push({ path: [], message });
    return { issues, locate };
  }
}

/** An integer of the core schema, as the `yaml` package reads them. */
const isInteger = (source: string) => CORE_INTEGERS.some(({ pattern }) => pattern.test(source));
const WHAT_FITS = "a trunks.yaml holds only mappings, lists, strings, numbers, booleans and null";

/**
 * The nodes `toJS` would not turn into plain JSON data exactly, one issue at each: a value of a
 * tag such as !!binary, !!set or !!timestamp (a Buffer, Set, Date…), an alias inside the node it
 * refers to (a cyclic value, which every later step would recurse into forever), and an integer
 * past 2^53 (silently rounded). A file with any of them is not read further.
 */
function unreadableNodes(doc: Document.Parsed, position: (offset: number) => Position): Issue[] {
  const issues: Issue[] = [];
  const report = (node: Node, message: string) =>
    issues.push({ path: [], pos: position(node.range?.[0] ?? 0), message });
  // The latest node of each anchor, in document order: what an alias there refers to (as `yaml` resolves it).
  const anchors = new Map<string, Node>();
  visit(doc, {
    Node(key, node, path) {
      if (node.anchor) anchors.set(node.anchor, node);
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target && path.includes(target)) {
          report(
            node,
            `alias *${node.source} refers to a node that contains it; trunks.yaml cannot be recursive`,
          );
        }
        return;
      }
      // Keys become strings whatever they are (`<<` merge keys are symbols); only values are data.
      if (key === "key") return;
      if (isScalar(node)) {
        const value = node.value;
        if (value === null || typeof value === "string" || typeof value === "boolean") return;
        if (typeof value === "number") {
          if (!Number.isSafeInteger(value) && isInteger(node.source ?? "")) {
            report(
              node,
              `the integer ${abbreviated(node.source ?? "")} is too large to be read exactly (the limit is ±${Number.MAX_SAFE_INTEGER}); quote it if it is text`,
            );
          }
          return;
        }
        report(
          node,
          value instanceof Uint8Array
            ? `binary data (!!binary) is not supported here: ${WHAT_FITS}`
            : `${tagOf(node)} value is not supported here: ${WHAT_FITS}`,
        );
        return;
      }
      // !!set and !!omap are subclasses that toJS turns into a Set and a Map.
      const proto: unknown = Object.getPrototypeOf(node);
      if ((isMap(node) && proto !== YAMLMap.prototype) || (isSeq(node) && proto !== YAMLSeq.prototype)) {
        report(node, `${tagOf(node)} value is not supported here: ${WHAT_FITS}`);
      }
    },
  });
  return issues;
}

/** `a !!set`, from the node's tag; `this` when it has none. */
function tagOf(node: Node): string {
  const tag = node.tag;
  if (tag === undefined) return "this";
  return `a ${tag.startsWith("tag:yaml.org,2002:") ? `!!${tag.slice(18)}` : tag}`;
}

function abbreviated(text: string): string {
  return text.length > 40 ? `${text.slice(0, 20)}…${text.slice(-8)}` : text;
}

/** A trunks.yaml nests about 5 deep; the YAML parser recurses per level and runs out of memory at ~10^5. */
const MAX_DEPTH = 64;

/**
 * Where the text first nests deeper than MAX_DEPTH, counting flow brackets and block indentation
 * (two columns or one `- ` per level). Brackets inside strings count too: only a hostile file has 64.
 */
function tooDeep(text: string): Position | undefined {
  let flow = 0;
  let line = 1;
  let lineStart = 0;
  let inComment = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (i === lineStart) {
      let j = i;
      while (j - i <= 2 * MAX_DEPTH && (text[j] === " " || (text[j] === "-" && text[j + 1] === " "))) j++;
      if (j - i > 2 * MAX_DEPTH) return { line, col: j - i };
    }
    if (ch === "\n") {
      line++;
      lineStart = i + 1;
      inComment = false;
    } else if (inComment) {
    } else if (ch === "#" && (i === lineStart || text[i - 1] === " " || text[i - 1] === "\t")) {
      inComment = true;
    } else if (ch === "[" || ch === "{") {
      if (++flow > MAX_DEPTH) return { line, col: i - lineStart + 1 };
    } else if ((ch === "]" || ch === "}") && flow > 0) {
      flow--;
    }
  }
  return undefined;
}

function yamlErrorMessage(
  err: YAMLError,
  doc: Document.Parsed,
  position: (offset: number) => Position,
): string {
  if (err.code === "DUPLICATE_KEY") {
    const first = firstOccurrence(doc, err.pos[0]);
    return first
      ? `duplicate key "${first.key}" (first defined on line ${position(first.offset).line})`
      : "duplicate key";
  }
  if (err.code === "MULTIPLE_DOCS") return "expected a single YAML document, found a second one (---)";
  return `YAML syntax error: ${err.message}`;
}

/** The first key equal to the duplicate key that starts at `offset`. */
function firstOccurrence(doc: Document.Parsed, offset: number): { key: string; offset: number } | undefined {
  let found: { key: string; offset: number } | undefined;
  visit(doc, {
    Map(_, map) {
      const dup = map.items.find((pair) => isScalar(pair.key) && pair.key.range?.[0] === offset);
      if (!dup || !isScalar(dup.key)) return undefined;
      const name = String(dup.key.value);
      const first = map.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === name);
      if (first && isScalar(first.key) && first.key.range) found = { key: name, offset: first.key.range[0] };
      return visit.BREAK;
    },
  });
  return found;
}

function offsetOf(
  doc: Document.Parsed,
  text: string,
  path: JsonPath,
  at: NonNullable<Issue["at"]>,
  needle: string | undefined,
): number {
  let node: Node | null = doc.contents;
  // Offset of the key whose value `node` is; undefined for sequence items and the root.
  let keyOffset: number | undefined;
  let complete = true;
  for (const seg of path) {
    // Follow one alias at a time: never expand, so a hostile file cannot make this slow.
    if (isAlias(node)) node = node.resolve(doc) ?? null;
    const child = childOf(node, seg);
    if (!child) {
      complete = false;
      break;
    }
    node = child.node;
    keyOffset = child.keyOffset;
  }
  if (keyOffset !== undefined && (at === "key" || (at === "owner" && !isScalar(node)) || !complete)) {
    return keyOffset;
  }
  const start = node?.range?.[0] ?? 0;
  if (complete && needle && node?.range) {
    const found = text.slice(start, node.range[1]).indexOf(needle);
    if (found >= 0) return start + found;
  }
  return start;
}

function childOf(
  node: Node | null,
  seg: string | number,
): { node: Node | null; keyOffset?: number } | undefined {
  if (isMap(node)) {
    // The last one wins, as in the parsed value when a key is duplicated.
    const pair = node.items.findLast((p) => isScalar(p.key) && String(p.key.value) === String(seg));
    if (!pair) return undefined;
    const keyOffset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    return { node: (pair.value as Node | null) ?? null, ...(keyOffset === undefined ? {} : { keyOffset }) };
  }
  if (isSeq(node)) {
    const item = node.items[Number(seg)] as Node | null | undefined;
    return item === undefined ? undefined : { node: item };
  }
  return undefined;
}
