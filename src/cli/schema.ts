// `vivant schema`: prints the record model as JSON Schema.

import { recordsJsonSchema } from "../records/jsonSchema.js";
import { EXIT, type Command } from "./io.js";

export const schemaCommand: Command = {
  name: "schema",
  summary: { en: "print the record model as JSON Schema (2020-12)", fr: "afficher le modèle de fiches en JSON Schema (2020-12)" },
  help: {
    en: "Usage: vivant schema\n\nPrints the JSON Schema of record documents (the same as schemas/records.schema.json).",
    fr: "Usage : vivant schema\n\nAffiche le JSON Schema des documents de fiches (le même que schemas/records.schema.json).",
  },
  async run(_argv, io) {
    io.stdout.write(`${JSON.stringify(recordsJsonSchema(), null, 2)}\n`);
    return EXIT.ok;
  },
};
