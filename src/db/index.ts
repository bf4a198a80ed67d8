/**
 * `wangge/db`: grid plans over time in PostgreSQL/PostGIS, for portal backends on Node. It runs the
 * SQL of `src/db/migrations/` (the same files any backend, Java or Python, can run) and calls its
 * functions; every query is parameterised. Pass a `pg` Client, PoolClient or Pool (anything with
 * `query(text, values)`); `migrate` needs one connection (a Client or PoolClient), the rest work on a
 * Pool too.
 *
 * @example
 * import pg from 'pg';
 * import { migrate, PlanStore } from 'wangge/db';
 * const client = new pg.Client(); await client.connect();
 * await migrate(client);
 * const store = new PlanStore(client);
 * editor.addEventListener('wg-plan-commit', (e) => fetch('/plans', { method: 'POST', body: JSON.stringify(e.detail) }));
 * // on the server: await store.commit(detail.plan, { community: '330102001', base: 'p1', effectiveFrom: '2026-07-01' });
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { idRecord } from '../core/records.ts';
import type { PlanHistorySource, PlanSummary } from '../core/plan-history.ts';
import type { Plan } from '../core/types.ts';

export type { PlanHistorySource, PlanSummary };

/** What the module needs of a database client: `pg`'s `query(text, values)`. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
}

/** A commit on top of a base that is no longer the newest plan: nothing was written. */
export class PlanConflictError extends Error {
  /** The community's newest plan now (load it, apply the changes again, commit on top of it). */
  readonly newest: string;
  constructor(message: string, newest: string) {
    super(message);
    this.name = 'PlanConflictError';
    this.newest = newest;
  }
}

/** A plan the database refused (a named constraint): nothing was written. */
export class PlanRejectedError extends Error {
  /** The constraint, e.g. `plans_every_unit_assigned`, `assignments_known_unit`, `plans_no_overlap`. */
  readonly constraint: string;
  constructor(message: string, constraint: string) {
    super(message);
    this.name = 'PlanRejectedError';
    this.constraint = constraint;
  }
}

export interface PlanMove {
  kind: 'added' | 'removed' | 'moved';
  gridFrom: string | null;
  gridTo: string | null;
  units: number | null;
  households: number | null;
}

/** The migration files in order (found beside this module, in the sources or next to the build). */
export function migrations(): Array<{ version: number; name: string; sql: string }> {
  const candidates = ['./migrations/', '../../src/db/migrations/'].map((p) =>
    fileURLToPath(new URL(p, import.meta.url)),
  );
  const dir = candidates.find((d) => existsSync(d));
  if (!dir) throw new Error(`wangge/db: no migrations folder (looked in ${candidates.join(', ')})`);
  return readdirSync(dir)
    .filter((f) => /^\d{3}_.*\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(`${dir}/${f}`, 'utf8') }));
}

/**
 * Applies the migrations not yet applied, each in its own transaction with its record in
 * `public.wangge_migrations`; returns the names applied. Needs one connection (not a Pool).
 */
export async function migrate(db: Queryable): Promise<string[]> {
  await db.query(
    'CREATE TABLE IF NOT EXISTS public.wangge_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const done = new Set(
    (await db.query('SELECT version FROM public.wangge_migrations')).rows.map((r) => Number(r.version)),
  );
  const applied: string[] = [];
  for (const m of migrations()) {
    if (done.has(m.version)) continue;
    await db.query('BEGIN');
    try {
      await db.query(m.sql);
      await db.query('INSERT INTO public.wangge_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
      await db.query('COMMIT');
    } catch (error) {
      await db.query('ROLLBACK');
      throw error;
    }
    applied.push(m.name);
  }
  return applied;
}

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
  message: string;
}

function translate(error: unknown): never {
  const e = error as PgError;
  if (e?.code === 'WG409') throw new PlanConflictError(e.message, e.detail ?? '');
  if (e?.constraint) throw new PlanRejectedError(e.message, e.constraint);
  throw error;
}

const day = (v: unknown): string | null =>
  v == null
    ? null
    : v instanceof Date
      ? `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`
      : String(v);

/** Plans of communities: commit, the plan in force on a date, history, diffs, issue counts. */
export class PlanStore implements PlanHistorySource {
  readonly #db: Queryable;
  constructor(db: Queryable) {
    this.#db = db;
  }

  /**
   * Commits `plan` (a `wg-plan-commit` detail's plan) for `community`, in force from `effectiveFrom`
   * (YYYY-MM-DD), on top of `base` (the plan the planner started from; null for the first). Throws
   * `PlanConflictError` when another plan was committed since, `PlanRejectedError` when the plan
   * names unknown units, leaves units out or overlaps another plan's dates; nothing is written then.
   */
  async commit(
    plan: Pick<Plan, 'id' | 'grids' | 'assignment'>,
    options: { community: string; base: string | null; effectiveFrom: string; note?: string },
  ): Promise<string> {
    const body = {
      id: plan.id,
      grids: plan.grids.map((g) => ({
        id: g.id,
        code: g.code ?? g.id,
        name: g.name ?? '',
        worker: g.worker ?? null,
      })),
      assignment: { ...plan.assignment },
    };
    try {
      const { rows } = await this.#db.query(
        'SELECT wangge.commit_plan($1, $2::jsonb, $3, $4::date, $5) AS id',
        [options.community, JSON.stringify(body), options.base, options.effectiveFrom, options.note ?? ''],
      );
      return String(rows[0]!.id);
    } catch (error) {
      translate(error);
    }
  }

  /** The plan in force on `date` (YYYY-MM-DD), with its grids and assignment; null before the first. */
  async planOn(community: string, date: string): Promise<Plan | null> {
    const { rows } = await this.#db.query('SELECT wangge.plan_in_force($1, $2::date) AS id', [
      community,
      date,
    ]);
    const id = rows[0]?.id as string | null | undefined;
    return id ? this.plan(id) : null;
  }

  /** One plan by id, with its grids (and their households) and assignment; null when unknown or not visible. */
  async plan(id: string): Promise<Plan | null> {
    const head = await this.#db.query('SELECT id, effective_from FROM wangge.plans WHERE id = $1', [id]);
    if (!head.rows.length) return null;
    const grids = await this.#db.query(
      `SELECT g.id, g.code, g.name, g.worker,
              (SELECT coalesce(sum(u.households), 0) FROM wangge.assignments a
               JOIN wangge.units u ON u.community = a.community AND u.id = a.unit
               WHERE a.plan = g.plan AND a.grid = g.id)::integer AS households
       FROM wangge.grids g WHERE g.plan = $1 ORDER BY g.code, g.id`,
      [id],
    );
    const assignment = await this.#db.query('SELECT unit, grid FROM wangge.assignments WHERE plan = $1', [
      id,
    ]);
    return {
      id,
      effectiveFrom: day(head.rows[0]!.effective_from) ?? undefined,
      grids: grids.rows.map((g) => ({
        id: String(g.id),
        code: String(g.code),
        name: String(g.name ?? ''),
        ...(g.worker != null ? { worker: String(g.worker) } : {}),
        households: Number(g.households),
      })),
      assignment: idRecord(assignment.rows.map((r) => [String(r.unit), String(r.grid)] as const)),
    };
  }

  /** A community's plans by date, oldest first. */
  async history(community: string): Promise<PlanSummary[]> {
    const { rows } = await this.#db.query(
      `SELECT id, effective_from, effective_to, base_plan, author, note, committed_at
       FROM wangge.plans WHERE community = $1 ORDER BY effective_from`,
      [community],
    );
    return rows.map((r) => ({
      id: String(r.id),
      effectiveFrom: day(r.effective_from)!,
      effectiveTo: day(r.effective_to),
      basePlan: r.base_plan == null ? null : String(r.base_plan),
      author: String(r.author),
      note: String(r.note ?? ''),
      committedAt: new Date(r.committed_at as string).toISOString(),
    }));
  }

  /** Grids added and removed, and units and households moved, from one plan to another. */
  async diff(from: string, to: string): Promise<PlanMove[]> {
    const { rows } = await this.#db.query('SELECT * FROM wangge.plan_diff($1, $2)', [from, to]);
    return rows.map((r) => ({
      kind: r.kind as PlanMove['kind'],
      gridFrom: (r.grid_from as string | null) ?? null,
      gridTo: (r.grid_to as string | null) ?? null,
      units: r.units == null ? null : Number(r.units),
      households: r.households == null ? null : Number(r.households),
    }));
  }

  /** Issues reported in [from, to), counted per grid by the grid in force when each was reported. */
  async issueCounts(
    community: string,
    from: string,
    to: string,
  ): Promise<Array<{ plan: string; grid: string; issues: number }>> {
    const { rows } = await this.#db.query(
      'SELECT * FROM wangge.issue_counts($1, $2::timestamptz, $3::timestamptz)',
      [community, from, to],
    );
    return rows.map((r) => ({ plan: String(r.plan), grid: String(r.grid), issues: Number(r.issues) }));
  }
}
