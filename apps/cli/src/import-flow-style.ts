import { type Document, isSeq, visit, type YAMLMap, type YAMLSeq } from "yaml";

/**
 * The spacing inside flow collections as `text` writes them, kept through yaml's `toString`, which
 * re-stringifies every node and would otherwise pad them all alike (`[ "+1…" ]` by default).
 * Each flow collection parsed from `text` keeps its own: `[a]` or `[ a ]`, `{ a: 1 }` or `{a: 1}`.
 * Returns the padding for the collections the merge adds (pass it to `toString` as
 * `flowCollectionPadding`): that of the file's first flow list with items, else none, as
 * examples/trunks.yaml writes `numbers: ["+14155550100"]`.
 */
export function keepFlowPadding(doc: Document, text: string): boolean {
  let padding: boolean | undefined;
  visit(doc, {
    Collection(_, node) {
      if (!node.flow || node.items.length === 0 || node.range === undefined || node.range === null) return;
      const padded = /\s/.test(text.charAt(node.range[0] + 1));
      if (isSeq(node)) padding ??= padded;
      // Every parsed one, not only those unlike the default: a nested collection inherits the
      // padding its parent stringifies with.
      padWith(node, padded);
    },
  });
  return padding ?? false;
}

/**
 * `node` stringified with its own padding. yaml reads the padding from the stringify context its
 * parent passes down (`ctx.flowCollectionPadding`, `" "` or `""`), for every collection alike.
 */
function padWith(node: YAMLMap | YAMLSeq, padded: boolean): void {
  const stringify = node.toString;
  node.toString = (ctx, onComment, onChompKeep) =>
    stringify.call(node, ctx && { ...ctx, flowCollectionPadding: padded ? " " : "" }, onComment, onChompKeep);
}
