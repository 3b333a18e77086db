// Build step after tsc: replaces the placeholder dist/config/outline-validator.js with the outline
// schema's precompiled validator (see src/config/precompile.ts).
import { writeOutlineValidator, writePlanValidator } from "../dist/config/precompile.js";

await writeOutlineValidator(new URL("../dist/", import.meta.url));
await writePlanValidator(new URL("../dist/", import.meta.url));
