import type { Feature, Polygon } from 'geojson';
import type { Grids, Issues, Stations } from '../../src/core/types.ts';

/** A square of `size` degrees with its south-west corner at [lng, lat]. */
export function square(lng: number, lat: number, size: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lng, lat],
        [lng + size, lat],
        [lng + size, lat + size],
        [lng, lat + size],
        [lng, lat],
      ],
    ],
  };
}

/** A row of `n` square grids east of [120.15, 30.27], households given per grid. */
export function gridRow(households: number[], size = 0.004): Grids {
  return {
    type: 'FeatureCollection',
    features: households.map(
      (h, i): Feature<Polygon, Grids['features'][number]['properties']> => ({
        type: 'Feature',
        geometry: square(120.15 + i * size, 30.27, size),
        properties: { id: `g${i + 1}`, code: `33010200100${i + 1}`, name: `第${i + 1}网格`, worker: `社工${i + 1}`, households: h },
      }),
    ),
  };
}

export function stations(list: { id: string; kind: string; at: [number, number]; name?: string }[]): Stations {
  return {
    type: 'FeatureCollection',
    features: list.map((s) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: s.at },
      properties: { id: s.id, name: s.name ?? `站点${s.id}`, kind: s.kind, services: ['理发'], hours: '9:00-17:00' },
    })),
  };
}

export function issues(
  list: { id: string; at: [number, number]; stage?: string; description?: string; category?: string; requested?: string; expected?: string }[],
): Issues {
  return {
    type: 'FeatureCollection',
    features: list.map((i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: i.at },
      properties: {
        service_request_id: i.id,
        service_name: i.category ?? '飞线充电',
        description: i.description ?? '3幢2单元有电线从窗口垂下',
        stage: (i.stage ?? 'reported') as 'reported',
        status: i.stage === 'closed' ? 'closed' : 'open',
        requested_datetime: i.requested ?? '2026-10-01T09:00:00+08:00',
        expected_datetime: i.expected ?? '2026-10-05T18:00:00+08:00',
        address: '滨河小区3幢',
      },
    })),
  };
}
