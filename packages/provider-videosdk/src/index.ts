import { videosdkPlugin } from "./plugin.js";

export { optionsSchema, trunkSchema } from "./schema.js";
export { videosdkPlugin };
export default videosdkPlugin;
