/**
 * How `<wg-issue-layer>` draws: the MapLibre layers of points, clusters and heatmap, and the fill
 * of the grids by load class. Specifications only; the element adds them and wires the events.
 */
import type {
  CircleLayerSpecification,
  ExpressionSpecification,
  HeatmapLayerSpecification,
  SymbolLayerSpecification,
} from 'maplibre-gl';
import { STAGES, type Stage } from '../../core/types.ts';
import type { IssueMeasure } from '../../core/aggregate.ts';
import type { Messages } from '../../i18n/messages.ts';
import type { LegendSection } from '../wg-grid-stats/map-layers.ts';
import type { IssueAggregate, IssueMode } from './wg-issue-layer.ts';

/** Colour of each handling stage. */
export const STAGE_COLORS: Record<Stage, string> = {
  reported: '#d62728',
  assigned: '#ff7f0e',
  handling: '#e7b416',
  verifying: '#1f77b4',
  closed: '#9e9e9e',
};

/** Fills of the per-grid load classes, light to dark. */
export const LOAD_COLORS = ['#fff3e0', '#fdd0a2', '#fd8d3c', '#e6550d', '#a63603'] as const;
/** The heatmap's colour ramp over density 0 … 1. */
export const HEAT_RAMP: [number, string][] = [
  [0, 'rgba(255,255,178,0)'],
  [0.15, '#ffffb2'],
  [0.35, '#fecc5c'],
  [0.55, '#fd8d3c'],
  [0.8, '#f03b20'],
  [1, '#bd0026'],
];

/** Grid fill from the `load` feature state (the class index), transparent without one. */
export const LOAD_BY_STATE = [
  'match',
  ['coalesce', ['feature-state', 'load'], -1],
  ...LOAD_COLORS.flatMap((c, k) => [k, c]),
  'rgba(0,0,0,0)',
] as unknown as ExpressionSpecification;

/** The measure of a tiled grid from the counts its tile carries. */
function tiledMeasure(measure: IssueMeasure): ExpressionSpecification {
  const count = (key: string): ExpressionSpecification => ['to-number', ['get', key], 0];
  if (measure !== 'open-rate') return count(measure);
  const households = count('households');
  return ['case', ['>', households, 0], ['/', ['*', 100, count('open')], households], 0];
}

/** Tiled grid fill by load class: a `step` over the measure at the breaks (as `classOf` does). */
export function tiledLoadColor(measure: IssueMeasure, breaks: readonly number[]): ExpressionSpecification {
  return [
    'step',
    tiledMeasure(measure),
    LOAD_COLORS[0],
    ...breaks.flatMap((b, k) => [b, LOAD_COLORS[k + 1]!]),
  ] as ExpressionSpecification;
}

type Tiled = { 'source-layer'?: string };

export function heatmapLayer(
  id: string,
  source: string,
  tiled: Tiled,
  weightKey: string | undefined,
): HeatmapLayerSpecification {
  return {
    id,
    type: 'heatmap',
    source,
    ...tiled,
    paint: {
      'heatmap-weight': weightKey ? ['coalesce', ['to-number', ['get', weightKey]], 1] : 1,
      'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 12, 0.6, 17, 2],
      'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 12, 8, 17, 30],
      'heatmap-color': [
        'interpolate',
        ['linear'],
        ['heatmap-density'],
        ...HEAT_RAMP.flat(),
      ] as ExpressionSpecification,
      'heatmap-opacity': 0.8,
    },
  };
}

export function clusterLayers(
  id: string,
  countId: string,
  source: string,
): [CircleLayerSpecification, SymbolLayerSpecification] {
  return [
    {
      id,
      type: 'circle',
      source,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': ['step', ['get', 'point_count'], '#fdae6b', 20, '#f16913', 100, '#a63603'],
        'circle-radius': ['step', ['get', 'point_count'], 14, 20, 19, 100, 25],
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 1.5,
      },
    },
    {
      id: countId,
      type: 'symbol',
      source,
      filter: ['has', 'point_count'],
      layout: {
        'text-field': ['get', 'point_count_abbreviated'],
        'text-font': ['sans-serif'],
        'text-size': 12,
      },
      paint: { 'text-color': '#fff' },
    },
  ];
}

/** Points by stage; overdue ones larger with a dark-red ring, due-soon ones with an amber ring. */
export function circleLayer(
  id: string,
  source: string,
  tiled: Tiled,
  overdue: ExpressionSpecification,
): CircleLayerSpecification {
  return {
    id,
    type: 'circle',
    source,
    ...tiled,
    filter: ['!', ['has', 'point_count']],
    paint: {
      'circle-color': [
        'match',
        ['get', 'stage'],
        ...STAGES.flatMap((s) => [s, STAGE_COLORS[s]]),
        '#666',
      ] as never,
      'circle-radius': ['case', overdue, 6, 4.5],
      'circle-stroke-color': [
        'case',
        overdue,
        '#7f0000',
        ['==', ['get', 'soon'], true],
        '#d97706',
        '#ffffff',
      ],
      'circle-stroke-width': ['case', overdue, 2, 1],
      'circle-opacity': ['case', ['==', ['get', 'stage'], 'closed'], 0.55, 0.95],
    },
  };
}

/** What `<wg-legend>` shows for an issue layer: the load classes, and the heatmap or the stages. */
export function issueLegend(
  t: Messages,
  o: {
    aggregate: IssueAggregate;
    measure: IssueMeasure;
    breaks: readonly number[];
    mode: IssueMode;
    stages: readonly string[];
    deadlines: boolean;
  },
): LegendSection[] {
  const sections: LegendSection[] = [];
  if (o.aggregate === 'grid') {
    const b = o.breaks;
    const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
    sections.push({
      title: t.measures[o.measure] ?? o.measure,
      entries: LOAD_COLORS.map((color, c) => ({
        color,
        shape: 'fill' as const,
        label:
          c === 0
            ? `< ${fmt(b[0]!)}`
            : c === b.length
              ? `≥ ${fmt(b[c - 1]!)}`
              : `${fmt(b[c - 1]!)}–${fmt(b[c]!)}`,
      })),
    });
  }
  if (o.mode === 'heatmap') {
    sections.push({
      title: t.heatLegend,
      entries: [
        { color: HEAT_RAMP[1]![1], label: t.fewer, shape: 'fill' },
        { color: HEAT_RAMP[3]![1], label: '', shape: 'fill' },
        { color: HEAT_RAMP[5]![1], label: t.more2, shape: 'fill' },
      ],
    });
  } else {
    const stages = o.stages.length ? STAGES.filter((s) => o.stages.includes(s)) : STAGES;
    sections.push({
      title: t.stageLegend,
      entries: [
        ...stages.map((s) => ({ color: STAGE_COLORS[s], label: t.stages[s] ?? s, shape: 'dot' as const })),
        ...(o.deadlines ? [{ color: '#d97706', label: t.dueSoon, shape: 'ring' as const }] : []),
        { color: '#7f0000', label: t.overdue, shape: 'ring' as const },
      ],
    });
  }
  return sections;
}
