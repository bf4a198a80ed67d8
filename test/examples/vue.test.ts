import { frameworkExampleSuite } from './framework-suite.ts';

frameworkExampleSuite('vue', 'Vue 3');
