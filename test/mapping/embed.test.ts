// The <script> element must survive any string a record can hold: nothing may close it or inject markup.

import { parse } from "parse5";
import { describe, expect, it } from "vitest";
import { embedScript } from "../../src/mapping/index.js";

const INJECTIONS = [
  "</script><script>alert(1)</script>",
  "</SCRIPT >",
  "<!--",
  "--><img src=x onerror=alert(1)>",
  "<![CDATA[",
  "]]>",
  "&lt;/script&gt;",
  "\u2028\u2029",
  "<\u0000/script>",
  "</scr\u0000ipt>",
  "\\u003c/script>",
  "'\"`",
  "<svg/onload=alert(1)>",
  "&#x3C;/script>",
  "</script\t>",
  "<script>",
];

/** Every <script> element of a parsed HTML document, with its text. */
function scripts(html: string): { type: string | undefined; text: string }[] {
  const out: { type: string | undefined; text: string }[] = [];
  const walk = (node: any): void => {
    if (node.nodeName === "script") {
      out.push({
        type: node.attrs.find((a: any) => a.name === "type")?.value,
        text: node.childNodes.map((c: any) => c.value ?? "").join(""),
      });
    }
    for (const c of node.childNodes ?? []) walk(c);
    if (node.content) walk(node.content);
  };
  walk(parse(html));
  return out;
}

describe("embedScript", () => {
  it.each(INJECTIONS)("keeps %j inside one JSON-LD element, byte for byte after JSON.parse", (evil) => {
    const doc = {
      "@context": "https://schema.org",
      "@type": "Event",
      name: evil,
      description: `before ${evil} after`,
      [evil]: evil,
    };
    const html = `<!doctype html><html><head>${embedScript(doc)}</head><body><p>x</p></body></html>`;
    const found = scripts(html);
    expect(found).toHaveLength(1);
    expect(found[0]!.type).toBe("application/ld+json");
    expect(JSON.parse(found[0]!.text)).toEqual(doc);
    const raw = html.slice(html.indexOf(">", html.indexOf("<script")) + 1, html.lastIndexOf("</script>"));
    expect(raw).not.toMatch(/[<>&\u2028\u2029]/);
  });
});
