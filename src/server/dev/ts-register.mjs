// Development only: `node --import ./ts-register.mjs` runs Vivant's TypeScript sources directly, so that
// worker threads and child processes started by tests (which run from src/) load the current code, not dist/.
import { register } from "node:module";

register("./ts-hooks.mjs", import.meta.url);
