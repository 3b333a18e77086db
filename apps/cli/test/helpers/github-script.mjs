// `node github-script.mjs SCRIPT_FILE STATE_FILE`: runs an actions/github-script `script` as the action
// does (an async function of `require`, `github` and `context`) against a fake GitHub whose pull-request
// comments and issues live in STATE_FILE (JSON), read before and written after. See workflow-runner.ts.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const [scriptFile, stateFile] = process.argv.slice(2);
const state = JSON.parse(readFileSync(stateFile, "utf8"));
const page = (data) => ({ data: structuredClone(data) });
const find = (list, key, value) => {
  const item = list.find((i) => i[key] === value);
  if (!item) throw new Error(`fake GitHub: no item with ${key} ${value}`);
  return item;
};

const issues = {
  listComments: async ({ issue_number }) =>
    page(state.comments.filter((c) => c.issue_number === issue_number)),
  createComment: async ({ issue_number, body }) => {
    const comment = { id: state.nextId++, issue_number, body };
    state.comments.push(comment);
    return page(comment);
  },
  updateComment: async ({ comment_id, body }) => {
    find(state.comments, "id", comment_id).body = body;
    return page({});
  },
  listForRepo: async ({ state: wanted = "open" }) => page(state.issues.filter((i) => i.state === wanted)),
  create: async ({ title, body, labels = [] }) => {
    const issue = { number: state.nextId++, title, body, labels, state: "open" };
    state.issues.push(issue);
    return page(issue);
  },
  update: async ({ issue_number, ...fields }) => {
    const issue = find(state.issues, "number", issue_number);
    for (const key of ["title", "body", "state", "labels"]) if (key in fields) issue[key] = fields[key];
    return page(issue);
  },
};
// One page holds everything here, so paginate is a single call.
const github = { rest: { issues }, paginate: async (method, params) => (await method(params)).data };
const context = {
  repo: { owner: "acme", repo: "trunks" },
  issue: { number: state.pullRequest },
  serverUrl: "https://github.com",
  runId: 4242,
};

const AsyncFunction = (async () => {}).constructor;
const script = readFileSync(scriptFile, "utf8");
await new AsyncFunction("require", "github", "context", script)(
  createRequire(join(process.cwd(), "noop.js")),
  github,
  context,
);
writeFileSync(stateFile, JSON.stringify(state, null, 2));
