import { isIP } from "node:net";

/**
 * Why `baseUrl` is unusable, or undefined when it is fine. Credentials travel in headers, so
 * plain http is allowed only to this machine (the emulator, a local proxy): `localhost`,
 * 127.0.0.0/8 and `[::1]`. `shown` is how the message names the URL: a URL from the environment
 * is named by its variable, never quoted.
 */
export function baseUrlProblem(baseUrl: string, shown = `"${baseUrl}"`): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return `baseUrl ${shown} is not a valid URL (expected e.g. https://api.example.com)`;
  }
  if (url.username || url.password)
    return `baseUrl must not contain credentials; put them in the provider options`;
  if (url.search || url.hash) return `baseUrl ${shown} must not have a query or fragment`;
  if (url.protocol === "https:") return undefined;
  if (url.protocol === "http:" && isLoopback(url.hostname)) return undefined;
  if (url.protocol === "http:") {
    return `baseUrl ${shown} must use https (plain http is allowed only for localhost, 127.0.0.0/8 and [::1])`;
  }
  return `baseUrl ${shown} must be an https URL`;
}

function isLoopback(hostname: string): boolean {
  if (hostname === "localhost" || hostname === "[::1]") return true;
  return isIP(hostname) === 4 && hostname.startsWith("127.");
}
