import { frameworkExampleSuite } from './framework-suite.ts';

frameworkExampleSuite('react', 'React 19');
