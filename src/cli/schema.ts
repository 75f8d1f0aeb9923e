// `vivant schema`: prints the record model as JSON Schema.

import { recordsJsonSchema } from "../records/jsonSchema.js";
import { InputError } from "../errors.js";
import { tx } from "../i18n.js";
import { parseOptions } from "./args.js";
import { EXIT, type Command } from "./io.js";

export const schemaCommand: Command = {
  name: "schema",
  summary: {
    en: "print the record model as JSON Schema (2020-12)",
    fr: "afficher le modèle de fiches en JSON Schema (2020-12)",
  },
  help: {
    en: "Usage: vivant schema [--lang en|fr]\n\nPrints the JSON Schema of record documents (the same as schemas/records.schema.json).\n\nOptions:\n  --lang en|fr    language of messages (default en; --messages: old spelling)",
    fr: "Usage : vivant schema [--lang en|fr]\n\nAffiche le JSON Schema des documents de fiches (le même que schemas/records.schema.json).\n\nOptions :\n  --lang en|fr    langue des messages (en par défaut ; --messages : ancienne graphie)",
  },
  async run(argv, io) {
    const { positionals } = parseOptions(argv, {}, "schema");
    if (positionals.length)
      throw new InputError("cli/usage", tx("cli/unexpected-argument", { value: positionals[0] }), {
        hint: tx("cli/example", { example: "vivant schema > records.schema.json" }),
      });
    io.stdout.write(`${JSON.stringify(recordsJsonSchema(), null, 2)}\n`);
    return EXIT.ok;
  },
};
