/** Name pools for the demo data, each entry `[zh-CN, en]`. */

export type Named = readonly [zh: string, en: string];

/** Stems for community and compound names (pinyin in English). */
export const PLACE_STEMS: readonly Named[] = [
  ['滨河', 'Binhe'],
  ['望江', 'Wangjiang'],
  ['清波', 'Qingbo'],
  ['翠苑', 'Cuiyuan'],
  ['柳营', 'Liuying'],
  ['梅园', 'Meiyuan'],
  ['桂花', 'Guihua'],
  ['枫林', 'Fenglin'],
  ['紫荆', 'Zijing'],
  ['春晖', 'Chunhui'],
  ['朝晖', 'Zhaohui'],
  ['新华', 'Xinhua'],
  ['文晖', 'Wenhui'],
  ['和平', 'Heping'],
  ['东园', 'Dongyuan'],
  ['南星', 'Nanxing'],
  ['凤起', 'Fengqi'],
  ['湖滨', 'Hubin'],
  ['采荷', 'Caihe'],
  ['景芳', 'Jingfang'],
  ['三塘', 'Santang'],
  ['红星', 'Hongxing'],
  ['锦绣', 'Jinxiu'],
  ['香樟', 'Xiangzhang'],
  ['古荡', 'Gudang'],
  ['蓝天', 'Lantian'],
  ['水岸', 'Shuian'],
  ['江南', 'Jiangnan'],
  ['星河', 'Xinghe'],
  ['阳光', 'Yangguang'],
  ['碧水', 'Bishui'],
  ['云溪', 'Yunxi'],
  ['绿洲', 'Lvzhou'],
  ['金桥', 'Jinqiao'],
  ['丰潭', 'Fengtan'],
  ['德胜', 'Desheng'],
  ['米市', 'Mishi'],
  ['潮鸣', 'Chaoming'],
  ['小营', 'Xiaoying'],
  ['闸口', 'Zhakou'],
];

/** Suffixes of old walk-up compounds (老旧小区) and of newer high-rise compounds. */
export const OLD_COMPOUND_SUFFIXES: readonly Named[] = [
  ['小区', 'Compound'],
  ['新村', 'New Village'],
  ['西区', 'West Estate'],
  ['东区', 'East Estate'],
];
export const NEW_COMPOUND_SUFFIXES: readonly Named[] = [
  ['花园', 'Garden'],
  ['家园', 'Homes'],
  ['华庭', 'Court'],
  ['名苑', 'Residence'],
  ['公寓', 'Apartments'],
];

export const NORTH_SOUTH_ROADS: readonly Named[] = [
  ['建国路', 'Jianguo Road'],
  ['中河路', 'Zhonghe Road'],
  ['秋涛路', 'Qiutao Road'],
  ['江城路', 'Jiangcheng Road'],
  ['环城东路', 'Huancheng East Road'],
  ['海潮路', 'Haichao Road'],
  ['凤山路', 'Fengshan Road'],
  ['定安路', 'Dingan Road'],
  ['惠民路', 'Huimin Road'],
];
export const EAST_WEST_STREETS: readonly Named[] = [
  ['清泰街', 'Qingtai Street'],
  ['解放街', 'Jiefang Street'],
  ['庆春街', 'Qingchun Street'],
  ['望江街', 'Wangjiang Street'],
  ['河坊街', 'Hefang Street'],
  ['荷花塘街', 'Hehuatang Street'],
  ['水亭址街', 'Shuitingzhi Street'],
  ['馒头山街', 'Mantoushan Street'],
];

export const SURNAMES: readonly Named[] = [
  ['王', 'Wang'],
  ['李', 'Li'],
  ['张', 'Zhang'],
  ['刘', 'Liu'],
  ['陈', 'Chen'],
  ['杨', 'Yang'],
  ['赵', 'Zhao'],
  ['黄', 'Huang'],
  ['周', 'Zhou'],
  ['吴', 'Wu'],
  ['徐', 'Xu'],
  ['孙', 'Sun'],
  ['胡', 'Hu'],
  ['朱', 'Zhu'],
  ['高', 'Gao'],
  ['林', 'Lin'],
  ['何', 'He'],
  ['郭', 'Guo'],
  ['马', 'Ma'],
  ['沈', 'Shen'],
  ['钱', 'Qian'],
  ['蒋', 'Jiang'],
  ['俞', 'Yu'],
  ['金', 'Jin'],
];
export const GIVEN_NAMES: readonly Named[] = [
  ['丽', 'Li'],
  ['芳', 'Fang'],
  ['敏', 'Min'],
  ['静', 'Jing'],
  ['晓燕', 'Xiaoyan'],
  ['建国', 'Jianguo'],
  ['海燕', 'Haiyan'],
  ['伟', 'Wei'],
  ['磊', 'Lei'],
  ['婷', 'Ting'],
  ['雪梅', 'Xuemei'],
  ['志强', 'Zhiqiang'],
  ['慧', 'Hui'],
  ['红英', 'Hongying'],
  ['丹', 'Dan'],
  ['佳怡', 'Jiayi'],
  ['斌', 'Bin'],
  ['燕', 'Yan'],
  ['文杰', 'Wenjie'],
  ['秀兰', 'Xiulan'],
  ['卫东', 'Weidong'],
  ['玲', 'Ling'],
  ['国华', 'Guohua'],
  ['晨', 'Chen'],
];

/** Services offered at party-mass stations. */
export const STATION_SERVICES: readonly Named[] = [
  ['裁缝角', 'tailoring corner'],
  ['书画班', 'painting and calligraphy class'],
  ['暑期课堂', 'summer classroom'],
  ['理发', 'haircuts'],
  ['助老食堂', 'elderly canteen'],
  ['法律咨询', 'legal advice'],
  ['修伞磨刀', 'umbrella repair and knife sharpening'],
  ['图书角', 'reading corner'],
  ['心理咨询', 'counselling'],
  ['老年大学', 'senior college'],
  ['医保社保代办', 'health and social insurance errands'],
  ['家电维修', 'appliance repair'],
];
/** Services every party-mass service centre (党群服务中心) offers. */
export const CENTER_SERVICES: readonly Named[] = [
  ['助老食堂', 'elderly canteen'],
  ['法律咨询', 'legal advice'],
  ['医保社保代办', 'health and social insurance errands'],
  ['老年大学', 'senior college'],
  ['暑期课堂', 'summer classroom'],
  ['图书角', 'reading corner'],
];

export const STATION_HOURS: readonly Named[] = [
  ['周一至周五 09:00–17:00', 'Mon–Fri 09:00–17:00'],
  ['周二至周日 08:30–11:30，14:00–17:00', 'Tue–Sun 08:30–11:30, 14:00–17:00'],
  ['每天 08:00–20:00', 'Daily 08:00–20:00'],
  ['周一至周六 09:00–18:00', 'Mon–Sat 09:00–18:00'],
];
export const CENTER_HOURS: Named = ['周一至周日 08:30–17:30', 'Mon–Sun 08:30–17:30'];
