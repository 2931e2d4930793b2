-- =====================================================================================
-- Independent cross-check of the rollup: the summary output (CONTRACT.md section 3,
-- "summary"), written from the contract alone in DuckDB SQL. Used by
-- org.goalrollup.crosscheck.DuckDbCrossCheckTest; nothing here comes from the pipeline.
--
-- Parameters (textual substitution, done by the test before running):
--   ${input_dir}               folder with the CSV inputs (forward slashes, no quote)
--   ${period_year}             NULL = every computed year, else the one year Y
--   ${period_month}            end month M with --year (12) or --asOf; unused in a full
--                              run, where each year ends in its own last month with data
--   ${major_project_threshold} --majorProjectThreshold (5000 by default)
--
-- Input folder as prepared by the test: a filtered copy of each CSV (lines the
-- pipeline rejected dropped, except CONFLICTING_DUPLICATE, which this script
-- recomputes), UTF-8 without BOM, with an extra last column __line holding the
-- physical line number of the row in the original file. An optional file that is
-- absent is written as a header-only file. The script also runs on a raw input folder
-- (then __line is NULL).
--
-- Conventions: every column is read as VARCHAR and cast here. Amounts are
-- DECIMAL(20,2) and summed exactly (DuckDB widens the sums to DECIMAL(38,2)); rates
-- are DOUBLE, computed from the exact sums at the end.
-- Each statement ends with ';' at the end of a line (the test splits on that).
-- =====================================================================================

SET threads = 1;

-- -------------------------------------------------------------------------------------
-- Helpers for the value syntax of CONTRACT 2 and 4 ("Reading CSV").
-- -------------------------------------------------------------------------------------
-- Empty field (DuckDB reads an empty field as NULL; '' is covered too).
CREATE OR REPLACE TEMP MACRO blank(x) AS (x IS NULL OR x = '');
-- Integers match -?\d+ (and must fit the column type).
CREATE OR REPLACE TEMP MACRO is_int(x) AS (regexp_full_match(x, '-?[0-9]+') AND TRY_CAST(x AS INTEGER) IS NOT NULL);
-- Amounts match -?\d+(\.\d{1,2})? ; they are stored as DECIMAL(20,2).
CREATE OR REPLACE TEMP MACRO is_amount(x) AS (regexp_full_match(x, '-?[0-9]+(\.[0-9]{1,2})?') AND TRY_CAST(x AS DECIMAL(20, 2)) IS NOT NULL);
-- va_price_index and target numbers: any plain decimal.
CREATE OR REPLACE TEMP MACRO is_decimal(x) AS (regexp_full_match(x, '-?[0-9]+(\.[0-9]+)?') AND TRY_CAST(x AS DOUBLE) IS NOT NULL);
-- Dates are YYYY-MM-DD and must exist in the calendar.
CREATE OR REPLACE TEMP MACRO is_date(x) AS (regexp_full_match(x, '[0-9]{4}-[0-9]{2}-[0-9]{2}') AND TRY_CAST(x AS DATE) IS NOT NULL);
-- Booleans: true/false, 1/0, Y/N, 是/否, case-insensitive.
CREATE OR REPLACE TEMP MACRO is_bool(x) AS (lower(x) IN ('true', 'false', '1', '0', 'y', 'n', '是', '否'));
CREATE OR REPLACE TEMP MACRO to_bool(x) AS (lower(x) IN ('true', '1', 'y', '是'));
-- Optional integer column `revision` of every file: empty = 0.
CREATE OR REPLACE TEMP MACRO rev_ok(x) AS (blank(x) OR is_int(x));
CREATE OR REPLACE TEMP MACRO to_rev(x) AS COALESCE(TRY_CAST(NULLIF(x, '') AS INTEGER), 0);
-- A decimal converted to the double nearest to it (CONTRACT 4: "Met compares the double
-- nearest the exact actual"); going through the text is correctly rounded.
CREATE OR REPLACE TEMP MACRO dbl(x) AS CAST(CAST(x AS VARCHAR) AS DOUBLE);

-- CONTRACT 2: RFC 4180, header row, columns by name in any order, extra columns ignored.
-- Everything as VARCHAR; the UNION ALL BY NAME below each read adds the optional
-- columns a file may lack (as NULL). The dialect is pinned so that DuckDB's sniffer
-- cannot pick a comment character, skip leading rows or pad short rows; fields are not
-- trimmed. (A quoted empty field reads as NULL, like an empty one.)
CREATE OR REPLACE TEMP MACRO csv_in(f) AS TABLE
  SELECT * FROM read_csv(f, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"',
                         comment = '', skip = 0, strict_mode = true, null_padding = false, encoding = 'utf-8');

CREATE TABLE raw_enterprises AS
  SELECT * FROM csv_in('${input_dir}/enterprises.csv')
  UNION ALL BY NAME SELECT NULL::VARCHAR AS enterprise_id, NULL::VARCHAR AS name, NULL::VARCHAR AS district,
    NULL::VARCHAR AS industry_code, NULL::VARCHAR AS high_tech_from, NULL::VARCHAR AS high_tech_to,
    NULL::VARCHAR AS rd_center_level, NULL::VARCHAR AS revision, NULL::VARCHAR AS __line WHERE false;
CREATE TABLE raw_sectors AS
  SELECT * FROM csv_in('${input_dir}/sectors.csv')
  UNION ALL BY NAME SELECT NULL::VARCHAR AS sector_id, NULL::VARCHAR AS sector_name, NULL::VARCHAR AS match_type,
    NULL::VARCHAR AS match_value, NULL::VARCHAR AS revision, NULL::VARCHAR AS __line WHERE false;
CREATE TABLE raw_production AS
  SELECT * FROM csv_in('${input_dir}/production.csv')
  UNION ALL BY NAME SELECT NULL::VARCHAR AS enterprise_id, NULL::VARCHAR AS year, NULL::VARCHAR AS month,
    NULL::VARCHAR AS above_scale, NULL::VARCHAR AS output_value, NULL::VARCHAR AS value_added,
    NULL::VARCHAR AS revenue, NULL::VARCHAR AS employees, NULL::VARCHAR AS revision, NULL::VARCHAR AS __line WHERE false;
CREATE TABLE raw_investment AS
  SELECT * FROM csv_in('${input_dir}/investment.csv')
  UNION ALL BY NAME SELECT NULL::VARCHAR AS project_id, NULL::VARCHAR AS enterprise_id, NULL::VARCHAR AS district,
    NULL::VARCHAR AS industry_code, NULL::VARCHAR AS year, NULL::VARCHAR AS month, NULL::VARCHAR AS category,
    NULL::VARCHAR AS high_tech, NULL::VARCHAR AS tech_renovation, NULL::VARCHAR AS planned_total,
    NULL::VARCHAR AS completed, NULL::VARCHAR AS revision, NULL::VARCHAR AS __line WHERE false;
CREATE TABLE raw_rd AS
  SELECT * FROM csv_in('${input_dir}/rd.csv')
  UNION ALL BY NAME SELECT NULL::VARCHAR AS enterprise_id, NULL::VARCHAR AS year, NULL::VARCHAR AS rd_expenditure,
    NULL::VARCHAR AS rd_personnel, NULL::VARCHAR AS revision, NULL::VARCHAR AS __line WHERE false;
CREATE TABLE raw_region AS
  SELECT * FROM csv_in('${input_dir}/region.csv')
  UNION ALL BY NAME SELECT NULL::VARCHAR AS district, NULL::VARCHAR AS year, NULL::VARCHAR AS gdp,
    NULL::VARCHAR AS va_price_index, NULL::VARCHAR AS other_rd_expenditure, NULL::VARCHAR AS revision,
    NULL::VARCHAR AS __line WHERE false;
CREATE TABLE raw_milestones AS
  SELECT * FROM csv_in('${input_dir}/milestones.csv')
  UNION ALL BY NAME SELECT NULL::VARCHAR AS year, NULL::VARCHAR AS kind, NULL::VARCHAR AS enterprise_id,
    NULL::VARCHAR AS title, NULL::VARCHAR AS date, NULL::VARCHAR AS revision, NULL::VARCHAR AS __line WHERE false;
CREATE TABLE raw_targets AS
  SELECT * FROM csv_in('${input_dir}/targets.csv')
  UNION ALL BY NAME SELECT NULL::VARCHAR AS indicator, NULL::VARCHAR AS sector_id, NULL::VARCHAR AS district,
    NULL::VARCHAR AS year, NULL::VARCHAR AS direction, NULL::VARCHAR AS ensure, NULL::VARCHAR AS strive,
    NULL::VARCHAR AS revision, NULL::VARCHAR AS __line WHERE false;

-- =====================================================================================
-- Validation (CONTRACT 2 table of columns, 4 "Reading CSV"): `problem` is the first
-- failing check in the contract's column order, NULL for a usable row. With the
-- pipeline's rejects removed, the test expects no problem at all; only rows without a
-- problem take part in revision resolution (CONTRACT 4: "Validation comes first").
-- =====================================================================================

-- enterprises.csv: the register.
CREATE TABLE enterprises_rows AS
SELECT *,
  CASE
    WHEN blank(enterprise_id) THEN 'MISSING_FIELD enterprise_id'
    WHEN blank(name) THEN 'MISSING_FIELD name'
    WHEN blank(district) THEN 'MISSING_FIELD district'
    WHEN district = 'ALL' THEN 'INVALID_CODE district'
    WHEN blank(industry_code) THEN 'MISSING_FIELD industry_code'
    WHEN NOT regexp_full_match(industry_code, '[0-9]{2,4}') THEN 'INVALID_CODE industry_code'
    WHEN NOT blank(high_tech_from) AND NOT is_date(high_tech_from) THEN 'INVALID_DATE high_tech_from'
    WHEN NOT blank(high_tech_to) AND NOT is_date(high_tech_to) THEN 'INVALID_DATE high_tech_to'
    WHEN NOT blank(rd_center_level) AND rd_center_level NOT IN ('NONE', 'MUNICIPAL', 'PROVINCIAL', 'NATIONAL')
      THEN 'INVALID_CODE rd_center_level'
    WHEN NOT rev_ok(revision) THEN 'INVALID_NUMBER revision'
    WHEN NOT blank(high_tech_from) AND NOT blank(high_tech_to)
      AND CAST(high_tech_to AS DATE) < CAST(high_tech_from AS DATE) THEN 'OUT_OF_RANGE high_tech_to'
  END AS problem
FROM raw_enterprises;

CREATE TABLE enterprises_parsed AS
SELECT TRY_CAST(__line AS BIGINT) AS __line, to_rev(revision) AS revision,
  enterprise_id, name, district, industry_code,
  TRY_CAST(NULLIF(high_tech_from, '') AS DATE) AS high_tech_from,
  TRY_CAST(NULLIF(high_tech_to, '') AS DATE) AS high_tech_to,
  COALESCE(NULLIF(rd_center_level, ''), 'NONE') AS rd_center_level     -- empty = NONE
FROM enterprises_rows WHERE problem IS NULL;

-- sectors.csv: no key, `revision` ignored, every row counts (CONTRACT 4).
CREATE TABLE sectors_rows AS
SELECT *,
  CASE
    WHEN blank(sector_id) THEN 'MISSING_FIELD sector_id'
    WHEN NOT regexp_full_match(sector_id, '[A-Z0-9_]+') OR sector_id = 'ALL' THEN 'INVALID_CODE sector_id'
    WHEN blank(sector_name) THEN 'MISSING_FIELD sector_name'
    WHEN blank(match_type) THEN 'MISSING_FIELD match_type'
    WHEN match_type NOT IN ('INDUSTRY_PREFIX', 'ENTERPRISE') THEN 'INVALID_CODE match_type'
    WHEN blank(match_value) THEN 'MISSING_FIELD match_value'
  END AS problem
FROM raw_sectors;

CREATE TABLE sectors AS
SELECT sector_id, sector_name, match_type, match_value FROM sectors_rows WHERE problem IS NULL;

-- =====================================================================================
-- Revisions and duplicates (CONTRACT 2 "Revisions and duplicates", 4): per key only
-- rows with the highest revision count; if those rows differ in the parsed values of
-- the contract's columns, every one of them is a CONFLICTING_DUPLICATE and the key has
-- no value; identical ones collapse into one. The *_top tables hold the top-revision
-- rows, *_conflicts the conflicting keys, and the in-force table one row per key.
-- =====================================================================================

CREATE TABLE enterprises_top AS
SELECT * FROM enterprises_parsed
QUALIFY revision = max(revision) OVER (PARTITION BY enterprise_id);

CREATE TABLE enterprises_conflicts AS
SELECT enterprise_id FROM (
  SELECT DISTINCT enterprise_id, name, district, industry_code, high_tech_from, high_tech_to, rd_center_level
  FROM enterprises_top)
GROUP BY enterprise_id HAVING count(*) > 1;

-- The accepted register (CONTRACT 4: "after its own revision and duplicate resolution").
CREATE TABLE ent AS
SELECT DISTINCT enterprise_id, name, district, industry_code, high_tech_from, high_tech_to, rd_center_level
FROM enterprises_top
WHERE enterprise_id NOT IN (SELECT enterprise_id FROM enterprises_conflicts);

-- production.csv, key (enterprise_id, year, month).
CREATE TABLE production_rows AS
SELECT *,
  CASE
    WHEN blank(enterprise_id) THEN 'MISSING_FIELD enterprise_id'
    WHEN blank(year) THEN 'MISSING_FIELD year'
    WHEN NOT is_int(year) THEN 'INVALID_NUMBER year'
    WHEN blank(month) THEN 'MISSING_FIELD month'
    WHEN NOT is_int(month) THEN 'INVALID_NUMBER month'
    WHEN CAST(month AS INTEGER) NOT BETWEEN 1 AND 12 THEN 'INVALID_CODE month'
    WHEN blank(above_scale) THEN 'MISSING_FIELD above_scale'
    WHEN NOT is_bool(above_scale) THEN 'INVALID_CODE above_scale'
    WHEN blank(output_value) THEN 'MISSING_FIELD output_value'
    WHEN NOT is_amount(output_value) THEN 'INVALID_NUMBER output_value'
    WHEN CAST(output_value AS DECIMAL(20, 2)) < 0 THEN 'OUT_OF_RANGE output_value'
    WHEN blank(value_added) THEN 'MISSING_FIELD value_added'
    WHEN NOT is_amount(value_added) THEN 'INVALID_NUMBER value_added'            -- may be negative
    WHEN blank(revenue) THEN 'MISSING_FIELD revenue'
    WHEN NOT is_amount(revenue) THEN 'INVALID_NUMBER revenue'
    WHEN CAST(revenue AS DECIMAL(20, 2)) < 0 THEN 'OUT_OF_RANGE revenue'
    WHEN blank(employees) THEN 'MISSING_FIELD employees'
    WHEN NOT is_int(employees) THEN 'INVALID_NUMBER employees'
    WHEN CAST(employees AS INTEGER) < 0 THEN 'OUT_OF_RANGE employees'
    WHEN NOT rev_ok(revision) THEN 'INVALID_NUMBER revision'
    WHEN enterprise_id NOT IN (SELECT enterprise_id FROM ent) THEN 'UNKNOWN_ENTERPRISE'
  END AS problem
FROM raw_production;

CREATE TABLE production_parsed AS
SELECT TRY_CAST(__line AS BIGINT) AS __line, to_rev(revision) AS revision,
  enterprise_id, TRY_CAST(year AS INTEGER) AS year, TRY_CAST(month AS INTEGER) AS month,
  to_bool(above_scale) AS above_scale,
  TRY_CAST(output_value AS DECIMAL(20, 2)) AS output_value,
  TRY_CAST(value_added AS DECIMAL(20, 2)) AS value_added,
  TRY_CAST(revenue AS DECIMAL(20, 2)) AS revenue,
  TRY_CAST(employees AS INTEGER) AS employees
FROM production_rows WHERE problem IS NULL;

CREATE TABLE production_top AS
SELECT * FROM production_parsed
QUALIFY revision = max(revision) OVER (PARTITION BY enterprise_id, year, month);

CREATE TABLE production_conflicts AS
SELECT enterprise_id, year, month FROM (
  SELECT DISTINCT enterprise_id, year, month, above_scale, output_value, value_added, revenue, employees
  FROM production_top)
GROUP BY ALL HAVING count(*) > 1;

CREATE TABLE prod AS
SELECT DISTINCT enterprise_id, year, month, above_scale, output_value, value_added, revenue, employees
FROM production_top
WHERE (enterprise_id, year, month) NOT IN (SELECT (enterprise_id, year, month) FROM production_conflicts);

-- investment.csv, key (project_id, year, month).
CREATE TABLE investment_rows AS
SELECT *,
  CASE
    WHEN blank(project_id) THEN 'MISSING_FIELD project_id'
    WHEN blank(district) THEN 'MISSING_FIELD district'
    WHEN district = 'ALL' THEN 'INVALID_CODE district'
    WHEN blank(industry_code) THEN 'MISSING_FIELD industry_code'
    WHEN NOT regexp_full_match(industry_code, '[0-9]{2,4}') THEN 'INVALID_CODE industry_code'
    WHEN blank(year) THEN 'MISSING_FIELD year'
    WHEN NOT is_int(year) THEN 'INVALID_NUMBER year'
    WHEN blank(month) THEN 'MISSING_FIELD month'
    WHEN NOT is_int(month) THEN 'INVALID_NUMBER month'
    WHEN CAST(month AS INTEGER) NOT BETWEEN 1 AND 12 THEN 'INVALID_CODE month'
    WHEN blank(category) THEN 'MISSING_FIELD category'
    WHEN category NOT IN ('INDUSTRIAL', 'INFRASTRUCTURE', 'REAL_ESTATE', 'OTHER') THEN 'INVALID_CODE category'
    WHEN blank(high_tech) THEN 'MISSING_FIELD high_tech'
    WHEN NOT is_bool(high_tech) THEN 'INVALID_CODE high_tech'
    WHEN blank(tech_renovation) THEN 'MISSING_FIELD tech_renovation'
    WHEN NOT is_bool(tech_renovation) THEN 'INVALID_CODE tech_renovation'
    WHEN blank(planned_total) THEN 'MISSING_FIELD planned_total'
    WHEN NOT is_amount(planned_total) THEN 'INVALID_NUMBER planned_total'
    WHEN CAST(planned_total AS DECIMAL(20, 2)) < 0 THEN 'OUT_OF_RANGE planned_total'
    WHEN blank(completed) THEN 'MISSING_FIELD completed'
    WHEN NOT is_amount(completed) THEN 'INVALID_NUMBER completed'
    WHEN CAST(completed AS DECIMAL(20, 2)) < 0 THEN 'OUT_OF_RANGE completed'
    WHEN NOT rev_ok(revision) THEN 'INVALID_NUMBER revision'
    -- enterprise_id is optional; a non-empty one must be in the register.
    WHEN NOT blank(enterprise_id) AND enterprise_id NOT IN (SELECT enterprise_id FROM ent) THEN 'UNKNOWN_ENTERPRISE'
  END AS problem
FROM raw_investment;

CREATE TABLE investment_parsed AS
SELECT TRY_CAST(__line AS BIGINT) AS __line, to_rev(revision) AS revision,
  project_id, NULLIF(enterprise_id, '') AS enterprise_id, district, industry_code,
  TRY_CAST(year AS INTEGER) AS year, TRY_CAST(month AS INTEGER) AS month, category,
  to_bool(high_tech) AS high_tech, to_bool(tech_renovation) AS tech_renovation,
  TRY_CAST(planned_total AS DECIMAL(20, 2)) AS planned_total,
  TRY_CAST(completed AS DECIMAL(20, 2)) AS completed
FROM investment_rows WHERE problem IS NULL;

CREATE TABLE investment_top AS
SELECT * FROM investment_parsed
QUALIFY revision = max(revision) OVER (PARTITION BY project_id, year, month);

CREATE TABLE investment_conflicts AS
SELECT project_id, year, month FROM (
  SELECT DISTINCT project_id, year, month, enterprise_id, district, industry_code, category, high_tech,
    tech_renovation, planned_total, completed
  FROM investment_top)
GROUP BY ALL HAVING count(*) > 1;

CREATE TABLE inv AS
SELECT DISTINCT project_id, year, month, enterprise_id, district, industry_code, category, high_tech,
  tech_renovation, planned_total, completed
FROM investment_top
WHERE (project_id, year, month) NOT IN (SELECT (project_id, year, month) FROM investment_conflicts);

-- rd.csv, key (enterprise_id, year).
CREATE TABLE rd_rows AS
SELECT *,
  CASE
    WHEN blank(enterprise_id) THEN 'MISSING_FIELD enterprise_id'
    WHEN blank(year) THEN 'MISSING_FIELD year'
    WHEN NOT is_int(year) THEN 'INVALID_NUMBER year'
    WHEN blank(rd_expenditure) THEN 'MISSING_FIELD rd_expenditure'
    WHEN NOT is_amount(rd_expenditure) THEN 'INVALID_NUMBER rd_expenditure'
    WHEN CAST(rd_expenditure AS DECIMAL(20, 2)) < 0 THEN 'OUT_OF_RANGE rd_expenditure'
    WHEN blank(rd_personnel) THEN 'MISSING_FIELD rd_personnel'
    WHEN NOT is_int(rd_personnel) THEN 'INVALID_NUMBER rd_personnel'
    WHEN CAST(rd_personnel AS INTEGER) < 0 THEN 'OUT_OF_RANGE rd_personnel'
    WHEN NOT rev_ok(revision) THEN 'INVALID_NUMBER revision'
    WHEN enterprise_id NOT IN (SELECT enterprise_id FROM ent) THEN 'UNKNOWN_ENTERPRISE'
  END AS problem
FROM raw_rd;

CREATE TABLE rd_parsed AS
SELECT TRY_CAST(__line AS BIGINT) AS __line, to_rev(revision) AS revision,
  enterprise_id, TRY_CAST(year AS INTEGER) AS year,
  TRY_CAST(rd_expenditure AS DECIMAL(20, 2)) AS rd_expenditure,
  TRY_CAST(rd_personnel AS INTEGER) AS rd_personnel
FROM rd_rows WHERE problem IS NULL;

CREATE TABLE rd_top AS
SELECT * FROM rd_parsed
QUALIFY revision = max(revision) OVER (PARTITION BY enterprise_id, year);

CREATE TABLE rd_conflicts AS
SELECT enterprise_id, year FROM (
  SELECT DISTINCT enterprise_id, year, rd_expenditure, rd_personnel FROM rd_top)
GROUP BY ALL HAVING count(*) > 1;

CREATE TABLE rd AS
SELECT DISTINCT enterprise_id, year, rd_expenditure, rd_personnel
FROM rd_top
WHERE (enterprise_id, year) NOT IN (SELECT (enterprise_id, year) FROM rd_conflicts);

-- region.csv, key (district, year); district may be ALL (the whole region).
CREATE TABLE region_rows AS
SELECT *,
  CASE
    WHEN blank(district) THEN 'MISSING_FIELD district'
    WHEN blank(year) THEN 'MISSING_FIELD year'
    WHEN NOT is_int(year) THEN 'INVALID_NUMBER year'
    WHEN blank(gdp) THEN 'MISSING_FIELD gdp'
    WHEN NOT is_amount(gdp) THEN 'INVALID_NUMBER gdp'
    WHEN CAST(gdp AS DECIMAL(20, 2)) <= 0 THEN 'OUT_OF_RANGE gdp'
    WHEN NOT blank(va_price_index) AND NOT is_decimal(va_price_index) THEN 'INVALID_NUMBER va_price_index'
    WHEN NOT blank(va_price_index) AND CAST(va_price_index AS DOUBLE) <= 0 THEN 'OUT_OF_RANGE va_price_index'
    WHEN NOT blank(other_rd_expenditure) AND NOT is_amount(other_rd_expenditure) THEN 'INVALID_NUMBER other_rd_expenditure'
    WHEN NOT blank(other_rd_expenditure) AND CAST(other_rd_expenditure AS DECIMAL(20, 2)) < 0
      THEN 'OUT_OF_RANGE other_rd_expenditure'
    WHEN NOT rev_ok(revision) THEN 'INVALID_NUMBER revision'
  END AS problem
FROM raw_region;

CREATE TABLE region_parsed AS
SELECT TRY_CAST(__line AS BIGINT) AS __line, to_rev(revision) AS revision,
  district, TRY_CAST(year AS INTEGER) AS year,
  TRY_CAST(gdp AS DECIMAL(20, 2)) AS gdp,
  COALESCE(TRY_CAST(NULLIF(va_price_index, '') AS DOUBLE), 100.0) AS va_price_index,           -- empty = 100
  COALESCE(TRY_CAST(NULLIF(other_rd_expenditure, '') AS DECIMAL(20, 2)), 0) AS other_rd_expenditure  -- empty = 0
FROM region_rows WHERE problem IS NULL;

CREATE TABLE region_top AS
SELECT * FROM region_parsed
QUALIFY revision = max(revision) OVER (PARTITION BY district, year);

CREATE TABLE region_conflicts AS
SELECT district, year FROM (
  SELECT DISTINCT district, year, gdp, va_price_index, other_rd_expenditure FROM region_top)
GROUP BY ALL HAVING count(*) > 1;

CREATE TABLE region AS
SELECT DISTINCT district, year, gdp, va_price_index, other_rd_expenditure
FROM region_top
WHERE (district, year) NOT IN (SELECT (district, year) FROM region_conflicts);

-- milestones.csv: no key, `revision` ignored, every accepted row counts (two identical
-- milestones count twice). `year` is only validated; the period is `date`.
CREATE TABLE milestones_rows AS
SELECT *,
  CASE
    WHEN blank(year) THEN 'MISSING_FIELD year'
    WHEN NOT is_int(year) THEN 'INVALID_NUMBER year'
    WHEN blank(kind) THEN 'MISSING_FIELD kind'
    WHEN NOT regexp_full_match(kind, '[A-Z0-9_]+') THEN 'INVALID_CODE kind'
    WHEN blank(title) THEN 'MISSING_FIELD title'
    WHEN blank(date) THEN 'MISSING_FIELD date'
    WHEN NOT is_date(date) THEN 'INVALID_DATE date'
    WHEN NOT blank(enterprise_id) AND enterprise_id NOT IN (SELECT enterprise_id FROM ent) THEN 'UNKNOWN_ENTERPRISE'
  END AS problem
FROM raw_milestones;

CREATE TABLE milestones AS
SELECT TRY_CAST(__line AS BIGINT) AS __line, kind, NULLIF(enterprise_id, '') AS enterprise_id,
  TRY_CAST(date AS DATE) AS date
FROM milestones_rows WHERE problem IS NULL;

-- Rows this script finds unusable (the test expects none once the pipeline's rejects
-- are removed) and the rows it finds conflicting (the test expects exactly the
-- pipeline's CONFLICTING_DUPLICATE rejects).
CREATE TABLE validation_problems AS
          SELECT 'enterprises.csv' AS source_file, TRY_CAST(__line AS BIGINT) AS line_number, problem FROM enterprises_rows WHERE problem IS NOT NULL
UNION ALL SELECT 'sectors.csv', TRY_CAST(__line AS BIGINT), problem FROM sectors_rows WHERE problem IS NOT NULL
UNION ALL SELECT 'production.csv', TRY_CAST(__line AS BIGINT), problem FROM production_rows WHERE problem IS NOT NULL
UNION ALL SELECT 'investment.csv', TRY_CAST(__line AS BIGINT), problem FROM investment_rows WHERE problem IS NOT NULL
UNION ALL SELECT 'rd.csv', TRY_CAST(__line AS BIGINT), problem FROM rd_rows WHERE problem IS NOT NULL
UNION ALL SELECT 'region.csv', TRY_CAST(__line AS BIGINT), problem FROM region_rows WHERE problem IS NOT NULL
UNION ALL SELECT 'milestones.csv', TRY_CAST(__line AS BIGINT), problem FROM milestones_rows WHERE problem IS NOT NULL;

CREATE TABLE conflicting_rows AS
          SELECT 'enterprises.csv' AS source_file, __line AS line_number FROM enterprises_top
            WHERE enterprise_id IN (SELECT enterprise_id FROM enterprises_conflicts)
UNION ALL SELECT 'production.csv', __line FROM production_top
            WHERE (enterprise_id, year, month) IN (SELECT (enterprise_id, year, month) FROM production_conflicts)
UNION ALL SELECT 'investment.csv', __line FROM investment_top
            WHERE (project_id, year, month) IN (SELECT (project_id, year, month) FROM investment_conflicts)
UNION ALL SELECT 'rd.csv', __line FROM rd_top
            WHERE (enterprise_id, year) IN (SELECT (enterprise_id, year) FROM rd_conflicts)
UNION ALL SELECT 'region.csv', __line FROM region_top
            WHERE (district, year) IN (SELECT (district, year) FROM region_conflicts);

-- =====================================================================================
-- Sectors, districts, cells (CONTRACT 2 "Sector membership", "Cells"; 4 "Periods,
-- districts, measures").
-- =====================================================================================

-- Every sector of sectors.csv plus ALL.
CREATE TABLE sector_ids AS
SELECT DISTINCT sector_id FROM sectors UNION SELECT 'ALL';

-- Districts of the in-force register and in-force investment rows, whatever their
-- period, plus ALL. (region.csv does not add districts.)
CREATE TABLE districts AS
SELECT district FROM ent UNION SELECT district FROM inv UNION SELECT 'ALL';

-- Enterprise -> sectors: INDUSTRY_PREFIX rules whose match_value is a prefix of its
-- industry_code, ENTERPRISE rules naming its id, and always ALL.
CREATE TABLE ent_sector AS
SELECT enterprise_id, 'ALL' AS sector_id FROM ent
UNION
SELECT e.enterprise_id, s.sector_id
FROM ent e JOIN sectors s
  ON (s.match_type = 'INDUSTRY_PREFIX' AND starts_with(e.industry_code, s.match_value))
  OR (s.match_type = 'ENTERPRISE' AND s.match_value = e.enterprise_id);

-- Enterprise -> every cell it counts in: (each of its sectors) x (its district, ALL).
CREATE TABLE ent_cell AS
SELECT es.enterprise_id, es.sector_id, unnest([e.district, 'ALL']) AS district
FROM ent_sector es JOIN ent e USING (enterprise_id);

-- Investment record -> cells, from the record's own industry_code, enterprise_id and
-- district (never from the enterprise's industry_code).
CREATE TABLE inv_sector AS
SELECT project_id, year, month, 'ALL' AS sector_id FROM inv
UNION
SELECT i.project_id, i.year, i.month, s.sector_id
FROM inv i JOIN sectors s
  ON (s.match_type = 'INDUSTRY_PREFIX' AND starts_with(i.industry_code, s.match_value))
  OR (s.match_type = 'ENTERPRISE' AND s.match_value = i.enterprise_id);

CREATE TABLE inv_cell AS
SELECT x.project_id, x.year, x.month, x.sector_id, unnest([i.district, 'ALL']) AS district
FROM inv_sector x JOIN inv i USING (project_id, year, month);

-- Computed periods (CONTRACT 1, 4): years of in-force production, each with months
-- 1..M. Without --year/--asOf (period_year NULL), M is the year's own last month with
-- in-force production (12 for a complete year, less for a year that stops early); with
-- --year/--asOf only that year, M = period_month.
CREATE TABLE periods AS
SELECT year AS y,
  CAST(CASE WHEN ${period_year} IS NULL THEN max(month) ELSE ${period_month} END AS INTEGER) AS m
FROM prod
WHERE ${period_year} IS NULL OR year = ${period_year}
GROUP BY year;

-- One summary row per (year, sector_id, district).
CREATE TABLE cells AS
SELECT p.y, p.m, s.sector_id, d.district FROM periods p CROSS JOIN sector_ids s CROSS JOIN districts d;

-- =====================================================================================
-- Measures (CONTRACT 3 "summary" table). Records of the cell in year Y, months 1..M.
-- =====================================================================================

-- enterprise_count, above_scale_count, output_value, value_added, revenue, employees
-- (month M only), above_scale_value_added.
CREATE TABLE agg_production AS
SELECT p.y, c.sector_id, c.district,
  count(DISTINCT r.enterprise_id) AS enterprise_count,
  count(DISTINCT r.enterprise_id) FILTER (WHERE r.above_scale) AS above_scale_count,
  sum(r.output_value) AS output_value,
  sum(r.value_added) AS value_added,
  sum(r.revenue) AS revenue,
  sum(r.employees) FILTER (WHERE r.month = p.m) AS employees,
  sum(r.value_added) FILTER (WHERE r.above_scale) AS above_scale_value_added
FROM periods p
JOIN prod r ON r.year = p.y AND r.month <= p.m
JOIN ent_cell c ON c.enterprise_id = r.enterprise_id
GROUP BY p.y, c.sector_id, c.district;

-- above_scale_value_added of Y-1, same months, same cell (for the nominal growth).
CREATE TABLE agg_production_prev AS
SELECT p.y, c.sector_id, c.district,
  sum(r.value_added) FILTER (WHERE r.above_scale) AS above_scale_value_added_prev
FROM periods p
JOIN prod r ON r.year = p.y - 1 AND r.month <= p.m
JOIN ent_cell c ON c.enterprise_id = r.enterprise_id
GROUP BY p.y, c.sector_id, c.district;

-- value_added_growth, same sample: S = enterprises with an above_scale record in
-- (Y, 1..M) and any record in (Y-1, 1..M), cur = their above_scale value_added in Y,
-- prev = all their value_added in Y-1.
CREATE TABLE same_sample_enterprise AS
SELECT p.y, r.enterprise_id,
  sum(r.value_added) FILTER (WHERE r.year = p.y AND r.above_scale) AS cur,
  sum(r.value_added) FILTER (WHERE r.year = p.y - 1) AS prev
FROM periods p
JOIN prod r ON r.year IN (p.y, p.y - 1) AND r.month <= p.m
GROUP BY p.y, r.enterprise_id
HAVING bool_or(r.year = p.y AND r.above_scale) AND bool_or(r.year = p.y - 1);

CREATE TABLE agg_same_sample AS
SELECT s.y, c.sector_id, c.district,
  count(*) AS sample_size, sum(s.cur) AS cur, sum(s.prev) AS prev
FROM same_sample_enterprise s
JOIN ent_cell c ON c.enterprise_id = s.enterprise_id
GROUP BY s.y, c.sector_id, c.district;

-- P = va_price_index of (district, Y) (empty index = 100); only if that row is absent,
-- the (ALL, Y) row; else 100. District ALL uses the (ALL, Y) row.
CREATE TABLE price_index AS
SELECT p.y, d.district,
  CASE WHEN rd.district IS NOT NULL THEN rd.va_price_index
       WHEN ra.district IS NOT NULL THEN ra.va_price_index
       ELSE 100.0 END AS p_index
FROM periods p CROSS JOIN districts d
LEFT JOIN region rd ON rd.district = d.district AND rd.year = p.y
LEFT JOIN region ra ON ra.district = 'ALL' AND ra.year = p.y;

-- Investment sums of Y and of Y-1 (same months), by each monthly record's own cell,
-- category and flags.
CREATE TABLE agg_investment AS
SELECT p.y, c.sector_id, c.district,
  sum(i.completed) FILTER (WHERE i.year = p.y) AS investment_completed,
  sum(i.completed) FILTER (WHERE i.year = p.y AND i.category = 'INDUSTRIAL') AS industrial_investment,
  sum(i.completed) FILTER (WHERE i.year = p.y AND i.high_tech) AS high_tech_investment,
  sum(i.completed) FILTER (WHERE i.year = p.y AND i.tech_renovation) AS tech_renovation_investment,
  sum(i.completed) FILTER (WHERE i.year = p.y - 1 AND i.category = 'INDUSTRIAL') AS industrial_investment_prev,
  sum(i.completed) FILTER (WHERE i.year = p.y - 1 AND i.high_tech) AS high_tech_investment_prev,
  sum(i.completed) FILTER (WHERE i.year = p.y - 1 AND i.tech_renovation) AS tech_renovation_investment_prev
FROM periods p
JOIN inv i ON i.year IN (p.y, p.y - 1) AND i.month <= p.m
JOIN inv_cell c ON c.project_id = i.project_id AND c.year = i.year AND c.month = i.month
GROUP BY p.y, c.sector_id, c.district;

-- major_project_count: the project's latest record up to (Y, M) (possibly in an earlier
-- year) gives planned_total, category and cell; the project counts when that record is
-- INDUSTRIAL with planned_total >= threshold and the project's completed sum over all
-- its records in (Y, 1..M) is > 0.
CREATE TABLE project_latest AS
SELECT p.y, p.m, i.project_id, i.year, i.month, i.category, i.planned_total
FROM periods p
JOIN inv i ON i.year < p.y OR (i.year = p.y AND i.month <= p.m)
QUALIFY row_number() OVER (PARTITION BY p.y, i.project_id ORDER BY i.year DESC, i.month DESC) = 1;

CREATE TABLE project_completed AS
SELECT p.y, i.project_id, sum(i.completed) AS completed
FROM periods p
JOIN inv i ON i.year = p.y AND i.month <= p.m
GROUP BY p.y, i.project_id;

CREATE TABLE agg_major AS
SELECT l.y, c.sector_id, c.district, count(DISTINCT l.project_id) AS major_project_count
FROM project_latest l
JOIN project_completed pc ON pc.y = l.y AND pc.project_id = l.project_id
JOIN inv_cell c ON c.project_id = l.project_id AND c.year = l.year AND c.month = l.month
WHERE l.category = 'INDUSTRIAL'
  AND l.planned_total >= ${major_project_threshold}
  AND pc.completed > 0
GROUP BY l.y, c.sector_id, c.district;

-- rd_expenditure, rd_personnel: rd.csv rows of year Y (also in an --asOf run).
CREATE TABLE agg_rd AS
SELECT p.y, c.sector_id, c.district,
  sum(r.rd_expenditure) AS rd_expenditure, sum(r.rd_personnel) AS rd_personnel
FROM periods p
JOIN rd r ON r.year = p.y
JOIN ent_cell c ON c.enterprise_id = r.enterprise_id
GROUP BY p.y, c.sector_id, c.district;

-- Register counts over every register enterprise of the cell (no history, with or
-- without production): high-tech valid on the last day of (Y, M) (empty from = not
-- high-tech, empty to = open-ended), R&D centre levels.
CREATE TABLE agg_register AS
SELECT p.y, c.sector_id, c.district,
  count(*) FILTER (WHERE e.high_tech_from IS NOT NULL
                     AND e.high_tech_from <= last_day(make_date(p.y, p.m, 1))
                     AND (e.high_tech_to IS NULL OR last_day(make_date(p.y, p.m, 1)) <= e.high_tech_to))
    AS high_tech_enterprise_count,
  count(*) FILTER (WHERE e.rd_center_level = 'PROVINCIAL') AS provincial_rd_centers,
  count(*) FILTER (WHERE e.rd_center_level = 'NATIONAL') AS national_rd_centers
FROM periods p
CROSS JOIN ent_cell c
JOIN ent e ON e.enterprise_id = c.enterprise_id
GROUP BY p.y, c.sector_id, c.district;

-- Growth of a sum against the same sum of Y-1: null when the Y-1 sum <= 0 (or absent).
CREATE OR REPLACE TEMP MACRO growth(cur, prev) AS
  CASE WHEN prev > 0 THEN (dbl(COALESCE(cur, 0)) / dbl(prev) - 1) * 100 END;

-- =====================================================================================
-- The expected summary: every cell, zeros where nothing contributes, nulls as the
-- contract says.
-- =====================================================================================
CREATE TABLE expected_summary AS
WITH base AS (
  SELECT c.y, c.m, c.sector_id, c.district,
    COALESCE(a.enterprise_count, 0) AS enterprise_count,
    COALESCE(a.above_scale_count, 0) AS above_scale_count,
    COALESCE(a.output_value, 0) AS output_value,
    COALESCE(a.value_added, 0) AS value_added,
    COALESCE(a.revenue, 0) AS revenue,
    CAST(COALESCE(a.employees, 0) AS BIGINT) AS employees,
    COALESCE(a.above_scale_value_added, 0) AS above_scale_value_added,
    ap.above_scale_value_added_prev,
    ss.sample_size, ss.cur AS ss_cur, ss.prev AS ss_prev, pi.p_index,
    COALESCE(i.investment_completed, 0) AS investment_completed,
    COALESCE(i.industrial_investment, 0) AS industrial_investment,
    COALESCE(i.high_tech_investment, 0) AS high_tech_investment,
    COALESCE(i.tech_renovation_investment, 0) AS tech_renovation_investment,
    i.industrial_investment_prev, i.high_tech_investment_prev, i.tech_renovation_investment_prev,
    CAST(COALESCE(mj.major_project_count, 0) AS BIGINT) AS major_project_count,
    COALESCE(r.rd_expenditure, 0) AS rd_expenditure,
    CAST(COALESCE(r.rd_personnel, 0) AS BIGINT) AS rd_personnel,
    reg.district AS region_row_district, reg.gdp, reg.other_rd_expenditure,
    CAST(COALESCE(g.high_tech_enterprise_count, 0) AS BIGINT) AS high_tech_enterprise_count,
    CAST(COALESCE(g.provincial_rd_centers, 0) AS BIGINT) AS provincial_rd_centers,
    CAST(COALESCE(g.national_rd_centers, 0) AS BIGINT) AS national_rd_centers
  FROM cells c
  LEFT JOIN agg_production a USING (y, sector_id, district)
  LEFT JOIN agg_production_prev ap USING (y, sector_id, district)
  LEFT JOIN agg_same_sample ss USING (y, sector_id, district)
  LEFT JOIN price_index pi USING (y, district)
  LEFT JOIN agg_investment i USING (y, sector_id, district)
  LEFT JOIN agg_major mj USING (y, sector_id, district)
  LEFT JOIN agg_rd r USING (y, sector_id, district)
  LEFT JOIN agg_register g USING (y, sector_id, district)
  LEFT JOIN region reg ON reg.district = c.district AND reg.year = c.y
)
SELECT
  CAST(y AS INTEGER) AS year,
  CAST(m AS INTEGER) AS period_end_month,
  sector_id,
  district,
  CAST(enterprise_count AS BIGINT) AS enterprise_count,
  CAST(above_scale_count AS BIGINT) AS above_scale_count,
  output_value,
  value_added,
  revenue,
  employees,
  above_scale_value_added,
  -- (cur / (P/100) / prev - 1) x 100; null if S is empty or prev <= 0.
  CASE WHEN sample_size > 0 AND ss_prev > 0
       THEN (dbl(ss_cur) / (p_index / 100.0) / dbl(ss_prev) - 1) * 100 END AS value_added_growth,
  growth(above_scale_value_added, above_scale_value_added_prev) AS value_added_growth_nominal,
  investment_completed,
  industrial_investment,
  high_tech_investment,
  tech_renovation_investment,
  growth(industrial_investment, industrial_investment_prev) AS industrial_investment_growth,
  growth(high_tech_investment, high_tech_investment_prev) AS high_tech_investment_growth,
  growth(tech_renovation_investment, tech_renovation_investment_prev) AS tech_renovation_investment_growth,
  major_project_count,
  rd_expenditure,
  rd_personnel,
  -- rd_expenditure / revenue x 100; null unless M = 12 and revenue > 0.
  CASE WHEN m = 12 AND revenue > 0 THEN dbl(rd_expenditure) / dbl(revenue) * 100 END AS rd_revenue_ratio,
  -- Sector ALL only, from region.csv's (district, Y) row ((ALL, Y) for district ALL),
  -- only when M = 12: (rd_expenditure + other_rd_expenditure) / gdp x 100.
  CASE WHEN sector_id = 'ALL' AND m = 12 AND region_row_district IS NOT NULL
       THEN dbl(rd_expenditure + other_rd_expenditure) / dbl(gdp) * 100 END AS rd_gdp_ratio,
  high_tech_enterprise_count,
  provincial_rd_centers,
  national_rd_centers
FROM base
ORDER BY year, sector_id, district;
