/** UI text in zh-CN (default) and en. Data (names, descriptions) is never translated here. */
export type Lang = 'zh-CN' | 'en';

const zh = {
  households: (n: number) => `${n.toLocaleString('zh-CN')}户`,
  gridList: (n: number) => `网格（${n}）`,
  stationList: (n: number) => `党群服务站点（${n}）`,
  issueList: (n: number) => `居民诉求（${n}）`,
  noWorker: '未配网格员',
  noWebgl: '此浏览器不支持 WebGL2，无法显示地图。下面仍可查看网格和诉求列表。',
  underBand: '低于标准',
  inBand: '标准范围内',
  overBand: '超出标准',
  overdue: '已超期',
  stationKinds: { center: '党群服务中心', post: '党群驿站', 'social-work': '社工站', other: '服务站点' } as Record<string, string>,
  stages: { reported: '上报', assigned: '派单', handling: '处置', verifying: '核查', closed: '办结' } as Record<string, string>,
  services: '服务',
  hours: '开放时间',
  requested: '上报时间',
  deadline: '办理时限',
  address: '地址',
  mapLabel: '社区网格地图',
  more: (n: number) => `另有 ${n} 条`,
};

const en: typeof zh = {
  households: (n: number) => `${n.toLocaleString('en')} households`,
  gridList: (n: number) => `Grids (${n})`,
  stationList: (n: number) => `Service stations (${n})`,
  issueList: (n: number) => `Residents' issues (${n})`,
  noWorker: 'no worker assigned',
  noWebgl: 'This browser has no WebGL2, so the map cannot be drawn. The grid and issue lists below still work.',
  underBand: 'under the band',
  inBand: 'inside the band',
  overBand: 'over the band',
  overdue: 'overdue',
  stationKinds: {
    center: 'Party-mass service center',
    post: 'Party-mass service post',
    'social-work': 'Social work station',
    other: 'Service station',
  },
  stages: { reported: 'Reported', assigned: 'Assigned', handling: 'Handling', verifying: 'Verifying', closed: 'Closed' },
  services: 'Services',
  hours: 'Hours',
  requested: 'Reported',
  deadline: 'Due',
  address: 'Address',
  mapLabel: 'Community grid map',
  more: (n: number) => `${n} more`,
};

export type Messages = typeof zh;

/** Messages for a `lang` value; anything starting with `en` is English, everything else Chinese. */
export function messages(lang: string | null | undefined): Messages {
  return lang && lang.toLowerCase().startsWith('en') ? en : zh;
}
