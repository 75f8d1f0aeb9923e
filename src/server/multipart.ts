// multipart/form-data uploads to the Graph Store (HTML forms, Fuseki's and Jena's upload tools): each file part is
// one RDF document (or Vivant records), read by busboy within the body limit, then validated as one graph.

import type { IncomingMessage } from "node:http";
import busboy from "busboy";
import { formatFromMediaType, formatFromPath, type RdfFormat } from "../rdf/io.js";
import type { LoadFile } from "../store/load.js";
import { tx, txt } from "../i18n.js";
import { decodeBody, HttpError } from "./http-util.js";

/** Media types that say nothing about the format: the part's file name decides then. */
const GENERIC = new Set(["application/octet-stream", "text/plain", "binary/octet-stream", ""]);

/** The file parts of a multipart/form-data request, decoded, each with its format. Plain fields are ignored. */
export function readMultipart(req: IncomingMessage, limit: number): Promise<LoadFile[]> {
  const declared = Number(req.headers["content-length"] ?? NaN);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise<LoadFile[]>((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { fileSize: limit, files: 100, fields: 100, parts: 200 }, defParamCharset: "utf8" });
    } catch (e) {
      reject(new HttpError(400, "request/multipart", txt({ en: "cannot read the multipart body: {reason}", fr: "impossible de lire le corps multipart : {reason}" }, { reason: (e as Error).message }), {
        hint: txt({ en: "send multipart/form-data with a boundary parameter", fr: "envoyez du multipart/form-data avec un paramètre boundary" }),
      }));
      return;
    }
    const parts: { name: string; mime: string; type: string | undefined; chunks: Buffer[] }[] = [];
    let size = 0;
    let failed = false;
    const fail = (e: HttpError): void => {
      if (failed) return;
      failed = true;
      req.unpipe(bb);
      req.resume();
      reject(e);
    };
    bb.on("file", (field, stream, info) => {
      const part = { name: info.filename || field || `part ${parts.length + 1}`, mime: info.mimeType.toLowerCase(), type: undefined as string | undefined, chunks: [] as Buffer[] };
      parts.push(part);
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) fail(tooLarge(limit));
        else part.chunks.push(chunk);
      });
      stream.on("limit", () => fail(tooLarge(limit)));
    });
    const atMost = txt({ en: "send at most 100 files per request", fr: "envoyez au plus 100 fichiers par requête" });
    bb.on("partsLimit", () => fail(new HttpError(413, "request/too-large", txt({ en: "the multipart body has more than 200 parts", fr: "le corps multipart a plus de 200 parties" }), { hint: atMost })));
    bb.on("filesLimit", () => fail(new HttpError(413, "request/too-large", txt({ en: "the multipart body has more than 100 files", fr: "le corps multipart a plus de 100 fichiers" }), { hint: atMost })));
    bb.on("error", (e: unknown) => fail(new HttpError(400, "request/multipart", txt({ en: "cannot read the multipart body: {reason}", fr: "impossible de lire le corps multipart : {reason}" }, { reason: (e as Error).message }), {
      hint: txt({ en: "check the boundary and the part headers", fr: "vérifiez le boundary et les en-têtes des parties" }),
    })));
    bb.on("close", () => {
      if (failed) return;
      if (!parts.length) {
        reject(new HttpError(400, "request/multipart", txt({ en: "the multipart body has no file part", fr: "le corps multipart n'a aucune partie fichier" }), {
          hint: txt({
            en: 'send each RDF document as a file part (Content-Disposition: form-data; name="file"; filename="data.ttl")',
            fr: 'envoyez chaque document RDF comme une partie fichier (Content-Disposition: form-data; name="file"; filename="data.ttl")',
          }),
        }));
        return;
      }
      try {
        resolve(parts.map((p) => toFile(p.name, p.mime, Buffer.concat(p.chunks))));
      } catch (e) {
        reject(e);
      }
    });
    req.pipe(bb);
  });
}

function toFile(name: string, contentType: string, bytes: Buffer): LoadFile {
  const mime = contentType.split(";")[0]!.trim();
  const format: RdfFormat | undefined = GENERIC.has(mime) ? formatFromPath(name) : formatFromMediaType(mime);
  if (!format) {
    throw new HttpError(415, "request/media-type", txt({ en: "cannot read the part {name} ({type})", fr: "impossible de lire la partie {name} ({type})" }, { name: JSON.stringify(name), type: mime || "untyped" }), {
      hint: txt({
        en: "give each part a Content-Type (text/turtle, application/n-triples, application/n-quads, application/trig, application/ld+json, application/json) or a file name ending in .ttl, .nt, .nq, .trig, .jsonld or .json",
        fr: "donnez à chaque partie un Content-Type (text/turtle, application/n-triples, application/n-quads, application/trig, application/ld+json, application/json) ou un nom de fichier en .ttl, .nt, .nq, .trig, .jsonld ou .json",
      }),
    });
  }
  return { text: decodeBody(bytes, contentType), source: name, format };
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, "request/too-large", tx("http/too-large", { limit }), { hint: tx("http/too-large.hint") });
}
