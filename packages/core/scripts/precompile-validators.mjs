// Build step after tsc: replaces the placeholders dist/config/outline-validator.js and
// dist/plan-validator.js with the outline and plan schemas precompiled (see src/config/precompile.ts).
import { writeCoreValidators } from "../dist/config/precompile.js";

await writeCoreValidators(new URL("../dist/", import.meta.url));
