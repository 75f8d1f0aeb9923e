// Reading an answer's body for harvest: the size cap (announced and received), a gzip file decompressed once
// within the cap, and the text decoded in the charset the answer names (UTF-8 when it names none or an unknown one).

import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import type { FetchErrorCode } from "./fetch-policy.js";

const gunzipAsync = promisify(gunzip);
/** The media types of a gzip file: what such a body holds is known only from its text. */
export const GZIP_TYPES = new Set([
  "application/gzip",
  "application/x-gzip",
  "application/gzip-compressed",
  "application/x-gunzip",
]);

/** The body of `response` (from `at`) as text, or why it was not read: at most `max` bytes, before and after gunzip. */
export async function readBody(
  response: Response,
  at: URL,
  max: number,
): Promise<{ text: string; gunzipped: boolean; received: number } | { code: FetchErrorCode; message: string }> {
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => undefined);
    return { code: "too-large", message: `${declared} bytes announced, more than the ${max}-byte limit` };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => undefined);
        return { code: "too-large", message: `body larger than the ${max}-byte limit` };
      }
      chunks.push(value);
    }
  }
  let bytes = Buffer.concat(chunks);
  const received = bytes.length;
  // Content-Encoding: gzip is undone by the HTTP client; a gzip file (`sitemap.xml.gz`, served as
  // application/gzip or even as XML) is recognised by its magic number and decompressed once, no larger than maxBytes.
  const gunzipped = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (gunzipped) {
    try {
      bytes = await gunzipAsync(bytes, { maxOutputLength: max });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError) {
        return {
          code: "too-large",
          message: `gzip body of ${at.href} decompresses to more than the ${max}-byte limit`,
        };
      }
      return { code: "network", message: `gzip body of ${at.href} cannot be decompressed: ${(e as Error).message}` };
    }
  }
  const charset = /charset=["']?([\w-]+)/i.exec(response.headers.get("content-type") ?? "")?.[1] ?? "utf-8";
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    decoder = new TextDecoder("utf-8");
  }
  return { text: decoder.decode(bytes), gunzipped, received };
}
