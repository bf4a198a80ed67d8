export function findPostgres(): { bin: string; version: string } | undefined;
export function preflight(options?: { bench?: boolean; log?: (line: string) => void }): { ok: boolean; message: string };
