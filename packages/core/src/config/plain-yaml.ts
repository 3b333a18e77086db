import type { JsonValue } from "../json.js";
import type { Issue, JsonPath } from "./issue.js";
import type { ParsedYaml, Position } from "./parse.js";

/**
 * A fast reader for the YAML nearly every trunks.yaml is written in: block mappings and sequences
 * of plain-keyed entries, each value one scalar or one single-line flow list or mapping of scalars,
 * and comments. It gives up (returns undefined) on anything else — anchors, tags, block or
 * multi-line scalars, quoted or numeric keys, empty values, duplicate keys, `---`, tabs, control
 * characters — and the `yaml` package then reads the file. Where it answers, it agrees with that
 * package (a differential spec checks values and positions). On a 10,000-trunk file it takes about
 * 0.2 s in a fresh process where the full parser takes 1–1.5 s.
 */
export function readPlainYaml(text: string): ParsedYaml | undefined {
  try {
    return new Reader(text).document();
  } catch (err) {
    if (err instanceof NotPlainYaml) return undefined;
    throw err;
  }
}

class NotPlainYaml extends Error {}

/** Where a node is: its key's offset (map entries), its own offset, its end (scalars), its children. */
interface Spot {
  key?: number;
  start: number;
  end?: number;
  /** A sequence's items, or a mapping's entries (with `keys`, in the same order). */
  children?: Spot[];
  keys?: string[];
}

interface Read {
  value: JsonValue;
  spot: Spot;
}

/** The full parser recurses per level; a trunks.yaml nests about 5 deep. */
const MAX_DEPTH = 64;
/** YAML's limit on an implicit key is 1024 characters; longer ones are the full parser's to report. */
const MAX_KEY_LENGTH = 1000;

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
/** Characters that cannot start a plain scalar here (`-` is handled separately). */
const INDICATORS = new Set("?:,[]{}#&*!|>'\"%@`");
const KEY_START = /[A-Za-z0-9_]/y;
/** Tabs, control and non-printable characters, a BOM, a lone CR or surrogate: the full parser's. */
const LEFT_TO_PARSER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]|\r(?!\n)|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const KEY_REST = /[A-Za-z0-9_./-]*/y;

function notPlain(): never {
  throw new NotPlainYaml();
}

class Reader {
  readonly #text: string;
  /** Offset of every line's start, for line and column numbers (as the `yaml` package counts them). */
  readonly #lineStarts: number[] = [];
  // The lines with content (not blank, not only a comment): indentation, first character, end.
  readonly #indents: number[] = [];
  readonly #starts: number[] = [];
  readonly #ends: number[] = [];
  /** The content line being read. */
  #line = 0;

  constructor(text: string) {
    this.#text = text;
    this.#scan();
  }

  document(): ParsedYaml {
    if (this.#indents.length === 0 || this.#indents[0] !== 0) notPlain();
    const root = this.#map(0, this.#at(this.#starts, 0), 1);
    if (this.#line !== this.#indents.length) notPlain();
    return {
      value: root.value,
      issues: [],
      locate: (path, at, needle) => this.#position(locateOffset(this.#text, root.spot, path, at, needle)),
    };
  }

  /** Splits lines, rejecting what this reader leaves to the full parser anywhere in the text. */
  #scan(): void {
    const text = this.#text;
    if (LEFT_TO_PARSER.test(text)) notPlain();
    let lineStart = 0;
    for (;;) {
      this.#lineStarts.push(lineStart);
      const newline = text.indexOf("\n", lineStart);
      const next = newline === -1 ? text.length : newline;
      const end = next > lineStart && text.charCodeAt(next - 1) === 13 ? next - 1 : next;
      let first = lineStart;
      while (first < end && text.charCodeAt(first) === SPACE) first++;
      if (first < end && text.charCodeAt(first) !== HASH) {
        // Directives and document markers live in column 0.
        if (first === lineStart && /^(?:---|\.\.\.|%)/.test(text.slice(first, first + 3))) notPlain();
        this.#indents.push(first - lineStart);
        this.#starts.push(first);
        this.#ends.push(end);
      }
      if (newline === -1) return;
      lineStart = newline + 1;
    }
  }

  /** A block mapping whose first key is at `keyAt` on the current line; later keys at column `indent`. */
  #map(indent: number, keyAt: number, depth: number): Read {
    if (depth > MAX_DEPTH) notPlain();
    const text = this.#text;
    const value: Record<string, JsonValue> = {};
    const keys: string[] = [];
    const children: Spot[] = [];
    let pos = keyAt;
    for (;;) {
      const end = this.#at(this.#ends, this.#line);
      const colon = this.#keyEnd(pos, end);
      if (colon < 0) notPlain();
      const key = text.slice(pos, colon);
      if (keys.includes(key)) notPlain();
      let p = colon + 1;
      while (p < end && text.charCodeAt(p) === SPACE) p++;
      let read: Read;
      if (p < end) {
        read = this.#inline(p, end);
        this.#line++;
      } else {
        this.#line++;
        if (this.#line >= this.#indents.length) notPlain();
        const next = this.#at(this.#indents, this.#line);
        if (next > indent) read = this.#block(next, depth + 1);
        // A sequence may sit at its key's own indentation.
        else if (next === indent && this.#isDash(this.#line)) read = this.#seq(indent, depth + 1);
        else notPlain();
      }
      read.spot.key = pos;
      value[key] = read.value;
      keys.push(key);
      children.push(read.spot);
      if (this.#line >= this.#indents.length) break;
      const next = this.#at(this.#indents, this.#line);
      if (next > indent) notPlain();
      if (next < indent) break;
      if (this.#isDash(this.#line)) notPlain();
      pos = this.#at(this.#starts, this.#line);
    }
    return { value, spot: { start: keyAt, children, keys } };
  }

  /** A block sequence of `- ` items at column `indent`, starting on the current line. */
  #seq(indent: number, depth: number): Read {
    if (depth > MAX_DEPTH) notPlain();
    const text = this.#text;
    const items: JsonValue[] = [];
    const children: Spot[] = [];
    const first = this.#at(this.#starts, this.#line);
    for (;;) {
      const start = this.#at(this.#starts, this.#line);
      const end = this.#at(this.#ends, this.#line);
      let p = start + 1;
      while (p < end && text.charCodeAt(p) === SPACE) p++;
      // An item on the following lines, a comment after `-`, or `- - nested`: the full parser's.
      if (p === end || p === start + 1) notPlain();
      const c = text.charCodeAt(p);
      if (c === HASH || (c === DASH && (p + 1 === end || text.charCodeAt(p + 1) === SPACE))) notPlain();
      let read: Read;
      if (this.#keyEnd(p, end) >= 0) {
        read = this.#map(indent + (p - start), p, depth + 1);
      } else {
        read = this.#inline(p, end);
        this.#line++;
      }
      items.push(read.value);
      children.push(read.spot);
      if (this.#line >= this.#indents.length) break;
      const next = this.#at(this.#indents, this.#line);
      if (next > indent) notPlain();
      if (next < indent || !this.#isDash(this.#line)) break;
    }
    return { value: items, spot: { start: first, children } };
  }

  #block(indent: number, depth: number): Read {
    return this.#isDash(this.#line)
      ? this.#seq(indent, depth)
      : this.#map(indent, this.#at(this.#starts, this.#line), depth);
  }

  /** A value that ends on its own line: a scalar or a flow collection, then maybe a comment. */
  #inline(p: number, end: number): Read {
    const text = this.#text;
    const c = text[p] ?? "";
    if (c === '"' || c === "'" || c === "[" || c === "{") {
      const read = c === "[" || c === "{" ? this.#flow(p, end) : this.#quoted(p, end);
      const after = read.spot.end ?? end;
      let r = after;
      while (r < end && text.charCodeAt(r) === SPACE) r++;
      if (r < end && !(text.charCodeAt(r) === HASH && r > after)) notPlain();
      return read;
    }
    if (INDICATORS.has(c) || (c === "-" && (p + 1 === end || text.charCodeAt(p + 1) === SPACE))) notPlain();
    let stop = p;
    while (stop < end && !(text.charCodeAt(stop) === HASH && text.charCodeAt(stop - 1) === SPACE)) stop++;
    while (stop > p && text.charCodeAt(stop - 1) === SPACE) stop--;
    const source = text.slice(p, stop);
    // `a: b` inside a value is a nested mapping, which YAML does not allow there.
    if (source.includes(": ") || source.endsWith(":")) notPlain();
    return { value: resolvePlain(source), spot: { start: p, end: stop } };
  }

  /** A one-line `"…"` (JSON's escapes only) or `'…'` scalar. */
  #quoted(p: number, end: number): Read {
    const text = this.#text;
    if (text[p] === "'") {
      let q = p + 1;
      for (;;) {
        q = text.indexOf("'", q);
        if (q < 0 || q >= end) notPlain();
        if (text[q + 1] !== "'") break;
        q += 2;
      }
      return { value: text.slice(p + 1, q).replaceAll("''", "'"), spot: { start: p, end: q + 1 } };
    }
    let q = p + 1;
    let escaped = false;
    for (let c = text.charCodeAt(q); q < end && c !== 34; c = text.charCodeAt(q)) {
      if (c === 92) escaped = true;
      q += c === 92 ? 2 : 1;
    }
    if (q >= end) notPlain();
    if (!escaped) return { value: text.slice(p + 1, q), spot: { start: p, end: q + 1 } };
    const source = text.slice(p, q + 1);
    // JSON's escapes mean the same in YAML; YAML's own (\x, \e, \N…) and lone surrogates are the parser's.
    if (/\\u[dD][89a-fA-F]/.test(source)) notPlain();
    let value: string;
    try {
      value = JSON.parse(source) as string;
    } catch {
      notPlain();
    }
    return { value, spot: { start: p, end: q + 1 } };
  }

  /** `[a, "b"]` or `{ k: v, k2: "w" }` on one line, of scalars only. */
  #flow(p: number, end: number): Read {
    const text = this.#text;
    const isMap = text[p] === "{";
    const close = isMap ? "}" : "]";
    const items: JsonValue[] = [];
    const entries: Record<string, JsonValue> = {};
    const spots: Spot[] = [];
    const keys: string[] = [];
    const pastSpaces = (from: number) => {
      let r = from;
      while (r < end && text.charCodeAt(r) === SPACE) r++;
      return r;
    };
    let r = pastSpaces(p + 1);
    if (text[r] !== close) {
      for (;;) {
        let key: string | undefined;
        let keyAt = r;
        if (isMap) {
          keyAt = r;
          const colon = this.#keyEnd(r, end);
          if (colon < 0 || text.charCodeAt(colon + 1) !== SPACE) notPlain();
          key = text.slice(r, colon);
          if (keys.includes(key)) notPlain();
          keys.push(key);
          r = pastSpaces(colon + 1);
        }
        let read: Read;
        const c = text[r] ?? "";
        if (c === '"' || c === "'") {
          read = this.#quoted(r, end);
        } else {
          if (INDICATORS.has(c) || c === "" || (c === "-" && text.charCodeAt(r + 1) === SPACE)) notPlain();
          let stop = r;
          while (stop < end && !",[]{}".includes(text[stop] ?? "")) stop++;
          let last = stop;
          while (last > r && text.charCodeAt(last - 1) === SPACE) last--;
          const source = text.slice(r, last);
          if (source.includes(":") || source.includes(" #")) notPlain();
          read = { value: resolvePlain(source), spot: { start: r, end: last } };
        }
        if (key === undefined) {
          items.push(read.value);
        } else {
          entries[key] = read.value;
          read.spot.key = keyAt;
        }
        spots.push(read.spot);
        r = pastSpaces(read.spot.end ?? r);
        if (text[r] === ",") {
          r = pastSpaces(r + 1);
          if (r >= end || text[r] === close) notPlain();
          continue;
        }
        if (text[r] === close) break;
        notPlain();
      }
    }
    const spot = { start: p, end: r + 1, children: spots, ...(isMap ? { keys } : {}) };
    return { value: isMap ? entries : items, spot };
  }

  /**
   * Where the `:` of a plain key starting at `p` is, or -1 when the text there is not `key:`.
   * A key-shaped text this reader does not take as a string key (`true:`, `1e3:`) gives up.
   */
  #keyEnd(p: number, end: number): number {
    const text = this.#text;
    KEY_START.lastIndex = p;
    if (!KEY_START.test(text)) return -1;
    KEY_REST.lastIndex = p + 1;
    KEY_REST.test(text);
    const colon = KEY_REST.lastIndex;
    if (colon >= end || text.charCodeAt(colon) !== COLON) return -1;
    if (colon + 1 < end && text.charCodeAt(colon + 1) !== SPACE) return -1;
    const key = text.slice(p, colon);
    if (colon - p > MAX_KEY_LENGTH || key === "__proto__" || typeof resolvePlain(key) !== "string")
      notPlain();
    return colon;
  }

  #isDash(line: number): boolean {
    const start = this.#at(this.#starts, line);
    const end = this.#at(this.#ends, line);
    return (
      this.#text.charCodeAt(start) === DASH &&
      (start + 1 === end || this.#text.charCodeAt(start + 1) === SPACE)
    );
  }

  #at(values: number[], index: number): number {
    return values[index] ?? notPlain();
  }

  /** Line and column of an offset, 1-based, exactly as the `yaml` package's LineCounter gives them. */
  #position(offset: number): Position {
    const starts = this.#lineStarts;
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((starts[mid] ?? 0) < offset) low = mid + 1;
      else high = mid;
    }
    if (starts[low] === offset) return { line: low + 1, col: 1 };
    if (low === 0) return { line: 0, col: offset };
    return { line: low, col: offset - (starts[low - 1] ?? 0) + 1 };
  }
}

/** A plain scalar's value under YAML 1.2's core schema, the `yaml` package's default (same tests, same order). */
export function resolvePlain(source: string): JsonValue {
  // Each test below can only match text starting with one of these: most text skips them all.
  if (!/^[-+.~0-9nNtTfF]/.test(source)) return source === "" ? null : source;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(source)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(source)) return source[0] === "t" || source[0] === "T";
  if (/^0o[0-7]+$/.test(source)) return Number.parseInt(source.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(source)) return Number.parseInt(source, 10);
  if (/^0x[0-9a-fA-F]+$/.test(source)) return Number.parseInt(source.slice(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(source)) {
    if (source.slice(-3).toLowerCase() === "nan") return Number.NaN;
    return source[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(source)) return Number.parseFloat(source);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(source)) return Number.parseFloat(source);
  return source;
}

/** The offset `locate` points at, by the same rules as the full parser's (see parse.ts `offsetOf`). */
function locateOffset(
  text: string,
  root: Spot,
  path: JsonPath,
  at: Issue["at"] = "value",
  needle?: string,
): number {
  let spot = root;
  let keyOffset: number | undefined;
  let complete = true;
  for (const seg of path) {
    const child = spot.keys ? spot.children?.[spot.keys.indexOf(String(seg))] : spot.children?.[Number(seg)];
    if (!child) {
      complete = false;
      break;
    }
    spot = child;
    keyOffset = child.key;
  }
  if (keyOffset !== undefined && (at === "key" || (at === "owner" && spot.children) || !complete)) {
    return keyOffset;
  }
  if (complete && needle && spot.end !== undefined) {
    const found = text.slice(spot.start, spot.end).indexOf(needle);
    if (found >= 0) return spot.start + found;
  }
  return spot.start;
}
