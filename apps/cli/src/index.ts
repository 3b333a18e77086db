export { EXIT } from "./exit-codes.js";
export type { CliIO, ConfirmAnswer } from "./io.js";
export { main } from "./main.js";
