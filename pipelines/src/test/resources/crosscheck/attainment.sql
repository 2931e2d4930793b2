-- =====================================================================================
-- Independent cross-check of the attainment output (CONTRACT.md section 3,
-- "attainment", and 4 "Targets and the run"). Runs after summary.sql in the same
-- DuckDB database: it uses raw_targets, ent_cell, milestones, periods and
-- expected_summary from there. Same parameters as summary.sql.
-- =====================================================================================

-- targets.csv, key (indicator, sector_id, district, year); empty sector_id or district
-- means ALL. Any bad row fails the run, so with a successful run there is none; the
-- checks are here so that the test can say so.
CREATE TABLE targets_rows AS
SELECT *,
  CASE
    WHEN blank(indicator) THEN 'MISSING_FIELD indicator'
    WHEN blank(year) THEN 'MISSING_FIELD year'
    WHEN NOT is_int(year) THEN 'INVALID_NUMBER year'
    WHEN blank(direction) THEN 'MISSING_FIELD direction'
    WHEN direction NOT IN ('AT_LEAST', 'ABOVE', 'AT_MOST', 'BELOW') THEN 'INVALID_CODE direction'
    WHEN NOT blank(ensure) AND NOT is_decimal(ensure) THEN 'INVALID_NUMBER ensure'
    WHEN NOT blank(strive) AND NOT is_decimal(strive) THEN 'INVALID_NUMBER strive'
    WHEN blank(ensure) AND blank(strive) THEN 'MISSING_FIELD ensure/strive'
    WHEN NOT rev_ok(revision) THEN 'INVALID_NUMBER revision'
  END AS problem
FROM raw_targets;

CREATE TABLE targets_parsed AS
SELECT TRY_CAST(__line AS BIGINT) AS __line, to_rev(revision) AS revision,
  indicator,
  COALESCE(NULLIF(sector_id, ''), 'ALL') AS sector_id,
  COALESCE(NULLIF(district, ''), 'ALL') AS district,
  TRY_CAST(year AS INTEGER) AS year,
  direction,
  TRY_CAST(NULLIF(ensure, '') AS DOUBLE) AS ensure,
  TRY_CAST(NULLIF(strive, '') AS DOUBLE) AS strive
FROM targets_rows WHERE problem IS NULL;

-- Highest revision per target key (a duplicate key at that revision fails the run, so a
-- successful run has at most one row per key; the test checks that).
CREATE TABLE targets AS
SELECT * FROM targets_parsed
QUALIFY revision = max(revision) OVER (PARTITION BY indicator, sector_id, district, year);

CREATE TABLE target_problems AS
SELECT 'targets.csv' AS source_file, TRY_CAST(__line AS BIGINT) AS line_number, problem
FROM targets_rows WHERE problem IS NOT NULL
UNION ALL
SELECT 'targets.csv', min(__line), 'DUPLICATE target key ' || indicator || '/' || sector_id || '/' || district || '/' || year
FROM targets GROUP BY indicator, sector_id, district, year HAVING count(*) > 1;

-- The numeric summary columns (all but year and period_end_month) in long form, as the
-- double nearest to the exact value. INCLUDE NULLS keeps null rates (-> NO_DATA).
CREATE TABLE summary_long AS
FROM (
  SELECT year, sector_id, district,
    dbl(enterprise_count) AS enterprise_count,
    dbl(above_scale_count) AS above_scale_count,
    dbl(output_value) AS output_value,
    dbl(value_added) AS value_added,
    dbl(revenue) AS revenue,
    dbl(employees) AS employees,
    dbl(above_scale_value_added) AS above_scale_value_added,
    value_added_growth,
    value_added_growth_nominal,
    dbl(investment_completed) AS investment_completed,
    dbl(industrial_investment) AS industrial_investment,
    dbl(high_tech_investment) AS high_tech_investment,
    dbl(tech_renovation_investment) AS tech_renovation_investment,
    industrial_investment_growth,
    high_tech_investment_growth,
    tech_renovation_investment_growth,
    dbl(major_project_count) AS major_project_count,
    dbl(rd_expenditure) AS rd_expenditure,
    dbl(rd_personnel) AS rd_personnel,
    rd_revenue_ratio,
    rd_gdp_ratio,
    dbl(high_tech_enterprise_count) AS high_tech_enterprise_count,
    dbl(provincial_rd_centers) AS provincial_rd_centers,
    dbl(national_rd_centers) AS national_rd_centers
  FROM expected_summary)
UNPIVOT INCLUDE NULLS (actual FOR indicator IN (
  enterprise_count, above_scale_count, output_value, value_added, revenue, employees,
  above_scale_value_added, value_added_growth, value_added_growth_nominal,
  investment_completed, industrial_investment, high_tech_investment, tech_renovation_investment,
  industrial_investment_growth, high_tech_investment_growth, tech_renovation_investment_growth,
  major_project_count, rd_expenditure, rd_personnel, rd_revenue_ratio, rd_gdp_ratio,
  high_tech_enterprise_count, provincial_rd_centers, national_rd_centers));

-- milestones.KIND: milestones of that kind dated in (Y, 1..M) in the cell. One with an
-- enterprise counts in all of that enterprise's cells; one without only in (ALL, ALL).
-- Every accepted row counts (no de-duplication).
CREATE TABLE milestone_counts AS
SELECT y, 'milestones.' || kind AS indicator, sector_id, district, count(*) AS n
FROM (
  SELECT p.y, ms.kind, c.sector_id, c.district
  FROM periods p
  JOIN milestones ms ON year(ms.date) = p.y AND month(ms.date) <= p.m
  JOIN ent_cell c ON c.enterprise_id = ms.enterprise_id
  UNION ALL
  SELECT p.y, ms.kind, 'ALL', 'ALL'
  FROM periods p
  JOIN milestones ms ON year(ms.date) = p.y AND month(ms.date) <= p.m
  WHERE ms.enterprise_id IS NULL)
GROUP BY ALL;

-- Met: actual >= t (AT_LEAST), > t (ABOVE), <= t (AT_MOST), < t (BELOW), unrounded.
CREATE OR REPLACE TEMP MACRO met(a, t, dir) AS
  CASE dir WHEN 'AT_LEAST' THEN a >= t WHEN 'ABOVE' THEN a > t
           WHEN 'AT_MOST' THEN a <= t WHEN 'BELOW' THEN a < t END;

-- One row per target whose year is computed.
CREATE TABLE expected_attainment AS
WITH t AS (
  SELECT tg.year, p.m AS period_end_month, tg.indicator, tg.sector_id, tg.district, tg.direction,
    tg.ensure AS ensure_target, tg.strive AS strive_target,
    CASE WHEN starts_with(tg.indicator, 'milestones.')
         THEN CAST(COALESCE(mc.n, 0) AS DOUBLE)          -- a kind absent from the data counts 0
         ELSE sl.actual END AS actual
  FROM targets tg
  JOIN periods p ON p.y = tg.year                       -- targets of years not computed are skipped
  LEFT JOIN summary_long sl
    ON sl.year = tg.year AND sl.sector_id = tg.sector_id AND sl.district = tg.district
   AND sl.indicator = tg.indicator
  LEFT JOIN milestone_counts mc
    ON mc.y = tg.year AND mc.sector_id = tg.sector_id AND mc.district = tg.district
   AND mc.indicator = tg.indicator
)
SELECT year, period_end_month, indicator, sector_id, district, direction, ensure_target, strive_target,
  actual,
  CASE WHEN actual IS NULL THEN 'NO_DATA'
       WHEN strive_target IS NOT NULL AND met(actual, strive_target, direction) THEN 'STRIVE_MET'
       WHEN ensure_target IS NOT NULL AND met(actual, ensure_target, direction) THEN 'ENSURE_MET'
       ELSE 'NOT_MET' END AS status,
  -- primary target = ensure if given, else strive
  CASE WHEN actual IS NULL OR COALESCE(ensure_target, strive_target) = 0 THEN NULL
       ELSE actual / COALESCE(ensure_target, strive_target) END AS attainment_ratio,
  actual - COALESCE(ensure_target, strive_target) AS gap
FROM t
ORDER BY year, indicator, sector_id, district;

-- A target naming an indicator, sector or district that the summary does not have
-- fails the run; listed here so the test can say so.
INSERT INTO target_problems
SELECT 'targets.csv', tg.__line, 'UNKNOWN target cell or indicator ' || tg.indicator || '/' || tg.sector_id || '/' || tg.district
FROM targets tg
WHERE NOT (tg.sector_id IN (SELECT sector_id FROM sector_ids) AND tg.district IN (SELECT district FROM districts)
           AND (regexp_full_match(tg.indicator, 'milestones\.[A-Z0-9_]+')
                OR tg.indicator IN (SELECT DISTINCT indicator FROM summary_long)));
