/** Defines `<wg-file-open>` (loaded with the editor). Safe to load twice. */
import { WgFileOpen } from './wg-file-open.ts';

WgFileOpen.define('wg-file-open');
