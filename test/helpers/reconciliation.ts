// The W3C Entity Reconciliation API 1.0 draft's JSON Schemas and examples (../shared/corpora/w3c-reconciliation),
// compiled with Ajv as upstream's test.sh does (`ajv test -s schema -r "schemas/*.json"`): every schema added by
// its `$id` so the `$ref`s between them resolve, the draft's unknown `$schema` IRI dropped.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";

// ajv-formats is CommonJS: required, its default export is the function itself.
const addFormats = createRequire(import.meta.url)("ajv-formats") as (ajv: Ajv) => void;

export const RECONCILIATION_DIR = fileURLToPath(
  new URL("../../../shared/corpora/w3c-reconciliation/1.0-draft/", import.meta.url),
);
export const reconciliationPresent = existsSync(`${RECONCILIATION_DIR}schemas/manifest.json`);

/** Schema file name without `.json` → its validator. */
export function reconciliationValidators(): Map<string, ValidateFunction> {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const names = readdirSync(`${RECONCILIATION_DIR}schemas`).filter((f) => f.endsWith(".json"));
  const schemas = names.map((f) => {
    const s = JSON.parse(readFileSync(`${RECONCILIATION_DIR}schemas/${f}`, "utf8")) as Record<string, unknown>;
    delete s.$schema;
    return { name: f.slice(0, -5), schema: s };
  });
  for (const { schema } of schemas) ajv.addSchema(schema);
  return new Map(schemas.map(({ name, schema }) => [name, ajv.getSchema(schema.$id as string)!]));
}

/** The examples of a schema: file name → parsed JSON. */
export function reconciliationExamples(schema: string, kind: "valid" | "invalid"): [string, unknown][] {
  const dir = `${RECONCILIATION_DIR}examples/${schema}/${kind}/`;
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(dir + f, "utf8")) as unknown]);
}
