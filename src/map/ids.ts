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
