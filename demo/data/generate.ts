/**
 * Seeded demo data: one riverside community (社区) in Hangzhou with its buildings, its grid plan
 * before and after the move to small grids, its party-mass service stations and a year of residents'
 * issues; or a whole district of such communities side by side. Same seed → byte-identical output.
 *
 * Households: the brief speaks of "about 5,000 households" and "7 grids of 300–500 households",
 * which cannot both hold (7 × 500 = 3,500), so a community has about 3,200 households.
 */
import type { Feature, FeatureCollection, LineString, Polygon, Position } from 'geojson';
import type {
  GridFeature,
  Grids,
  Issues,
  Plan,
  StationFeature,
  Stations,
  UnitFeature,
  Units,
} from '../../src/core/types.ts';
import { generateIssues, type IssueSite, type Lang, type Use } from './issues.ts';
import {
  bankLine,
  makeLattice,
  METRES_PER_DEGREE_LAT,
  METRES_PER_DEGREE_LNG,
  outline,
  riverRing,
  round7,
  vertex,
  type Lattice,
} from './lattice.ts';
import {
  CENTER_HOURS,
  CENTER_SERVICES,
  EAST_WEST_STREETS,
  GIVEN_NAMES,
  NEW_COMPOUND_SUFFIXES,
  NORTH_SOUTH_ROADS,
  OLD_COMPOUND_SUFFIXES,
  PLACE_STEMS,
  STATION_HOURS,
  STATION_SERVICES,
  SURNAMES,
  type Named,
} from './names.ts';
import { deriveSeed, Random } from './prng.ts';

export { mulberry32 } from './prng.ts';
export { DEMO_NOW, ISSUE_CATEGORIES, type IssueCategory } from './issues.ts';

export type CommunityBoundary = Feature<Polygon, { id: string; code: string; name: string }>;

export interface DemoCommunity {
  /** The community (社区). */
  boundary: CommunityBoundary;
  /** Buildings (楼栋) as points; `grid` is their grid in the current plan. */
  units: Units;
  /** The current plan: 7 grids of 300–500 households tiling the boundary. */
  grids: Grids;
  /** Before the move to small grids: 3 large grids tiling the same boundary. */
  gridsBefore: Grids;
  /** Unit id → grid id in `gridsBefore`. */
  assignmentBefore: Record<string, string>;
  plan: Plan;
  stations: Stations;
  issues: Issues;
  /** Street centrelines, for drawing without a basemap. */
  streets: FeatureCollection<LineString, { name: string }>;
  /** The river along the southern edge. */
  river: Feature<Polygon, { name: string }>;
}

export interface DemoDistrict {
  boundaries: CommunityBoundary[];
  /** Street centre lines with names (context for the map). */
  streets: FeatureCollection<LineString, { name: string }>;
  units: Units;
  grids: Grids;
  stations: Stations;
  issues: Issues;
}

/** Households of every grid lie in this band. */
export const DEMO_BAND = { min: 300, max: 500 } as const;
const PLAN_EFFECTIVE_FROM = '2026-01-01';
const DEMO_ORIGIN = { lng: 120.1545, lat: 30.2752 };
const RIVER_NAME: Named = ['贴沙河', 'Tiesha River'];
const BANK_ROAD: Named = ['滨河路', 'Binhe Road'];

/** Grid layouts of a 5 × 4 block community: one letter per street block, one letter per grid. */
const LAYOUTS: readonly (readonly string[])[] = [
  ['AABBC', 'ADDBC', 'EDFFC', 'EEGGG'],
  ['AABBB', 'ACCDD', 'ECFFD', 'EEFGG'],
  ['ABBCC', 'AADCE', 'FDDEE', 'FFGGG'],
];
/**
 * Block uses of the demo community: o old walk-ups (老旧小区), n newer high-rises, s school,
 * h health station, c community hall (党群服务中心), m market, k kindergarten, p park.
 */
const DEMO_USES = ['osnoh', 'nocoo', 'omono', 'opnkp'];
/** The three large grids the seven current ones were split from. */
const DEMO_BEFORE: Record<string, string> = { A: 'X', D: 'X', E: 'X', B: 'Y', C: 'Y', F: 'Z', G: 'Z' };
const DEMO_WIDTHS = [190, 215, 230, 205, 185];
const DEMO_HEIGHTS = [200, 185, 215, 200];
const USE_CODES: Record<string, Use> = {
  o: 'old',
  n: 'new',
  s: 'school',
  h: 'health',
  c: 'civic',
  m: 'market',
  k: 'kindergarten',
  p: 'park',
};

interface BuildingType {
  floors: number;
  entrances: number;
  weight: number;
}
/** Old six-storey walk-ups: floors × stairwells (单元) × 2 flats per landing. */
const OLD_TYPES: readonly BuildingType[] = [
  { floors: 6, entrances: 1, weight: 5 },
  { floors: 4, entrances: 2, weight: 4 },
  { floors: 5, entrances: 2, weight: 3 },
  { floors: 6, entrances: 2, weight: 3 },
  { floors: 5, entrances: 3, weight: 1 },
  { floors: 6, entrances: 3, weight: 1 },
];
/** Newer high-rises of 66–150 households. */
const NEW_TYPES: readonly BuildingType[] = [
  { floors: 11, entrances: 3, weight: 2 },
  { floors: 18, entrances: 2, weight: 3 },
  { floors: 24, entrances: 2, weight: 2 },
  { floors: 26, entrances: 2, weight: 2 },
  { floors: 18, entrances: 3, weight: 1 },
  { floors: 32, entrances: 2, weight: 1 },
  { floors: 25, entrances: 3, weight: 1 },
];
const householdsOf = (t: BuildingType): number => t.floors * t.entrances * 2;

interface CommunitySpec {
  random: Random;
  lang: Lang;
  code: string;
  name: Named;
  lattice: Lattice;
  col0: number;
  row0: number;
  layout: readonly string[];
  uses: readonly string[];
  before?: Record<string, string>;
  /** Stems for compound names, the community's own first. */
  stems: readonly Named[];
}

interface Cell {
  i: number;
  j: number;
  letter: string;
  use: Use;
}

interface Building {
  type: BuildingType | null;
  households: number;
  name: string;
  compound: string;
}

interface BuiltCommunity {
  boundary: CommunityBoundary;
  units: UnitFeature[];
  grids: GridFeature[];
  gridsBefore: GridFeature[];
  assignmentBefore: Record<string, string>;
  stations: StationFeature[];
  sites: IssueSite[];
  streets: Feature<LineString, { name: string }>[];
  households: number;
}

const pad3 = (n: number): string => String(n).padStart(3, '0');
const text = (named: Named, lang: Lang): string => (lang === 'zh-CN' ? named[0] : named[1]);

function gridName(n: number, lang: Lang, before = false): string {
  if (lang === 'zh-CN') return `${before ? '原' : ''}第${n}网格`;
  return `${before ? 'Former grid' : 'Grid'} ${n}`;
}

function workerNames(random: Random, count: number, lang: Lang): string[] {
  // Distinct surnames and given names, so no two workers of a community are confused.
  const surnames = random.shuffle(SURNAMES);
  const given = random.shuffle(GIVEN_NAMES);
  return Array.from({ length: count }, (_, k) => {
    const s = surnames[k % surnames.length] as Named;
    const g = given[k % given.length] as Named;
    return lang === 'zh-CN' ? s[0] + g[0] : `${s[1]} ${g[1]}`;
  });
}

function compoundName(stem: Named, use: Use, random: Random, lang: Lang): string {
  const suffix = random.pick(use === 'new' ? NEW_COMPOUND_SUFFIXES : OLD_COMPOUND_SUFFIXES);
  return lang === 'zh-CN' ? stem[0] + suffix[0] : `${stem[1]} ${suffix[1]}`;
}

function fillCompound(
  random: Random,
  target: number,
  types: readonly BuildingType[],
): { types: BuildingType[]; left: number } {
  const chosen: BuildingType[] = [];
  let left = target;
  for (;;) {
    const fitting = types.filter((t) => householdsOf(t) <= left);
    if (fitting.length === 0) return { types: chosen, left };
    const t = fitting[random.weightedIndex(fitting.map((f) => f.weight))] as BuildingType;
    chosen.push(t);
    left -= householdsOf(t);
  }
}

/** Names of the non-residential buildings of a block. */
function otherBuildings(use: Use, stem: Named, community: Named, street: Named, lang: Lang): string[] {
  const zh = lang === 'zh-CN';
  switch (use) {
    case 'school':
      return zh
        ? [`${stem[0]}小学教学楼`, `${stem[0]}小学体育馆`]
        : [`${stem[1]} Primary School teaching block`, `${stem[1]} Primary School gym`];
    case 'health':
      return [zh ? `${community[0]}社区卫生服务站` : `${community[1]} Community Health Station`];
    case 'civic':
      return zh
        ? [`${community[0]}社区综合楼`, `${street[0]}沿街商铺`]
        : [`${community[1]} Community Hall`, `${street[1]} shops`];
    case 'market':
      return zh
        ? [`${stem[0]}农贸市场`, `${street[0]}沿街商铺`]
        : [`${stem[1]} Market`, `${street[1]} shops`];
    case 'kindergarten':
      return [zh ? `${stem[0]}幼儿园` : `${stem[1]} Kindergarten`];
    case 'park':
      return [zh ? `${stem[0]}公园管理用房` : `${stem[1]} Park lodge`];
    default:
      return [];
  }
}

/** Street names of the lattice lines, the same for every community that shares a line. */
function northSouthName(i: number): Named {
  return NORTH_SOUTH_ROADS[i % NORTH_SOUTH_ROADS.length] as Named;
}
function eastWestName(lattice: Lattice, j: number): Named {
  return j === lattice.bankRow ? BANK_ROAD : (EAST_WEST_STREETS[j % EAST_WEST_STREETS.length] as Named);
}

interface Nearest {
  street: Named;
  /** Point 14 m inside the block from the street. */
  kerb: Position;
}

function nearestStreet(lattice: Lattice, i: number, j: number, at: Position): Nearest {
  const [lng, lat] = at as [number, number];
  const west = lattice.xs[i] as number;
  const east = lattice.xs[i + 1] as number;
  const north = lattice.ys[j] as number;
  const south = lattice.ys[j + 1] as number;
  const inset = 14;
  const sides: Array<[number, Named, Position]> = [
    [(lng - west) * METRES_PER_DEGREE_LNG, northSouthName(i), [west + inset / METRES_PER_DEGREE_LNG, lat]],
    [
      (east - lng) * METRES_PER_DEGREE_LNG,
      northSouthName(i + 1),
      [east - inset / METRES_PER_DEGREE_LNG, lat],
    ],
    [
      (north - lat) * METRES_PER_DEGREE_LAT,
      eastWestName(lattice, j),
      [lng, north - inset / METRES_PER_DEGREE_LAT],
    ],
    [
      (lat - south) * METRES_PER_DEGREE_LAT,
      eastWestName(lattice, j + 1),
      [lng, south + inset / METRES_PER_DEGREE_LAT],
    ],
  ];
  let best = sides[0] as [number, Named, Position];
  for (const side of sides) if (side[0] < best[0]) best = side;
  return { street: best[1], kerb: [round7(best[2][0] as number), round7(best[2][1] as number)] };
}

/** Rectangle `[west, south, east, north]` of block (i, j) shrunk by `metres` on every side. */
function blockInterior(
  lattice: Lattice,
  i: number,
  j: number,
  metres: number,
): [number, number, number, number] {
  const dLng = metres / METRES_PER_DEGREE_LNG;
  const dLat = metres / METRES_PER_DEGREE_LAT;
  return [
    (lattice.xs[i] as number) + dLng,
    (lattice.ys[j + 1] as number) + dLat,
    (lattice.xs[i + 1] as number) - dLng,
    (lattice.ys[j] as number) - dLat,
  ];
}

/** Row-by-row positions for `count` buildings in a block (slabs in rows, as old estates are built). */
function placeBuildings(random: Random, lattice: Lattice, i: number, j: number, count: number): Position[] {
  const [west, south, east, north] = blockInterior(lattice, i, j, 28);
  const width = (east - west) * METRES_PER_DEGREE_LNG;
  const height = (north - south) * METRES_PER_DEGREE_LAT;
  const columns = Math.max(1, Math.min(count, Math.round(Math.sqrt((count * width) / height))));
  const rows = Math.ceil(count / columns);
  const positions: Position[] = [];
  for (let k = 0; k < count; k++) {
    const row = Math.floor(k / columns);
    const column = k % columns;
    const fx = (column + 0.5 + random.range(-0.15, 0.15)) / columns;
    const fy = (row + 0.5 + random.range(-0.15, 0.15)) / rows;
    positions.push([round7(west + (east - west) * fx), round7(north - (north - south) * fy)]);
  }
  return positions;
}

/** Grid letters in reading order (north → south, west → east), which numbers the grids. */
function lettersInReadingOrder(layout: readonly string[]): string[] {
  const seen: string[] = [];
  for (const row of layout) for (const letter of row) if (!seen.includes(letter)) seen.push(letter);
  return seen;
}

function gridFeature(
  lattice: Lattice,
  cells: readonly Cell[],
  props: { id: string; code: string; name: string; community: string; worker: string; households: number },
): GridFeature {
  return {
    type: 'Feature',
    geometry: {
      type: 'Polygon',
      coordinates: [
        outline(
          lattice,
          cells.map((c) => [c.i, c.j] as const),
        ),
      ],
    },
    properties: props,
  };
}

function buildCommunity(spec: CommunitySpec): BuiltCommunity {
  const { random, lang, code, lattice } = spec;
  const zh = lang === 'zh-CN';
  const communityName = zh ? `${spec.name[0]}社区` : `${spec.name[1]} Community`;

  const cells: Cell[] = [];
  spec.layout.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      const use = USE_CODES[(spec.uses[r] as string)[c] as string];
      if (!use) throw new Error(`unknown block use at row ${r}, column ${c}`);
      cells.push({ i: spec.col0 + c, j: spec.row0 + r, letter: row[c] as string, use });
    }
  });
  const letters = lettersInReadingOrder(spec.layout);
  const workers = workerNames(random, letters.length, lang);
  const gridIds = new Map(letters.map((letter, k) => [letter, `${code}${pad3(k + 1)}`]));

  // Compounds: one per residential block; non-residential blocks get their own named buildings.
  let stemIndex = 0;
  const nextStem = (): Named => spec.stems[stemIndex++ % spec.stems.length] as Named;
  const compoundOf = new Map<Cell, string>();
  const otherStem = new Map<Cell, Named>();
  for (const cell of cells) {
    if (cell.use === 'old' || cell.use === 'new')
      compoundOf.set(cell, compoundName(nextStem(), cell.use, random, lang));
  }
  for (const cell of cells) if (!compoundOf.has(cell)) otherStem.set(cell, nextStem());

  // Household targets per grid, filled by buildings compound by compound, old compounds last so the
  // remainder that no building fits is smaller than the smallest walk-up.
  const buildingsOf = new Map<Cell, Building[]>();
  for (const letter of letters) {
    const gridCells = cells.filter((c) => c.letter === letter);
    const residential = gridCells
      .filter((c) => compoundOf.has(c))
      .sort((a, b) => (a.use === b.use ? 0 : a.use === 'new' ? -1 : 1));
    if (residential.length === 0) throw new Error(`grid ${letter} has no residential block`);
    const weights = residential.map(() => random.range(0.8, 1.2));
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    let carry = 0;
    residential.forEach((cell, k) => {
      const share = Math.round((random.int(430, 498) * (weights[k] as number)) / totalWeight);
      const { types, left } = fillCompound(random, share + carry, cell.use === 'new' ? NEW_TYPES : OLD_TYPES);
      carry = left;
      const compound = compoundOf.get(cell) as string;
      buildingsOf.set(
        cell,
        types.map((type, n) => ({
          type,
          households: householdsOf(type),
          name: zh ? `${compound}${n + 1}幢` : `${compound} Bldg ${n + 1}`,
          compound,
        })),
      );
    });
  }
  for (const cell of cells) {
    if (buildingsOf.has(cell)) continue;
    const centre: Position = [
      ((lattice.xs[cell.i] as number) + (lattice.xs[cell.i + 1] as number)) / 2,
      ((lattice.ys[cell.j] as number) + (lattice.ys[cell.j + 1] as number)) / 2,
    ];
    const street = nearestStreet(lattice, cell.i, cell.j, centre).street;
    const names = otherBuildings(cell.use, otherStem.get(cell) as Named, spec.name, street, lang);
    buildingsOf.set(
      cell,
      names.map((name) => ({ type: null, households: 0, name, compound: name })),
    );
  }

  // Units and the sites where issues are reported.
  const units: UnitFeature[] = [];
  const sites: IssueSite[] = [];
  const unitsOfLetter = new Map<string, UnitFeature[]>();
  const hallOf = new Map<Cell, Position>();
  for (const cell of cells) {
    const buildings = buildingsOf.get(cell) as Building[];
    const positions = placeBuildings(random, lattice, cell.i, cell.j, buildings.length);
    const grid = gridIds.get(cell.letter) as string;
    const worker = workers[letters.indexOf(cell.letter)] as string;
    buildings.forEach((building, k) => {
      const position = positions[k] as Position;
      if (k === 0 && cell.use === 'civic') hallOf.set(cell, position);
      const old = cell.use === 'old';
      const population = building.type ? Math.round(building.households * random.range(2.2, 2.9)) : 0;
      const care = building.type
        ? Math.round(population * (old ? random.range(0.03, 0.09) : random.range(0.005, 0.03)))
        : 0;
      const id = `${code}-B${pad3(units.length + 1)}`;
      const unit: UnitFeature = {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: position },
        properties: {
          id,
          name: building.name,
          households: building.households,
          population,
          care,
          community: code,
          grid,
          compound: building.compound,
          type: building.type ? (old ? 'old-walk-up' : 'high-rise') : 'non-residential',
          floors: building.type ? building.type.floors : 3,
        },
      };
      units.push(unit);
      const list = unitsOfLetter.get(cell.letter) ?? [];
      list.push(unit);
      unitsOfLetter.set(cell.letter, list);
      const nearest = nearestStreet(lattice, cell.i, cell.j, position);
      sites.push({
        unitId: id,
        grid,
        worker,
        use: cell.use,
        households: building.households,
        care,
        floors: building.type ? building.type.floors : 3,
        entrances: building.type ? building.type.entrances : 1,
        building: building.name,
        compound: building.compound,
        street: text(nearest.street, lang),
        position,
        kerb: nearest.kerb,
        block: blockInterior(lattice, cell.i, cell.j, 8),
        hotspot: old && random.chance(0.04),
      });
    });
  }

  // Grids of the current plan.
  const grids = letters.map((letter, k) => {
    const households = (unitsOfLetter.get(letter) ?? []).reduce((sum, u) => sum + u.properties.households, 0);
    if (households < DEMO_BAND.min || households > DEMO_BAND.max) {
      throw new Error(`grid ${letter} of ${code} has ${households} households, outside the band`);
    }
    return gridFeature(
      lattice,
      cells.filter((c) => c.letter === letter),
      {
        id: gridIds.get(letter) as string,
        code: gridIds.get(letter) as string,
        name: gridName(k + 1, lang),
        community: code,
        worker: workers[k] as string,
        households,
      },
    );
  });

  // The large grids before the split.
  const gridsBefore: GridFeature[] = [];
  const assignmentBefore: Record<string, string> = {};
  if (spec.before) {
    const before = spec.before;
    const beforeLetters = lettersInReadingOrder(
      spec.layout.map((row) => [...row].map((l) => before[l] ?? l).join('')),
    );
    const beforeWorkers = random.shuffle(workers).slice(0, beforeLetters.length);
    beforeLetters.forEach((beforeLetter, k) => {
      const id = `${code}-old-${k + 1}`;
      const members = letters.filter((l) => before[l] === beforeLetter);
      let households = 0;
      for (const letter of members) {
        for (const unit of unitsOfLetter.get(letter) ?? []) {
          households += unit.properties.households;
          assignmentBefore[unit.properties.id] = id;
        }
      }
      gridsBefore.push(
        gridFeature(
          lattice,
          cells.filter((c) => members.includes(c.letter)),
          {
            id,
            code: `${code}${pad3(k + 1)}`,
            name: gridName(k + 1, lang, true),
            community: code,
            worker: beforeWorkers[k] as string,
            households,
          },
        ),
      );
    });
  }

  const stations = buildStations(spec, cells, compoundOf, hallOf, gridIds, communityName);

  const boundary: CommunityBoundary = {
    type: 'Feature',
    geometry: {
      type: 'Polygon',
      coordinates: [
        outline(
          lattice,
          cells.map((c) => [c.i, c.j] as const),
        ),
      ],
    },
    properties: { id: code, code, name: communityName },
  };
  const households = units.reduce((sum, u) => sum + u.properties.households, 0);
  return {
    boundary,
    units,
    grids,
    gridsBefore,
    assignmentBefore,
    stations,
    sites,
    streets: buildStreets(spec),
    households,
  };
}

function buildStations(
  spec: CommunitySpec,
  cells: readonly Cell[],
  compoundOf: ReadonlyMap<Cell, string>,
  hallOf: ReadonlyMap<Cell, Position>,
  gridIds: ReadonlyMap<string, string>,
  communityName: string,
): StationFeature[] {
  const { random, lang, lattice, code } = spec;
  const zh = lang === 'zh-CN';
  const civic = cells.find((c) => c.use === 'civic');
  if (!civic) throw new Error(`community ${code} has no community hall block`);
  const hall = hallOf.get(civic) as Position;
  const address = (cell: Cell, at: Position): string => {
    const street = text(nearestStreet(lattice, cell.i, cell.j, at).street, lang);
    const number = random.int(1, 320);
    return zh ? `${street}${number}号` : `No. ${number} ${street}`;
  };
  const centerAt: Position = [round7((hall[0] as number) + 10 / METRES_PER_DEGREE_LNG), hall[1] as number];
  const stations: StationFeature[] = [
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: centerAt },
      properties: {
        id: `${code}-S1`,
        name: zh ? `${communityName}党群服务中心` : `${communityName} Party-Mass Service Center`,
        kind: 'center',
        services: [...CENTER_SERVICES, ...STATION_SERVICES.slice(0, 1)].map((s) => text(s, lang)),
        hours: text(CENTER_HOURS, lang),
        address: address(civic, centerAt),
        community: code,
        grid: gridIds.get(civic.letter) as string,
      },
    },
  ];
  // One post or social-work station in every other grid, each with its own signature service.
  const kinds = random.shuffle(['post', 'post', 'post', 'post', 'social-work', 'social-work']);
  const signatures = random.shuffle(STATION_SERVICES.slice(0, 6));
  const extras = STATION_SERVICES.slice(6);
  const otherLetters = lettersInReadingOrder(spec.layout).filter((l) => l !== civic.letter);
  otherLetters.forEach((letter, k) => {
    const options = cells.filter((c) => c.letter === letter && compoundOf.has(c));
    const olds = options.filter((c) => c.use === 'old');
    const cell = random.pick(olds.length > 0 ? olds : options);
    const [west, south, east, north] = blockInterior(lattice, cell.i, cell.j, 16);
    const onWestOrEast = random.chance(0.5);
    const at: Position = onWestOrEast
      ? [round7(random.chance(0.5) ? west : east), round7(random.range(south, north))]
      : [round7(random.range(west, east)), round7(random.chance(0.5) ? south : north)];
    const kind = kinds[k % kinds.length] as string;
    const compound = compoundOf.get(cell) as string;
    const services = [
      signatures[k % signatures.length] as Named,
      ...random.shuffle(extras).slice(0, random.int(1, 2)),
    ];
    stations.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: at },
      properties: {
        id: `${code}-S${k + 2}`,
        name:
          kind === 'post'
            ? zh
              ? `${compound}党群驿站`
              : `${compound} Party-Mass Post`
            : zh
              ? `${compound}社工站`
              : `${compound} Social Work Station`,
        kind,
        services: services.map((s) => text(s, lang)),
        hours: text(random.pick(STATION_HOURS), lang),
        address: address(cell, at),
        community: code,
        grid: gridIds.get(letter) as string,
      },
    });
  });
  return stations;
}

function buildStreets(spec: CommunitySpec): Feature<LineString, { name: string }>[] {
  const { lattice, col0, row0, lang } = spec;
  const columns = (spec.layout[0] as string).length;
  const rows = spec.layout.length;
  const streets: Feature<LineString, { name: string }>[] = [];
  for (let i = col0; i <= col0 + columns; i++) {
    streets.push({
      type: 'Feature',
      geometry: {
        type: 'LineString',
        coordinates: [vertex(lattice, i, row0), vertex(lattice, i, row0 + rows)],
      },
      properties: { name: text(northSouthName(i), lang) },
    });
  }
  for (let j = row0; j <= row0 + rows; j++) {
    const coordinates =
      j === lattice.bankRow
        ? bankLine(lattice, col0, col0 + columns)
        : [vertex(lattice, col0, j), vertex(lattice, col0 + columns, j)];
    streets.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates },
      properties: { name: text(eastWestName(lattice, j), lang) },
    });
  }
  return streets;
}

function collection<G extends Feature['geometry'], P>(features: Feature<G, P>[]): FeatureCollection<G, P> {
  return { type: 'FeatureCollection', features };
}

/**
 * One riverside community of about 3,200 households in 7 grids, with the 3 grids it had before.
 *
 * @example
 * const { grids, units, issues } = generateCommunity({ seed: 7 });
 */
export function generateCommunity(options: { seed?: number; lang?: 'zh-CN' | 'en' } = {}): DemoCommunity {
  const seed = options.seed ?? 1;
  const lang = options.lang ?? 'zh-CN';
  const random = new Random(seed);
  const lattice = makeLattice(random, {
    originLng: DEMO_ORIGIN.lng,
    originLat: DEMO_ORIGIN.lat,
    widths: DEMO_WIDTHS,
    heights: DEMO_HEIGHTS,
    river: true,
  });
  const home = PLACE_STEMS[0] as Named;
  const spec: CommunitySpec = {
    random,
    lang,
    code: '330102001',
    name: home,
    lattice,
    col0: 0,
    row0: 0,
    layout: LAYOUTS[0] as readonly string[],
    uses: DEMO_USES,
    before: DEMO_BEFORE,
    stems: [home, ...random.shuffle(PLACE_STEMS.slice(1))],
  };
  const built = buildCommunity(spec);
  const issues = generateIssues(random, built.sites, {
    count: 2000,
    lang,
    prefix: spec.code,
    community: spec.code,
  });
  const assignment: Record<string, string> = {};
  for (const unit of built.units) assignment[unit.properties.id] = unit.properties.grid as string;
  return {
    boundary: built.boundary,
    units: collection(built.units),
    grids: collection(built.grids),
    gridsBefore: collection(built.gridsBefore),
    assignmentBefore: built.assignmentBefore,
    plan: {
      id: `${spec.code}-plan-2026`,
      effectiveFrom: PLAN_EFFECTIVE_FROM,
      grids: built.grids.map((g) => ({ ...g.properties })),
      assignment,
    },
    stations: collection(built.stations),
    issues: collection(issues),
    streets: collection(built.streets),
    river: {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [riverRing(lattice, 0, DEMO_WIDTHS.length, 80)] },
      properties: { name: text(RIVER_NAME, lang) },
    },
  };
}

const DIRECTION_SUFFIXES: readonly Named[] = [
  ['', ''],
  ['东', ' East'],
  ['西', ' West'],
  ['南', ' South'],
  ['北', ' North'],
];

function randomUses(random: Random, layout: readonly string[]): string[] {
  const uses = layout.map((row) =>
    [...row]
      .map(() => {
        const r = random.next();
        return r < 0.55 ? 'o' : r < 0.77 ? 'n' : random.pick(['s', 'h', 'm', 'k', 'p']);
      })
      .join(''),
  );
  const set = (r: number, c: number, use: string): void => {
    const row = uses[r] as string;
    uses[r] = row.slice(0, c) + use + row.slice(c + 1);
  };
  const hallRow = random.int(0, layout.length - 2);
  const hallColumn = random.int(1, (layout[0] as string).length - 2);
  set(hallRow, hallColumn, 'c');
  for (const letter of lettersInReadingOrder(layout)) {
    const blocks: Array<[number, number]> = [];
    layout.forEach((row, r) => [...row].forEach((l, c) => l === letter && blocks.push([r, c])));
    const residential = blocks.some(([r, c]) => 'on'.includes((uses[r] as string)[c] as string));
    if (!residential) {
      const free = blocks.find(([r, c]) => (uses[r] as string)[c] !== 'c') as [number, number];
      set(free[0], free[1], 'o');
    }
  }
  return uses;
}

/**
 * A district of communities side by side (default 150 communities, 1,050 grids, about 20,000
 * buildings and 50,000 issues). Community codes are `330102` + 3 digits; every id starts with its
 * community code.
 */
export function generateDistrict(
  options: { seed?: number; communities?: number; issues?: number; lang?: 'zh-CN' | 'en' } = {},
): DemoDistrict {
  const seed = options.seed ?? 1;
  const count = options.communities ?? 150;
  const issueCount = options.issues ?? 50_000;
  const lang = options.lang ?? 'zh-CN';
  if (!Number.isInteger(count) || count < 1 || count > 999)
    throw new Error('communities must be an integer from 1 to 999');
  const random = new Random(seed);
  const columns = Math.ceil(Math.sqrt(count));
  const rows = Math.ceil(count / columns);
  const lattice = makeLattice(random, {
    originLng: DEMO_ORIGIN.lng - (columns * 1.0) / 2 / 100,
    originLat: DEMO_ORIGIN.lat + (rows * 0.8) / 2 / 111,
    widths: Array.from({ length: columns * 5 }, () => random.int(180, 240)),
    heights: Array.from({ length: rows * 4 }, () => random.int(170, 230)),
    river: true,
  });
  const stems = random.shuffle(PLACE_STEMS);
  const built: BuiltCommunity[] = [];
  const randoms: Random[] = [];
  for (let k = 0; k < count; k++) {
    const local = new Random(deriveSeed(seed, k));
    const base = LAYOUTS[local.int(0, LAYOUTS.length - 1)] as readonly string[];
    const layout = local.chance(0.5) ? base.map((row) => [...row].reverse().join('')) : base;
    const stem = stems[k % stems.length] as Named;
    const suffix = DIRECTION_SUFFIXES[Math.floor(k / stems.length) % DIRECTION_SUFFIXES.length] as Named;
    const code = `330102${pad3(k + 1)}`;
    built.push(
      buildCommunity({
        random: local,
        lang,
        code,
        name: [stem[0] + suffix[0], stem[1] + suffix[1]],
        lattice,
        col0: (k % columns) * 5,
        row0: Math.floor(k / columns) * 4,
        layout,
        uses: randomUses(local, layout),
        stems: [stem, ...local.shuffle(PLACE_STEMS.filter((s) => s !== stem))],
      }),
    );
    randoms.push(local);
  }
  // Issues shared out by households (largest remainder, so the total is exact).
  const totalHouseholds = built.reduce((sum, b) => sum + b.households, 0);
  const exact = built.map((b) => (issueCount * b.households) / totalHouseholds);
  const counts = exact.map(Math.floor);
  let missing = issueCount - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((e, k) => [e - Math.floor(e), k] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, k] of byRemainder) {
    if (missing-- <= 0) break;
    counts[k] = (counts[k] as number) + 1;
  }
  const issues = built.flatMap((b, k) =>
    generateIssues(randoms[k] as Random, b.sites, {
      count: counts[k] as number,
      lang,
      prefix: b.boundary.properties.code,
      community: b.boundary.properties.code,
    }),
  );
  return {
    boundaries: built.map((b) => b.boundary),
    streets: { type: 'FeatureCollection', features: built.flatMap((b) => b.streets) },
    units: collection(built.flatMap((b) => b.units)),
    grids: collection(built.flatMap((b) => b.grids)),
    stations: collection(built.flatMap((b) => b.stations)),
    issues: collection(issues),
  };
}
