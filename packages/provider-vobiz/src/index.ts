import { vobizPlugin } from "./plugin.js";

export { optionsSchema, trunkSchema } from "./schema.js";
export { vobizPlugin };
export default vobizPlugin;
