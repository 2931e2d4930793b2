-- =====================================================================================
-- The DuckDB baseline of the benchmark: the whole contract (CONTRACT.md sections 2-4) as
-- DuckDB SQL over the raw CSV inputs. It reads and validates every file itself, applies
-- the revision and duplicate rule, computes every summary column and the attainment, and
-- writes OUTPUT/summary, OUTPUT/attainment and OUTPUT/rejects as Parquet.
--
-- Run by bench/DuckDbBaseline.java, which substitutes the parameters:
--   ${enterprises_csv} ... ${targets_csv}  the input files as SQL string literals (an absent
--                                          optional file is a header-only file)
--   ${output_dir}                          staging folder body (forward slashes, quotes doubled)
--   ${period_year}                         NULL = every computed year, else the one year Y
--   ${period_month}                        end month M (12 for a full run or --year)
--   ${major_project_threshold}             --majorProjectThreshold (5000 by default)
--   ${max_reject_rate}                     --maxRejectRate (0.05 by default)
-- and checks the header of each file for the required columns before running it.
--
-- Derived from the independent cross-check of the tests
-- (pipelines/src/test/resources/crosscheck/summary.sql, attainment.sql): the validation
-- CASEs and the formulas are the same; the plan differs where the data is big:
--   - production.csv is validated and typed in one scan into one table;
--   - the revision rule runs only where it can change something: production rows are summed
--     per (enterprise, year) first, and only the (enterprise, year) groups holding two rows
--     of one month (a bit mask of months against the row count) are resolved row by row;
--   - measures are summed per enterprise (or per investment attribute set) before they are
--     spread to the enterprise's cells;
--   - sector rules are matched on the distinct industry codes, then joined by equality.
-- Amounts are parsed as DECIMAL(18,2) (exact, 64-bit: up to 10^16 万元 per value) and summed
-- exactly; they are written as DECIMAL(20,2). Rates are DOUBLE from the exact sums.
-- Each statement ends with ';' at the end of a line; lines starting with '--' are comments.
-- =====================================================================================

SET preserve_insertion_order = false;

-- -------------------------------------------------------------------------------------
-- Value syntax (CONTRACT 2, 4 "Reading CSV").
-- -------------------------------------------------------------------------------------
CREATE OR REPLACE TEMP MACRO blank(x) AS (x IS NULL OR x = '');
CREATE OR REPLACE TEMP MACRO is_int(x) AS (regexp_full_match(x, '-?[0-9]+') AND TRY_CAST(x AS INTEGER) IS NOT NULL);
CREATE OR REPLACE TEMP MACRO is_amount(x) AS (regexp_full_match(x, '-?[0-9]+(\.[0-9]{1,2})?') AND TRY_CAST(x AS DECIMAL(18, 2)) IS NOT NULL);
CREATE OR REPLACE TEMP MACRO amount(x) AS TRY_CAST(x AS DECIMAL(18, 2));
CREATE OR REPLACE TEMP MACRO is_decimal(x) AS (regexp_full_match(x, '-?[0-9]+(\.[0-9]+)?') AND TRY_CAST(x AS DOUBLE) IS NOT NULL);
CREATE OR REPLACE TEMP MACRO is_date(x) AS (regexp_full_match(x, '[0-9]{4}-[0-9]{2}-[0-9]{2}') AND TRY_CAST(x AS DATE) IS NOT NULL);
CREATE OR REPLACE TEMP MACRO is_bool(x) AS (lower(x) IN ('true', 'false', '1', '0', 'y', 'n', '是', '否'));
CREATE OR REPLACE TEMP MACRO to_bool(x) AS (lower(x) IN ('true', '1', 'y', '是'));
CREATE OR REPLACE TEMP MACRO rev_ok(x) AS (blank(x) OR is_int(x));
CREATE OR REPLACE TEMP MACRO to_rev(x) AS COALESCE(TRY_CAST(NULLIF(x, '') AS INTEGER), 0);
-- The double nearest to an exact value (through its text: correctly rounded).
CREATE OR REPLACE TEMP MACRO dbl(x) AS CAST(CAST(x AS VARCHAR) AS DOUBLE);

-- RFC 4180, header row, columns by name, every value as text, nothing trimmed. A row with
-- the wrong number of fields (MALFORMED_ROW) is skipped by the reader and recorded, with
-- its line, in the table named by `rt`.
CREATE OR REPLACE TEMP MACRO csv_in(f, rt) AS TABLE
  SELECT * FROM read_csv(f, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"',
                         comment = '', skip = 0, strict_mode = true, null_padding = false, encoding = 'utf-8',
                         ignore_errors = true, store_rejects = true, rejects_table = rt,
                         rejects_scan = rt || '_scan');

-- =====================================================================================
-- enterprises.csv: the register. Validation in the contract's column order, then the
-- revision rule (highest revision per key; differing rows at the top are all rejected).
-- =====================================================================================
CREATE TABLE enterprises_checked AS
WITH raw AS (
  SELECT * FROM csv_in(${enterprises_csv}, 'malformed_enterprises')
  UNION ALL BY NAME SELECT NULL::VARCHAR AS enterprise_id, NULL::VARCHAR AS name, NULL::VARCHAR AS district,
    NULL::VARCHAR AS industry_code, NULL::VARCHAR AS high_tech_from, NULL::VARCHAR AS high_tech_to,
    NULL::VARCHAR AS rd_center_level, NULL::VARCHAR AS revision WHERE false)
SELECT enterprise_id, name, district, industry_code,
  TRY_CAST(NULLIF(high_tech_from, '') AS DATE) AS high_tech_from,
  TRY_CAST(NULLIF(high_tech_to, '') AS DATE) AS high_tech_to,
  COALESCE(NULLIF(rd_center_level, ''), 'NONE') AS rd_center_level,      -- empty = NONE
  to_rev(revision) AS revision,
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
FROM raw;

CREATE TABLE enterprises_top AS
SELECT * EXCLUDE (problem) FROM enterprises_checked WHERE problem IS NULL
QUALIFY revision = max(revision) OVER (PARTITION BY enterprise_id);

CREATE TABLE enterprises_conflicts AS
SELECT enterprise_id FROM (
  SELECT DISTINCT enterprise_id, name, district, industry_code, high_tech_from, high_tech_to, rd_center_level
  FROM enterprises_top)
GROUP BY enterprise_id HAVING count(*) > 1;

-- The accepted register.
CREATE TABLE ent AS
SELECT DISTINCT enterprise_id, name, district, industry_code, high_tech_from, high_tech_to, rd_center_level
FROM enterprises_top
WHERE enterprise_id NOT IN (SELECT enterprise_id FROM enterprises_conflicts);

-- =====================================================================================
-- sectors.csv: every row must be valid (else the run fails); no key, revision ignored.
-- =====================================================================================
CREATE TABLE sectors_checked AS
WITH raw AS (
  SELECT * FROM csv_in(${sectors_csv}, 'malformed_sectors')
  UNION ALL BY NAME SELECT NULL::VARCHAR AS sector_id, NULL::VARCHAR AS sector_name, NULL::VARCHAR AS match_type,
    NULL::VARCHAR AS match_value WHERE false)
SELECT sector_id, sector_name, match_type, match_value,
  CASE
    WHEN blank(sector_id) THEN 'MISSING_FIELD sector_id'
    WHEN NOT regexp_full_match(sector_id, '[A-Z0-9_]+') OR sector_id = 'ALL' THEN 'INVALID_CODE sector_id'
    WHEN blank(sector_name) THEN 'MISSING_FIELD sector_name'
    WHEN blank(match_type) THEN 'MISSING_FIELD match_type'
    WHEN match_type NOT IN ('INDUSTRY_PREFIX', 'ENTERPRISE') THEN 'INVALID_CODE match_type'
    WHEN blank(match_value) THEN 'MISSING_FIELD match_value'
  END AS problem
FROM raw;

CREATE TABLE sectors AS
SELECT sector_id, sector_name, match_type, match_value FROM sectors_checked WHERE problem IS NULL;

-- =====================================================================================
-- production.csv, key (enterprise_id, year, month): the big file. One scan validates and
-- types every row.
-- =====================================================================================
CREATE TABLE production_checked AS
WITH raw AS (
  SELECT * FROM csv_in(${production_csv}, 'malformed_production')
  UNION ALL BY NAME SELECT NULL::VARCHAR AS enterprise_id, NULL::VARCHAR AS year, NULL::VARCHAR AS month,
    NULL::VARCHAR AS above_scale, NULL::VARCHAR AS output_value, NULL::VARCHAR AS value_added,
    NULL::VARCHAR AS revenue, NULL::VARCHAR AS employees, NULL::VARCHAR AS revision WHERE false)
SELECT enterprise_id, TRY_CAST(year AS INTEGER) AS year, TRY_CAST(month AS INTEGER) AS month,
  to_bool(above_scale) AS above_scale,
  amount(output_value) AS output_value, amount(value_added) AS value_added, amount(revenue) AS revenue,
  TRY_CAST(employees AS INTEGER) AS employees,
  to_rev(revision) AS revision,
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
    WHEN amount(output_value) < 0 THEN 'OUT_OF_RANGE output_value'
    WHEN blank(value_added) THEN 'MISSING_FIELD value_added'
    WHEN NOT is_amount(value_added) THEN 'INVALID_NUMBER value_added'             -- may be negative
    WHEN blank(revenue) THEN 'MISSING_FIELD revenue'
    WHEN NOT is_amount(revenue) THEN 'INVALID_NUMBER revenue'
    WHEN amount(revenue) < 0 THEN 'OUT_OF_RANGE revenue'
    WHEN blank(employees) THEN 'MISSING_FIELD employees'
    WHEN NOT is_int(employees) THEN 'INVALID_NUMBER employees'
    WHEN CAST(employees AS INTEGER) < 0 THEN 'OUT_OF_RANGE employees'
    WHEN NOT rev_ok(revision) THEN 'INVALID_NUMBER revision'
    WHEN enterprise_id NOT IN (SELECT enterprise_id FROM ent) THEN 'UNKNOWN_ENTERPRISE'
  END AS problem
FROM raw;

-- Sums per (enterprise, year) over every accepted row, with the row count and a bit mask of
-- the months: where the count exceeds the months, a key has several rows (revisions or
-- duplicates) and the group is recomputed below after the revision rule. Sums cover
-- months 1..M; `n` counts all months (the computed years).
CREATE TABLE prod_ey_all AS
SELECT enterprise_id, year,
  count(*) AS n, bit_or(1 << month) AS months,
  count(*) FILTER (WHERE month <= ${period_month}) AS n_m,
  COALESCE(bool_or(above_scale) FILTER (WHERE month <= ${period_month}), false) AS any_above,
  sum(output_value) FILTER (WHERE month <= ${period_month}) AS output_value,
  sum(value_added) FILTER (WHERE month <= ${period_month}) AS value_added,
  sum(revenue) FILTER (WHERE month <= ${period_month}) AS revenue,
  sum(employees) FILTER (WHERE month = ${period_month}) AS employees,
  sum(value_added) FILTER (WHERE month <= ${period_month} AND above_scale) AS above_scale_value_added
FROM production_checked WHERE problem IS NULL
GROUP BY enterprise_id, year;

-- The rows of the groups with a key that has several rows; the revision rule on them.
CREATE TABLE prod_multi_rows AS
SELECT p.* EXCLUDE (problem) FROM production_checked p
SEMI JOIN (SELECT enterprise_id, year FROM prod_ey_all WHERE n <> bit_count(months)) g
  ON g.enterprise_id = p.enterprise_id AND g.year = p.year
WHERE p.problem IS NULL;

CREATE TABLE production_top AS
SELECT * FROM prod_multi_rows
QUALIFY revision = max(revision) OVER (PARTITION BY enterprise_id, year, month);

CREATE TABLE production_conflicts AS
SELECT enterprise_id, year, month FROM (
  SELECT DISTINCT enterprise_id, year, month, above_scale, output_value, value_added, revenue, employees
  FROM production_top)
GROUP BY ALL HAVING count(*) > 1;

CREATE TABLE prod_multi_in_force AS
SELECT DISTINCT t.enterprise_id, t.year, t.month, t.above_scale, t.output_value, t.value_added, t.revenue, t.employees
FROM production_top t
ANTI JOIN production_conflicts c ON c.enterprise_id = t.enterprise_id AND c.year = t.year AND c.month = t.month;

-- Per (enterprise, year), after the revision rule.
CREATE TABLE prod_ey AS
SELECT enterprise_id, year, n, n_m, any_above, output_value, value_added, revenue, employees, above_scale_value_added
FROM prod_ey_all WHERE n = bit_count(months)
UNION ALL
SELECT enterprise_id, year,
  count(*) AS n,
  count(*) FILTER (WHERE month <= ${period_month}) AS n_m,
  COALESCE(bool_or(above_scale) FILTER (WHERE month <= ${period_month}), false) AS any_above,
  sum(output_value) FILTER (WHERE month <= ${period_month}),
  sum(value_added) FILTER (WHERE month <= ${period_month}),
  sum(revenue) FILTER (WHERE month <= ${period_month}),
  sum(employees) FILTER (WHERE month = ${period_month}),
  sum(value_added) FILTER (WHERE month <= ${period_month} AND above_scale)
FROM prod_multi_in_force
GROUP BY enterprise_id, year;

-- =====================================================================================
-- investment.csv, key (project_id, year, month).
-- =====================================================================================
CREATE TABLE investment_checked AS
WITH raw AS (
  SELECT * FROM csv_in(${investment_csv}, 'malformed_investment')
  UNION ALL BY NAME SELECT NULL::VARCHAR AS project_id, NULL::VARCHAR AS enterprise_id, NULL::VARCHAR AS district,
    NULL::VARCHAR AS industry_code, NULL::VARCHAR AS year, NULL::VARCHAR AS month, NULL::VARCHAR AS category,
    NULL::VARCHAR AS high_tech, NULL::VARCHAR AS tech_renovation, NULL::VARCHAR AS planned_total,
    NULL::VARCHAR AS completed, NULL::VARCHAR AS revision WHERE false)
SELECT project_id, NULLIF(enterprise_id, '') AS enterprise_id, district, industry_code,
  TRY_CAST(year AS INTEGER) AS year, TRY_CAST(month AS INTEGER) AS month, category,
  to_bool(high_tech) AS high_tech, to_bool(tech_renovation) AS tech_renovation,
  amount(planned_total) AS planned_total, amount(completed) AS completed,
  to_rev(revision) AS revision,
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
    WHEN amount(planned_total) < 0 THEN 'OUT_OF_RANGE planned_total'
    WHEN blank(completed) THEN 'MISSING_FIELD completed'
    WHEN NOT is_amount(completed) THEN 'INVALID_NUMBER completed'
    WHEN amount(completed) < 0 THEN 'OUT_OF_RANGE completed'
    WHEN NOT rev_ok(revision) THEN 'INVALID_NUMBER revision'
    -- enterprise_id is optional; a non-empty one must be in the register.
    WHEN NOT blank(enterprise_id) AND enterprise_id NOT IN (SELECT enterprise_id FROM ent) THEN 'UNKNOWN_ENTERPRISE'
  END AS problem
FROM raw;

CREATE TABLE investment_top AS
SELECT * EXCLUDE (problem) FROM investment_checked WHERE problem IS NULL
QUALIFY revision = max(revision) OVER (PARTITION BY project_id, year, month);

CREATE TABLE investment_conflicts AS
SELECT project_id, year, month FROM (
  SELECT DISTINCT project_id, year, month, enterprise_id, district, industry_code, category, high_tech,
    tech_renovation, planned_total, completed
  FROM investment_top)
GROUP BY ALL HAVING count(*) > 1;

CREATE TABLE inv AS
SELECT DISTINCT t.project_id, t.year, t.month, t.enterprise_id, t.district, t.industry_code, t.category,
  t.high_tech, t.tech_renovation, t.planned_total, t.completed
FROM investment_top t
ANTI JOIN investment_conflicts c ON c.project_id = t.project_id AND c.year = t.year AND c.month = t.month;

-- =====================================================================================
-- rd.csv, key (enterprise_id, year).
-- =====================================================================================
CREATE TABLE rd_checked AS
WITH raw AS (
  SELECT * FROM csv_in(${rd_csv}, 'malformed_rd')
  UNION ALL BY NAME SELECT NULL::VARCHAR AS enterprise_id, NULL::VARCHAR AS year, NULL::VARCHAR AS rd_expenditure,
    NULL::VARCHAR AS rd_personnel, NULL::VARCHAR AS revision WHERE false)
SELECT enterprise_id, TRY_CAST(year AS INTEGER) AS year,
  amount(rd_expenditure) AS rd_expenditure, TRY_CAST(rd_personnel AS INTEGER) AS rd_personnel,
  to_rev(revision) AS revision,
  CASE
    WHEN blank(enterprise_id) THEN 'MISSING_FIELD enterprise_id'
    WHEN blank(year) THEN 'MISSING_FIELD year'
    WHEN NOT is_int(year) THEN 'INVALID_NUMBER year'
    WHEN blank(rd_expenditure) THEN 'MISSING_FIELD rd_expenditure'
    WHEN NOT is_amount(rd_expenditure) THEN 'INVALID_NUMBER rd_expenditure'
    WHEN amount(rd_expenditure) < 0 THEN 'OUT_OF_RANGE rd_expenditure'
    WHEN blank(rd_personnel) THEN 'MISSING_FIELD rd_personnel'
    WHEN NOT is_int(rd_personnel) THEN 'INVALID_NUMBER rd_personnel'
    WHEN CAST(rd_personnel AS INTEGER) < 0 THEN 'OUT_OF_RANGE rd_personnel'
    WHEN NOT rev_ok(revision) THEN 'INVALID_NUMBER revision'
    WHEN enterprise_id NOT IN (SELECT enterprise_id FROM ent) THEN 'UNKNOWN_ENTERPRISE'
  END AS problem
FROM raw;

CREATE TABLE rd_top AS
SELECT * EXCLUDE (problem) FROM rd_checked WHERE problem IS NULL
QUALIFY revision = max(revision) OVER (PARTITION BY enterprise_id, year);

CREATE TABLE rd_conflicts AS
SELECT enterprise_id, year FROM (SELECT DISTINCT enterprise_id, year, rd_expenditure, rd_personnel FROM rd_top)
GROUP BY ALL HAVING count(*) > 1;

CREATE TABLE rd AS
SELECT DISTINCT t.enterprise_id, t.year, t.rd_expenditure, t.rd_personnel
FROM rd_top t
ANTI JOIN rd_conflicts c ON c.enterprise_id = t.enterprise_id AND c.year = t.year;

-- =====================================================================================
-- region.csv, key (district, year); district may be ALL (the whole region).
-- =====================================================================================
CREATE TABLE region_checked AS
WITH raw AS (
  SELECT * FROM csv_in(${region_csv}, 'malformed_region')
  UNION ALL BY NAME SELECT NULL::VARCHAR AS district, NULL::VARCHAR AS year, NULL::VARCHAR AS gdp,
    NULL::VARCHAR AS va_price_index, NULL::VARCHAR AS other_rd_expenditure, NULL::VARCHAR AS revision WHERE false)
SELECT district, TRY_CAST(year AS INTEGER) AS year, amount(gdp) AS gdp,
  COALESCE(TRY_CAST(NULLIF(va_price_index, '') AS DOUBLE), 100.0) AS va_price_index,        -- empty = 100
  COALESCE(amount(NULLIF(other_rd_expenditure, '')), 0) AS other_rd_expenditure,        -- empty = 0
  to_rev(revision) AS revision,
  CASE
    WHEN blank(district) THEN 'MISSING_FIELD district'
    WHEN blank(year) THEN 'MISSING_FIELD year'
    WHEN NOT is_int(year) THEN 'INVALID_NUMBER year'
    WHEN blank(gdp) THEN 'MISSING_FIELD gdp'
    WHEN NOT is_amount(gdp) THEN 'INVALID_NUMBER gdp'
    WHEN amount(gdp) <= 0 THEN 'OUT_OF_RANGE gdp'
    WHEN NOT blank(va_price_index) AND NOT is_decimal(va_price_index) THEN 'INVALID_NUMBER va_price_index'
    WHEN NOT blank(va_price_index) AND CAST(va_price_index AS DOUBLE) <= 0 THEN 'OUT_OF_RANGE va_price_index'
    WHEN NOT blank(other_rd_expenditure) AND NOT is_amount(other_rd_expenditure) THEN 'INVALID_NUMBER other_rd_expenditure'
    WHEN NOT blank(other_rd_expenditure) AND amount(other_rd_expenditure) < 0 THEN 'OUT_OF_RANGE other_rd_expenditure'
    WHEN NOT rev_ok(revision) THEN 'INVALID_NUMBER revision'
  END AS problem
FROM raw;

CREATE TABLE region_top AS
SELECT * EXCLUDE (problem) FROM region_checked WHERE problem IS NULL
QUALIFY revision = max(revision) OVER (PARTITION BY district, year);

CREATE TABLE region_conflicts AS
SELECT district, year FROM (SELECT DISTINCT district, year, gdp, va_price_index, other_rd_expenditure FROM region_top)
GROUP BY ALL HAVING count(*) > 1;

CREATE TABLE region AS
SELECT DISTINCT t.district, t.year, t.gdp, t.va_price_index, t.other_rd_expenditure
FROM region_top t
ANTI JOIN region_conflicts c ON c.district = t.district AND c.year = t.year;

-- =====================================================================================
-- milestones.csv: no key, revision ignored (not even validated), every accepted row counts. `year` is only
-- validated; the period is `date`.
-- =====================================================================================
CREATE TABLE milestones_checked AS
WITH raw AS (
  SELECT * FROM csv_in(${milestones_csv}, 'malformed_milestones')
  UNION ALL BY NAME SELECT NULL::VARCHAR AS year, NULL::VARCHAR AS kind, NULL::VARCHAR AS enterprise_id,
    NULL::VARCHAR AS title, NULL::VARCHAR AS date, NULL::VARCHAR AS revision WHERE false)
SELECT kind, NULLIF(enterprise_id, '') AS enterprise_id, TRY_CAST(date AS DATE) AS date,
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
FROM raw;

CREATE TABLE milestones AS
SELECT kind, enterprise_id, date FROM milestones_checked WHERE problem IS NULL;

-- =====================================================================================
-- Rejects: one row per rejected input row (line numbers only where the CSV reader gives
-- them, i.e. for malformed rows).
-- =====================================================================================
CREATE TABLE rejects AS
WITH problems AS (
            SELECT 'enterprises.csv' AS source_file, problem FROM enterprises_checked WHERE problem IS NOT NULL
  UNION ALL SELECT 'production.csv', problem FROM production_checked WHERE problem IS NOT NULL
  UNION ALL SELECT 'investment.csv', problem FROM investment_checked WHERE problem IS NOT NULL
  UNION ALL SELECT 'rd.csv', problem FROM rd_checked WHERE problem IS NOT NULL
  UNION ALL SELECT 'region.csv', problem FROM region_checked WHERE problem IS NOT NULL
  UNION ALL SELECT 'milestones.csv', problem FROM milestones_checked WHERE problem IS NOT NULL
), conflicts AS (
            SELECT 'enterprises.csv' AS source_file FROM enterprises_top SEMI JOIN enterprises_conflicts USING (enterprise_id)
  UNION ALL SELECT 'production.csv' FROM production_top SEMI JOIN production_conflicts USING (enterprise_id, year, month)
  UNION ALL SELECT 'investment.csv' FROM investment_top SEMI JOIN investment_conflicts USING (project_id, year, month)
  UNION ALL SELECT 'rd.csv' FROM rd_top SEMI JOIN rd_conflicts USING (enterprise_id, year)
  UNION ALL SELECT 'region.csv' FROM region_top SEMI JOIN region_conflicts USING (district, year)
), malformed AS (
            SELECT DISTINCT 'enterprises.csv' AS source_file, line FROM malformed_enterprises
  UNION ALL SELECT DISTINCT 'sectors.csv', line FROM malformed_sectors
  UNION ALL SELECT DISTINCT 'production.csv', line FROM malformed_production
  UNION ALL SELECT DISTINCT 'investment.csv', line FROM malformed_investment
  UNION ALL SELECT DISTINCT 'rd.csv', line FROM malformed_rd
  UNION ALL SELECT DISTINCT 'region.csv', line FROM malformed_region
  UNION ALL SELECT DISTINCT 'milestones.csv', line FROM malformed_milestones
)
SELECT source_file, CAST(NULL AS BIGINT) AS line_number, split_part(problem, ' ', 1) AS reason, problem AS detail
FROM problems
UNION ALL SELECT source_file, NULL, 'CONFLICTING_DUPLICATE', 'CONFLICTING_DUPLICATE' FROM conflicts
UNION ALL SELECT source_file, CAST(line AS BIGINT), 'MALFORMED_ROW', 'wrong number of fields' FROM malformed;

-- Rows read (data rows: the header and blank lines excluded) and rejected, per file.
CREATE TABLE file_counts AS
WITH parsed AS (
            SELECT 'enterprises.csv' AS source_file, count(*) AS n FROM enterprises_checked
  UNION ALL SELECT 'sectors.csv', count(*) FROM sectors_checked
  UNION ALL SELECT 'production.csv', count(*) FROM production_checked
  UNION ALL SELECT 'investment.csv', count(*) FROM investment_checked
  UNION ALL SELECT 'rd.csv', count(*) FROM rd_checked
  UNION ALL SELECT 'region.csv', count(*) FROM region_checked
  UNION ALL SELECT 'milestones.csv', count(*) FROM milestones_checked
), rejected AS (
  SELECT source_file, count(*) AS rejected, count(*) FILTER (WHERE reason = 'MALFORMED_ROW') AS malformed
  FROM rejects GROUP BY source_file
)
SELECT p.source_file, p.n + COALESCE(r.malformed, 0) AS rows_read, COALESCE(r.rejected, 0) AS rejected
FROM parsed p LEFT JOIN rejected r USING (source_file);

-- What fails the run (CONTRACT 1, 2, 4): a bad sectors row, a file's reject share over
-- --maxRejectRate; bad targets are added below. The runner stops on any row here.
CREATE TABLE run_failures AS
SELECT 'sectors.csv: ' || problem AS failure FROM sectors_checked WHERE problem IS NOT NULL
UNION ALL SELECT 'sectors.csv: wrong number of fields on line ' || line FROM malformed_sectors
UNION ALL
SELECT source_file || ': ' || rejected || ' of ' || rows_read || ' rows rejected, more than --maxRejectRate'
FROM file_counts WHERE rejected > ${max_reject_rate} * rows_read;

-- =====================================================================================
-- Sectors, districts, cells.
-- =====================================================================================
CREATE TABLE sector_ids AS SELECT DISTINCT sector_id FROM sectors UNION SELECT 'ALL';

-- Districts of the in-force register and in-force investment rows, plus ALL.
CREATE TABLE districts AS SELECT district FROM ent UNION SELECT district FROM inv UNION SELECT 'ALL';

-- Industry code -> sectors of its INDUSTRY_PREFIX rules, over the distinct codes only.
CREATE TABLE code_sector AS
SELECT c.industry_code, s.sector_id
FROM (SELECT industry_code FROM ent UNION SELECT industry_code FROM inv) c
JOIN (SELECT DISTINCT sector_id, match_value FROM sectors WHERE match_type = 'INDUSTRY_PREFIX') s
  ON starts_with(c.industry_code, s.match_value);

CREATE TABLE id_sector AS
SELECT DISTINCT match_value AS enterprise_id, sector_id FROM sectors WHERE match_type = 'ENTERPRISE';

-- Enterprise -> every cell it counts in: (each of its sectors and ALL) x (its district, ALL).
CREATE TABLE ent_cell AS
WITH ent_sector AS (
  SELECT enterprise_id, 'ALL' AS sector_id FROM ent
  UNION SELECT e.enterprise_id, cs.sector_id FROM ent e JOIN code_sector cs USING (industry_code)
  UNION SELECT e.enterprise_id, i.sector_id FROM ent e JOIN id_sector i USING (enterprise_id))
SELECT es.enterprise_id, es.sector_id, unnest([e.district, 'ALL']) AS district
FROM ent_sector es JOIN ent e USING (enterprise_id);

-- Computed periods: years of in-force production, each with months 1..M; with
-- --year/--asOf only that year.
CREATE TABLE periods AS
SELECT DISTINCT year AS y, CAST(${period_month} AS INTEGER) AS m FROM prod_ey
WHERE n > 0 AND (${period_year} IS NULL OR year = ${period_year});

CREATE TABLE cells AS
SELECT p.y, p.m, s.sector_id, d.district FROM periods p CROSS JOIN sector_ids s CROSS JOIN districts d;

-- =====================================================================================
-- Measures (CONTRACT 3 "summary").
-- =====================================================================================

-- Per enterprise and computed year Y: its figures of (Y, 1..M) and (Y-1, 1..M).
CREATE TABLE ent_period AS
SELECT p.y, e.enterprise_id,
  bool_or(e.year = p.y AND e.n_m > 0) AS has_record,
  bool_or(e.year = p.y AND e.any_above) AS has_above,
  bool_or(e.year = p.y - 1 AND e.n_m > 0) AS has_prev_record,
  sum(e.output_value) FILTER (WHERE e.year = p.y) AS output_value,
  sum(e.value_added) FILTER (WHERE e.year = p.y) AS value_added,
  sum(e.revenue) FILTER (WHERE e.year = p.y) AS revenue,
  sum(e.employees) FILTER (WHERE e.year = p.y) AS employees,
  sum(e.above_scale_value_added) FILTER (WHERE e.year = p.y) AS above_scale_value_added,
  sum(e.above_scale_value_added) FILTER (WHERE e.year = p.y - 1) AS above_scale_value_added_prev,
  sum(e.value_added) FILTER (WHERE e.year = p.y - 1) AS value_added_prev
FROM periods p
JOIN prod_ey e ON e.year = p.y OR e.year = p.y - 1
GROUP BY p.y, e.enterprise_id;

-- enterprise_count, above_scale_count, sums, employees (month M), above-scale VA of Y and
-- Y-1, and the same sample S (an above-scale record in Y and any record in Y-1): its
-- above-scale VA of Y (cur) and all its VA of Y-1 (prev).
CREATE TABLE agg_production AS
SELECT ep.y, c.sector_id, c.district,
  count(*) FILTER (WHERE ep.has_record) AS enterprise_count,
  count(*) FILTER (WHERE ep.has_above) AS above_scale_count,
  sum(ep.output_value) AS output_value,
  sum(ep.value_added) AS value_added,
  sum(ep.revenue) AS revenue,
  sum(ep.employees) AS employees,
  sum(ep.above_scale_value_added) AS above_scale_value_added,
  sum(ep.above_scale_value_added_prev) AS above_scale_value_added_prev,
  count(*) FILTER (WHERE ep.has_above AND ep.has_prev_record) AS sample_size,
  sum(ep.above_scale_value_added) FILTER (WHERE ep.has_above AND ep.has_prev_record) AS ss_cur,
  sum(ep.value_added_prev) FILTER (WHERE ep.has_above AND ep.has_prev_record) AS ss_prev
FROM ent_period ep
JOIN ent_cell c USING (enterprise_id)
GROUP BY ep.y, c.sector_id, c.district;

-- P = va_price_index of (district, Y) (empty = 100); only if that row is absent, the
-- (ALL, Y) row; else 100. District ALL uses the (ALL, Y) row.
CREATE TABLE price_index AS
SELECT p.y, d.district,
  CASE WHEN rd.district IS NOT NULL THEN rd.va_price_index
       WHEN ra.district IS NOT NULL THEN ra.va_price_index
       ELSE 100.0 END AS p_index
FROM periods p CROSS JOIN districts d
LEFT JOIN region rd ON rd.district = d.district AND rd.year = p.y
LEFT JOIN region ra ON ra.district = 'ALL' AND ra.year = p.y;

-- Investment records of months 1..M, summed by everything that places them in cells and
-- picks them for a sum: each monthly record's own district, industry_code, enterprise_id,
-- category and flags.
CREATE TABLE inv_attr AS
SELECT year, district, industry_code, enterprise_id, category, high_tech, tech_renovation,
  sum(completed) AS completed
FROM inv WHERE month <= ${period_month}
GROUP BY ALL;

-- (industry_code, enterprise_id) of a project record -> its sectors: prefix rules on its own
-- code, ENTERPRISE rules naming its enterprise_id (never the enterprise's code), and ALL.
CREATE TABLE attr_sector AS
WITH attrs AS (SELECT DISTINCT industry_code, enterprise_id FROM inv)
SELECT industry_code, enterprise_id, 'ALL' AS sector_id FROM attrs
UNION SELECT a.industry_code, a.enterprise_id, cs.sector_id FROM attrs a JOIN code_sector cs USING (industry_code)
UNION SELECT a.industry_code, a.enterprise_id, i.sector_id FROM attrs a JOIN id_sector i USING (enterprise_id);

CREATE TABLE agg_investment AS
SELECT y, sector_id, district,
  sum(completed) FILTER (WHERE year = y) AS investment_completed,
  sum(completed) FILTER (WHERE year = y AND category = 'INDUSTRIAL') AS industrial_investment,
  sum(completed) FILTER (WHERE year = y AND high_tech) AS high_tech_investment,
  sum(completed) FILTER (WHERE year = y AND tech_renovation) AS tech_renovation_investment,
  sum(completed) FILTER (WHERE year = y - 1 AND category = 'INDUSTRIAL') AS industrial_investment_prev,
  sum(completed) FILTER (WHERE year = y - 1 AND high_tech) AS high_tech_investment_prev,
  sum(completed) FILTER (WHERE year = y - 1 AND tech_renovation) AS tech_renovation_investment_prev
FROM (
  SELECT p.y, s.sector_id, unnest([i.district, 'ALL']) AS district,
    i.year, i.category, i.high_tech, i.tech_renovation, i.completed
  FROM periods p
  JOIN inv_attr i ON i.year = p.y OR i.year = p.y - 1
  JOIN attr_sector s ON s.industry_code = i.industry_code AND s.enterprise_id IS NOT DISTINCT FROM i.enterprise_id)
GROUP BY y, sector_id, district;

-- major_project_count: the project's latest record up to (Y, M), possibly of an earlier
-- year, gives planned_total, category and cell; it counts when INDUSTRIAL with planned_total
-- >= the threshold and the project's completed sum over its records of (Y, 1..M) is > 0.
CREATE TABLE agg_major AS
WITH latest AS (
  SELECT p.y, i.project_id, arg_max(i, i.year * 12 + i.month) AS r
  FROM periods p
  JOIN inv i ON i.year < p.y OR (i.year = p.y AND i.month <= p.m)
  GROUP BY p.y, i.project_id
), completed AS (
  SELECT p.y, i.project_id, sum(i.completed) AS completed
  FROM periods p JOIN inv i ON i.year = p.y AND i.month <= p.m
  GROUP BY p.y, i.project_id
)
SELECT y, sector_id, district, count(*) AS major_project_count
FROM (
  SELECT l.y, s.sector_id, unnest([l.r.district, 'ALL']) AS district
  FROM latest l
  JOIN completed c ON c.y = l.y AND c.project_id = l.project_id
  JOIN attr_sector s ON s.industry_code = l.r.industry_code AND s.enterprise_id IS NOT DISTINCT FROM l.r.enterprise_id
  WHERE l.r.category = 'INDUSTRIAL' AND l.r.planned_total >= ${major_project_threshold} AND c.completed > 0)
GROUP BY y, sector_id, district;

-- rd_expenditure, rd_personnel: rd.csv rows of year Y (also in an --asOf run).
CREATE TABLE agg_rd AS
SELECT p.y, c.sector_id, c.district,
  sum(r.rd_expenditure) AS rd_expenditure, sum(r.rd_personnel) AS rd_personnel
FROM periods p
JOIN rd r ON r.year = p.y
JOIN ent_cell c USING (enterprise_id)
GROUP BY p.y, c.sector_id, c.district;

-- Register counts over every register enterprise of the cell: high-tech on the last day of
-- (Y, M) (empty from = not high-tech, empty to = open-ended), R&D centre levels.
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
JOIN ent e USING (enterprise_id)
GROUP BY p.y, c.sector_id, c.district;

-- Growth of a sum against the same sum of Y-1: null when the Y-1 sum <= 0 (or absent).
CREATE OR REPLACE TEMP MACRO growth(cur, prev) AS
  CASE WHEN prev > 0 THEN (dbl(COALESCE(cur, 0)) / dbl(prev) - 1) * 100 END;

-- =====================================================================================
-- The summary: every cell, zeros where nothing contributes, nulls as the contract says.
-- =====================================================================================
CREATE TABLE summary AS
WITH base AS (
  SELECT c.y, c.m, c.sector_id, c.district,
    COALESCE(a.enterprise_count, 0) AS enterprise_count,
    COALESCE(a.above_scale_count, 0) AS above_scale_count,
    COALESCE(a.output_value, 0) AS output_value,
    COALESCE(a.value_added, 0) AS value_added,
    COALESCE(a.revenue, 0) AS revenue,
    COALESCE(a.employees, 0) AS employees,
    COALESCE(a.above_scale_value_added, 0) AS above_scale_value_added,
    a.above_scale_value_added_prev, a.sample_size, a.ss_cur, a.ss_prev, pi.p_index,
    COALESCE(i.investment_completed, 0) AS investment_completed,
    COALESCE(i.industrial_investment, 0) AS industrial_investment,
    COALESCE(i.high_tech_investment, 0) AS high_tech_investment,
    COALESCE(i.tech_renovation_investment, 0) AS tech_renovation_investment,
    i.industrial_investment_prev, i.high_tech_investment_prev, i.tech_renovation_investment_prev,
    COALESCE(mj.major_project_count, 0) AS major_project_count,
    COALESCE(r.rd_expenditure, 0) AS rd_expenditure,
    COALESCE(r.rd_personnel, 0) AS rd_personnel,
    reg.district AS region_row_district, reg.gdp, reg.other_rd_expenditure,
    COALESCE(g.high_tech_enterprise_count, 0) AS high_tech_enterprise_count,
    COALESCE(g.provincial_rd_centers, 0) AS provincial_rd_centers,
    COALESCE(g.national_rd_centers, 0) AS national_rd_centers
  FROM cells c
  LEFT JOIN agg_production a USING (y, sector_id, district)
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
  CAST(output_value AS DECIMAL(20, 2)) AS output_value,
  CAST(value_added AS DECIMAL(20, 2)) AS value_added,
  CAST(revenue AS DECIMAL(20, 2)) AS revenue,
  CAST(employees AS BIGINT) AS employees,
  CAST(above_scale_value_added AS DECIMAL(20, 2)) AS above_scale_value_added,
  -- (cur / (P/100) / prev - 1) x 100; null if S is empty or prev <= 0.
  CASE WHEN sample_size > 0 AND ss_prev > 0
       THEN (dbl(ss_cur) / (p_index / 100.0) / dbl(ss_prev) - 1) * 100 END AS value_added_growth,
  growth(above_scale_value_added, above_scale_value_added_prev) AS value_added_growth_nominal,
  CAST(investment_completed AS DECIMAL(20, 2)) AS investment_completed,
  CAST(industrial_investment AS DECIMAL(20, 2)) AS industrial_investment,
  CAST(high_tech_investment AS DECIMAL(20, 2)) AS high_tech_investment,
  CAST(tech_renovation_investment AS DECIMAL(20, 2)) AS tech_renovation_investment,
  growth(industrial_investment, industrial_investment_prev) AS industrial_investment_growth,
  growth(high_tech_investment, high_tech_investment_prev) AS high_tech_investment_growth,
  growth(tech_renovation_investment, tech_renovation_investment_prev) AS tech_renovation_investment_growth,
  CAST(major_project_count AS BIGINT) AS major_project_count,
  CAST(rd_expenditure AS DECIMAL(20, 2)) AS rd_expenditure,
  CAST(rd_personnel AS BIGINT) AS rd_personnel,
  -- rd_expenditure / revenue x 100; null unless M = 12 and revenue > 0.
  CASE WHEN m = 12 AND revenue > 0 THEN dbl(rd_expenditure) / dbl(revenue) * 100 END AS rd_revenue_ratio,
  -- Sector ALL only, from region.csv's (district, Y) row ((ALL, Y) for district ALL), M = 12.
  CASE WHEN sector_id = 'ALL' AND m = 12 AND region_row_district IS NOT NULL
       THEN dbl(rd_expenditure + other_rd_expenditure) / dbl(gdp) * 100 END AS rd_gdp_ratio,
  CAST(high_tech_enterprise_count AS BIGINT) AS high_tech_enterprise_count,
  CAST(provincial_rd_centers AS BIGINT) AS provincial_rd_centers,
  CAST(national_rd_centers AS BIGINT) AS national_rd_centers
FROM base;

-- =====================================================================================
-- targets.csv and the attainment (CONTRACT 3 "attainment", 4 "Targets and the run").
-- =====================================================================================
CREATE TABLE targets_checked AS
WITH raw AS (
  SELECT * FROM csv_in(${targets_csv}, 'malformed_targets')
  UNION ALL BY NAME SELECT NULL::VARCHAR AS indicator, NULL::VARCHAR AS sector_id, NULL::VARCHAR AS district,
    NULL::VARCHAR AS year, NULL::VARCHAR AS direction, NULL::VARCHAR AS ensure, NULL::VARCHAR AS strive,
    NULL::VARCHAR AS revision WHERE false)
SELECT indicator,
  COALESCE(NULLIF(sector_id, ''), 'ALL') AS sector_id,        -- empty = ALL
  COALESCE(NULLIF(district, ''), 'ALL') AS district,
  TRY_CAST(year AS INTEGER) AS year, direction,
  TRY_CAST(NULLIF(ensure, '') AS DOUBLE) AS ensure,
  TRY_CAST(NULLIF(strive, '') AS DOUBLE) AS strive,
  to_rev(revision) AS revision,
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
FROM raw;

-- Highest revision per target key; two rows at that revision fail the run.
CREATE TABLE targets AS
SELECT * EXCLUDE (problem) FROM targets_checked WHERE problem IS NULL
QUALIFY revision = max(revision) OVER (PARTITION BY indicator, sector_id, district, year);

-- The numeric summary columns in long form, as the double nearest the exact value.
CREATE TABLE summary_long AS
FROM (
  SELECT year, sector_id, district,
    dbl(enterprise_count) AS enterprise_count, dbl(above_scale_count) AS above_scale_count,
    dbl(output_value) AS output_value, dbl(value_added) AS value_added, dbl(revenue) AS revenue,
    dbl(employees) AS employees, dbl(above_scale_value_added) AS above_scale_value_added,
    value_added_growth, value_added_growth_nominal,
    dbl(investment_completed) AS investment_completed, dbl(industrial_investment) AS industrial_investment,
    dbl(high_tech_investment) AS high_tech_investment,
    dbl(tech_renovation_investment) AS tech_renovation_investment,
    industrial_investment_growth, high_tech_investment_growth, tech_renovation_investment_growth,
    dbl(major_project_count) AS major_project_count, dbl(rd_expenditure) AS rd_expenditure,
    dbl(rd_personnel) AS rd_personnel, rd_revenue_ratio, rd_gdp_ratio,
    dbl(high_tech_enterprise_count) AS high_tech_enterprise_count,
    dbl(provincial_rd_centers) AS provincial_rd_centers, dbl(national_rd_centers) AS national_rd_centers
  FROM summary
  WHERE (year, sector_id, district) IN (SELECT (year, sector_id, district) FROM targets))
UNPIVOT INCLUDE NULLS (actual FOR indicator IN (
  enterprise_count, above_scale_count, output_value, value_added, revenue, employees,
  above_scale_value_added, value_added_growth, value_added_growth_nominal,
  investment_completed, industrial_investment, high_tech_investment, tech_renovation_investment,
  industrial_investment_growth, high_tech_investment_growth, tech_renovation_investment_growth,
  major_project_count, rd_expenditure, rd_personnel, rd_revenue_ratio, rd_gdp_ratio,
  high_tech_enterprise_count, provincial_rd_centers, national_rd_centers));

-- milestones.KIND: milestones of that kind dated in (Y, 1..M) in the cell; one with an
-- enterprise counts in all of that enterprise's cells, one without only in (ALL, ALL).
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

CREATE OR REPLACE TEMP MACRO met(a, t, dir) AS
  CASE dir WHEN 'AT_LEAST' THEN a >= t WHEN 'ABOVE' THEN a > t
           WHEN 'AT_MOST' THEN a <= t WHEN 'BELOW' THEN a < t END;

-- One row per target whose year is computed (targets of other years are skipped).
CREATE TABLE attainment AS
WITH t AS (
  SELECT tg.year, p.m AS period_end_month, tg.indicator, tg.sector_id, tg.district, tg.direction,
    tg.ensure AS ensure_target, tg.strive AS strive_target,
    CASE WHEN starts_with(tg.indicator, 'milestones.')
         THEN CAST(COALESCE(mc.n, 0) AS DOUBLE)          -- a kind absent from the data counts 0
         ELSE sl.actual END AS actual
  FROM targets tg
  JOIN periods p ON p.y = tg.year
  LEFT JOIN summary_long sl
    ON sl.year = tg.year AND sl.sector_id = tg.sector_id AND sl.district = tg.district AND sl.indicator = tg.indicator
  LEFT JOIN milestone_counts mc
    ON mc.y = tg.year AND mc.sector_id = tg.sector_id AND mc.district = tg.district AND mc.indicator = tg.indicator
)
SELECT CAST(year AS INTEGER) AS year, CAST(period_end_month AS INTEGER) AS period_end_month,
  indicator, sector_id, district, direction, ensure_target, strive_target, actual,
  CASE WHEN actual IS NULL THEN 'NO_DATA'
       WHEN strive_target IS NOT NULL AND met(actual, strive_target, direction) THEN 'STRIVE_MET'
       WHEN ensure_target IS NOT NULL AND met(actual, ensure_target, direction) THEN 'ENSURE_MET'
       ELSE 'NOT_MET' END AS status,
  -- primary target = ensure if given, else strive
  CASE WHEN actual IS NULL OR COALESCE(ensure_target, strive_target) = 0 THEN NULL
       ELSE actual / COALESCE(ensure_target, strive_target) END AS attainment_ratio,
  actual - COALESCE(ensure_target, strive_target) AS gap
FROM t;

-- Bad targets fail the run: a rejected row, a duplicate key, an unknown indicator, sector
-- or district (also for targets of years not computed).
INSERT INTO run_failures
SELECT 'targets.csv: ' || problem FROM targets_checked WHERE problem IS NOT NULL
UNION ALL SELECT 'targets.csv: wrong number of fields on line ' || line FROM malformed_targets
UNION ALL
SELECT 'targets.csv: duplicate target ' || indicator || '/' || sector_id || '/' || district || '/' || year
FROM targets GROUP BY indicator, sector_id, district, year HAVING count(*) > 1
UNION ALL
SELECT 'targets.csv: unknown indicator, sector or district in ' || indicator || '/' || sector_id || '/' || district
FROM targets tg
WHERE NOT (tg.sector_id IN (SELECT sector_id FROM sector_ids) AND tg.district IN (SELECT district FROM districts)
           AND (regexp_full_match(tg.indicator, 'milestones\.[A-Z0-9_]+')
                OR tg.indicator IN ('enterprise_count', 'above_scale_count', 'output_value', 'value_added', 'revenue',
                  'employees', 'above_scale_value_added', 'value_added_growth', 'value_added_growth_nominal',
                  'investment_completed', 'industrial_investment', 'high_tech_investment',
                  'tech_renovation_investment', 'industrial_investment_growth', 'high_tech_investment_growth',
                  'tech_renovation_investment_growth', 'major_project_count', 'rd_expenditure', 'rd_personnel',
                  'rd_revenue_ratio', 'rd_gdp_ratio', 'high_tech_enterprise_count', 'provincial_rd_centers',
                  'national_rd_centers')));

-- =====================================================================================
-- Output (the runner stops before this point if run_failures has a row).
-- =====================================================================================
-- @publish
COPY (SELECT * FROM summary ORDER BY year, sector_id <> 'ALL', sector_id, district <> 'ALL', district)
  TO '${output_dir}/summary/part-00000.parquet' (FORMAT parquet);
COPY (SELECT * FROM attainment ORDER BY year, indicator, sector_id, district)
  TO '${output_dir}/attainment/part-00000.parquet' (FORMAT parquet);
COPY (SELECT * FROM rejects ORDER BY source_file, line_number, reason, detail)
  TO '${output_dir}/rejects/part-00000.parquet' (FORMAT parquet);
