/**
 * Initial cut: k contiguous parts grown from spread-out seeds. Seeds are chosen farthest-first
 * (breadth-first distance from the seeds so far, ties at random); then the part furthest below its
 * target takes the next unit on its breadth-first frontier, so parts grow round and balanced.
 * Every part is connected by construction; refinement does the rest.
 */
import type { LocalGraph } from './local-graph.ts';

export function growParts(
  g: LocalGraph,
  k: number,
  target: ArrayLike<number>,
  rng: () => number,
  part: Int32Array,
): void {
  const { n, offsets, targets } = g;
  part.fill(-1);
  if (k <= 1) {
    part.fill(0);
    return;
  }
  // Farthest-first seeds.
  const dist = new Int32Array(n).fill(0x7fffffff);
  const queue = new Int32Array(n);
  const seeds: number[] = [];
  let next = Math.floor(rng() * n);
  for (let s = 0; s < k; s++) {
    seeds.push(next);
    let head = 0;
    let tail = 0;
    dist[next] = 0;
    queue[tail++] = next;
    while (head < tail) {
      const u = queue[head++]!;
      for (let j = offsets[u]!; j < offsets[u + 1]!; j++) {
        const x = targets[j]!;
        if (dist[x]! > dist[u]! + 1) {
          dist[x] = dist[u]! + 1;
          queue[tail++] = x;
        }
      }
    }
    let far = -1;
    let farDist = -1;
    let ties = 0;
    for (let v = 0; v < n; v++) {
      const d = dist[v]!;
      if (d === 0x7fffffff || d === 0) continue;
      if (d > farDist) {
        farDist = d;
        far = v;
        ties = 1;
      } else if (d === farDist && rng() * ++ties < 1) far = v;
    }
    if (far < 0) break;
    next = far;
  }
  // Grow: the part furthest below its target takes the next unit of its frontier.
  const frontier: number[][] = [];
  const head = new Int32Array(k);
  const pw = new Float64Array(k);
  let assigned = 0;
  for (let p = 0; p < seeds.length; p++) {
    part[seeds[p]!] = p;
    pw[p] += g.weight[seeds[p]!]!;
    assigned++;
    const f: number[] = [];
    for (let j = offsets[seeds[p]!]!; j < offsets[seeds[p]! + 1]!; j++) f.push(targets[j]!);
    frontier.push(f);
  }
  const parts = seeds.length;
  while (assigned < n) {
    let pick = -1;
    let lowest = Infinity;
    for (let p = 0; p < parts; p++) {
      const f = frontier[p]!;
      while (head[p]! < f.length && part[f[head[p]!]!] !== -1) head[p]!++;
      if (head[p]! >= f.length) continue;
      const t = target[p]! > 0 ? target[p]! : 1;
      const fill = pw[p]! / t;
      if (fill < lowest) {
        lowest = fill;
        pick = p;
      }
    }
    if (pick < 0) break;
    const f = frontier[pick]!;
    const v = f[head[pick]!++]!;
    part[v] = pick;
    pw[pick] += g.weight[v]!;
    assigned++;
    for (let j = offsets[v]!; j < offsets[v + 1]!; j++) if (part[targets[j]!] === -1) f.push(targets[j]!);
  }
  // Units no frontier reached (only in a disconnected graph): the part of a neighbour, else part 0.
  for (let v = 0; v < n; v++) if (part[v] === -1) part[v] = 0;
}
