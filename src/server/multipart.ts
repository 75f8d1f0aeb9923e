// multipart/form-data uploads to the Graph Store (HTML forms, Fuseki's and Jena's upload tools): each file part is
// one RDF document (or Vivant records), read by busboy within the body limit, then validated as one graph.

import type { IncomingMessage } from "node:http";
import busboy from "busboy";
import { formatFromMediaType, formatFromPath, type RdfFormat } from "../rdf/io.js";
import type { LoadFile } from "../store/load.js";
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
      reject(new HttpError(400, "request/multipart", `cannot read the multipart body: ${(e as Error).message}`, { hint: "send multipart/form-data with a boundary parameter" }));
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
    bb.on("partsLimit", () => fail(new HttpError(413, "request/too-large", "the multipart body has more than 200 parts", { hint: "send at most 100 files per request" })));
    bb.on("filesLimit", () => fail(new HttpError(413, "request/too-large", "the multipart body has more than 100 files", { hint: "send at most 100 files per request" })));
    bb.on("error", (e: unknown) => fail(new HttpError(400, "request/multipart", `cannot read the multipart body: ${(e as Error).message}`, { hint: "check the boundary and the part headers" })));
    bb.on("close", () => {
      if (failed) return;
      if (!parts.length) {
        reject(new HttpError(400, "request/multipart", "the multipart body has no file part", { hint: "send each RDF document as a file part (Content-Disposition: form-data; name=\"file\"; filename=\"data.ttl\")" }));
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
    throw new HttpError(415, "request/media-type", `cannot read the part ${JSON.stringify(name)} (${mime || "untyped"})`, {
      hint: "give each part a Content-Type (text/turtle, application/n-triples, application/n-quads, application/trig, application/ld+json, application/json) or a file name ending in .ttl, .nt, .nq, .trig, .jsonld or .json",
    });
  }
  return { text: decodeBody(bytes, contentType), source: name, format };
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, "request/too-large", `the request body is larger than ${limit} bytes`, {
    hint: "split the data (one publisher graph per request) or ask the operator to raise --max-body",
  });
}
