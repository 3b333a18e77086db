// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${env:NAME} is trunks.yaml syntax
// trunks.yaml for the scenarios. Credentials stay `${env:…}` references: the values reach the CLI
// through its environment, never a file. Strings are written as JSON, which YAML reads as-is.

const q = (value) => JSON.stringify(value);

/** One provider block and its trunks; `fields` lists each trunk's managed fields in order. */
function configYaml({ provider, options, trunks, fields }) {
  const lines = ["version: 1", "providers:", `  ${provider}:`];
  for (const [key, value] of Object.entries(options)) lines.push(`    ${key}: ${value}`);
  lines.push("trunks:");
  for (const trunk of trunks) {
    lines.push(`  - provider: ${provider}`, `    id: ${q(trunk.id)}`);
    for (const field of fields) lines.push(`    ${field}: ${q(trunk[field])}`);
  }
  return `${lines.join("\n")}\n`;
}

export function vobizConfigYaml({ baseUrl, concurrency, trunks }) {
  return configYaml({
    provider: "vobiz-bench",
    options: {
      type: "vobiz",
      authId: q("${env:VOBIZ_AUTH_ID}"),
      authToken: q("${env:VOBIZ_AUTH_TOKEN}"),
      baseUrl: q(baseUrl),
      concurrency,
    },
    trunks,
    fields: ["name", "max_concurrent_calls", "enabled"],
  });
}

export function videoSdkConfigYaml({ baseUrl, concurrency, trunks }) {
  return configYaml({
    provider: "videosdk-bench",
    options: {
      type: "videosdk",
      apiKey: q("${env:VIDEOSDK_API_KEY}"),
      secret: q("${env:VIDEOSDK_SECRET}"),
      baseUrl: q(baseUrl),
      concurrency,
    },
    trunks,
    fields: ["name", "domain", "direction", "numbers"],
  });
}
