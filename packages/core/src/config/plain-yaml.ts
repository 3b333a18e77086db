import type { JsonValue } from "../json.js";
import type { JsonPath } from "./issue.js";
import type { ParsedYaml, Position } from "./parse.js";
import { COLON, charTable, grown, keyEnd, MAPPING, SEQUENCE, Spots } from "./plain-yaml-spots.js";

/** What the fast reader knows beyond what any parser gives. */
export interface PlainYaml extends ParsedYaml {
  value: JsonValue;
  /**
   * The paths of the only strings `${env:…}` interpolation can change, in document order: those
   * whose source holds `${` or a backslash escape.
   */
  interpolable: JsonPath[];
  /** Where each item of the sequence at `path` is, as `locate` says, in one pass; or undefined. */
  locateItems(path: JsonPath): Position[] | undefined;
}

/**
 * A fast reader for the YAML nearly every trunks.yaml is written in: block mappings and sequences
 * of plain-keyed entries, each value one scalar or one single-line flow list or mapping of scalars,
 * and comments. It gives up (returns undefined) on anything else — anchors, tags, block or
 * multi-line scalars, quoted or numeric keys, empty values, duplicate keys, `---`, tabs, control
 * characters, integers too large to be exact — and the `yaml` package then reads the file (and
 * reports what is wrong). Where it answers, it agrees with that package (a differential spec checks
 * values and positions). On a 10,000-trunk file it takes tens of milliseconds in a fresh process
 * where the full parser takes 1–1.5 s.
 */
export function readPlainYaml(text: string): PlainYaml | undefined {
  try {
    return new Reader(text).document();
  } catch (err) {
    if (err instanceof NotPlainYaml) return undefined;
    throw err;
  }
}

class NotPlainYaml extends Error {}

/**
 * Where a character next occurs at or after an offset. One search answers every later question
 * until the reader passes that occurrence: a file with no `#` in its values is searched once.
 */
class NextOf {
  readonly #text: string;
  readonly #char: string;
  #from = 0;
  #at = -1;

  constructor(text: string, char: string) {
    this.#text = text;
    this.#char = char;
  }

  /** The offset, or the text's length when there is none. */
  from(offset: number): number {
    if (offset < this.#from || offset > this.#at) {
      const at = this.#text.indexOf(this.#char, offset);
      this.#from = offset;
      this.#at = at < 0 ? this.#text.length : at;
    }
    return this.#at;
  }
}

/** The full parser recurses per level; a trunks.yaml nests about 5 deep. */
const MAX_DEPTH = 64;
/** YAML's limit on an implicit key is 1024 characters; longer ones are the full parser's to report. */
const MAX_KEY_LENGTH = 1000;

const CR = 13;
const SPACE = 32;
const DQUOTE = 34;
const HASH = 35;
const PERCENT = 37;
const SQUOTE = 39;
const COMMA = 44;
const DASH = 45;
const DOT = 46;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;

/** Characters that cannot start a plain scalar here (`-` is handled separately). */
const INDICATOR = charTable("?:,[]{}#&*!|>'\"%@`");
const FLOW_END = charTable(",[]{}");
const KEY_START = charTable("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
/** The first characters of every plain scalar the core schema does not read as a string. */
const NOT_ONLY_STRING = charTable("-+.~0123456789nNtTfF");

/** Tabs, control and non-printable characters, a BOM, a lone CR or surrogate: the full parser's. */
const LEFT_TO_PARSER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]|\r(?!\n)|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** A quicker first look for the same: a plain ASCII file with LF line ends has none of these. */
const MAYBE_LEFT_TO_PARSER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]/;

function notPlain(): never {
  throw new NotPlainYaml();
}

/**
 * Reads line by line with a cursor on the current content line (not blank, not only a comment),
 * by character codes, slicing only keys and values.
 */
class Reader {
  readonly #text: string;
  readonly #spots: Spots;
  /** Offset of every line's start, for line and column numbers (as the `yaml` package counts them). */
  #lineStarts: Int32Array;
  #lines = 0;
  readonly #hashes: NextOf;
  readonly #colons: NextOf;
  readonly #backslashes: NextOf;
  readonly #dollars: NextOf;
  /** The scalars interpolation may change (see `PlainYaml.interpolable`). */
  readonly #interpolable: number[] = [];
  /** Where the next line starts. */
  #next = 0;
  /** Whether there is a current content line; then its first character, end and indentation. */
  #more = true;
  #start = 0;
  #end = 0;
  #indent = 0;
  /** Where the quoted scalar or flow collection just read ends. */
  #after = 0;
  /** The last plain scalar read as a string: most files repeat a few (provider names) many times. */
  #lastPlain = "";

  constructor(text: string) {
    this.#text = text;
    if (MAYBE_LEFT_TO_PARSER.test(text) && LEFT_TO_PARSER.test(text)) notPlain();
    // About one node per 20 characters in a trunks.yaml, one line per 30; both arrays grow if need be.
    this.#spots = new Spots(text, 64 + (text.length >> 4));
    this.#lineStarts = new Int32Array(64 + (text.length >> 4));
    this.#hashes = new NextOf(text, "#");
    this.#colons = new NextOf(text, ":");
    this.#backslashes = new NextOf(text, "\\");
    this.#dollars = new NextOf(text, "${");
  }

  document(): PlainYaml {
    this.#advance();
    if (!this.#more || this.#indent !== 0) notPlain();
    const value = this.#map(0, this.#start, this.#firstKey(), 1, undefined);
    if (this.#more) notPlain();
    const spots = this.#spots;
    const root = spots.last();
    spots.setLines(this.#lineStarts, this.#lines);
    return {
      value,
      issues: [],
      locate: (path, at, needle) => spots.position(spots.offsetOf(root, path, at, needle)),
      interpolable: this.#interpolable.map((node) => spots.pathOf(root, node)),
      locateItems: (path) => spots.itemPositions(root, path),
    };
  }

  /** Moves to the next content line, rejecting directives and document markers (in column 0). */
  #advance(): void {
    const text = this.#text;
    while (this.#next <= text.length) {
      const lineStart = this.#next;
      if (this.#lines === this.#lineStarts.length)
        this.#lineStarts = grown(this.#lineStarts, this.#lines + 1);
      this.#lineStarts[this.#lines++] = lineStart;
      const newline = text.indexOf("\n", lineStart);
      const next = newline === -1 ? text.length : newline;
      this.#next = next + 1;
      const end = next > lineStart && text.charCodeAt(next - 1) === CR ? next - 1 : next;
      let first = lineStart;
      while (first < end && text.charCodeAt(first) === SPACE) first++;
      if (first < end && text.charCodeAt(first) !== HASH) {
        if (first === lineStart && isMarker(text, first)) notPlain();
        this.#start = first;
        this.#end = end;
        this.#indent = first - lineStart;
        return;
      }
    }
    this.#more = false;
  }

  /** The key starting the current line's mapping. */
  #firstKey(): string {
    return this.#keyAt(this.#start, this.#end, undefined) ?? notPlain();
  }

  /**
   * A block mapping whose first key, `key`, is at `keyAt` on the current line; later keys at column
   * `indent`. `template` holds the previous sibling mapping's keys (distinct), the likeliest keys of
   * this one; this mapping's keys replace them.
   */
  #map(
    indent: number,
    keyAt: number,
    key: string,
    depth: number,
    template: string[] | undefined,
  ): Record<string, JsonValue> {
    if (depth > MAX_DEPTH) notPlain();
    const text = this.#text;
    const spots = this.#spots;
    const mark = spots.mark();
    const value: Record<string, JsonValue> = {};
    let at = keyAt;
    let name = key;
    // Whether the keys so far are the template's, in order: then they cannot repeat.
    let templated = template !== undefined;
    let index = 0;
    for (; ; index++) {
      if (!templated || name !== template?.[index]) {
        templated = false;
        if (Object.hasOwn(value, name)) notPlain();
        if (template) template[index] = name;
      }
      const end = this.#end;
      let p = at + name.length + 1;
      while (p < end && text.charCodeAt(p) === SPACE) p++;
      let read: JsonValue;
      if (p < end) {
        read = this.#inline(p, end);
        this.#advance();
      } else {
        this.#advance();
        if (!this.#more) notPlain();
        if (this.#indent > indent) read = this.#block(this.#indent, depth + 1);
        // A sequence may sit at its key's own indentation.
        else if (this.#indent === indent && this.#isDash()) read = this.#seq(indent, depth + 1);
        else notPlain();
      }
      spots.keyLast(at);
      value[name] = read;
      if (!this.#more || this.#indent < indent) break;
      if (this.#indent > indent || (text.charCodeAt(this.#start) === DASH && this.#isDash())) notPlain();
      at = this.#start;
      name = this.#keyAt(at, this.#end, template?.[index + 1]) ?? notPlain();
    }
    if (template) template.length = index + 1;
    spots.collection(MAPPING, keyAt, -1, mark);
    return value;
  }

  /** A block sequence of `- ` items at column `indent`, starting on the current line. */
  #seq(indent: number, depth: number): JsonValue[] {
    if (depth > MAX_DEPTH) notPlain();
    const text = this.#text;
    const spots = this.#spots;
    const mark = spots.mark();
    const first = this.#start;
    const items: JsonValue[] = [];
    const template: string[] = [];
    for (;;) {
      const start = this.#start;
      const end = this.#end;
      let p = start + 1;
      while (p < end && text.charCodeAt(p) === SPACE) p++;
      // An item on the following lines, a comment after `-`, or `- - nested`: the full parser's.
      if (p === end || p === start + 1) notPlain();
      const c = text.charCodeAt(p);
      if (c === HASH || (c === DASH && (p + 1 === end || text.charCodeAt(p + 1) === SPACE))) notPlain();
      const key = this.#keyAt(p, end, template[0]);
      if (key !== undefined) {
        // The item's mapping starts after the dash: its keys line up with the first one.
        items.push(this.#map(indent + (p - start), p, key, depth + 1, template));
      } else {
        items.push(this.#inline(p, end));
        this.#advance();
      }
      if (!this.#more) break;
      if (this.#indent > indent) notPlain();
      if (this.#indent < indent || !this.#isDash()) break;
    }
    spots.collection(SEQUENCE, first, -1, mark);
    return items;
  }

  #block(indent: number, depth: number): JsonValue {
    return this.#isDash()
      ? this.#seq(indent, depth)
      : this.#map(indent, this.#start, this.#firstKey(), depth, undefined);
  }

  /** A value that ends on its own line: a scalar or a flow collection, then maybe a comment. */
  #inline(p: number, end: number): JsonValue {
    const text = this.#text;
    const c = text.charCodeAt(p);
    if (c === DQUOTE || c === SQUOTE || c === LBRACKET || c === LBRACE) {
      const value = c === LBRACKET || c === LBRACE ? this.#flow(p, end) : this.#quoted(p, end);
      const after = this.#after;
      let r = after;
      while (r < end && text.charCodeAt(r) === SPACE) r++;
      if (r < end && !(text.charCodeAt(r) === HASH && r > after)) notPlain();
      return value;
    }
    if (INDICATOR[c] === 1 || (c === DASH && (p + 1 === end || text.charCodeAt(p + 1) === SPACE))) notPlain();
    let stop = end;
    // A comment starts at a `#` after a space.
    if (this.#hashes.from(p) < end) {
      stop = p;
      while (stop < end && !(text.charCodeAt(stop) === HASH && text.charCodeAt(stop - 1) === SPACE)) stop++;
    }
    while (stop > p && text.charCodeAt(stop - 1) === SPACE) stop--;
    if (this.#colons.from(p) < stop) {
      const source = text.slice(p, stop);
      // `a: b` inside a value is a nested mapping, which YAML does not allow there.
      if (source.includes(": ") || source.endsWith(":")) notPlain();
    }
    this.#scalar(p, stop, false);
    return this.#plain(p, stop);
  }

  /**
   * The value of the plain scalar from `p` to `stop`, as `resolvePlain` gives it. The commonest
   * (short integers, true, false, the last string again) are read without slicing the text.
   */
  #plain(p: number, stop: number): JsonValue {
    const text = this.#text;
    const length = stop - p;
    const c = text.charCodeAt(p);
    // Up to 15 digits, an integer is exact as a double.
    if (c >= 48 && c <= 57 && length <= 15) {
      let n = 0;
      let i = p;
      for (let d = c - 48; i < stop && d >= 0 && d <= 9; d = text.charCodeAt(++i) - 48) n = n * 10 + d;
      if (i === stop) return n;
    }
    if (length === 4 && text.startsWith("true", p)) return true;
    if (length === 5 && text.startsWith("false", p)) return false;
    const last = this.#lastPlain;
    if (length === last.length && length > 0 && text.startsWith(last, p)) return last;
    const source = text.slice(p, stop);
    const value = resolvePlain(source);
    if (value === source) this.#lastPlain = source;
    return value;
  }

  /** Records a scalar's place, and whether interpolation may change it: `${` or an escape in it. */
  #scalar(start: number, end: number, escaped: boolean): void {
    const node = this.#spots.scalar(start, end);
    if (escaped || this.#dollars.from(start) < end) this.#interpolable.push(node);
  }

  /** A one-line `"…"` (JSON's escapes only) or `'…'` scalar. */
  #quoted(p: number, end: number): string {
    const text = this.#text;
    let q = p + 1;
    let value: string;
    let escaped = false;
    if (text.charCodeAt(p) === SQUOTE) {
      for (;;) {
        q = text.indexOf("'", q);
        if (q < 0 || q >= end) notPlain();
        if (text.charCodeAt(q + 1) !== SQUOTE) break;
        q += 2;
      }
      value = text.slice(p + 1, q).replaceAll("''", "'");
    } else {
      const close = text.indexOf('"', q);
      if (this.#backslashes.from(q) > close && close >= 0) {
        q = close;
        if (q >= end) notPlain();
        value = text.slice(p + 1, q);
      } else {
        for (let c = text.charCodeAt(q); q < end && c !== DQUOTE; c = text.charCodeAt(q))
          q += c === BACKSLASH ? 2 : 1;
        if (q >= end) notPlain();
        escaped = true;
        value = unescapeJson(text.slice(p, q + 1));
      }
    }
    this.#scalar(p, q + 1, escaped);
    this.#after = q + 1;
    return value;
  }

  /** `[a, "b"]` or `{ k: v, k2: "w" }` on one line, of scalars only. */
  #flow(p: number, end: number): JsonValue {
    const text = this.#text;
    const spots = this.#spots;
    const mark = spots.mark();
    const isMap = text.charCodeAt(p) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const items: JsonValue[] = [];
    const entries: Record<string, JsonValue> = {};
    const pastSpaces = (from: number) => {
      let r = from;
      while (r < end && text.charCodeAt(r) === SPACE) r++;
      return r;
    };
    let r = pastSpaces(p + 1);
    if (text.charCodeAt(r) !== close) {
      for (;;) {
        let key: string | undefined;
        const keyAt = r;
        if (isMap) {
          key = this.#keyAt(r, end, undefined);
          if (key === undefined || text.charCodeAt(r + key.length + 1) !== SPACE) notPlain();
          if (Object.hasOwn(entries, key)) notPlain();
          r = pastSpaces(r + key.length + 1);
        }
        let value: JsonValue;
        const c = text.charCodeAt(r);
        if (c === DQUOTE || c === SQUOTE) {
          value = this.#quoted(r, end);
        } else {
          if (INDICATOR[c] === 1 || r >= text.length || (c === DASH && text.charCodeAt(r + 1) === SPACE))
            notPlain();
          let stop = r;
          while (stop < end && FLOW_END[text.charCodeAt(stop)] !== 1) stop++;
          let last = stop;
          while (last > r && text.charCodeAt(last - 1) === SPACE) last--;
          const source = text.slice(r, last);
          if (source.includes(":") || source.includes(" #")) notPlain();
          this.#scalar(r, last, false);
          this.#after = last;
          value = resolvePlain(source);
        }
        if (key === undefined) {
          items.push(value);
        } else {
          entries[key] = value;
          spots.keyLast(keyAt);
        }
        r = pastSpaces(this.#after);
        if (text.charCodeAt(r) === COMMA) {
          r = pastSpaces(r + 1);
          if (r >= end || text.charCodeAt(r) === close) notPlain();
          continue;
        }
        if (text.charCodeAt(r) === close) break;
        notPlain();
      }
    }
    spots.collection(isMap ? MAPPING : SEQUENCE, p, r + 1, mark);
    this.#after = r + 1;
    return isMap ? entries : items;
  }

  /**
   * The plain key starting at `p` when the text there is `key:` (then a space or the line's end),
   * trying `hint` first. A key-shaped text this reader does not take as a string key (`true:`,
   * `1e3:`) gives up.
   */
  #keyAt(p: number, end: number, hint: string | undefined): string | undefined {
    const text = this.#text;
    // A hint was accepted as a key before, and a key cannot run on past its `:`.
    if (hint !== undefined && text.startsWith(hint, p)) {
      const colon = p + hint.length;
      if (text.charCodeAt(colon) === COLON && (colon + 1 === end || text.charCodeAt(colon + 1) === SPACE))
        return hint;
    }
    if (KEY_START[text.charCodeAt(p)] !== 1) return undefined;
    const colon = keyEnd(text, p);
    if (colon >= end || text.charCodeAt(colon) !== COLON) return undefined;
    if (colon + 1 < end && text.charCodeAt(colon + 1) !== SPACE) return undefined;
    const key = text.slice(p, colon);
    if (colon - p > MAX_KEY_LENGTH || key === "__proto__" || typeof resolvePlain(key) !== "string")
      notPlain();
    return key;
  }

  /** Whether the current line is a sequence item: `-` then a space or nothing. */
  #isDash(): boolean {
    const start = this.#start;
    return (
      this.#text.charCodeAt(start) === DASH &&
      (start + 1 === this.#end || this.#text.charCodeAt(start + 1) === SPACE)
    );
  }
}

/** `---`, `...` or a `%` directive at the start of a line. */
function isMarker(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return (
    c === PERCENT ||
    ((c === DASH || c === DOT) && text.charCodeAt(at + 1) === c && text.charCodeAt(at + 2) === c)
  );
}

/** A `"…"` scalar with backslash escapes: JSON's mean the same in YAML; YAML's own are the parser's. */
function unescapeJson(source: string): string {
  // YAML's own escapes (\x, \e, \N…) fail JSON.parse; lone surrogates are left to the parser too.
  if (/\\u[dD][89a-fA-F]/.test(source)) notPlain();
  try {
    return JSON.parse(source) as string;
  } catch {
    notPlain();
  }
}

/**
 * The core schema's integers as the `yaml` package reads them, in the order it tests them, with how
 * each parses: the one set the plain reader resolves by and the full parser checks for rounding by.
 */
export const CORE_INTEGERS: readonly { pattern: RegExp; radix: number; prefix: number }[] = [
  { pattern: /^0o[0-7]+$/, radix: 8, prefix: 2 },
  { pattern: /^[-+]?[0-9]+$/, radix: 10, prefix: 0 },
  { pattern: /^0x[0-9a-fA-F]+$/, radix: 16, prefix: 2 },
];

/**
 * A plain scalar's value under YAML 1.2's core schema, the `yaml` package's default (same tests, same
 * order). Gives up on an integer that a number cannot hold exactly.
 */
export function resolvePlain(source: string): JsonValue {
  // Each test below can only match text starting with one of these: most text skips them all.
  if (NOT_ONLY_STRING[source.charCodeAt(0)] !== 1) return source === "" ? null : source;
  // The commonest non-strings, without the regular expressions (which give the same answers).
  if (isDigits(source)) return exact(Number.parseInt(source, 10));
  if (source === "true") return true;
  if (source === "false") return false;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(source)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(source)) return source[0] === "t" || source[0] === "T";
  for (const { pattern, radix, prefix } of CORE_INTEGERS)
    if (pattern.test(source)) return exact(Number.parseInt(source.slice(prefix), radix));
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(source)) {
    if (source.slice(-3).toLowerCase() === "nan") return Number.NaN;
    return source[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(source)) return Number.parseFloat(source);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(source)) return Number.parseFloat(source);
  return source;
}

/** A parsed integer, when exact; a rounded one is the full parser's to report. */
function exact(n: number): number {
  return Number.isSafeInteger(n) ? n : notPlain();
}

/** `[0-9]+`. */
function isDigits(source: string): boolean {
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return source.length > 0;
}
