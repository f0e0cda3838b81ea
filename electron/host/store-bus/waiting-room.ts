// Connections that have not signed in yet: each holds a socket and some buffered bytes, so their
// number is capped, per peer and in all. When all places are taken, a newcomer takes the place of
// the oldest connection of the peer holding the most (if that peer holds more than the newcomer's):
// a few machines opening connections and never signing in cannot keep staff tablets, displays or
// the back office off the store bus by filling every place.

export class WaitingRoom {
  /** Per peer, its waiting connections, oldest first (a Set keeps insertion order). */
  private readonly byPeer = new Map<string, Set<Waiting>>();
  private total = 0;

  constructor(
    private readonly perPeer: number,
    private readonly inAll: number,
  ) {}

  /**
   * A place for a new connection from `peer`, or null when that peer already has its share waiting
   * (or every place is held by peers with no more than it). `evict` closes the connection if its
   * place is given to a newcomer. The returned function frees the place (sign-in, close; once).
   */
  admit(peer: string, evict: () => void): { release: () => void; evicted?: string } | null {
    const own = this.byPeer.get(peer)?.size ?? 0;
    if (own >= this.perPeer) return null;
    let evicted: string | undefined;
    if (this.total >= this.inAll) {
      const victim = this.mostWaitingBesides(peer, own);
      if (!victim) return null;
      evicted = victim.peer;
      victim.release();
      victim.evict();
    }
    const waiting: Waiting = { peer, evict, release: () => undefined };
    let held = true;
    waiting.release = () => {
      if (!held) return;
      held = false;
      this.total -= 1;
      const set = this.byPeer.get(peer);
      set?.delete(waiting);
      if (set?.size === 0) this.byPeer.delete(peer);
    };
    const set = this.byPeer.get(peer) ?? new Set<Waiting>();
    set.add(waiting);
    this.byPeer.set(peer, set);
    this.total += 1;
    return { release: waiting.release, ...(evicted !== undefined ? { evicted } : {}) };
  }

  /** The oldest waiting connection of the peer with the most waiting, if it has more than `than`. */
  private mostWaitingBesides(peer: string, than: number): Waiting | undefined {
    let most: Set<Waiting> | undefined;
    for (const [candidate, set] of this.byPeer) {
      if (candidate === peer || set.size <= than) continue;
      if (!most || set.size > most.size) most = set;
    }
    return most?.values().next().value;
  }
}

interface Waiting {
  peer: string;
  evict: () => void;
  release: () => void;
}
