import { canonicalJson, isLiteralText, type JsonObject, type JsonValue } from "@trunksync/core";
import { Document, isMap, isScalar, isSeq, type Node, parseDocument, type YAMLMap, type YAMLSeq } from "yaml";
import { keepFlowPadding } from "./import-flow-style.js";

export interface MergeInput {
  provider: string;
  /** The provider block as written (placeholders), added when the document lacks it. */
  blockYaml: JsonObject;
  entries: readonly JsonObject[];
  /** Paths (`auth.password`) whose existing value is kept: the user's own secret or placeholder wins. */
  keepExisting: ReadonlySet<string>;
  /** Paths (`numbers`) compared as unordered sets, so a reordered list is not rewritten. */
  setPaths: ReadonlySet<string>;
}

export interface MergeResult {
  text: string;
  added: number;
  updated: number;
  unchanged: number;
  /**
   * Per input entry, in input order: the imported paths the document does not hold. In an entry the
   * file already had, a field it leaves out (unmanaged, and left so), and one where it keeps its own
   * value (the user's placeholder, say) in place of a different imported one.
   */
  unwritten: ReadonlySet<string>[];
}

/**
 * A new trunks.yaml: `version: 1`, the provider block and the entries. No `yaml-language-server`
 * modeline: import cannot know where the user keeps a schema (`trunksync schema` prints one), and a
 * modeline naming one that is not there is an error in the editor.
 */
export function newDocument(input: MergeInput): MergeResult {
  const doc = new Document({ version: 1, providers: { [input.provider]: input.blockYaml }, trunks: [] });
  return merge(doc, input, false);
}

/**
 * Merges into an existing trunks.yaml, keeping its comments and order: an entry of the same
 * provider and id gets its fields updated in place, new entries are appended, nothing else moves.
 * Throws a message when the text is not a trunks.yaml-shaped mapping.
 */
export function mergeIntoDocument(text: string, input: MergeInput): MergeResult {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`it is not valid YAML: ${doc.errors[0]?.message ?? ""}`);
  if (!isMap(doc.contents)) throw new Error("it is not a YAML mapping with version, providers and trunks");
  return merge(doc, input, keepFlowPadding(doc, text));
}

/**
 * The trunk ids `text` declares under any of the blocks `providers`, each with its block, compared
 * as the merge compares them (as written). None when `text` is not a trunks.yaml: merging says why.
 */
export function declaredUnder(text: string, providers: readonly string[]): Map<string, string> {
  const declared = new Map<string, string>();
  const doc = parseDocument(text);
  const trunks = doc.errors.length === 0 && isMap(doc.contents) ? doc.contents.get("trunks") : undefined;
  if (providers.length === 0 || !isSeq(trunks)) return declared;
  for (const item of trunks.items) {
    const entry = isMap(item) ? providerAndId(item.get("provider"), item.get("id")) : undefined;
    if (entry && providers.includes(entry[0]) && !declared.has(entry[1])) declared.set(entry[1], entry[0]);
  }
  return declared;
}

/** `flowPadding`: whether the flow lists the merge writes are padded (`[ a ]`), as the file's own are. */
function merge(doc: Document, input: MergeInput, flowPadding: boolean): MergeResult {
  if (!doc.hasIn(["providers", input.provider])) {
    doc.setIn(["providers", input.provider], flowScalars(doc.createNode(input.blockYaml)));
  }
  let trunks = doc.get("trunks", true);
  if (trunks === undefined || (isScalar(trunks) && trunks.value === null)) {
    trunks = doc.createNode([]);
    doc.set("trunks", trunks);
  }
  if (!isSeq(trunks)) throw new Error("its `trunks` is not a list");
  const seq = trunks as YAMLSeq;
  // `trunks: []` is a flow list only while empty: entries go one per block item, reviewable in a diff.
  if (seq.flow && seq.items.length === 0) seq.flow = false;
  const existing = new Map<string, YAMLMap>();
  for (const item of seq.items) {
    if (!isMap(item)) continue;
    const key = entryKey(item.get("provider"), item.get("id"));
    if (key !== undefined && !existing.has(key)) existing.set(key, item);
  }
  const result: MergeResult = { text: "", added: 0, updated: 0, unchanged: 0, unwritten: [] };
  for (const entry of input.entries) {
    const item = existing.get(entryKey(entry.provider, entry.id) ?? "");
    if (!item) {
      seq.add(flowScalars(doc.createNode(entry)));
      result.added += 1;
      result.unwritten.push(new Set());
      continue;
    }
    const { changed, unwritten } = updateEntry(doc, item, entry, input);
    if (changed) result.updated += 1;
    else result.unchanged += 1;
    result.unwritten.push(unwritten);
  }
  // lineWidth 0: a long line the user wrote (a flow mapping, a long name) stays one line, unfolded.
  result.text = doc.toString({ flowCollectionPadding: flowPadding, lineWidth: 0 });
  return result;
}

/**
 * Sets each leaf of `entry` that `item` manages (has) and holds differently. A field the item
 * leaves out stays out: the user left it unmanaged, and writing it would make trunksync manage it.
 * Nothing is removed. `changed` when anything was set; `unwritten`, the leaves not written.
 */
function updateEntry(
  doc: Document,
  item: YAMLMap,
  entry: JsonObject,
  input: MergeInput,
): { changed: boolean; unwritten: Set<string> } {
  let changed = false;
  const unwritten = new Set<string>();
  for (const path of orderedLeafPaths(entry)) {
    if (path === "provider" || path === "id") continue;
    const segments = path.split(".");
    if (!item.hasIn(segments)) {
      unwritten.add(path);
      continue;
    }
    const node = item.getIn(segments, true) as Node | undefined;
    const current = node === undefined ? undefined : (node.toJSON() as JsonValue);
    const wanted = segments.reduce<JsonValue | undefined>(
      (value, segment) =>
        value !== null && typeof value === "object" && !Array.isArray(value) ? value[segment] : undefined,
      entry,
    );
    const unchanged = wanted === undefined || same(current, wanted, input.setPaths.has(path));
    // The item's value at a keepExisting path stays, and so does one the user sources from the
    // environment (a `$${` literal is text like any other, and is updated).
    const keep = input.keepExisting.has(path) || (typeof current === "string" && !isLiteralText(current));
    if (keep && !unchanged) unwritten.add(path);
    if (keep || unchanged) continue;
    // Changing a scalar in place keeps its comment (`name: … # renamed in the console`).
    if (isScalar(node) && (wanted === null || typeof wanted !== "object")) node.value = wanted;
    else item.setIn(segments, flowScalars(doc.createNode(wanted)));
    changed = true;
  }
  return { changed, unwritten };
}

/** Dotted paths of the leaves of `obj` in its key order (arrays are leaves), so added keys follow the schema. */
function orderedLeafPaths(obj: JsonObject, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? orderedLeafPaths(value, path)
      : [path];
  });
}

function same(current: JsonValue | undefined, wanted: JsonValue, asSet: boolean): boolean {
  if (current === undefined) return false;
  if (asSet && Array.isArray(current) && Array.isArray(wanted)) {
    const sorted = (list: JsonValue[]) => list.map(canonicalJson).sort().join("\n");
    return sorted(current) === sorted(wanted);
  }
  return canonicalJson(current) === canonicalJson(wanted);
}

function entryKey(provider: unknown, id: unknown): string | undefined {
  const entry = providerAndId(provider, id);
  return entry && JSON.stringify(entry);
}

/** An entry's provider and id, from nodes or values; an id may be written as a YAML number. */
function providerAndId(provider: unknown, id: unknown): [string, string] | undefined {
  const scalar = (v: unknown) => (isScalar(v) ? v.value : v);
  const [p, i] = [scalar(provider), scalar(id)];
  return typeof p === "string" && (typeof i === "string" || typeof i === "number")
    ? [p, String(i)]
    : undefined;
}

/** Lists of scalars in flow style (`numbers: ["+1…"]`), the way trunks.yaml examples write them. */
function flowScalars<T extends Node>(node: T): T {
  const visit = (n: unknown) => {
    if (isSeq(n)) {
      if (n.items.length > 0 && n.items.every((i) => isScalar(i))) n.flow = true;
      else n.items.forEach(visit);
    } else if (isMap(n)) {
      for (const pair of n.items) visit(pair.value);
    }
  };
  visit(node);
  return node;
}
