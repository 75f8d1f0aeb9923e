// The pages' HTML forms (multipart/form-data or urlencoded, as browsers send them): fields and at most one file,
// read by busboy within limits. The Graph Store's multipart uploads (files only, each a document) are
// `server/multipart.ts`.

import type { IncomingMessage } from "node:http";
import busboy from "busboy";

export interface PageForm {
  readonly fields: Readonly<Record<string, string>>;
  /** The file field, when one was chosen (a file input left empty sends no file). */
  readonly file?: { readonly name: string; readonly text: string };
  /** The file was cut at `fileSize`. */
  readonly fileTooLarge: boolean;
  /** A field was cut at `fieldSize`. */
  readonly fieldTooLarge: boolean;
}

/** The request's body is not a form at all (busboy refused its Content-Type). */
export class NotAFormError extends Error {}

/** Reads a page's form; rejects with NotAFormError when the body is not a form, with busboy's error when it is malformed. */
export function readPageForm(req: IncomingMessage, limits: { readonly fileSize: number; readonly fieldSize: number }): Promise<PageForm> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { fileSize: limits.fileSize, fieldSize: limits.fieldSize, files: 1, fields: 10 } });
    } catch (e) {
      reject(new NotAFormError((e as Error).message));
      return;
    }
    const fields: Record<string, string> = {};
    let file: { name: string; text: string } | undefined;
    let fileTooLarge = false;
    let fieldTooLarge = false;
    bb.on("field", (name, value, info) => {
      if (info.valueTruncated) fieldTooLarge = true;
      fields[name] = value;
    });
    bb.on("file", (_name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("limit", () => (fileTooLarge = true));
      stream.on("end", () => {
        if (info.filename) file = { name: info.filename, text: Buffer.concat(chunks).toString("utf8") };
      });
    });
    bb.on("error", reject);
    bb.on("close", () => resolve({ fields, ...(file ? { file } : {}), fileTooLarge, fieldTooLarge }));
    req.pipe(bb);
  });
}
