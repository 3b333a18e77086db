// Build step after tsc: replaces the placeholder dist/validators.js with the plugin's schemas
// precompiled, so trunksync runs validate them without loading ajv's compiler.
import { writePluginValidators } from "@trunksync/core/precompile";
import plugin from "../dist/index.js";

await writePluginValidators(plugin, new URL("../dist/", import.meta.url));
