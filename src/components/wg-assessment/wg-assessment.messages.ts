/** `<wg-assessment>` text in zh-CN (default) and en. */
const zh = {
  title: (n: number, by: 'grid' | 'worker') => `${by === 'worker' ? '网格员' : '网格'}考核（${n}）`,
  period: (from: string, to: string) => `${from} 至 ${to}`,
  by: { grid: '按网格', worker: '按网格员' } as Record<string, string>,
  columns: {
    label: '网格',
    worker: '网格员',
    households: '户数',
    handled: '办结',
    handledRate: '办结率',
    onTime: '按时率',
    patrol: '巡查覆盖',
    care: '关爱走访',
    issuesPer100: '每百户事件',
    score: '得分',
    trend: '月度趋势',
  } as Record<string, string>,
  workerLabel: '网格员',
  weights: '权重',
  weightNames: { handled: '办结率', onTime: '按时率', patrol: '巡查覆盖', care: '关爱走访' } as Record<
    string,
    string
  >,
  exportCsv: '导出 CSV',
  measuring: '正在计算巡查覆盖…',
  trend: (months: string) => `月度得分：${months}`,
  none: '无',
  empty: '没有网格数据。',
  noWorkers: '网格没有填写网格员（worker），无法按网格员考核。',
};

const en: typeof zh = {
  title: (n: number, by: 'grid' | 'worker') => `${by === 'worker' ? 'Workers' : 'Grids'}: assessment (${n})`,
  period: (from: string, to: string) => `${from} to ${to}`,
  by: { grid: 'By grid', worker: 'By worker' },
  columns: {
    label: 'Grid',
    worker: 'Worker',
    households: 'Households',
    handled: 'Handled',
    handledRate: 'Handling rate',
    onTime: 'On time',
    patrol: 'Patrolled',
    care: 'Care visited',
    issuesPer100: 'Issues / 100 hh',
    score: 'Score',
    trend: 'Monthly trend',
  },
  workerLabel: 'Worker',
  weights: 'Weights',
  weightNames: { handled: 'handling rate', onTime: 'on time', patrol: 'patrolled', care: 'care visited' },
  exportCsv: 'Export CSV',
  measuring: 'Measuring patrol coverage…',
  trend: (months: string) => `Monthly score: ${months}`,
  none: 'none',
  empty: 'No grids.',
  noWorkers: 'The grids name no worker (their worker property), so there is nothing to assess per worker.',
};

export type AssessmentMessages = typeof zh;

export function assessmentMessages(lang: string): AssessmentMessages {
  return lang.toLowerCase().startsWith('en') ? en : zh;
}
