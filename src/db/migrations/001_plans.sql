-- Wangge plan history, migration 001: communities, units, dated plans, their grids and assignments.
-- PostgreSQL 15 + PostGIS. Run in order (src/db/migrations/NNN_*.sql); `wangge/db`'s migrate() does,
-- recording each in wangge.migrations. Every name a constraint raises is part of the interface.

CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE SCHEMA IF NOT EXISTS wangge;

-- Communities (社区) and their buildings (楼栋 / 小区) with households.
CREATE TABLE wangge.communities (
  id text PRIMARY KEY,
  name text NOT NULL DEFAULT ''
);

CREATE TABLE wangge.units (
  community text NOT NULL REFERENCES wangge.communities (id),
  id text NOT NULL,
  households integer NOT NULL CONSTRAINT units_households_nonnegative CHECK (households >= 0),
  geom geometry(Geometry, 4326),
  PRIMARY KEY (community, id)
);

-- A plan is a decision with a date: in force from effective_from until effective_to (exclusive;
-- NULL while it is the newest). Plans of one community never overlap in time.
CREATE TABLE wangge.plans (
  id text PRIMARY KEY,
  community text NOT NULL REFERENCES wangge.communities (id),
  effective_from date NOT NULL,
  effective_to date,
  base_plan text REFERENCES wangge.plans (id),
  author text NOT NULL DEFAULT current_user,
  note text NOT NULL DEFAULT '',
  committed_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT plans_dates_in_order CHECK (effective_to IS NULL OR effective_to > effective_from),
  CONSTRAINT plans_no_overlap EXCLUDE USING gist (
    community WITH =,
    daterange(effective_from, effective_to) WITH &&
  )
);

CREATE TABLE wangge.grids (
  plan text NOT NULL REFERENCES wangge.plans (id) ON DELETE CASCADE,
  id text NOT NULL,
  code text NOT NULL,
  name text NOT NULL DEFAULT '',
  worker text,
  -- Derived from the grid's units when the plan is committed (their union; the hull of point units).
  geom geometry(MultiPolygon, 4326),
  PRIMARY KEY (plan, id),
  CONSTRAINT grids_code_unique UNIQUE (plan, code)
);

-- Each unit of the community in exactly one grid of each plan: the key makes a double assignment
-- impossible, the deferred trigger below a gap (a unit left out) or a unit of another community.
CREATE TABLE wangge.assignments (
  plan text NOT NULL REFERENCES wangge.plans (id) ON DELETE CASCADE,
  community text NOT NULL,
  unit text NOT NULL,
  grid text NOT NULL,
  CONSTRAINT assignments_one_grid_per_unit PRIMARY KEY (plan, unit),
  CONSTRAINT assignments_known_unit FOREIGN KEY (community, unit) REFERENCES wangge.units (community, id),
  CONSTRAINT assignments_known_grid FOREIGN KEY (plan, grid) REFERENCES wangge.grids (plan, id)
);

CREATE FUNCTION wangge.check_plan_complete() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  missing text[];
  wrong text[];
BEGIN
  SELECT array_agg(u.id ORDER BY u.id) INTO missing
  FROM wangge.plans p
  JOIN wangge.units u ON u.community = p.community
  WHERE p.id = NEW.id
    AND NOT EXISTS (SELECT 1 FROM wangge.assignments a WHERE a.plan = p.id AND a.unit = u.id);
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'plan % leaves % units without a grid: %', NEW.id, cardinality(missing),
      array_to_string(missing[1:5], ', ')
      USING ERRCODE = 'check_violation', CONSTRAINT = 'plans_every_unit_assigned';
  END IF;
  SELECT array_agg(a.unit ORDER BY a.unit) INTO wrong
  FROM wangge.assignments a JOIN wangge.plans p ON p.id = a.plan
  WHERE a.plan = NEW.id AND a.community <> p.community;
  IF wrong IS NOT NULL THEN
    RAISE EXCEPTION 'plan % assigns units of another community: %', NEW.id, array_to_string(wrong[1:5], ', ')
      USING ERRCODE = 'check_violation', CONSTRAINT = 'plans_units_of_its_community';
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER plans_every_unit_assigned
  AFTER INSERT ON wangge.plans
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION wangge.check_plan_complete();

-- Issues (residents' requests) with the time they were reported, for counts by historical grid.
CREATE TABLE wangge.issues (
  id text PRIMARY KEY,
  community text NOT NULL REFERENCES wangge.communities (id),
  reported_at timestamptz NOT NULL,
  unit text,
  geom geometry(Point, 4326)
);

CREATE INDEX units_geom ON wangge.units USING gist (geom);
CREATE INDEX grids_geom ON wangge.grids USING gist (geom);
CREATE INDEX issues_geom ON wangge.issues USING gist (geom);
CREATE INDEX assignments_grid ON wangge.assignments (plan, grid);
