/**
 * Refinement: a tabu search over single boundary moves that never disconnects a part.
 *
 * The cost of a labelling is cut + λ · violation + spread (+ home): cut is the cut cost, violation
 * the households outside each part's [lower, upper], spread a small tie-break towards each part's
 * target, home a cost per household away from its preferred part (stable edits). λ adapts (strategic
 * oscillation): it grows while the search stays outside the bounds and shrinks while it stays inside,
 * so the search crosses infeasible ground to reach better cuts. A unit that left a part may not go
 * back for a few iterations unless that gives a new best. The best labelling is ranked by
 * (violation, cut, spread). Used for every level and region, k-way and for bisections alike.
 */
import type { WorkMeter } from './budget.ts';
import { meanCost, type LocalGraph } from './local-graph.ts';

const EPS = 1e-9;
/** Candidate moves kept per iteration; the best one that keeps its part connected is made. */
const TOP = 8;
/** A contiguity check gives up (and refuses the move) after visiting this many units. */
const BFS_LIMIT = 4096;

export interface Bounds {
  lower: Float64Array;
  upper: Float64Array;
  target: Float64Array;
}

export interface Score {
  /** Households outside the bounds, summed over parts. */
  violation: number;
  /** What is minimised inside the bounds: cutWeight · cut + households away from home · homeCost. */
  cost: number;
  /** Cut cost alone. */
  cut: number;
  /** Tie-break towards the targets. */
  spread: number;
}

/** The same bounds and target for each of k parts of a graph of W households. */
export function uniformBounds(k: number, lower: number, upper: number, W: number): Bounds {
  return {
    lower: new Float64Array(k).fill(lower),
    upper: new Float64Array(k).fill(upper),
    target: new Float64Array(k).fill(W / k),
  };
}

/** Iterations without a new best before a tabu run stops. */
export function stallFor(n: number): number {
  return 20 + (n >> 2);
}

export function better(a: Score, b: Score | null): boolean {
  if (!b) return true;
  if (Math.abs(a.violation - b.violation) > EPS) return a.violation < b.violation;
  return a.cost + a.spread < b.cost + b.spread - EPS;
}

export interface RefineOptions {
  /** Units that never move. */
  fixed?: Uint8Array | null;
  /** Parts that neither give nor take units. */
  lockedParts?: Uint8Array | null;
  /** Preferred part per unit and the cost per household away from it (stable edits). */
  home?: Int32Array | null;
  homeCost?: number;
  /** Weight of the cut in the cost (0 = balance and stability only). Default 1. */
  cutWeight?: number;
  /** Starting cost of one household outside the bounds; default from the graph's edges and weights. */
  penalty?: number;
  /** Weight of the squared relative deviation from the target; default a hundredth of an edge. */
  spreadWeight?: number;
}

export class TabuSearch {
  readonly g: LocalGraph;
  readonly k: number;
  readonly part: Int32Array;
  readonly pw: Float64Array;
  readonly count: Int32Array;
  cut = 0;
  violation = 0;
  spread = 0;
  /** homeCost · households away from their home part. */
  away = 0;

  readonly #b: Bounds;
  readonly #rng: () => number;
  readonly #o: RefineOptions;
  readonly #cutWeight: number;
  readonly #spreadWeight: number;
  readonly #lambda0: number;
  #lambda: number;
  /** Per unit: cut cost to its own part, and the other parts it touches with the cost to each, kept in
   *  the unit's slice of the edge arrays (a unit touches no more parts than it has edges). */
  readonly #internal: Float64Array;
  readonly #touch: Int32Array;
  readonly #touchPart: Int32Array;
  readonly #touchCost: Float64Array;
  readonly #list: Int32Array;
  readonly #pos: Int32Array;
  #size = 0;
  readonly #tabuPart: Int32Array;
  readonly #tabuUntil: Int32Array;
  readonly #frozenUntil: Int32Array;
  readonly #seen: Int32Array;
  readonly #slot: Int32Array;
  readonly #visit: Int32Array;
  readonly #goal: Int32Array;
  readonly #queue: Int32Array;
  #stamp = 0;
  #iter = 0;
  /** Per part, its violation and spread now (scratch of #candidates). */
  readonly #v0: Float64Array;
  readonly #s0: Float64Array;
  /** Undo log of `run`: pairs of unit and the part it left. */
  #undo = new Int32Array(64);
  #jitter = 1;
  /** Work of the cache updates since the last scan, charged with it. */
  #moveWork = 0;
  readonly #cv = new Int32Array(TOP);
  readonly #cq = new Int32Array(TOP);
  readonly #cd = new Float64Array(TOP);
  readonly #cdc = new Float64Array(TOP);
  readonly #cdv = new Float64Array(TOP);
  readonly #cds = new Float64Array(TOP);
  readonly #cdh = new Float64Array(TOP);

  constructor(
    g: LocalGraph,
    k: number,
    bounds: Bounds,
    part: Int32Array,
    rng: () => number,
    options: RefineOptions = {},
  ) {
    this.g = g;
    this.k = k;
    this.part = part;
    this.#b = bounds;
    this.#rng = rng;
    this.#jitter = (rng() * 0x7fffffff) | 0;
    this.#o = options;
    this.#cutWeight = options.cutWeight ?? 1;
    const n = g.n;
    this.pw = new Float64Array(k);
    this.count = new Int32Array(k);
    this.#internal = new Float64Array(n);
    this.#touch = new Int32Array(n);
    this.#touchPart = new Int32Array(g.targets.length);
    this.#touchCost = new Float64Array(g.targets.length);
    this.#list = new Int32Array(n);
    this.#pos = new Int32Array(n).fill(-1);
    this.#tabuPart = new Int32Array(n).fill(-1);
    this.#tabuUntil = new Int32Array(n);
    this.#frozenUntil = new Int32Array(n);
    this.#seen = new Int32Array(k);
    this.#v0 = new Float64Array(k);
    this.#s0 = new Float64Array(k);
    this.#slot = new Int32Array(k);
    this.#visit = new Int32Array(n);
    this.#goal = new Int32Array(n);
    this.#queue = new Int32Array(n);
    let W = 0;
    for (let i = 0; i < n; i++) W += g.weight[i]!;
    const c = meanCost(g) * Math.max(this.#cutWeight, 0.05);
    // One household outside the bounds costs about as much as the edges of an average unit.
    this.#lambda0 =
      options.penalty ?? (W > 0 ? (c * (g.targets.length / Math.max(1, n))) / (W / Math.max(1, n)) : 1);
    this.#lambda = this.#lambda0;
    this.#spreadWeight = options.spreadWeight ?? 0.01 * c;
    this.reset();
  }

  /** Recomputes every derived figure from `part`. */
  reset(): void {
    const { g, part, pw, count } = this;
    pw.fill(0);
    count.fill(0);
    for (let v = 0; v < g.n; v++) {
      pw[part[v]!] += g.weight[v]!;
      count[part[v]!]!++;
    }
    this.#size = 0;
    this.#pos.fill(-1);
    let cut = 0;
    for (let v = 0; v < g.n; v++) {
      for (let j = g.offsets[v]!; j < g.offsets[v + 1]!; j++) {
        const u = g.targets[j]!;
        if (u > v && part[u] !== part[v]) cut += g.cost[j]!;
      }
      this.#refresh(v);
    }
    this.cut = cut;
    let violation = 0;
    let spread = 0;
    for (let p = 0; p < this.k; p++) {
      violation += this.#viol(p, pw[p]!);
      spread += this.#spr(p, pw[p]!);
    }
    this.violation = violation;
    this.spread = spread;
    let away = 0;
    const home = this.#o.home;
    if (home)
      for (let v = 0; v < g.n; v++) if (home[v] !== part[v]) away += (this.#o.homeCost ?? 0) * g.weight[v]!;
    this.away = away;
    this.#tabuPart.fill(-1);
    this.#lambda = this.#lambda0;
  }

  score(): Score {
    return {
      violation: this.violation,
      cost: this.#cutWeight * this.cut + this.away,
      cut: this.cut,
      spread: this.spread,
    };
  }

  #viol(p: number, w: number): number {
    const lo = this.#b.lower[p]!;
    const hi = this.#b.upper[p]!;
    return w > hi ? w - hi : w < lo ? lo - w : 0;
  }

  #spr(p: number, w: number): number {
    const t = this.#b.target[p]!;
    if (!(t > 0)) return 0;
    const r = (w - t) / t;
    return this.#spreadWeight * r * r;
  }

  /** Recomputes what unit v touches, and its place in the boundary list. */
  #refresh(v: number): void {
    const { g, part } = this;
    const p = part[v]!;
    const base = g.offsets[v]!;
    const end = g.offsets[v + 1]!;
    const stamp = ++this.#stamp;
    let np = 0;
    let internal = 0;
    for (let j = base; j < end; j++) {
      const pu = part[g.targets[j]!]!;
      const c = g.cost[j]!;
      if (pu === p) internal += c;
      else if (this.#seen[pu] !== stamp) {
        this.#seen[pu] = stamp;
        this.#slot[pu] = base + np;
        this.#touchPart[base + np] = pu;
        this.#touchCost[base + np++] = c;
      } else this.#touchCost[this.#slot[pu]!] += c;
    }
    this.#internal[v] = internal;
    this.#touch[v] = np;
    if (np > 0) this.#add(v);
    else this.#remove(v);
  }

  #add(v: number): void {
    if (this.#pos[v]! >= 0) return;
    this.#pos[v] = this.#size;
    this.#list[this.#size++] = v;
  }

  #remove(v: number): void {
    const i = this.#pos[v]!;
    if (i < 0) return;
    const last = this.#list[--this.#size]!;
    this.#list[i] = last;
    this.#pos[last] = i;
    this.#pos[v] = -1;
  }

  /**
   * Runs until `stall` iterations bring no new best or the meter runs out; leaves `part` at the
   * best labelling found and returns its score.
   */
  run(stall: number, meter: WorkMeter, target: Score | null = null): Score {
    const { g, part } = this;
    // The copy of the best and the final reset.
    meter.spend(g.n + (g.targets.length >> 1));
    let bestScore = this.score();
    // The moves made since the best labelling (unit, part it left), undone at the end: cheaper than
    // copying the labelling whenever the search leaves its best, which it does on most iterations.
    let since = 0;
    let sinceBest = 0;
    let outside = 0;
    let inside = 0;
    while (sinceBest < stall && !meter.exhausted) {
      if (target && !better(target, bestScore)) break;
      this.#iter++;
      const found = this.#candidates(bestScore, meter);
      let moved = false;
      for (let c = 0; c < found; c++) {
        const v = this.#cv[c]!;
        if (!this.#canRemove(v, meter)) {
          this.#frozenUntil[v] = this.#iter + 3;
          continue;
        }
        const next: Score = {
          violation: this.violation + this.#cdv[c]!,
          cost: this.#cutWeight * (this.cut + this.#cdc[c]!) + this.away + this.#cdh[c]!,
          cut: this.cut + this.#cdc[c]!,
          spread: this.spread + this.#cds[c]!,
        };
        const improves = better(next, bestScore);
        const from = part[v]!;
        this.#move(v, this.#cq[c]!, this.#cdc[c]!, this.#cdv[c]!, this.#cds[c]!, this.#cdh[c]!);
        if (improves) {
          bestScore = next;
          since = 0;
          sinceBest = 0;
        } else {
          if (2 * since + 2 > this.#undo.length) this.#undo = longer(this.#undo);
          this.#undo[2 * since] = v;
          this.#undo[2 * since++ + 1] = from;
          sinceBest++;
        }
        moved = true;
        break;
      }
      if (!moved) sinceBest++;
      if (this.violation > EPS) outside++;
      else inside++;
      if (outside + inside >= 8) {
        if (inside === 0) this.#lambda = Math.min(this.#lambda * 1.6, this.#lambda0 * 1e7);
        else if (outside === 0) this.#lambda = Math.max(this.#lambda / 1.3, this.#lambda0 * 1e-2);
        outside = inside = 0;
      }
    }
    if (since > 0) {
      for (let i = since - 1; i >= 0; i--) part[this.#undo[2 * i]!] = this.#undo[2 * i + 1]!;
      this.reset();
    }
    return bestScore;
  }

  /** Random contiguity-keeping moves (a kick for iterated local search). */
  kick(moves: number, meter: WorkMeter): void {
    for (let t = 0; t < moves && this.#size > 0; t++) {
      const v = this.#list[Math.floor(this.#rng() * this.#size)]!;
      if (this.#o.fixed?.[v]) continue;
      const p = this.part[v]!;
      if (this.count[p]! <= 1 || this.#o.lockedParts?.[p]) continue;
      let q = -1;
      for (let j = this.g.offsets[v]!; j < this.g.offsets[v + 1]!; j++) {
        const pu = this.part[this.g.targets[j]!]!;
        if (pu !== p && !this.#o.lockedParts?.[pu]) q = pu;
      }
      if (q < 0 || !this.#canRemove(v, meter)) continue;
      const d = this.#delta(v, p, q);
      this.#move(v, q, d[0], d[1], d[2], d[3]);
    }
  }

  #delta(v: number, p: number, q: number): [number, number, number, number] {
    const { g, part } = this;
    let dc = 0;
    for (let j = g.offsets[v]!; j < g.offsets[v + 1]!; j++) {
      const pu = part[g.targets[j]!]!;
      if (pu === p) dc += g.cost[j]!;
      else if (pu === q) dc -= g.cost[j]!;
    }
    const w = g.weight[v]!;
    const pwp = this.pw[p]!;
    const pwq = this.pw[q]!;
    const dv = this.#viol(p, pwp - w) - this.#viol(p, pwp) + this.#viol(q, pwq + w) - this.#viol(q, pwq);
    const ds = this.#spr(p, pwp - w) - this.#spr(p, pwp) + this.#spr(q, pwq + w) - this.#spr(q, pwq);
    const h = this.#o.home?.[v];
    const dh = h === undefined ? 0 : (h === p ? 1 : h === q ? -1 : 0) * (this.#o.homeCost ?? 0) * w;
    return [dc, dv, ds, dh];
  }

  /** Fills the candidate arrays with the best moves, best first; returns how many. */
  #candidates(bestScore: Score, meter: WorkMeter): number {
    const { g, part, pw, k } = this;
    const fixed = this.#o.fixed;
    const locked = this.#o.lockedParts;
    const home = this.#o.home;
    const homeCost = this.#o.homeCost ?? 0;
    const cw = this.#cutWeight;
    const lambda = this.#lambda;
    const iter = this.#iter;
    const cd = this.#cd;
    const lower = this.#b.lower;
    const upper = this.#b.upper;
    const target = this.#b.target;
    const sw = this.#spreadWeight;
    // Each part's violation and spread as it is (the same figures #viol and #spr give).
    const v0 = this.#v0;
    const s0 = this.#s0;
    for (let p = 0; p < k; p++) {
      v0[p] = this.#viol(p, pw[p]!);
      s0[p] = this.#spr(p, pw[p]!);
    }
    const list = this.#list;
    const touchPart = this.#touchPart;
    const touchCost = this.#touchCost;
    const offsets = g.offsets;
    const weight = g.weight;
    let found = 0;
    let work = 0;
    for (let i = 0; i < this.#size; i++) {
      const v = list[i]!;
      if ((fixed && fixed[v]) || this.#frozenUntil[v]! > iter) continue;
      const p = part[v]!;
      if (this.count[p]! <= 1 || (locked && locked[p])) continue;
      const base = offsets[v]!;
      const np = this.#touch[v]!;
      const internal = this.#internal[v]!;
      work += np + 1;
      const w = weight[v]!;
      const pwp = pw[p]!;
      const dvp = this.#viol(p, pwp - w) - v0[p]!;
      const dsp = this.#spr(p, pwp - w) - s0[p]!;
      const tabuQ = this.#tabuUntil[v]! > iter ? this.#tabuPart[v]! : -1;
      for (let t = base; t < base + np; t++) {
        const q = touchPart[t]!;
        if (locked && locked[q]) continue;
        const pwq = pw[q]! + w;
        const dc = internal - touchCost[t]!;
        // #viol(q, pwq) and #spr(q, pwq), inline.
        const hi = upper[q]!;
        const lo = lower[q]!;
        const vq = pwq > hi ? pwq - hi : pwq < lo ? lo - pwq : 0;
        const tq = target[q]!;
        let sq = 0;
        if (tq > 0) {
          const r = (pwq - tq) / tq;
          sq = sw * r * r;
        }
        const dv = dvp + vq - v0[q]!;
        const ds = dsp + sq - s0[q]!;
        let dh = 0;
        if (home) {
          const h = home[v]!;
          if (h === p) dh = homeCost * w;
          else if (h === q) dh = -homeCost * w;
        }
        let delta = cw * dc + dh + lambda * dv + ds;
        if (q === tabuQ) {
          // Aspiration: a tabu move is allowed when it gives a new best.
          const nv = this.violation + dv;
          const nc = cw * (this.cut + dc) + this.away + dh;
          const aspire =
            nv < bestScore.violation - EPS ||
            (nv <= bestScore.violation + EPS &&
              nc + this.spread + ds < bestScore.cost + bestScore.spread - EPS);
          if (!aspire) continue;
        }
        // Random tie-break: a tiny jitter, so equal moves are taken in no fixed order.
        this.#jitter = (Math.imul(this.#jitter, 1103515245) + 12345) | 0;
        delta += 1e-12 * (this.#jitter >>> 16);
        if (found === TOP && delta >= cd[TOP - 1]!) continue;
        let at = found < TOP ? found++ : TOP - 1;
        while (at > 0 && cd[at - 1]! > delta) {
          cd[at] = cd[at - 1]!;
          this.#cv[at] = this.#cv[at - 1]!;
          this.#cq[at] = this.#cq[at - 1]!;
          this.#cdc[at] = this.#cdc[at - 1]!;
          this.#cdv[at] = this.#cdv[at - 1]!;
          this.#cds[at] = this.#cds[at - 1]!;
          this.#cdh[at] = this.#cdh[at - 1]!;
          at--;
        }
        cd[at] = delta;
        this.#cv[at] = v;
        this.#cq[at] = q;
        this.#cdc[at] = dc;
        this.#cdv[at] = dv;
        this.#cds[at] = ds;
        this.#cdh[at] = dh;
      }
    }
    meter.spend(work + this.#moveWork);
    this.#moveWork = 0;
    return found;
  }

  /** True when taking v out of its part leaves the part connected (bounded search). */
  #canRemove(v: number, meter: WorkMeter): boolean {
    const { g, part } = this;
    const p = part[v]!;
    const stamp = ++this.#stamp;
    let goals = 0;
    let start = -1;
    for (let j = g.offsets[v]!; j < g.offsets[v + 1]!; j++) {
      const u = g.targets[j]!;
      if (part[u] !== p || this.#goal[u] === stamp) continue;
      this.#goal[u] = stamp;
      goals++;
      if (start < 0) start = u;
    }
    if (goals <= 1) return true;
    const visit = this.#visit;
    const queue = this.#queue;
    visit[v] = stamp;
    visit[start] = stamp;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    let found = 1;
    let work = 0;
    while (head < tail) {
      const u = queue[head++]!;
      const end = g.offsets[u + 1]!;
      work += end - g.offsets[u]!;
      for (let j = g.offsets[u]!; j < end; j++) {
        const x = g.targets[j]!;
        if (visit[x] === stamp || part[x] !== p) continue;
        visit[x] = stamp;
        if (this.#goal[x] === stamp && ++found === goals) {
          meter.spend(work);
          return true;
        }
        queue[tail++] = x;
      }
      if (tail > BFS_LIMIT) break;
    }
    meter.spend(work);
    return false;
  }

  #move(v: number, q: number, dc: number, dv: number, ds: number, dh: number): void {
    const { g, part } = this;
    const p = part[v]!;
    const w = g.weight[v]!;
    part[v] = q;
    this.pw[p] -= w;
    this.pw[q] += w;
    this.count[p]!--;
    this.count[q]!++;
    this.#refresh(v);
    let work = 0;
    for (let j = g.offsets[v]!; j < g.offsets[v + 1]!; j++) {
      const u = g.targets[j]!;
      this.#refresh(u);
      work += g.offsets[u + 1]! - g.offsets[u]!;
    }
    this.#moveWork += work;
    this.cut += dc;
    this.violation += dv;
    this.spread += ds;
    this.away += dh;
    if (Math.abs(this.violation) < EPS) this.violation = 0;
    this.#tabuPart[v] = p;
    this.#tabuUntil[v] = this.#iter + 5 + Math.floor(this.#rng() * Math.max(5, Math.sqrt(this.#size)));
  }
}

/** The undo log, twice as long. */
function longer(log: Int32Array) {
  const next = new Int32Array(log.length * 2);
  next.set(log);
  return next;
}
