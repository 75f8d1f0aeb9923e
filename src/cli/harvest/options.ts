// `vivant harvest`'s command line: its options, their checks (in the order the command has always made them),
// and the run they describe (publisher, where to write, the fetch policy, the crawl's bounds).

import { InputError, type Lang } from "../../errors.js";
import { makePublisher } from "../../import/types.js";
import { tx } from "../../i18n.js";
import type { Publisher } from "../../records/types.js";
import { parseOptions, type Parsed } from "../args.js";
import { REPORT_OPTIONS } from "../report.js";

/** What one `vivant harvest` command line asks for. */
export interface HarvestRun {
  readonly values: Parsed["values"];
  /** The URLs and sitemaps to harvest (the positionals). */
  readonly urls: readonly string[];
  readonly lang: Lang;
  /** The publisher's id (--publisher). */
  readonly id: string;
  readonly data: string | undefined;
  readonly store: string | undefined;
  readonly output: string | undefined;
  readonly report: string | undefined;
  readonly baseIri: string | undefined;
  readonly licence: string | undefined;
  readonly publisher: Publisher;
  readonly policy: ReturnType<typeof fetchPolicy>;
  readonly concurrency: number | undefined;
  readonly maxPages: number | undefined;
}

const s = (v: unknown) => (typeof v === "string" ? v : undefined);

const int = (v: unknown, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new InputError(
      "cli/bad-option",
      tx("cli/not-whole-number-plain", { option: name, value: typeof v === "string" ? v : JSON.stringify(v) }),
      { hint: tx("cli/example", { example: `${name} 1000` }) },
    );
  return n;
};

/** Parses and checks a `vivant harvest` command line; throws InputError for unusable input. */
export function parseHarvestArgs(argv: readonly string[]): HarvestRun {
  const { values, positionals, lang } = parseOptions(
    argv,
    {
      publisher: { type: "string" },
      "base-iri": { type: "string" },
      licence: { type: "string" },
      output: { type: "string", short: "o" },
      ...REPORT_OPTIONS,
      load: { type: "boolean" },
      data: { type: "string" },
      store: { type: "string" },
      report: { type: "string" },
      timeout: { type: "string" },
      "max-bytes": { type: "string" },
      "max-redirects": { type: "string" },
      delay: { type: "string" },
      "host-concurrency": { type: "string" },
      concurrency: { type: "string" },
      "max-pages": { type: "string" },
      "no-robots": { type: "boolean" },
      "allow-private": { type: "boolean" },
      retries: { type: "string" },
      namespace: { type: "string", multiple: true },
    },
    "harvest",
  );
  if (positionals.length === 0)
    throw new InputError("cli/usage", tx("cli/need-urls"), {
      hint: tx("cli/example", { example: "vivant harvest https://venue.example/sitemap.xml --publisher venue" }),
    });
  const id = s(values.publisher);
  if (!id)
    throw new InputError("cli/usage", tx("cli/need-publisher"), {
      hint: tx("cli/need-publisher.harvest-hint", { example: "grand-quai" }),
    });
  const data = s(values.data);
  const store = s(values.store);
  if (values.load && data === undefined && store === undefined)
    throw new InputError("cli/usage", tx("cli/load-needs-data"), {
      hint: tx("cli/example", { example: "vivant harvest … --data ./data" }),
    });
  const output = s(values.output);
  if (data === undefined && store === undefined && !output)
    throw new InputError("cli/usage", tx("cli/nothing-to-write"), {
      hint: tx("cli/example", { example: "vivant harvest … -o harvest.nq" }),
    });
  const baseIri = s(values["base-iri"]);
  const licence = s(values.licence);
  const publisher = makePublisher({ id, ...(baseIri ? { baseIri } : {}), ...(licence ? { licence } : {}) });
  const policy = fetchPolicy(values);
  const concurrency = int(values.concurrency, "--concurrency");
  const maxPages = int(values["max-pages"], "--max-pages");
  return {
    values,
    urls: positionals,
    lang,
    id,
    data,
    store,
    output,
    report: s(values.report),
    baseIri,
    licence,
    publisher,
    policy,
    concurrency,
    maxPages,
  };
}

/** The fetcher's policy from the options given (the others keep the fetcher's defaults). */
function fetchPolicy(values: Parsed["values"]) {
  return Object.fromEntries(
    Object.entries({
      timeoutMs: int(values.timeout, "--timeout"),
      maxBytes: int(values["max-bytes"], "--max-bytes"),
      maxRedirects: int(values["max-redirects"], "--max-redirects"),
      perHostDelayMs: int(values.delay, "--delay"),
      perHostConcurrency: int(values["host-concurrency"], "--host-concurrency"),
      robots: values["no-robots"] ? false : undefined,
      allowPrivate: values["allow-private"] ? true : undefined,
      maxRetries: int(values.retries, "--retries"),
    }).filter(([, v]) => v !== undefined),
  );
}
