export { EXIT } from "./exit-codes.js";
export type { CliIO } from "./io.js";
export { main } from "./main.js";
