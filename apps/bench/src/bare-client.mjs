// The floor under trunksync's network scenarios: the same requests, made by the thinnest client a
// fresh Node process can use. It loads undici's pool (as trunksync's core does), lists the Vobiz
// account (the first page, then the rest `concurrency` at a time), and with an ids file PUTs each
// of those trunks with its name plus a suffix, `concurrency` at a time. No config file, validation,
// diff, verification or report. What trunksync takes beyond this is its own cost; what this takes
// beyond the bound is Node's and the machine's.
//
// Usage: node bare-client.mjs <concurrency> [<ids.json> <name suffix>]
// Reads VOBIZ_BASE_URL, VOBIZ_AUTH_ID and VOBIZ_AUTH_TOKEN; prints { listed, updated, failed }.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { setFlagsFromString } from "node:v8";
import { VOBIZ_PAGE_SIZE } from "./bounds.mjs";
import { vobizFields } from "./vobiz-fields.mjs";

// As trunksync's bin does: undici's WebAssembly parser needs no optimising tier in a short run.
setFlagsFromString("--liftoff-only");

const [concurrencyArg, idsFile, suffix = " (bare)"] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  process.stderr.write("usage: bare-client.mjs <concurrency> [<ids.json> <name suffix>]\n");
  process.exit(1);
}
const { VOBIZ_BASE_URL: baseUrl, VOBIZ_AUTH_ID: authId, VOBIZ_AUTH_TOKEN: authToken } = process.env;
const Pool = createRequire(import.meta.url)("undici/lib/dispatcher/pool.js");
const origin = new URL(baseUrl).origin;
const pool = new Pool(origin, { connections: concurrency });
const headers = { "x-auth-id": authId, "x-auth-token": authToken, "content-type": "application/json" };
const trunks = `/api/v1/Account/${authId}/trunks`;

/** One exchange through the pool's `dispatch`, resolving to { status, json }. */
function send(method, path, body) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let status = 0;
    pool.dispatch(
      { origin, method, path, headers, body },
      {
        onRequestStart() {},
        onResponseStart(_controller, statusCode) {
          status = statusCode;
        },
        onResponseData(_controller, chunk) {
          chunks.push(chunk);
        },
        onResponseEnd() {
          resolve({ status, json: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
        },
        onResponseError(_controller, error) {
          reject(error);
        },
      },
    );
  });
}

const page = (offset) => send("GET", `${trunks}?limit=${VOBIZ_PAGE_SIZE}&offset=${offset}`);
const first = await page(0);
const offsets = [];
for (let offset = VOBIZ_PAGE_SIZE; offset < first.json.meta.total; offset += VOBIZ_PAGE_SIZE)
  offsets.push(offset);
const pages = [first, ...(await Promise.all(offsets.map(page)))];
const listed = new Map();
for (const { json } of pages) for (const trunk of json.objects) listed.set(trunk.trunk_id, trunk);

let updated = 0;
let failed = 0;
if (idsFile) {
  const ids = JSON.parse(await readFile(idsFile, "utf8"));
  const answers = await Promise.all(
    ids.map((id) => {
      const trunk = listed.get(id);
      const body = JSON.stringify({ ...vobizFields(trunk), name: `${trunk.name}${suffix}` });
      return send("PUT", `${trunks}/${id}`, body);
    }),
  );
  for (const { status } of answers) {
    if (status === 200) updated += 1;
    else failed += 1;
  }
}
await pool.close();
process.stdout.write(`${JSON.stringify({ listed: listed.size, updated, failed })}\n`);
process.exitCode = failed === 0 ? 0 : 1;
