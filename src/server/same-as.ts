// Confirming a probable duplicate (`POST /duplicates/confirm`, and the publishing page's `/publish/same-as`): a
// publisher says that one of ITS OWN entities is `schema:sameAs` another IRI (another publisher's entity, or a
// Wikidata/ISNI/BnF/Artsdata identifier). The one triple is merged into the token's own graph through the Graph
// Store's write path (validated with the core profile, written durably, the change feed told); an entity the
// token's graph does not describe is refused with 403, so no token ever writes about another publisher's entity.

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Lang } from "../errors.js";
import { tx } from "../i18n.js";
import type { LoadFile, PreparedGraph } from "../ingest/index.js";
import { externalIri } from "../reconcile/text.js";
import type { TokenGrant, TokenTable } from "./auth.js";
import { HttpError, mediaTypeOf, readBody, requestLang, sendJson, strictParams } from "./http-util.js";

const SAME_AS = "http://schema.org/sameAs";
/** An IRI this route writes into N-Triples as it is: absolute, none of the characters N-Triples or SPARQL would read otherwise. */
const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|^`\\]+$/;
const MAX_IRI = 1000;

export interface SameAsContext {
  /** Whether the graph describes the entity (it is typed there). */
  readonly describes: (graphIri: string, entity: string) => Promise<boolean>;
  /** Whether the graph says `entity schema:sameAs same` already. */
  readonly says: (graphIri: string, entity: string, same: string) => Promise<boolean>;
  /** The Graph Store's merge (POST) of the files into the grant's graph. */
  readonly merge: (files: LoadFile[], grant: TokenGrant) => Promise<{ prepared: Omit<PreparedGraph, "quads"> }>;
}

export type Confirmation =
  | { readonly status: "added" | "already"; readonly entity: string; readonly sameAs: string; readonly graph: string }
  | { readonly status: "rejected"; readonly prepared: Omit<PreparedGraph, "quads"> };

/** The two IRIs of a confirmation, checked: 400 naming the field when one is missing, not an IRI, or both are one. */
export function readConfirmation(fields: { entity?: unknown; sameAs?: unknown }): { entity: string; sameAs: string } {
  const iri = (v: unknown, field: string): string => {
    if (typeof v !== "string" || !v.trim())
      throw new HttpError(400, "duplicates/bad-confirmation", tx("duplicates/confirm-missing", { field }), {
        hint: tx("duplicates/confirm.hint"),
      });
    const s = v.trim();
    if (s.length > MAX_IRI || !IRI.test(s))
      throw new HttpError(
        400,
        "duplicates/bad-confirmation",
        tx("duplicates/confirm-not-iri", { field, value: JSON.stringify(s.slice(0, 80)) }),
        { hint: tx("duplicates/confirm.hint") },
      );
    return s;
  };
  const entity = iri(fields.entity, "entity");
  if (!/^https?:\/\//i.test(entity))
    throw new HttpError(
      400,
      "duplicates/bad-confirmation",
      tx("duplicates/confirm-not-iri", { field: "entity", value: JSON.stringify(entity.slice(0, 80)) }),
      { hint: tx("duplicates/confirm.hint") },
    );
  // An identifier written in one of its usual forms (Q7317, an ISNI with spaces) is stored as its IRI.
  const raw = typeof fields.sameAs === "string" ? fields.sameAs.trim() : fields.sameAs;
  const sameAs = (typeof raw === "string" ? externalIri(raw) : undefined) ?? iri(raw, "sameAs");
  if (sameAs === entity)
    throw new HttpError(400, "duplicates/bad-confirmation", tx("duplicates/confirm-itself"), {
      hint: tx("duplicates/confirm.hint"),
    });
  return { entity, sameAs };
}

/** Adds `entity schema:sameAs sameAs` to the grant's own graph; 403 when that graph does not describe the entity. */
export async function confirmSameAs(
  ctx: SameAsContext,
  grant: TokenGrant,
  entity: string,
  sameAs: string,
): Promise<Confirmation> {
  if (!(await ctx.describes(grant.graphIri, entity))) {
    throw new HttpError(
      403,
      "duplicates/not-yours",
      tx("duplicates/not-yours", { entity, publisher: grant.publisherId, graph: grant.graphIri }),
      { hint: tx("duplicates/not-yours.hint") },
    );
  }
  if (await ctx.says(grant.graphIri, entity, sameAs))
    return { status: "already", entity, sameAs, graph: grant.graphIri };
  const { prepared } = await ctx.merge(
    [{ text: `<${entity}> <${SAME_AS}> <${sameAs}> .\n`, source: "sameAs confirmation", format: "ntriples" }],
    grant,
  );
  if (!prepared.ok) return { status: "rejected", prepared };
  return { status: "added", entity, sameAs, graph: grant.graphIri };
}

/** `POST /duplicates/confirm` with a publisher's bearer token: JSON `{"entity", "sameAs"}` or the same as a form. */
export async function handleConfirmApi(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: SameAsContext & { readonly tokens: TokenTable; readonly maxBodyBytes: number },
): Promise<void> {
  if (req.method !== "POST")
    throw new HttpError(
      405,
      "request/method",
      tx("reconcile/method", { method: req.method ?? "?", path: "/duplicates/confirm" }),
      { headers: { Allow: "POST, OPTIONS" } },
    );
  const header = req.headers.authorization;
  const grant = ctx.tokens.grantOf(header);
  if (!grant) {
    req.resume();
    throw new HttpError(401, "auth/token", header ? tx("auth/token-unknown") : tx("auth/token-missing"), {
      hint: tx("auth/token.hint"),
      headers: { "WWW-Authenticate": `Bearer realm="vivant"${header ? ', error="invalid_token"' : ""}` },
    });
  }
  const type = mediaTypeOf(req.headers["content-type"]);
  if (type !== "application/json" && type !== "application/x-www-form-urlencoded") {
    req.resume();
    throw new HttpError(
      415,
      "duplicates/media-type",
      tx("duplicates/confirm-media-type", { type: JSON.stringify(type || "(none)") }),
      { hint: tx("duplicates/confirm.hint") },
    );
  }
  const text = await readBody(req, Math.min(ctx.maxBodyBytes, 64 * 1024));
  let fields: { entity?: unknown; sameAs?: unknown };
  if (type === "application/json") {
    try {
      const doc: unknown = JSON.parse(text);
      fields = typeof doc === "object" && doc !== null && !Array.isArray(doc) ? doc : {};
    } catch {
      throw new HttpError(400, "duplicates/bad-confirmation", tx("duplicates/confirm-not-json"), {
        hint: tx("duplicates/confirm.hint"),
      });
    }
  } else {
    const p = strictParams(text);
    fields = { entity: p.get("entity") ?? undefined, sameAs: p.get("sameAs") ?? undefined };
  }
  const { entity, sameAs } = readConfirmation(fields);
  const lang: Lang = requestLang(req);
  const done = await confirmSameAs(ctx, grant, entity, sameAs);
  if (done.status === "rejected") {
    sendJson(
      res,
      422,
      {
        type: "https://vivant.dev/problems/duplicates/rejected",
        title: "Unprocessable Content",
        status: 422,
        code: "duplicates/rejected",
        detail: tx("duplicates/confirm-rejected")[lang],
        violations: done.prepared.report.violations,
      },
      "application/problem+json",
    );
    return;
  }
  sendJson(
    res,
    done.status === "added" ? 201 : 200,
    {
      ...done,
      message: tx(done.status === "added" ? "duplicates/confirmed" : "duplicates/confirmed-already", {
        entity,
        sameAs,
      })[lang],
    },
    "application/json",
    { "Content-Language": lang },
  );
}
