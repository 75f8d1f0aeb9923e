// What a read query must pass before Oxigraph sees it: the depth and size limits, no update, the form the method
// answers, well-formed dataset IRIs.

import { t, tx, txBy } from "../i18n.js";
import { InputError, UsageError } from "../errors.js";
import { operationKind } from "./sparql-text.js";
import { checkQueryLimits, type QueryLimits } from "./sparql-limits.js";
import type { QueryForm, QueryOptions } from "./types.js";

/**
 * A query of form `form` given to a method that answers `expected` (both stores throw this one): the hint names the
 * method that answers the query's own form.
 */
export function wrongFormError(form: string, expected: readonly string[]): UsageError {
  return new UsageError(
    "sparql/wrong-form",
    txBy("store/wrong-form", (lang) => ({
      form: form.toUpperCase(),
      expected: expected.map((e) => e.toUpperCase()).join(` ${t("word/or", {}, lang)} `),
    })),
    {
      hint: tx("store/wrong-form.hint", {
        method: form === "select" ? "select()" : form === "ask" ? "ask()" : "construct() (DESCRIBE)",
      }),
    },
  );
}

/** Throws the error of the first check `query` fails (limits, update, form among `expected`, dataset IRIs). */
export function checkReadQuery(
  query: string,
  expected: readonly QueryForm[],
  options: QueryOptions,
  limits: QueryLimits,
): void {
  checkQueryLimits(query, limits);
  const kind = operationKind(query);
  if (kind === "update") {
    throw new UsageError("sparql/update-refused", tx("store/update-refused"), {
      hint: tx("store/update-refused.hint"),
    });
  }
  if (kind !== undefined && !expected.includes(kind)) throw wrongFormError(kind, expected);
  for (const g of [...(options.defaultGraphs ?? []), ...(options.namedGraphs ?? [])]) {
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|^`\\]*$/.test(g)) {
      throw new InputError("sparql/bad-graph-iri", tx("sparql/bad-graph-iri", { iri: JSON.stringify(g) }), {
        hint: tx("sparql/bad-graph-iri.hint"),
      });
    }
  }
}
