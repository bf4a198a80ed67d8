/**
 * Demo patrol tracks: each grid's worker walks among the buildings of their grid on most working
 * days (a fix every 15 s at walking pace, 1 % GPS jumps), and at a building with residents needing
 * care often stays 8–15 minutes (a visit). How often a worker goes out varies by worker and month,
 * so the assessment's trends move; the worker of the last grid has not walked in the last ten days,
 * so that grid shows as stale.
 */
import type { Feature, LineString } from 'geojson';
import { createRandom } from '../../src/core/graph.ts';
import type { GridFeature, UnitFeature } from '../../src/core/types.ts';
import { unitPosition } from '../../src/core/workload.ts';

export function generateTracks(
  grids: { features: GridFeature[] },
  units: { features: UnitFeature[] },
  options: { end: string; days?: number; seed?: number },
): { type: 'FeatureCollection'; features: Array<Feature<LineString>> } {
  const rng = createRandom(options.seed ?? 3);
  const end = Date.parse(options.end);
  const days = options.days ?? 28;
  const features: Array<Feature<LineString>> = [];
  grids.features.forEach((grid, g) => {
    const mine = units.features.filter((u) => u.properties.grid === grid.properties.id);
    const placed = mine.map((u) => ({ at: unitPosition(u), care: Number(u.properties.care) > 0 }));
    const sites = placed.map((p) => p.at).filter((p): p is number[] => !!p);
    const care = new Set(placed.filter((p) => p.care).map((p) => p.at));
    if (sites.length < 2) return;
    // Share of working days this worker stays in, per month (30-day blocks back from the end).
    const away = Array.from({ length: Math.ceil(days / 30) + 1 }, () => 0.05 + 0.9 * rng() ** 3);
    const worker = String(grid.properties.worker ?? grid.properties.id);
    const last = g === grids.features.length - 1;
    for (let d = days; d >= 1; d--) {
      const day = new Date(end - d * 86_400_000);
      const weekday = (day.getUTCDay() + (day.getUTCHours() + 8 >= 24 ? 1 : 0)) % 7;
      if (weekday === 0 || weekday === 6 || (last && d <= 10) || rng() < away[Math.floor(d / 30)]!) continue;
      const start = Math.floor((end - d * 86_400_000) / 86_400_000) * 86_400_000 + 1.5 * 3_600_000; // 09:30 UTC+8
      const coordinates: number[][] = [];
      const coordTimes: number[] = [];
      let t = start;
      let at = sites[Math.floor(rng() * sites.length)]!;
      // Visit 4–10 buildings, walking straight at ~1.3 m/s between them.
      const visits = 4 + Math.floor(rng() * 7);
      for (let v = 0; v < visits; v++) {
        const next = sites[Math.floor(rng() * sites.length)]!;
        const metres = Math.hypot((next[0]! - at[0]!) * 96_000, (next[1]! - at[1]!) * 111_000);
        const steps = Math.max(1, Math.round(metres / 20));
        for (let k = 0; k < steps; k++) {
          const f = k / steps;
          const jump = rng() < 0.01 ? 0.02 : 0; // 2 km off: a GPS jump at any pace
          coordinates.push([
            at[0]! + (next[0]! - at[0]!) * f + jump + (rng() - 0.5) * 0.00004,
            at[1]! + (next[1]! - at[1]!) * f + (rng() - 0.5) * 0.00004,
          ]);
          coordTimes.push(t);
          t += 15_000;
        }
        at = next;
        if (care.has(next) && rng() < 0.6) {
          // A visit: 8–15 minutes at the door, a fix every 30 s wandering a few metres.
          const stay = Math.round(16 + rng() * 14);
          for (let k = 0; k < stay; k++) {
            coordinates.push([at[0]! + (rng() - 0.5) * 0.00006, at[1]! + (rng() - 0.5) * 0.00006]);
            coordTimes.push(t);
            t += 30_000;
          }
        }
      }
      features.push({
        type: 'Feature',
        properties: { worker, coordTimes },
        geometry: { type: 'LineString', coordinates },
      });
    }
  });
  return { type: 'FeatureCollection', features };
}
