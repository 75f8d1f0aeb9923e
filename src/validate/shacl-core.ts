// shacl-engine's SHACL Core validator without its SHACL-SPARQL part (which Vivant does not use and which
// brings the Comunica engine, some 470 packages). The one place that names the package: engine.ts and
// baseline.ts import the validator from here.
//
// In the repository (tests, `node --import` of the sources) this is shacl-engine itself, a devDependency. In
// the build, `scripts/vendor.mjs` copies the files its Validator.js reaches (not sparql.js, not the SHACL-SPARQL
// validations) with its licence into dist/src/vendor/shacl-engine/ and points this module's output there, so
// the published package depends only on what those files import (grapoi, @rdfjs/term-map…).
export { default as Validator } from "shacl-engine/Validator.js";
