// What harvest's polite fetcher is told (its policy, with the defaults) and what it answers: a body with the facts
// of its transfer, or a failure with its code. Plain data shared by the fetcher and its callers.

export interface FetchPolicy {
  /**
   * Sent as User-Agent and matched against robots.txt groups.
   * @default "VivantHarvester/0.1 (+https://vivant.dev/harvest)"
   */
  readonly userAgent: string;
  /** Whole exchange (redirects and body included), in milliseconds. @default 15000 */
  readonly timeoutMs: number;
  /** Largest body read, in bytes; bigger pages fail with `too-large`. @default 5242880 (5 MiB) */
  readonly maxBytes: number;
  /** Redirects followed before failing with `too-many-redirects`. @default 5 */
  readonly maxRedirects: number;
  /** Requests in flight at once to one host. @default 2 */
  readonly perHostConcurrency: number;
  /** Least time between two request starts to one host, in ms (robots Crawl-delay wins when larger). @default 1000 */
  readonly perHostDelayMs: number;
  /** Largest robots.txt Crawl-delay honoured, in ms (a site asking for more is still crawled, that slowly). @default 30000 */
  readonly maxCrawlDelayMs: number;
  /** Read and honour robots.txt. @default true */
  readonly robots: boolean;
  /**
   * Contact loopback, private (RFC 1918), link-local, unique-local, unspecified, multicast and other
   * non-public addresses (your own intranet; tests on 127.0.0.1). @default false
   */
  readonly allowPrivate: boolean;
  /** Retries of a request answered 429 or 503, each after its Retry-After, all inside `timeoutMs`. @default 2 */
  readonly maxRetries: number;
  /** Wait before a retry when the answer has no usable Retry-After, in ms (doubled at each retry). @default 1000 */
  readonly retryDelayMs: number;
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = {
  userAgent: "VivantHarvester/0.1 (+https://vivant.dev/harvest)",
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  perHostConcurrency: 2,
  perHostDelayMs: 1000,
  maxCrawlDelayMs: 30_000,
  robots: true,
  allowPrivate: false,
  maxRetries: 2,
  retryDelayMs: 1000,
};

export type FetchErrorCode =
  | "invalid-url"
  | "robots-disallowed"
  | "timeout"
  | "too-large"
  | "too-many-redirects"
  | "redirect-loop"
  | "http-status"
  | "private-address"
  | "network";

export interface FetchedBody {
  readonly ok: true;
  readonly url: string;
  /** After redirects. */
  readonly finalUrl: string;
  readonly status: number;
  /** Media type without parameters, lower-case (`text/html`), or "" when absent. */
  readonly mediaType: string;
  readonly body: string;
  /** When the response arrived, ISO 8601 UTC. */
  readonly fetchedAt: string;
  readonly redirects: number;
  /** Retries after 429/503. */
  readonly retries: number;
  /** The body was gzip (a `.xml.gz` sitemap, `application/gzip`) and was decompressed. */
  readonly gunzipped: boolean;
  /** When this URL's time budget (`timeoutMs`) ends, in `Date.now()` ms: what is done with the body counts too. */
  readonly deadline: number;
  /** Bytes of the body as received (before any gunzip), for what a transfer cost. */
  readonly receivedBytes: number;
  /** The answer's ETag header, when it has one. */
  readonly etag?: string;
}

/** More of a request: headers sent to the URL's own origin only (an Authorization never follows a redirect elsewhere). */
export interface GetOptions {
  readonly headers?: Readonly<Record<string, string>>;
}

export interface FetchFailure {
  readonly ok: false;
  readonly url: string;
  readonly code: FetchErrorCode;
  readonly message: string;
  readonly status?: number;
}

export type FetchOutcome = FetchedBody | FetchFailure;
