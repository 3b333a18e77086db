// What precompiled validators import at run time (see precompile.ts): ajv-formats' format checks and
// ajv's string length, never ajv's compiler.
import { createRequire } from "node:module";
import type ucs2lengthModule from "ajv/dist/runtime/ucs2length.js";
import type * as formatsModule from "ajv-formats/dist/formats.js";

// Required, not imported: both are CommonJS with `__esModule`, whose default export Node and bundlers
// interpret differently; require() means the same everywhere.
const require = createRequire(import.meta.url);

export const { fullFormats } = require("ajv-formats/dist/formats.js") as typeof formatsModule;

export const ucs2length = (require("ajv/dist/runtime/ucs2length.js") as typeof ucs2lengthModule).default;
