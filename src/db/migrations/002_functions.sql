-- Wangge plan history, migration 002: committing a plan, and what was in force when.

-- Commits a plan on top of its base as one transaction. `p_plan` is a wg-plan-commit detail's plan:
-- { "id", "grids": [{ "id", "code", "name", "worker" }], "assignment": { unit: grid } }.
-- Optimistic locking: `p_base` must be the community's newest plan (NULL for its first); when another
-- planner committed since, nothing is written and SQLSTATE WG409 (plan_conflict) names the newer plan.
-- The base plan ends the day the new one starts. Returns the new plan's id.
CREATE FUNCTION wangge.commit_plan(
  p_community text,
  p_plan jsonb,
  p_base text,
  p_effective_from date,
  p_note text DEFAULT ''
) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  v_id text := p_plan->>'id';
  v_head wangge.plans%ROWTYPE;
BEGIN
  IF v_id IS NULL OR v_id = '' THEN
    RAISE EXCEPTION 'the plan has no id' USING ERRCODE = 'check_violation', CONSTRAINT = 'plans_have_an_id';
  END IF;
  -- One commit per community at a time: the second waits here, then sees the first's plan.
  PERFORM pg_advisory_xact_lock(hashtextextended('wangge.commit:' || p_community, 0));
  SELECT * INTO v_head FROM wangge.plans
  WHERE community = p_community ORDER BY effective_from DESC LIMIT 1;
  IF v_head.id IS DISTINCT FROM p_base THEN
    RAISE EXCEPTION 'plan conflict: % was committed on top of %, not on the newest plan %',
      v_id, coalesce(p_base, 'nothing'), coalesce(v_head.id, 'none')
      USING ERRCODE = 'WG409', DETAIL = coalesce(v_head.id, ''),
            HINT = 'Load the newest plan, apply your changes to it and commit again.';
  END IF;
  IF v_head.id IS NOT NULL THEN
    IF p_effective_from <= v_head.effective_from THEN
      RAISE EXCEPTION 'plan % must start after its base % (from %), not on %',
        v_id, v_head.id, v_head.effective_from, p_effective_from
        USING ERRCODE = 'check_violation', CONSTRAINT = 'plans_start_after_base';
    END IF;
    UPDATE wangge.plans SET effective_to = p_effective_from WHERE id = v_head.id;
  END IF;
  INSERT INTO wangge.plans (id, community, effective_from, base_plan, note)
  VALUES (v_id, p_community, p_effective_from, p_base, coalesce(p_note, ''));
  INSERT INTO wangge.grids (plan, id, code, name, worker)
  SELECT v_id, g->>'id', coalesce(g->>'code', g->>'id'), coalesce(g->>'name', ''), g->>'worker'
  FROM jsonb_array_elements(p_plan->'grids') AS g;
  INSERT INTO wangge.assignments (plan, community, unit, grid)
  SELECT v_id, p_community, a.key, a.value FROM jsonb_each_text(p_plan->'assignment') AS a;
  -- Grids named only by the assignment are grids too.
  INSERT INTO wangge.grids (plan, id, code)
  SELECT DISTINCT v_id, a.grid, a.grid FROM wangge.assignments a
  WHERE a.plan = v_id AND NOT EXISTS (SELECT 1 FROM wangge.grids g WHERE g.plan = v_id AND g.id = a.grid)
  ON CONFLICT DO NOTHING;
  -- Each grid's shape from its units: the union of polygon units, 10 m around point units.
  UPDATE wangge.grids g SET geom = s.geom
  FROM (
    SELECT a.grid, ST_Multi(ST_CollectionExtract(ST_Union(
      CASE WHEN GeometryType(u.geom) IN ('POLYGON', 'MULTIPOLYGON') THEN u.geom
           ELSE ST_Buffer(u.geom::geography, 10)::geometry END), 3)) AS geom
    FROM wangge.assignments a
    JOIN wangge.units u ON u.community = a.community AND u.id = a.unit
    WHERE a.plan = v_id AND u.geom IS NOT NULL
    GROUP BY a.grid
  ) s
  WHERE g.plan = v_id AND g.id = s.grid;
  RETURN v_id;
END $$;

-- The plan in force on a date (NULL before the first).
CREATE FUNCTION wangge.plan_in_force(p_community text, p_date date) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT id FROM wangge.plans
  WHERE community = p_community AND daterange(effective_from, effective_to) @> p_date
$$;

-- The grid a unit was in on a date.
CREATE FUNCTION wangge.grid_of_unit(p_community text, p_unit text, p_date date)
RETURNS TABLE (plan text, grid text, code text, name text, worker text)
LANGUAGE sql STABLE AS $$
  SELECT g.plan, g.id, g.code, g.name, g.worker
  FROM wangge.assignments a
  JOIN wangge.grids g ON g.plan = a.plan AND g.id = a.grid
  WHERE a.plan = wangge.plan_in_force(p_community, p_date) AND a.unit = p_unit
$$;

-- What changed from one plan to another: grids added and removed, and units and households moved
-- between each pair of grids.
CREATE FUNCTION wangge.plan_diff(p_from text, p_to text)
RETURNS TABLE (kind text, grid_from text, grid_to text, units bigint, households bigint)
LANGUAGE sql STABLE AS $$
  SELECT 'added', NULL, g.id, NULL::bigint, NULL::bigint FROM wangge.grids g
  WHERE g.plan = p_to AND NOT EXISTS (SELECT 1 FROM wangge.grids o WHERE o.plan = p_from AND o.id = g.id)
  UNION ALL
  SELECT 'removed', g.id, NULL, NULL, NULL FROM wangge.grids g
  WHERE g.plan = p_from AND NOT EXISTS (SELECT 1 FROM wangge.grids n WHERE n.plan = p_to AND n.id = g.id)
  UNION ALL
  SELECT 'moved', a.grid, b.grid, count(*), sum(u.households)
  FROM (SELECT * FROM wangge.assignments WHERE plan = p_from) a
  FULL JOIN (SELECT * FROM wangge.assignments WHERE plan = p_to) b ON b.unit = a.unit
  JOIN wangge.units u ON u.community = coalesce(a.community, b.community) AND u.id = coalesce(a.unit, b.unit)
  WHERE a.grid IS DISTINCT FROM b.grid
  GROUP BY a.grid, b.grid
$$;

-- Issues reported in [p_from, p_to), each counted in the grid in force on the day it was reported
-- (the session's TimeZone decides the day): by its unit when it names one, else by the grid whose
-- shape covers it (the first by id on a shared edge).
CREATE FUNCTION wangge.issue_counts(p_community text, p_from timestamptz, p_to timestamptz)
RETURNS TABLE (plan text, grid text, issues bigint)
LANGUAGE sql STABLE AS $$
  WITH located AS (
    SELECT i.id, p.id AS plan,
      coalesce(
        (SELECT a.grid FROM wangge.assignments a WHERE a.plan = p.id AND a.unit = i.unit),
        (SELECT g.id FROM wangge.grids g WHERE g.plan = p.id AND ST_Covers(g.geom, i.geom) ORDER BY g.id LIMIT 1)
      ) AS grid
    FROM wangge.issues i
    JOIN wangge.plans p ON p.community = i.community
      AND daterange(p.effective_from, p.effective_to) @> (i.reported_at)::date
    WHERE i.community = p_community AND i.reported_at >= p_from AND i.reported_at < p_to
  )
  SELECT plan, grid, count(*) FROM located WHERE grid IS NOT NULL GROUP BY plan, grid
$$;

-- Vector tiles of the grids in force on a date, for Martin or pg_tileserv as a function source:
-- /wangge.grid_tiles/{z}/{x}/{y}?date=2026-07-01&community=330102001 (both optional; date
-- defaults to today). Layer `grids` with id, code, name, worker, plan and households.
CREATE FUNCTION wangge.grid_tiles(z integer, x integer, y integer, query_params json DEFAULT '{}')
RETURNS bytea
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH params AS (
    SELECT coalesce((query_params->>'date')::date, current_date) AS day, query_params->>'community' AS community
  ),
  shown AS (
    SELECT g.id, g.code, g.name, g.worker, g.plan,
      (SELECT sum(u.households) FROM wangge.assignments a
       JOIN wangge.units u ON u.community = a.community AND u.id = a.unit
       WHERE a.plan = g.plan AND a.grid = g.id)::integer AS households,
      ST_AsMVTGeom(ST_Transform(g.geom, 3857), ST_TileEnvelope(z, x, y)) AS geom
    FROM wangge.grids g
    JOIN wangge.plans p ON p.id = g.plan, params
    WHERE daterange(p.effective_from, p.effective_to) @> params.day
      AND (params.community IS NULL OR p.community = params.community)
      AND g.geom && ST_Transform(ST_TileEnvelope(z, x, y), 4326)
  )
  SELECT ST_AsMVT(shown.*, 'grids', 4096, 'geom') FROM shown WHERE geom IS NOT NULL
$$;
