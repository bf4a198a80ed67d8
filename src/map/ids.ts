/** Every MapLibre source and layer id Wangge adds carries this prefix, so it never collides with a portal's own. */
export const PREFIX = 'wg-';

/** Ids of one layer element's sources and layers; `key` keeps two elements of the same kind apart. */
export function layerIds(kind: string, key: string) {
  const base = `${PREFIX}${kind}-${key}`;
  return {
    source: base,
    fill: `${base}-fill`,
    line: `${base}-line`,
    highlight: `${base}-highlight`,
    label: `${base}-label`,
    circle: `${base}-circle`,
    symbol: `${base}-symbol`,
    cluster: `${base}-cluster`,
    clusterCount: `${base}-cluster-count`,
    heatmap: `${base}-heatmap`,
  };
}

export const BACKGROUND_LAYER = `${PREFIX}background`;

const GRID_LABEL = new RegExp(`^${PREFIX}grid-\\d+-label$`);

/**
 * Moves the grid labels (code or name, households, worker) above every other Wangge layer, so the
 * issue points, heatmap and load colours added after them never cover what a supervisor reads first.
 */
export function raiseGridLabels(map: { raise(test: (id: string) => boolean): void }): void {
  map.raise((id) => GRID_LABEL.test(id));
}
