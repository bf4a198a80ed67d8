#!/usr/bin/env node
// Launcher: registers tsx so the TypeScript CLI runs without a build step, from any directory.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
