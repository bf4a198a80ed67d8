import { createServer, type ViteDevServer } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A Vite server over the repository for the browser benchmarks: production builds of the
 * dependencies (Lit without its dev-mode checks, as a portal ships it) and no reloads mid-run.
 */
export async function startBenchServer(): Promise<ViteDevServer> {
  process.env.NODE_ENV = 'production';
  const server = await createServer({
    configFile: `${root}vite.config.ts`,
    root,
    mode: 'production',
    server: { port: 0, host: '127.0.0.1', hmr: false, watch: null },
    logLevel: 'error',
  });
  await server.listen();
  return server;
}
