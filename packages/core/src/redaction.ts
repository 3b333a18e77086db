/*
 * The one redactor of secrets in text: core scrubs its own and plugins' error messages with it, and
 * the CLI every byte it writes. A module of its own, with no imports, since the CLI loads it on
 * every run (`@trunksync/core/redaction`) and its last-resort scrub of output must not load the rest.
 */
/** What a redacted secret reads as, in core's messages and in the CLI's output alike. */
export const REDACTED = "[redacted]";

/** Shorter values (flags, versions) are not credentials, and replacing them would garble the text. */
export const MIN_REDACTED_LENGTH = 4;

/**
 * A function replacing every occurrence of one of `secrets` in a text by `REDACTED`, also where the
 * text holds it escaped (see `decodedOnce`), so that it can scrub finished output: JSON, Markdown, a
 * job summary table, a terminal line. Values shorter than `MIN_REDACTED_LENGTH` are left alone.
 * Matching is longest secret first at each position, so a secret containing a shorter one is
 * replaced whole, and a replacement is never matched again.
 */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const values = [...new Set(secrets.filter((s) => s.length >= MIN_REDACTED_LENGTH))].sort(
    (a, b) => b.length - a.length,
  );
  if (values.length === 0) return (text) => text;
  const whole = literals(values);
  const cut = cutFinder(values);
  const mayHold = anchorTest(values);
  return (text) => {
    if (!mayHold(text)) return text;
    const found: Span[] = [];
    let layer: Layer = { text, source: (span) => span };
    for (let depth = 0; ; depth++) {
      // exec on the one pattern, not matchAll, which copies it (and its thousands of alternatives) per call.
      whole.lastIndex = 0;
      for (let m = whole.exec(layer.text); m !== null; m = whole.exec(layer.text))
        found.push(layer.source([m.index, m.index + m[0].length]));
      for (const span of cut(layer.text)) found.push(layer.source(span));
      const next =
        depth < MAX_DECODINGS && MAY_HOLD_ESCAPES.test(layer.text) ? decodedOnce(layer) : undefined;
      if (next === undefined) break;
      layer = next;
    }
    return replaced(text, found);
  };
}

/*
 * Redaction runs on finished output, after a renderer has escaped what it quotes: JSON writes `"`
 * as `\"`, the Markdown renderer `_` as `&#95;`, the job summary `|` as `\|`, text output a control
 * character as `\u001b`, and an escape can itself be escaped (a JSON message quoting a JSON value,
 * Markdown of a JSON value). Rather than a list of the renderers' escaping functions, which a new
 * renderer could forget to extend and which the CLI could only load with the renderers (every run
 * pays for what `main` loads), the text is searched as it is and then decoded up to three times,
 * each time undoing every standard escape at once, and a secret found at any depth is replaced where
 * the text holds it, escapes and all. So a secret is found however it was escaped, by any renderer
 * present or future, and the search stays a plain one, fast with thousands of secrets.
 *
 * A renderer that cuts a long value marks the cut with an ellipsis (`…` or `...`): a secret of 12
 * characters or more is also found cut short, as a part of 8 characters or more of its start just
 * before one, or of its end just after one.
 */
const MAX_DECODINGS = 3;
/** Undone in one decoding: a backslash escape, an HTML character reference, YAML's quoted `''`. */
const ESCAPE =
  /\\(?:u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|U[0-9a-fA-F]{8}|[\s\S])|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos);|''/g;
const MAY_HOLD_ESCAPES = /[\\&]|''/;
const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  n: "\n",
  r: "\r",
  t: "\t",
  b: "\b",
  f: "\f",
  v: "\v",
  "0": "\0",
  e: "\u001b",
};
const NAMED_REFERENCES: Readonly<Record<string, string>> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&apos;": "'",
};
const ELLIPSIS = /…|\.\.\./g;
/** The shortest part of a cut secret that is found. */
const MIN_CUT_PART = 8;
/**
 * Shorter secrets are found whole only: 8 characters of a short, likely weak one (`password12`)
 * before an ellipsis could as well be an ordinary word cut short.
 */
const MIN_CUT_SECRET = 12;

/** Start (inclusive) and end (exclusive) of a part of a text. */
type Span = readonly [number, number];

/** A text searched for secrets: the output itself or a decoding of it, with the way back. */
interface Layer {
  text: string;
  /** Where a span of `text` is in the output. */
  source(span: Span): Span;
}

/**
 * `layer` with every escape in it undone, each decoded character mapped back to its escape; or
 * undefined when it holds none.
 */
function decodedOnce(layer: Layer): Layer | undefined {
  const parts: string[] = [];
  // Per escape undone: where its characters start in the decoded text, how many there are, and the
  // span of the escape in the layer's text.
  const at: number[] = [];
  const size: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let copied = 0;
  let length = 0;
  for (const m of layer.text.matchAll(ESCAPE)) {
    const chars = unescaped(m[0]);
    if (chars === undefined) continue;
    parts.push(layer.text.slice(copied, m.index), chars);
    length += m.index - copied;
    at.push(length);
    size.push(chars.length);
    from.push(m.index);
    to.push(m.index + m[0].length);
    length += chars.length;
    copied = m.index + m[0].length;
  }
  if (at.length === 0) return undefined;
  parts.push(layer.text.slice(copied));
  // The span in the layer's text of the decoded character at `index`.
  const spanOf = (index: number): Span => {
    let low = 0;
    let high = at.length - 1;
    let k = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((at[middle] as number) <= index) {
        k = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    if (k < 0) return [index, index + 1];
    const end = (at[k] as number) + (size[k] as number);
    if (index < end) return [from[k] as number, to[k] as number];
    const start = (to[k] as number) + index - end;
    return [start, start + 1];
  };
  return {
    text: parts.join(""),
    source: ([start, end]) => layer.source([spanOf(start)[0], spanOf(end - 1)[1]]),
  };
}

/** What an escape sequence stands for, or undefined for a character reference to no character. */
function unescaped(sequence: string): string | undefined {
  if (sequence === "''") return "'";
  if (sequence.startsWith("&")) {
    const named = NAMED_REFERENCES[sequence];
    if (named !== undefined) return named;
    const hex = sequence[2] === "x" || sequence[2] === "X";
    return character(Number.parseInt(sequence.slice(hex ? 3 : 2, -1), hex ? 16 : 10));
  }
  const rest = sequence.slice(1);
  if (rest.length === 1) return SHORT_ESCAPES[rest] ?? rest;
  return character(Number.parseInt(rest.slice(1), 16));
}

function character(code: number): string | undefined {
  return code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/** Finds the long secrets' parts cut at an ellipsis in a text: a start before one, an end after. */
function cutFinder(values: readonly string[]): (text: string) => Span[] {
  const long = values.filter((value) => value.length >= MIN_CUT_SECRET);
  if (long.length === 0) return () => [];
  // Built on the first ellipsis: most texts have none.
  let windows: Map<string, [value: string, offset: number][]> | undefined;
  return (text) => {
    const found: Span[] = [];
    for (const m of text.matchAll(ELLIPSIS)) {
      windows ??= windowsOf(long);
      // The start cut before the ellipsis ends with a window of it, the end after starts with one.
      const before = m.index;
      let start = 0;
      const last =
        before >= MIN_CUT_PART ? windows.get(text.slice(before - MIN_CUT_PART, before)) : undefined;
      for (const [value, offset] of last ?? []) {
        const n = offset + MIN_CUT_PART;
        if (n > start && n < value.length && n <= before && text.startsWith(value.slice(0, n), before - n))
          start = n;
      }
      if (start > 0) found.push([before - start, before]);
      const after = before + m[0].length;
      let end = 0;
      for (const [value, offset] of windows.get(text.slice(after, after + MIN_CUT_PART)) ?? []) {
        const n = value.length - offset;
        if (n > end && offset > 0 && text.startsWith(value.slice(offset), after)) end = n;
      }
      if (end > 0) found.push([after, after + end]);
    }
    return found;
  };
}

/** Every run of MIN_CUT_PART characters in `values`, with the value and where it starts in it. */
function windowsOf(values: readonly string[]): Map<string, [string, number][]> {
  const windows = new Map<string, [string, number][]>();
  for (const value of values) {
    for (let offset = 0; offset + MIN_CUT_PART <= value.length; offset++) {
      const key = value.slice(offset, offset + MIN_CUT_PART);
      const list = windows.get(key);
      if (list) list.push([value, offset]);
      else windows.set(key, [[value, offset]]);
    }
  }
  return windows;
}

/**
 * Whether a text may hold one of `values` in some form: a cheap test that spares nearly all output
 * the decodings. However a secret is escaped, its letters and digits are written as they are (no
 * escaping trunksync does touches them), so a text holds a run of them from the secret: for a long
 * one, from its first and from its last MIN_CUT_PART characters, which any part cut at an ellipsis
 * holds too. A secret with no letter or digit there is looked for in every text.
 */
function anchorTest(values: readonly string[]): (text: string) => boolean {
  const anchors = new Set<string>();
  for (const value of values) {
    const parts =
      value.length >= MIN_CUT_SECRET ? [value.slice(0, MIN_CUT_PART), value.slice(-MIN_CUT_PART)] : [value];
    for (const part of parts) {
      const run = (part.match(/[A-Za-z0-9]+/g) ?? []).reduce((a, b) => (b.length > a.length ? b : a), "");
      if (run === "") return () => true;
      anchors.add(run);
    }
  }
  const pattern = literals([...anchors], "");
  return (text) => pattern.test(text);
}

/** A pattern matching any of `values` as they are, the first listed first at a position. */
function literals(values: readonly string[], flags = "g"): RegExp {
  return new RegExp(values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), flags);
}

/** `text` with each of `spans` replaced by REDACTED, overlapping ones by one. */
function replaced(text: string, spans: Span[]): string {
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = "";
  let copied = 0;
  for (const [start, end] of spans) {
    if (start < copied) {
      copied = Math.max(copied, end);
      continue;
    }
    out += `${text.slice(copied, start)}${REDACTED}`;
    copied = end;
  }
  return out + text.slice(copied);
}
