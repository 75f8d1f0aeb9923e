// multipart/form-data uploads to the Graph Store (HTML forms, Fuseki's and Jena's upload tools): each file part is
// one RDF document (or Vivant records), read within the body limit and decoded in its own charset, then validated as
// one graph.

import type { IncomingMessage } from "node:http";
import { formatFromMediaType, formatFromPath, type RdfFormat } from "../rdf/io.js";
import type { LoadFile } from "../store/load.js";
import { txt } from "../i18n.js";
import { charsetOf, decodeBody, HttpError, readBytes } from "./http-util.js";

/** Media types that say nothing about the format: the part's file name decides then. */
const GENERIC = new Set(["application/octet-stream", "text/plain", "binary/octet-stream", ""]);

/** The most parts and file parts read from one request. */
const MAX_PARTS = 200;
const MAX_FILES = 100;

/**
 * The file parts of a multipart/form-data request, decoded, each with its format. Plain fields are ignored, except
 * `_charset_` (RFC 7578 §4.6: the charset of the parts that name none). The body is read within `limit` bytes (413),
 * then parsed by Node's own multipart parser (the Fetch API's `Response.formData()`, which keeps each part's bytes
 * and its whole Content-Type); each file part is decoded in its own charset, else the `_charset_` field's, else
 * UTF-8, by the same fatal decoder as bodies: 415 for an unknown charset, 400 for bytes that are not valid in it.
 */
export async function readMultipart(req: IncomingMessage, limit: number): Promise<LoadFile[]> {
  const bytes = await readBytes(req, limit);
  let form: FormData;
  try {
    form = await new Response(bytes, {
      headers: { "content-type": String(req.headers["content-type"] ?? "") },
    }).formData();
  } catch (e) {
    throw new HttpError(
      400,
      "request/multipart",
      txt(
        { en: "cannot read the multipart body: {reason}", fr: "impossible de lire le corps multipart : « {reason} »" },
        { reason: (e as Error).message },
      ),
      {
        hint: txt({
          en: "check the boundary and the part headers",
          fr: "vérifiez le boundary et les en-têtes des parties",
        }),
      },
    );
  }
  const atMost = txt({ en: "send at most 100 files per request", fr: "envoyez au plus 100 fichiers par requête" });
  const parts: { name: string; type: string; bytes: Uint8Array }[] = [];
  let count = 0;
  let defaultCharset: string | undefined;
  for (const [field, value] of form) {
    if (++count > MAX_PARTS)
      throw new HttpError(
        413,
        "request/too-large",
        txt({ en: "the multipart body has more than 200 parts", fr: "le corps multipart a plus de 200 parties" }),
        { hint: atMost },
      );
    if (typeof value === "string") {
      if (field === "_charset_" && value.trim() !== "") defaultCharset = value.trim();
      continue;
    }
    if (parts.length === MAX_FILES)
      throw new HttpError(
        413,
        "request/too-large",
        txt({ en: "the multipart body has more than 100 files", fr: "le corps multipart a plus de 100 fichiers" }),
        { hint: atMost },
      );
    parts.push({
      name: value.name || field || `part ${parts.length + 1}`,
      type: value.type,
      bytes: new Uint8Array(await value.arrayBuffer()),
    });
  }
  if (!parts.length) {
    throw new HttpError(
      400,
      "request/multipart",
      txt({ en: "the multipart body has no file part", fr: "le corps multipart n'a aucune partie fichier" }),
      {
        hint: txt({
          en: 'send each RDF document as a file part (Content-Disposition: form-data; name="file"; filename="data.ttl")',
          fr: 'envoyez chaque document RDF comme une partie fichier (Content-Disposition: form-data; name="file"; filename="data.ttl")',
        }),
      },
    );
  }
  return parts.map((p) => toFile(p.name, p.type, p.bytes, defaultCharset));
}

/** A part's Content-Type with the charset it is to be read in: its own, else the form's `_charset_`, else none (UTF-8). */
export function partContentType(contentType: string, defaultCharset: string | undefined): string {
  return charsetOf(contentType) === undefined && defaultCharset !== undefined
    ? `${contentType || "application/octet-stream"}; charset=${defaultCharset}`
    : contentType;
}

function toFile(name: string, contentType: string, bytes: Uint8Array, defaultCharset: string | undefined): LoadFile {
  const mime = contentType.split(";")[0]!.trim().toLowerCase();
  const format: RdfFormat | undefined = GENERIC.has(mime) ? formatFromPath(name) : formatFromMediaType(mime);
  if (!format) {
    throw new HttpError(
      415,
      "request/media-type",
      txt(
        { en: "cannot read the part {name} ({type})", fr: "impossible de lire la partie {name} ({type})" },
        { name: JSON.stringify(name), type: mime || "untyped" },
      ),
      {
        hint: txt({
          en: "give each part a Content-Type (text/turtle, application/n-triples, application/n-quads, application/trig, application/ld+json, application/json) or a file name ending in .ttl, .nt, .nq, .trig, .jsonld or .json",
          fr: "donnez à chaque partie un Content-Type (text/turtle, application/n-triples, application/n-quads, application/trig, application/ld+json, application/json) ou un nom de fichier en .ttl, .nt, .nq, .trig, .jsonld ou .json",
        }),
      },
    );
  }
  const what = { en: `the part ${JSON.stringify(name)}`, fr: `la partie ${JSON.stringify(name)}` };
  return { text: decodeBody(bytes, partContentType(contentType, defaultCharset), what), source: name, format };
}
