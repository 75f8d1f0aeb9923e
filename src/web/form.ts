// The pages' HTML forms (multipart/form-data or urlencoded, as browsers send them): fields and at most one file,
// read by busboy within limits. The Graph Store's multipart uploads (files only, each a document) are
// `server/multipart.ts`.

import type { IncomingMessage } from "node:http";
import busboy from "busboy";
import { decodeBody } from "../server/http-util.js";

/** An uploaded file: its name as the browser sent it, and its text. */
export interface FormFile {
  readonly name: string;
  readonly text: string;
}

export interface PageForm {
  readonly fields: Readonly<Record<string, string>>;
  /** The file of the field named `file`, when one was chosen (a file input left empty sends no file). */
  readonly file?: FormFile;
  /** Every chosen file by its field's name (`file`, and the CSV's `mapping`). */
  readonly files: Readonly<Record<string, FormFile>>;
  /** The file was cut at `fileSize`. */
  readonly fileTooLarge: boolean;
  /** A field was cut at `fieldSize`. */
  readonly fieldTooLarge: boolean;
  /** More files than a form takes were sent; the extra ones were not read. */
  readonly tooManyFiles: boolean;
}

/** The request's body is not a form at all (busboy refused its Content-Type). */
export class NotAFormError extends Error {}

/** Files a form may carry: the data, and the column-mapping file of a CSV. */
const MAX_FILES = 2;

/**
 * Reads a page's form; rejects with NotAFormError when the body is not a form, with busboy's error when it is
 * malformed. `fileSize` bounds each file; at most two files are read (`tooManyFiles` says a further one was sent, and not read).
 * Rejects with an HttpError (400 `request/encoding`, 415 `request/charset`) when a field's or a file's bytes are not valid
 * in the form's charset: the `_charset_` field (RFC 7578 §4.6, HTML's hidden `_charset_` input) when it is sent, else
 * UTF-8, read by the same fatal decoder as request bodies (never U+FFFD).
 */
export function readPageForm(
  req: IncomingMessage,
  limits: { readonly fileSize: number; readonly fieldSize: number },
): Promise<PageForm> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      // latin1 maps each byte to one character: the fields' bytes are kept as they came, and decoded below.
      bb = busboy({
        headers: req.headers,
        defCharset: "latin1",
        limits: { fileSize: limits.fileSize, fieldSize: limits.fieldSize, files: MAX_FILES, fields: 10 },
      });
    } catch (e) {
      reject(new NotAFormError((e as Error).message));
      return;
    }
    const raw: Record<string, string> = {};
    const rawFiles: Record<string, { name: string; bytes: Buffer }> = {};
    let fileTooLarge = false;
    let fieldTooLarge = false;
    let tooManyFiles = false;
    bb.on("filesLimit", () => (tooManyFiles = true));
    bb.on("field", (name, value, info) => {
      if (info.valueTruncated) fieldTooLarge = true;
      raw[name] = value;
    });
    bb.on("file", (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("limit", () => (fileTooLarge = true));
      stream.on("end", () => {
        if (info.filename) rawFiles[name] = { name: info.filename, bytes: Buffer.concat(chunks) };
      });
    });
    bb.on("error", reject);
    bb.on("close", () => {
      try {
        const charset = raw._charset_?.trim() || "utf-8";
        const type = `text/plain; charset=${charset}`;
        const fields = Object.fromEntries(
          Object.entries(raw).map(([k, v]) => [
            k,
            decodeBody(Buffer.from(v, "latin1"), type, {
              en: `the field ${JSON.stringify(k)}`,
              fr: `le champ ${JSON.stringify(k)}`,
            }),
          ]),
        );
        const files: Record<string, FormFile> = {};
        for (const [k, f] of Object.entries(rawFiles)) {
          files[k] = {
            name: f.name,
            text: decodeBody(f.bytes, type, {
              en: `the file ${JSON.stringify(f.name)}`,
              fr: `le fichier ${JSON.stringify(f.name)}`,
            }),
          };
        }
        resolve({
          fields,
          ...(files.file ? { file: files.file } : {}),
          files,
          fileTooLarge,
          fieldTooLarge,
          tooManyFiles,
        });
      } catch (e) {
        reject(e);
      }
    });
    req.pipe(bb);
  });
}
