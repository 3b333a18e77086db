import type { Issue, JsonPath } from "./issue.js";
import type { Position } from "./parse.js";

/**
 * Where a node is: 1 + the offset of the key naming it (`KEY`), its `START`, 1 + its `END`. Zero,
 * a new node's value, means none: a node gets only the fields it has written.
 */
const KEY = 0;
const START = 1;
const END = 2;
/** SCALAR, SEQUENCE or MAPPING; a collection's children are `SIZE` node numbers in `edges` from `FIRST`. */
const KIND = 3;
const FIRST = 4;
const SIZE = 5;
const STRIDE = 6;
const SCALAR = 0;
export const SEQUENCE = 1;
export const MAPPING = 2;

export const COLON = 58;

/** A lookup table for ASCII characters. */
export function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const ch of chars) table[ch.charCodeAt(0)] = 1;
  return table;
}

/** The characters the plain reader allows in a key after its first. */
const KEY_REST = charTable("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./-");

/** Where a plain key that starts at `keyAt` ends: the first character after it that cannot be in one. */
export function keyEnd(text: string, keyAt: number): number {
  let end = keyAt + 1;
  while (KEY_REST[text.charCodeAt(end)] === 1) end++;
  return end;
}

/**
 * Where every node the plain YAML reader read is, in typed arrays: a 10,000-trunk file has some
 * 60,000 nodes, and an object or array per node kept the garbage collector busier than the reading
 * itself. Nodes are numbered as they are completed (children first, in document order); a map's
 * keys are read back from the text when a path is followed.
 */
export class Spots {
  readonly #text: string;
  #nodes: Int32Array;
  #count = 0;
  #edges: Int32Array;
  #edgeCount = 0;
  /** The completed children of every collection still being read, innermost last. */
  readonly #open: number[] = [];
  /** The offset every line starts at, once the document is read. */
  #lineStarts: Int32Array = new Int32Array(0);
  #lines = 0;

  constructor(text: string, estimate: number) {
    this.#text = text;
    this.#nodes = new Int32Array(STRIDE * estimate);
    this.#edges = new Int32Array(estimate);
  }

  /** Records a scalar; its node number. */
  scalar(start: number, end: number): number {
    const at = this.#slot();
    this.#nodes[at + START] = start;
    this.#nodes[at + END] = end + 1;
    return at / STRIDE;
  }

  /** Where a collection's children will start, for `collection`. */
  mark(): number {
    return this.#open.length;
  }

  /** Records a collection whose children were completed since `mark`; `end` is -1 for a block one. */
  collection(kind: number, start: number, end: number, mark: number): void {
    const open = this.#open;
    const size = open.length - mark;
    if (this.#edgeCount + size > this.#edges.length) this.#edges = grown(this.#edges, this.#edgeCount + size);
    for (let i = 0; i < size; i++) this.#edges[this.#edgeCount + i] = open[mark + i] ?? -1;
    open.length = mark;
    const at = this.#slot();
    const nodes = this.#nodes;
    nodes[at + START] = start;
    nodes[at + END] = end + 1;
    nodes[at + KIND] = kind;
    nodes[at + FIRST] = this.#edgeCount;
    nodes[at + SIZE] = size;
    this.#edgeCount += size;
  }

  /** Records the key naming the node completed last. */
  keyLast(offset: number): void {
    this.#nodes[(this.#count - 1) * STRIDE + KEY] = offset + 1;
  }

  /** The node completed last: the root, once the document is read. */
  last(): number {
    return this.#count - 1;
  }

  /** The offset `locate` points at, by the same rules as the full parser's (see parse.ts `offsetOf`). */
  offsetOf(root: number, path: JsonPath, at: Issue["at"] = "value", needle?: string): number {
    let node = root;
    let keyOffset = -1;
    let complete = true;
    for (let i = 0; i < path.length; i++) {
      const child = this.#step(node, path[i] ?? "");
      if (child < 0) {
        complete = false;
        break;
      }
      node = child;
      keyOffset = this.#get(child, KEY) - 1;
    }
    const isCollection = this.#get(node, KIND) !== SCALAR;
    if (keyOffset >= 0 && (at === "key" || (at === "owner" && isCollection) || !complete)) return keyOffset;
    const start = this.#get(node, START);
    const end = this.#get(node, END) - 1;
    if (complete && needle && end >= 0) {
      const found = this.#text.slice(start, end).indexOf(needle);
      if (found >= 0) return start + found;
    }
    return start;
  }

  /** Records where every line starts (`count` of `starts`), for positions. */
  setLines(starts: Int32Array, count: number): void {
    this.#lineStarts = starts;
    this.#lines = count;
  }

  /** Line and column of an offset, 1-based, exactly as the `yaml` package's LineCounter gives them. */
  position(offset: number): Position {
    const starts = this.#lineStarts;
    let low = 0;
    let high = this.#lines;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((starts[mid] ?? 0) < offset) low = mid + 1;
      else high = mid;
    }
    if (low < this.#lines && starts[low] === offset) return { line: low + 1, col: 1 };
    if (low === 0) return { line: 0, col: offset };
    return { line: low, col: offset - (starts[low - 1] ?? 0) + 1 };
  }

  /**
   * Where each item of the sequence at `path` is, as `position(offsetOf(…))` says, or undefined:
   * in one pass over the lines, the items being in order.
   */
  itemPositions(root: number, path: JsonPath): Position[] | undefined {
    let node = root;
    for (const seg of path) {
      node = this.#step(node, seg);
      if (node < 0) return undefined;
    }
    if (this.#get(node, KIND) !== SEQUENCE) return undefined;
    const starts = this.#lineStarts;
    const first = this.#get(node, FIRST);
    const positions: Position[] = [];
    let line = 0;
    for (let i = first; i < first + this.#get(node, SIZE); i++) {
      const offset = this.#get(this.#edges[i] ?? 0, START);
      while (line + 1 < this.#lines && (starts[line + 1] ?? 0) <= offset) line++;
      positions.push({ line: line + 1, col: offset - (starts[line] ?? 0) + 1 });
    }
    return positions;
  }

  /** The child of `node` that a path segment names (a key of a mapping, an index of a sequence), or -1. */
  #step(node: number, seg: string | number): number {
    return this.#get(node, KIND) === MAPPING
      ? this.#childNamed(node, String(seg))
      : this.#child(node, Number(seg));
  }

  /** The path from `root` to `node`. */
  pathOf(root: number, node: number): JsonPath {
    const path: (string | number)[] = [];
    for (let at = root; at !== node; ) {
      // Children are numbered in order, each after its own descendants: the one holding `node` is
      // the first numbered `node` or more.
      const first = this.#get(at, FIRST);
      let low = first;
      let high = first + this.#get(at, SIZE) - 1;
      while (low < high) {
        const mid = (low + high) >> 1;
        if ((this.#edges[mid] ?? 0) < node) low = mid + 1;
        else high = mid;
      }
      const child = this.#edges[low] ?? node;
      path.push(this.#get(at, KIND) === MAPPING ? this.#keyOf(child) : low - first);
      at = child;
    }
    return path;
  }

  #get(node: number, field: number): number {
    return this.#nodes[node * STRIDE + field] ?? 0;
  }

  /** The `index`th child of a collection, or -1. */
  #child(node: number, index: number): number {
    const size = this.#get(node, SIZE);
    if (this.#get(node, KIND) === SCALAR || !(index >= 0 && index < size && Number.isInteger(index)))
      return -1;
    return this.#edges[this.#get(node, FIRST) + index] ?? -1;
  }

  /** A mapping's child whose key is `name`, or -1: its key's text is `name` then the `:` (keys have none). */
  #childNamed(node: number, name: string): number {
    if (name.includes(":")) return -1;
    const text = this.#text;
    const first = this.#get(node, FIRST);
    for (let i = first; i < first + this.#get(node, SIZE); i++) {
      const child = this.#edges[i] ?? 0;
      const keyAt = this.#get(child, KEY) - 1;
      if (text.startsWith(name, keyAt) && text.charCodeAt(keyAt + name.length) === COLON) return child;
    }
    return -1;
  }

  /** The key naming a mapping's child: the text from the key's offset to its `:`. */
  #keyOf(child: number): string {
    const keyAt = this.#get(child, KEY) - 1;
    return this.#text.slice(keyAt, keyEnd(this.#text, keyAt));
  }

  /** A new node, all zeros, as the latest child of the collection being read; where its fields are. */
  #slot(): number {
    const at = this.#count * STRIDE;
    if (at + STRIDE > this.#nodes.length) this.#nodes = grown(this.#nodes, at + STRIDE);
    this.#open.push(this.#count++);
    return at;
  }
}

/** A copy of `array` with room for at least `length` values. */
export function grown(array: Int32Array, length: number): Int32Array {
  const copy = new Int32Array(Math.max(length, 2 * array.length));
  copy.set(array);
  return copy;
}
