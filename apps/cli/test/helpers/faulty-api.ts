import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface FaultyApi {
  url: string;
  /** Trunks as stored, by id. */
  trunks: Map<string, Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * The API of test/fixtures/trunksync-provider-faulty on 127.0.0.1 (port 0): `GET`/`PUT /trunks/:id`,
 * any bearer token, a PUT storing its body as sent.
 */
export async function startFaultyApi(seed: Record<string, Record<string, unknown>>): Promise<FaultyApi> {
  const trunks = new Map(Object.entries(seed).map(([id, fields]) => [id, { ...fields }]));
  const server = createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += String(chunk);
    const id = decodeURIComponent(/^\/trunks\/([^/]+)$/.exec(req.url ?? "")?.[1] ?? "");
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const trunk = trunks.get(id);
    if (!trunk) return send(404, { message: `trunk ${id} not found` });
    if (req.method === "PUT") trunks.set(id, JSON.parse(raw) as Record<string, unknown>);
    return send(200, trunks.get(id));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    trunks,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
