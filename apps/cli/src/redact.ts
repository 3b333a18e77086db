/**
 * Defence in depth: every byte the CLI writes passes through this, so a secret that slipped into a
 * provider's error message (some APIs echo request bodies) is still never printed.
 */
export function redactor(secrets: readonly string[]): (text: string) => string {
  // Very short values would redact ordinary words; config validation already keeps them out of messages.
  const values = [...new Set(secrets.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
  if (values.length === 0) return (text) => text;
  const pattern = new RegExp(values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  return (text) => text.replace(pattern, "[redacted]");
}

type Writable = NodeJS.WritableStream & { isTTY?: boolean };

/** A stream that redacts before writing to `target`, keeping its TTY-ness. */
export function redactingStream(target: Writable, redact: (text: string) => string): Writable {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (prop === "write") {
        return (chunk: string | Uint8Array, ...rest: unknown[]) => {
          const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
          return (obj.write as (c: string, ...r: unknown[]) => boolean)(redact(text), ...rest);
        };
      }
      const value = Reflect.get(obj, prop, receiver);
      return typeof value === "function" ? value.bind(obj) : value;
    },
  });
}
