// What precompiled validators import at run time (see precompile.ts): ajv's string length, never
// ajv's compiler. The formats they use compile to inline regular expressions (ajv-options.ts).
import { createRequire } from "node:module";
import type ucs2lengthModule from "ajv/dist/runtime/ucs2length.js";

// Required, not imported: it is CommonJS with `__esModule`, whose default export Node and bundlers
// interpret differently; require() means the same everywhere.
const require = createRequire(import.meta.url);

export const ucs2length = (require("ajv/dist/runtime/ucs2length.js") as typeof ucs2lengthModule).default;
