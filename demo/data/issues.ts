/**
 * Residents' issues for the demo: categories from everyday community work, Chinese (or English)
 * descriptions from templates, seasonal reporting times, and a handling timeline whose stage at
 * `DEMO_NOW` gives `stage`, `status` and `updated_datetime`.
 */
import type { Position } from 'geojson';
import type { IssueFeature, Stage } from '../../src/core/types.ts';
import { METRES_PER_DEGREE_LAT, METRES_PER_DEGREE_LNG, round7 } from './lattice.ts';
import { WeightedTable, type Random } from './prng.ts';

export type Lang = 'zh-CN' | 'en';
export type Use = 'old' | 'new' | 'school' | 'health' | 'civic' | 'market' | 'kindergarten' | 'park';

/** The demo's clock: issues are reported up to this moment; "overdue" is measured against it. */
export const DEMO_NOW = '2026-10-31T18:00:00+08:00';
const NOW_MINUTES = Date.UTC(2026, 9, 31, 10, 0) / 60_000;
/** First month of the 12 reported months (November 2025). */
const FIRST_MONTH = { year: 2025, month: 10 };
const PLAN_EFFECTIVE_MINUTES = Date.UTC(2025, 11, 31, 16, 0) / 60_000;

export interface IssueCategory {
  id: string;
  zh: string;
  en: string;
}

type AddressKind = 'building' | 'entrance' | 'room' | 'street' | 'compound';

interface CategoryRules extends IssueCategory {
  /** Share of all issues. */
  share: number;
  /** Weight per household in old walk-ups and in newer high-rises. */
  old: number;
  new: number;
  /** Weight of non-residential units by use. */
  other: Partial<Record<Use, number>>;
  /** Weighted by residents needing care rather than by households. */
  byCare?: boolean;
  /** Relative reporting rate by calendar month, January first. */
  months: readonly number[];
  /** Days until `expected_datetime`. */
  deadlineDays: number;
  /** Days of actual work, min and max. */
  workDays: readonly [number, number];
  /** Probability that the case stalls (waits for another department, a permit, money). */
  stall: number;
  /** Probability that the case stays in handling for good (a structural problem, e.g. too few parking spaces). */
  chronic: number;
  agency: readonly [string, string];
  address: AddressKind;
  zhTemplates: readonly string[];
  enTemplates: readonly string[];
  zhOther: string;
  enOther: string;
}

const FLAT = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] as const;

const RULES: readonly CategoryRules[] = [
  {
    id: 'ebike-cable',
    zh: '飞线充电',
    en: 'E-bike charging cable from window',
    share: 14,
    old: 3,
    new: 0.5,
    other: {},
    months: [1.3, 1.2, 1, 1, 0.9, 0.9, 0.9, 0.9, 1, 1, 1.2, 1.3],
    deadlineDays: 2,
    workDays: [0.2, 2],
    stall: 0.03,
    chronic: 0.01,
    agency: ['网格员', 'grid worker'],
    address: 'building',
    zhTemplates: [
      '{b}{f}楼有住户从窗口拉电线下来给电动车充电，电线垂到一楼，存在火灾隐患。',
      '{b}楼下每天晚上都有飞线充电，插线板直接放在地上，下雨天很危险。',
      '{b}{u}单元楼道里私拉电线给电瓶车充电，劝说过几次没有改。',
      '{c}充电桩不够用，{b}附近又出现飞线充电，希望加装充电桩。',
    ],
    enTemplates: [
      'A resident on floor {f} of {b} runs a cable out of the window to charge an e-bike; it hangs down to the ground floor and is a fire risk.',
      'Every night an e-bike is charged outside {b} from a cable hung out of a window; the power strip lies on the ground.',
      'Someone in entrance {u} of {b} charges an e-bike in the stairwell with a private cable and has ignored several requests to stop.',
      'Not enough charging points in {c}; cables hang from windows again near {b}. Please add chargers.',
    ],
    zhOther: '{n}门口有人拉线给电动车充电。',
    enOther: 'Someone charges an e-bike from a trailing cable outside {n}.',
  },
  {
    id: 'sewer',
    zh: '污水管道堵塞/渗漏',
    en: 'Blocked or leaking sewer',
    share: 12,
    old: 3,
    new: 0.7,
    other: { market: 40, school: 10 },
    months: [0.8, 0.8, 0.9, 1, 1.2, 1.8, 1.6, 1.3, 1.2, 0.9, 0.8, 0.8],
    deadlineDays: 2,
    workDays: [0.3, 4],
    stall: 0.05,
    chronic: 0.02,
    agency: ['排水所', 'drainage office'],
    address: 'entrance',
    zhTemplates: [
      '{b}{u}单元一楼污水管道堵塞，地漏往外冒污水，气味很大。',
      '{b}楼后窨井满溢，污水流到路面上，已经两天了。',
      '{b}{r}室卫生间下水管渗漏，楼下住户天花板在滴水。',
      '{b}门口化粪池堵了，下雨天污水倒灌进一楼。',
    ],
    enTemplates: [
      'The sewer of entrance {u}, {b} is blocked; waste water comes up through the ground-floor drain and smells badly.',
      'The manhole behind {b} is overflowing onto the road and has been for two days.',
      'The bathroom drain pipe of room {r}, {b} leaks; the ceiling of the flat below is dripping.',
      'The septic tank in front of {b} is blocked; when it rains, sewage flows back into the ground floor.',
    ],
    zhOther: '{n}附近污水井堵塞，污水外溢。',
    enOther: 'A sewer manhole near {n} is blocked and overflowing.',
  },
  {
    id: 'parking',
    zh: '停车难',
    en: 'Parking shortage',
    share: 12,
    old: 1.6,
    new: 1.1,
    other: { market: 60, school: 50, health: 30 },
    months: FLAT,
    deadlineDays: 15,
    workDays: [3, 30],
    stall: 0.3,
    chronic: 0.12,
    agency: ['城管中队', 'city management'],
    address: 'compound',
    zhTemplates: [
      '{c}车位太少，晚上车都停到消防通道上，救护车进不来。',
      '{s}靠{c}一侧两边停满车，早上送孩子上学很难通过。',
      '希望在{c}附近增设夜间共享停车位。',
      '{b}楼前被外来车辆长期占用，住户停不进去。',
    ],
    enTemplates: [
      'Too few parking spaces in {c}; at night cars block the fire lane and an ambulance could not get in.',
      'Both sides of {s} next to {c} are lined with parked cars; it is hard to get through on the school run.',
      'Please add shared night-time parking spaces near {c}.',
      'The space in front of {b} is taken by outside cars for weeks; residents cannot park.',
    ],
    zhOther: '{n}门口车辆乱停，堵住了路口。',
    enOther: 'Cars parked anyhow outside {n} block the junction.',
  },
  {
    id: 'tree-light',
    zh: '树木遮挡采光',
    en: 'Trees blocking light',
    share: 7,
    old: 1.6,
    new: 0.6,
    other: {},
    months: [0.5, 0.5, 0.7, 1, 1.3, 1.4, 1.4, 1.3, 1.2, 1, 0.7, 0.5],
    deadlineDays: 10,
    workDays: [3, 20],
    stall: 0.2,
    chronic: 0.06,
    agency: ['园林绿化所', 'parks and greening office'],
    address: 'room',
    zhTemplates: [
      '{b}南面的香樟树太高，{f}楼常年晒不到太阳，申请修剪。',
      '{b}前的树枝伸到{f}楼窗户边，遮挡采光还有虫子爬进屋。',
      '{b}一楼住户反映楼前绿化树木遮光，家里白天也要开灯。',
    ],
    enTemplates: [
      'The camphor tree south of {b} has grown so tall that floor {f} gets no sun all year; please prune it.',
      'Branches in front of {b} reach the windows of floor {f}, block the light and let insects in.',
      'Ground-floor residents of {b} say the trees in front keep their flats dark; they need lights on by day.',
    ],
    zhOther: '{n}旁的树枝太密，挡住了路灯。',
    enOther: 'Dense branches next to {n} hide the street light.',
  },
  {
    id: 'stairwell-clutter',
    zh: '楼道堆物',
    en: 'Clutter in stairwells',
    share: 13,
    old: 3,
    new: 0.6,
    other: {},
    months: [1.2, 1.3, 1, 1, 1, 0.9, 0.9, 0.9, 1, 1, 1, 1],
    deadlineDays: 3,
    workDays: [0.2, 3],
    stall: 0.04,
    chronic: 0.02,
    agency: ['物业', 'property management'],
    address: 'entrance',
    zhTemplates: [
      '{b}{u}单元楼道堆放纸箱和旧家具，影响通行，有消防隐患。',
      '{b}{u}单元{f}楼楼梯口堆满杂物，老人上下楼不方便。',
      '{b}{u}单元一楼楼道停放电动车和自行车，堵住了通道。',
    ],
    enTemplates: [
      'Cardboard boxes and old furniture fill the stairwell of entrance {u}, {b}; it blocks the way and is a fire risk.',
      'The landing on floor {f} of entrance {u}, {b} is piled with junk; elderly residents struggle to pass.',
      'E-bikes and bicycles parked in the ground-floor hall of entrance {u}, {b} block the way out.',
    ],
    zhOther: '{n}后门通道堆放杂物。',
    enOther: 'Junk is piled in the back passage of {n}.',
  },
  {
    id: 'street-light',
    zh: '路灯损坏',
    en: 'Broken street light',
    share: 8,
    old: 1.2,
    new: 0.8,
    other: { civic: 20, market: 20, school: 20 },
    months: [1.3, 1.1, 1, 0.9, 0.8, 0.7, 0.7, 0.8, 0.9, 1.1, 1.3, 1.4],
    deadlineDays: 5,
    workDays: [1, 8],
    stall: 0.08,
    chronic: 0.02,
    agency: ['市政设施中心', 'municipal facilities'],
    address: 'street',
    zhTemplates: [
      '{s}靠{c}门口的路灯不亮已经一个多星期了，晚上走路看不清。',
      '{b}旁边的庭院灯坏了，晚上黑漆漆的，老人出门不安全。',
      '{c}内路灯忽明忽暗，请派人检修。',
    ],
    enTemplates: [
      'The street light on {s} at the gate of {c} has been out for over a week; it is too dark to walk at night.',
      'The courtyard lamp next to {b} is broken; it is pitch dark and unsafe for elderly residents at night.',
      'The lamps inside {c} keep flickering; please send someone to repair them.',
    ],
    zhOther: '{n}门前路灯不亮。',
    enOther: 'The street light in front of {n} is out.',
  },
  {
    id: 'elderly-allowance',
    zh: '高龄津贴代办',
    en: 'Elderly allowance application',
    share: 10,
    old: 0,
    new: 0,
    other: {},
    byCare: true,
    months: [1.6, 1.2, 1, 1, 0.9, 0.9, 1.2, 0.9, 0.9, 1, 0.9, 0.9],
    deadlineDays: 10,
    workDays: [3, 12],
    stall: 0.05,
    chronic: 0.0,
    agency: ['社区民政', 'community civil affairs'],
    address: 'room',
    zhTemplates: [
      '{b}{r}室{a}岁老人行动不便，家属申请代办高龄津贴。',
      '{b}{u}单元独居老人今年满{a}岁，想申请高龄津贴，请网格员上门帮忙办理。',
      '{b}{r}室老人的高龄津贴停发了，请帮忙核实后重新申请。',
    ],
    enTemplates: [
      'An elderly resident ({a}) of room {r}, {b} cannot get about; the family asks us to apply for the elderly allowance.',
      'A resident of entrance {u}, {b} who lives alone turns {a} this year and needs the grid worker to help apply for the elderly allowance at home.',
      'The elderly allowance of the resident in room {r}, {b} has stopped; please check and re-apply.',
    ],
    zhOther: '',
    enOther: '',
  },
  {
    id: 'disability-card',
    zh: '残疾证代办',
    en: 'Disability card application',
    share: 4,
    old: 0,
    new: 0,
    other: {},
    byCare: true,
    months: FLAT,
    deadlineDays: 20,
    workDays: [7, 25],
    stall: 0.1,
    chronic: 0.02,
    agency: ['残联', "disabled persons' federation"],
    address: 'room',
    zhTemplates: [
      '{b}{r}室居民申请代办残疾证，行动不便无法到窗口办理。',
      '{b}{u}单元住户残疾证到期需要换证，申请上门服务。',
      '{b}{r}室家属咨询残疾证办理流程并申请代办。',
    ],
    enTemplates: [
      'A resident of room {r}, {b} applies for a disability card through us; they cannot get to the service window.',
      'A disability card in entrance {u}, {b} has expired and must be renewed; home service requested.',
      'The family in room {r}, {b} asks how to get a disability card and would like us to apply for them.',
    ],
    zhOther: '',
    enOther: '',
  },
  {
    id: 'noise',
    zh: '噪音扰民',
    en: 'Noise',
    share: 12,
    old: 1,
    new: 1.3,
    other: { market: 80, school: 20, civic: 15 },
    months: [0.7, 0.7, 0.8, 0.9, 1.1, 1.3, 1.5, 1.5, 1.2, 1, 0.8, 0.7],
    deadlineDays: 2,
    workDays: [0.2, 3],
    stall: 0.05,
    chronic: 0.03,
    agency: ['派出所 / 城管', 'police / city management'],
    address: 'building',
    zhTemplates: [
      '{b}{f}楼装修噪音很大，中午和晚上也在施工。',
      '{c}广场跳舞的音响声音太大，晚上九点后还没停。',
      '{b}楼下空调外机噪音扰民，晚上睡不着。',
      '{b}附近夜宵摊到凌晨还很吵。',
    ],
    enTemplates: [
      'Renovation on floor {f} of {b} is very loud and goes on at lunchtime and in the evening.',
      'The square-dancing speakers in {c} are far too loud and still playing after 9 pm.',
      'An air-conditioner unit below {b} is so noisy that residents cannot sleep.',
      'A late-night food stall near {b} is noisy until the small hours.',
    ],
    zhOther: '{n}早上五点就开始卸货，噪音很大。',
    enOther: 'Deliveries at {n} start at 5 am and are very loud.',
  },
];

/** Issue categories: `id` is the Open311 `service_code`. */
export const ISSUE_CATEGORIES: readonly IssueCategory[] = RULES.map(({ id, zh, en }) => ({ id, zh, en }));

/** One unit where issues can be reported, with its localized names. */
export interface IssueSite {
  unitId: string;
  grid: string;
  worker: string;
  use: Use;
  households: number;
  care: number;
  floors: number;
  entrances: number;
  /** Full building name, e.g. 滨河小区3幢 (or the unit's name when not residential). */
  building: string;
  /** Compound name (or the unit's name when not residential). */
  compound: string;
  /** Name of the street nearest to the unit. */
  street: string;
  position: Position;
  /** A point on the pavement of the nearest street, inside the block. */
  kerb: Position;
  /** Block interior `[west, south, east, north]`: issue points stay inside it. */
  block: readonly [number, number, number, number];
  /** Repeated problems (old pipes, a notorious stairwell): more cables, sewers and clutter. */
  hotspot: boolean;
}

const HOUR_WEIGHTS = [0.2, 0.1, 0.1, 0.1, 0.1, 0.3, 0.8, 2, 4, 6, 6, 5, 3, 4, 5, 5, 4, 3, 3, 4, 3, 2, 1, 0.5];
const HOURS = new WeightedTable(HOUR_WEIGHTS);

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** ISO 8601 in Beijing time (+08:00) from minutes since the epoch. */
export function beijingTime(minutes: number): string {
  const d = new Date((minutes + 480) * 60_000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:00+08:00`;
}

interface Month {
  startMinutes: number;
  days: number;
  calendarMonth: number;
}

const MONTHS: readonly Month[] = Array.from({ length: 12 }, (_, k) => {
  const year = FIRST_MONTH.year + Math.floor((FIRST_MONTH.month + k) / 12);
  const month = (FIRST_MONTH.month + k) % 12;
  const start = Date.UTC(year, month, 1) / 60_000 - 480;
  const end = Date.UTC(year, month + 1, 1) / 60_000 - 480;
  return { startMinutes: start, days: (end - start) / 1440, calendarMonth: month };
});

function reportedAt(random: Random, table: WeightedTable): number {
  for (;;) {
    const month = MONTHS[table.draw(random)] as Month;
    const day = random.int(0, month.days - 1);
    const minutes = month.startMinutes + day * 1440 + HOURS.draw(random) * 60 + random.int(0, 59);
    if (minutes <= NOW_MINUTES - 20) return minutes;
  }
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w)\}/g, (_, key: string) => String(values[key] ?? ''));
}

function addressOf(kind: AddressKind, lang: Lang, site: IssueSite, entrance: number, room: string): string {
  if (site.use !== 'old' && site.use !== 'new') return site.building;
  const zh = lang === 'zh-CN';
  switch (kind) {
    case 'building':
      return site.building;
    case 'entrance':
      return zh ? `${site.building}${entrance}单元` : `Entrance ${entrance}, ${site.building}`;
    case 'room':
      return zh
        ? `${site.building}${entrance}单元${room}室`
        : `Room ${room}, entrance ${entrance}, ${site.building}`;
    case 'street':
      return zh ? `${site.street}（${site.compound}附近）` : `${site.street}, near ${site.compound}`;
    case 'compound':
      return site.compound;
  }
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}

function near(random: Random, site: IssueSite, at: Position, metres: number): Position {
  const [west, south, east, north] = site.block;
  const lng = (at[0] as number) + random.range(-metres, metres) / METRES_PER_DEGREE_LNG;
  const lat = (at[1] as number) + random.range(-metres, metres) / METRES_PER_DEGREE_LAT;
  return [round7(clamp(lng, west, east)), round7(clamp(lat, south, north))];
}

export interface IssueOptions {
  count: number;
  lang: Lang;
  /** Prefix of `service_request_id` (the community code). */
  prefix: string;
  community: string;
}

/** `count` issues over the 12 months ending at `DEMO_NOW`, sorted by `requested_datetime`. */
export function generateIssues(
  random: Random,
  sites: readonly IssueSite[],
  options: IssueOptions,
): IssueFeature[] {
  const zh = options.lang === 'zh-CN';
  const categoryTable = new WeightedTable(RULES.map((r) => r.share));
  const siteTables = RULES.map(
    (rule) =>
      new WeightedTable(
        sites.map((site) => {
          if (site.use !== 'old' && site.use !== 'new') return rule.other[site.use] ?? 0;
          if (rule.byCare) return site.care + 0.2;
          const hot = site.hotspot && rule[site.use] >= 3 ? 6 : 1;
          return site.households * rule[site.use] * hot;
        }),
      ),
  );
  const monthTables = RULES.map(
    (rule) =>
      new WeightedTable(
        MONTHS.map(
          (m) =>
            m.days *
            (rule.months[m.calendarMonth] as number) *
            (m.startMinutes >= PLAN_EFFECTIVE_MINUTES ? 1.15 : 1),
        ),
      ),
  );

  const drafts: Array<{ at: number; feature: IssueFeature }> = [];
  for (let n = 0; n < options.count; n++) {
    const c = categoryTable.draw(random);
    const rule = RULES[c] as CategoryRules;
    const site = sites[(siteTables[c] as WeightedTable).draw(random)] as IssueSite;
    const requested = reportedAt(random, monthTables[c] as WeightedTable);

    const floor = random.int(1, site.floors);
    const entrance = random.int(1, Math.max(1, site.entrances));
    const room = `${floor}${pad2(random.int(1, site.use === 'new' ? 4 : 2))}`;
    const values = {
      b: site.building,
      c: site.compound,
      s: site.street,
      n: site.building,
      f: floor,
      u: entrance,
      r: room,
      a: random.int(80, 98),
    };
    const residential = site.use === 'old' || site.use === 'new';
    const template = residential
      ? random.pick(zh ? rule.zhTemplates : rule.enTemplates)
      : zh
        ? rule.zhOther
        : rule.enOther;

    // Handling timeline in minutes: 派单, 处置, 核查, 办结. Most issues close within their time
    // limit (about 85 %); some run late, stalled ones much later; chronic problems (parking,
    // sewers) wait months for a lasting fix, then close.
    const stalled = random.chance(rule.stall);
    const chronic = random.chance(rule.chronic);
    const limit = rule.deadlineDays * 1440;
    const share = random.chance(0.88) ? random.range(0.15, 0.95) : random.range(1.05, 2.5);
    const total = chronic
      ? random.range(30, 120) * 1440
      : Math.max(random.range(rule.workDays[0], rule.workDays[0] * 2) * 1440, limit * share) *
        (stalled ? random.range(3, 8) : 1);
    const assigned = requested + Math.round(total * random.range(0.02, 0.08));
    const handling = assigned + Math.round(total * random.range(0.05, 0.15));
    const verifying = handling + Math.round(total * random.range(0.55, 0.7));
    const closed = requested + Math.round(total);
    const times = [requested, assigned, handling, verifying, closed];
    let stageIndex = 0;
    while (stageIndex < 4 && (times[stageIndex + 1] as number) <= NOW_MINUTES) stageIndex++;
    const stage = (['reported', 'assigned', 'handling', 'verifying', 'closed'] as const)[stageIndex] as Stage;

    const at = rule.address === 'street' ? site.kerb : site.position;
    drafts.push({
      at: requested,
      feature: {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: near(random, site, at, rule.address === 'street' ? 20 : 10) },
        properties: {
          service_request_id: '',
          service_name: zh ? rule.zh : rule.en,
          service_code: rule.id,
          description: fill(template, values),
          status: stage === 'closed' ? 'closed' : 'open',
          stage,
          requested_datetime: beijingTime(requested),
          updated_datetime: beijingTime(times[stageIndex] as number),
          expected_datetime: beijingTime(requested + rule.deadlineDays * 1440),
          address: addressOf(rule.address, options.lang, site, entrance, room),
          agency_responsible: zh ? rule.agency[0] : rule.agency[1],
          grid: site.grid,
          worker: site.worker,
          unit: site.unitId,
          community: options.community,
        },
      },
    });
  }
  drafts.sort((a, b) => a.at - b.at);
  return drafts.map(({ feature }, index) => {
    feature.properties.service_request_id = `${options.prefix}-${String(index + 1).padStart(5, '0')}`;
    return feature;
  });
}
