// The per-host gate of harvest's polite fetcher: how many requests are in flight to one host and how far apart
// they start (a robots.txt Crawl-delay widens it, a Retry-After holds the whole host).

/** Per-host gate: at most `max` in flight, starts spaced by `delayMs`. */
export class HostGate {
  #active = 0;
  #nextStart = 0;
  readonly #waiting: (() => void)[] = [];
  constructor(
    readonly max: number,
    public delayMs: number,
  ) {}

  /** Nobody starts a request to this host before `at` (a Retry-After applies to the whole host). */
  holdUntil(at: number): void {
    this.#nextStart = Math.max(this.#nextStart, at);
  }

  async acquire(): Promise<void> {
    // A waiter is handed its slot by release() (the count stays): a request arriving between the release and the
    // waiter's resumption finds no free slot, so the host never has more than `max` in flight.
    if (this.#active >= this.max) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#active++;
    const now = Date.now();
    const wait = Math.max(0, this.#nextStart - now);
    this.#nextStart = Math.max(now, this.#nextStart) + this.delayMs;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#active--;
  }
}
