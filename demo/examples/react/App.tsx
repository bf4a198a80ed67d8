import { useEffect, useState } from 'react';
import type { FeatureCollection } from 'geojson';
// Registers <wg-map>, <wg-grid-layer>, … once; safe if another copy of Wangge on the page did it first.
import 'wangge/define';
import type { GridProperties, WgGridSelectEvent } from 'wangge';
import gridsUrl from '../data/grids.geojson?url';
import stationsUrl from '../data/stations.geojson?url';
import './wangge-jsx.ts';

async function loadJson(url: string): Promise<FeatureCollection> {
  const response = await fetch(url);
  return (await response.json()) as FeatureCollection;
}

/** A portal page in React 19: custom elements take properties (`data`, `maxHouseholds`) and `on<event>` handlers. */
export function App() {
  const [grids, setGrids] = useState<FeatureCollection>();
  const [stations, setStations] = useState<FeatureCollection>();
  const [maxHouseholds, setMaxHouseholds] = useState(500);
  const [selected, setSelected] = useState<GridProperties | null>(null);
  const [lang, setLang] = useState<'zh-CN' | 'en'>('zh-CN');

  useEffect(() => {
    void loadJson(gridsUrl).then(setGrids);
    void loadJson(stationsUrl).then(setStations);
  }, []);

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif' }}>
      <header style={{ display: 'flex', gap: '1rem', padding: '0.5rem 1rem' }}>
        <label>
          Band maximum{' '}
          <select
            id="band"
            value={maxHouseholds}
            onChange={(event) => setMaxHouseholds(Number(event.target.value))}
          >
            <option value={500}>500</option>
            <option value={450}>450</option>
          </select>
        </label>
        <button id="lang" type="button" onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>
          {lang === 'en' ? '中文' : 'English'}
        </button>
        <span>
          Selected:{' '}
          <output id="selected">{selected ? `${selected.name} (${selected.households})` : 'none'}</output>
        </span>
      </header>
      <wg-map lang={lang} style={{ height: 560 }} onwg-error={(event) => console.warn(event.detail.message)}>
        <wg-grid-layer
          data={grids}
          minHouseholds={300}
          maxHouseholds={maxHouseholds}
          onwg-grid-select={(event: WgGridSelectEvent) => setSelected(event.detail.properties)}
        />
        <wg-station-layer data={stations} />
      </wg-map>
    </main>
  );
}
