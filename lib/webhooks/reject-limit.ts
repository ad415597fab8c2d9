// How many refused notifications (bad or missing signature, unreadable, stale) one address may send
// before the door stops listening to it for a while (issue 14, gap 4). Antom sends signed
// notifications: an address that keeps sending refused ones is someone else, or a key that is
// wrong, and either way storing each one again tells us nothing new. Counted in this process's
// memory, not the database: the point is that a flood costs no writes. Antom, refused with 429,
// sends its notification again later on its retry schedule.

export const REJECTS_PER_WINDOW = 20;
export const REJECT_WINDOW_MS = 60_000;
/** Addresses remembered at most; the oldest window is forgotten first. */
const MAX_ADDRESSES = 10_000;

export class RejectLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** True while this address has used up its refusals in the current window. */
  isLimited(address: string): boolean {
    const w = this.windows.get(address);
    return !!w && this.now() - w.start < REJECT_WINDOW_MS && w.count >= REJECTS_PER_WINDOW;
  }

  /** Counts one refused notification from this address. */
  record(address: string): void {
    const now = this.now();
    const w = this.windows.get(address);
    if (w && now - w.start < REJECT_WINDOW_MS) {
      w.count++;
      return;
    }
    this.windows.delete(address);
    if (this.windows.size >= MAX_ADDRESSES) this.windows.delete(this.windows.keys().next().value!);
    this.windows.set(address, { start: now, count: 1 });
  }
}
