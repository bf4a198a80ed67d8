/** Registers `<wg-assessment>` at once (for bundles that want it eagerly). Safe to load twice. */
import { WgAssessment } from './components/wg-assessment/wg-assessment.ts';

WgAssessment.define('wg-assessment');

export { WgAssessment };
export type { AssessmentColumn } from './components/wg-assessment/wg-assessment.ts';
