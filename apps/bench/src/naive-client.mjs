// What users write instead of trunksync: for each trunk, GET it, then PUT the full body with the
// new name, one request at a time. Usage: node naive-client.mjs <ids.json> <name suffix>
// Reads VOBIZ_BASE_URL, VOBIZ_AUTH_ID and VOBIZ_AUTH_TOKEN from the environment; prints
// { updated, failed } as JSON.
import { readFile } from "node:fs/promises";
import { vobizFields } from "./vobiz-fields.mjs";

const [idsFile, suffix = " (naive)"] = process.argv.slice(2);
if (!idsFile) {
  process.stderr.write("usage: naive-client.mjs <ids.json> [name suffix]\n");
  process.exit(1);
}
const { VOBIZ_BASE_URL: baseUrl, VOBIZ_AUTH_ID: authId, VOBIZ_AUTH_TOKEN: authToken } = process.env;
const headers = { "X-Auth-ID": authId, "X-Auth-Token": authToken, "Content-Type": "application/json" };
const ids = JSON.parse(await readFile(idsFile, "utf8"));

let updated = 0;
let failed = 0;
for (const id of ids) {
  const url = `${baseUrl}/api/v1/Account/${authId}/trunks/${id}`;
  const got = await fetch(url, { headers });
  if (!got.ok) {
    failed += 1;
    await got.body?.cancel();
    continue;
  }
  const trunk = await got.json();
  const put = await fetch(url, {
    method: "PUT",
    headers,
    body: JSON.stringify({ ...vobizFields(trunk), name: `${trunk.name}${suffix}` }),
  });
  await put.body?.cancel();
  if (put.ok) updated += 1;
  else failed += 1;
}
process.stdout.write(`${JSON.stringify({ updated, failed })}\n`);
process.exitCode = failed === 0 ? 0 : 1;
