-- Wangge plan history, migration 003: who may do what.
-- Three roles to grant to login roles: wangge_viewer (reads), wangge_planner (reads and commits
-- plans), wangge_admin (everything, every community). Viewers and planners see only the communities
-- granted to them in wangge.community_grants (to them or to a role they are a member of); row-level
-- security enforces it on every table, for the module's queries and anyone else's.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wangge_viewer') THEN CREATE ROLE wangge_viewer NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wangge_planner') THEN CREATE ROLE wangge_planner NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wangge_admin') THEN CREATE ROLE wangge_admin NOLOGIN; END IF;
END $$;

CREATE TABLE wangge.community_grants (
  member name NOT NULL,
  community text NOT NULL REFERENCES wangge.communities (id),
  PRIMARY KEY (member, community)
);

-- True when the current user may see a community's rows. SECURITY INVOKER on purpose: inside a
-- SECURITY DEFINER function current_user would be its owner, who may see everything.
CREATE FUNCTION wangge.may_see(p_community text) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, wangge AS $$
  SELECT pg_has_role(current_user, 'wangge_admin', 'member')
      OR EXISTS (SELECT 1 FROM wangge.community_grants g
                 WHERE g.community = p_community AND pg_has_role(current_user, g.member, 'member'))
$$;

CREATE FUNCTION wangge.may_plan(p_community text) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, wangge AS $$
  SELECT pg_has_role(current_user, 'wangge_admin', 'member')
      OR (pg_has_role(current_user, 'wangge_planner', 'member') AND wangge.may_see(p_community))
$$;

GRANT USAGE ON SCHEMA wangge TO wangge_viewer, wangge_planner, wangge_admin;
GRANT SELECT ON ALL TABLES IN SCHEMA wangge TO wangge_viewer, wangge_planner;
GRANT INSERT, UPDATE ON wangge.plans, wangge.grids, wangge.assignments TO wangge_planner;
GRANT ALL ON ALL TABLES IN SCHEMA wangge TO wangge_admin;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA wangge TO wangge_viewer, wangge_planner, wangge_admin;

ALTER TABLE wangge.communities ENABLE ROW LEVEL SECURITY;
ALTER TABLE wangge.units ENABLE ROW LEVEL SECURITY;
ALTER TABLE wangge.plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE wangge.grids ENABLE ROW LEVEL SECURITY;
ALTER TABLE wangge.assignments ENABLE ROW LEVEL SECURITY;
ALTER TABLE wangge.issues ENABLE ROW LEVEL SECURITY;

CREATE POLICY communities_read ON wangge.communities FOR SELECT USING (wangge.may_see(id));
CREATE POLICY units_read ON wangge.units FOR SELECT USING (wangge.may_see(community));
CREATE POLICY issues_read ON wangge.issues FOR SELECT USING (wangge.may_see(community));
CREATE POLICY plans_read ON wangge.plans FOR SELECT USING (wangge.may_see(community));
CREATE POLICY plans_insert ON wangge.plans FOR INSERT WITH CHECK (wangge.may_plan(community));
CREATE POLICY plans_update ON wangge.plans FOR UPDATE
  USING (wangge.may_plan(community)) WITH CHECK (wangge.may_plan(community));
CREATE POLICY assignments_read ON wangge.assignments FOR SELECT USING (wangge.may_see(community));
CREATE POLICY assignments_insert ON wangge.assignments FOR INSERT WITH CHECK (wangge.may_plan(community));
CREATE POLICY grids_read ON wangge.grids FOR SELECT
  USING (EXISTS (SELECT 1 FROM wangge.plans p WHERE p.id = plan));
CREATE POLICY grids_insert ON wangge.grids FOR INSERT
  WITH CHECK (EXISTS (SELECT 1 FROM wangge.plans p WHERE p.id = plan AND wangge.may_plan(p.community)));
CREATE POLICY grids_update ON wangge.grids FOR UPDATE
  USING (EXISTS (SELECT 1 FROM wangge.plans p WHERE p.id = plan AND wangge.may_plan(p.community)));
-- The administrators' own policy: all rows, all commands.
CREATE POLICY communities_admin ON wangge.communities TO wangge_admin USING (true) WITH CHECK (true);
CREATE POLICY units_admin ON wangge.units TO wangge_admin USING (true) WITH CHECK (true);
CREATE POLICY issues_admin ON wangge.issues TO wangge_admin USING (true) WITH CHECK (true);
CREATE POLICY plans_admin ON wangge.plans TO wangge_admin USING (true) WITH CHECK (true);
CREATE POLICY grids_admin ON wangge.grids TO wangge_admin USING (true) WITH CHECK (true);
CREATE POLICY assignments_admin ON wangge.assignments TO wangge_admin USING (true) WITH CHECK (true);
