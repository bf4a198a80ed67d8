import { generateCommunity, DEMO_NOW } from '../demo/data/generate.ts';

/** The seeded demo community every story shows (the same one as the demo pages). */
export const community = generateCommunity({ seed: 7 });
export const communityEn = generateCommunity({ seed: 7, lang: 'en' });
export { DEMO_NOW };
