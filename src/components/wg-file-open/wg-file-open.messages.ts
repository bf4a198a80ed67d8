/** `<wg-file-open>` text in zh-CN (default) and en. */
const zh = {
  label: '打开文件',
  drop: '把文件拖到这里，或点击选择',
  dropHint: 'GeoJSON、CSV、Excel（.xlsx）或 Shapefile（.zip，或 .shp 连同 .dbf/.prj/.cpg）',
  target: '文件内容',
  targets: { units: '楼栋', grids: '网格', boundary: '社区边界' } as Record<string, string>,
  crs: '坐标系',
  crsNames: { wgs84: 'WGS84 / CGCS2000', gcj02: 'GCJ-02（高德、腾讯）', bd09: 'BD-09（百度）' } as Record<
    string,
    string
  >,
  reading: (name: string) => `正在读取 ${name}…`,
  mapping: '请指出下列字段所在的列：',
  fields: {
    households: '户数',
    lng: '经度',
    lat: '纬度',
    name: '楼栋名称',
    id: '编号',
    compound: '小区',
    community: '社区',
  } as Record<string, string>,
  none: '（无）',
  preview: '前几行',
  apply: '按此读取',
  cancel: '取消',
  problems: (n: number, good: number) => `${n} 行有问题，${good} 行可用：`,
  more: (n: number) => `……另有 ${n} 条`,
  useGood: (n: number) => `只用可用的 ${n} 行`,
  nothing: (name: string) => `${name} 中没有可用的数据。`,
};

const en: typeof zh = {
  label: 'Open a file',
  drop: 'Drop a file here, or click to choose one',
  dropHint: 'GeoJSON, CSV, Excel (.xlsx) or Shapefile (.zip, or .shp with its .dbf/.prj/.cpg)',
  target: 'The file holds',
  targets: { units: 'buildings', grids: 'grids', boundary: 'the community boundary' },
  crs: 'Coordinates',
  crsNames: { wgs84: 'WGS84 / CGCS2000', gcj02: 'GCJ-02 (Amap, Tencent)', bd09: 'BD-09 (Baidu)' },
  reading: (name: string) => `Reading ${name}…`,
  mapping: 'Which column holds each of these?',
  fields: {
    households: 'households',
    lng: 'longitude',
    lat: 'latitude',
    name: 'building name',
    id: 'id',
    compound: 'compound',
    community: 'community',
  },
  none: '(none)',
  preview: 'First rows',
  apply: 'Read with these columns',
  cancel: 'Cancel',
  problems: (n: number, good: number) => `${n} rows have problems, ${good} are good:`,
  more: (n: number) => `… and ${n} more`,
  useGood: (n: number) => `Use the ${n} good rows`,
  nothing: (name: string) => `Nothing usable in ${name}.`,
};

export function fileOpenMessages(lang: string): typeof zh {
  return lang.toLowerCase().startsWith('en') ? en : zh;
}
