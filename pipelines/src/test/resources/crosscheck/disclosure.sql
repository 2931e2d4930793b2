-- Primary disclosure control, independently of the pipeline (README "Disclosure control",
-- docs/disclosure.md), with the default rules: a group of a cell is primary confidential
-- (C) if it has 1 or 2 contributors, or an amount column has 1 or 2 contributors with a
-- non-zero value (frequency), or the largest absolute value of an amount column is more
-- than 85% of the column's sum of absolute values (dominance, n = 1, k = 85).
-- Runs after summary.sql (uses its periods, prod, inv, rd, ent_cell and inv_cell tables).

-- One row per (year, cell, group, contributor, column): the contributor's value in the cell.
CREATE TABLE dc_values AS
WITH production AS (
  SELECT p.y, c.sector_id, c.district, r.enterprise_id AS contributor,
    sum(r.output_value) AS output_value,
    sum(r.value_added) AS value_added,
    sum(r.revenue) AS revenue,
    coalesce(sum(r.employees) FILTER (WHERE r.month = p.m), 0) AS employees,
    coalesce(sum(r.value_added) FILTER (WHERE r.above_scale), 0) AS above_scale_value_added
  FROM periods p
  JOIN prod r ON r.year = p.y AND r.month <= p.m
  JOIN ent_cell c ON c.enterprise_id = r.enterprise_id
  GROUP BY ALL),
investment AS (
  SELECT p.y, c.sector_id, c.district, i.project_id AS contributor,
    sum(i.completed) AS investment_completed,
    coalesce(sum(i.completed) FILTER (WHERE i.category = 'INDUSTRIAL'), 0) AS industrial_investment,
    coalesce(sum(i.completed) FILTER (WHERE i.high_tech), 0) AS high_tech_investment,
    coalesce(sum(i.completed) FILTER (WHERE i.tech_renovation), 0) AS tech_renovation_investment
  FROM periods p
  JOIN inv i ON i.year = p.y AND i.month <= p.m
  JOIN inv_cell c ON c.project_id = i.project_id AND c.year = i.year AND c.month = i.month
  GROUP BY ALL),
research AS (
  SELECT p.y, c.sector_id, c.district, r.enterprise_id AS contributor,
    sum(r.rd_expenditure) AS rd_expenditure, sum(r.rd_personnel) AS rd_personnel
  FROM periods p
  JOIN rd r ON r.year = p.y
  JOIN ent_cell c ON c.enterprise_id = r.enterprise_id
  GROUP BY ALL)
SELECT y, sector_id, district, 'production' AS grp, contributor, col, CAST(v AS DOUBLE) AS v
FROM (UNPIVOT production ON output_value, value_added, revenue, employees, above_scale_value_added
      INTO NAME col VALUE v)
UNION ALL
SELECT y, sector_id, district, 'investment', contributor, col, CAST(v AS DOUBLE)
FROM (UNPIVOT investment ON investment_completed, industrial_investment, high_tech_investment,
      tech_renovation_investment INTO NAME col VALUE v)
UNION ALL
SELECT y, sector_id, district, 'rd', contributor, col, CAST(v AS DOUBLE)
FROM (UNPIVOT research ON rd_expenditure, rd_personnel INTO NAME col VALUE v);

CREATE TABLE dc_columns AS
SELECT y, sector_id, district, grp, col,
  count(DISTINCT contributor) AS contributors,
  count(*) FILTER (WHERE v <> 0) AS non_zero,
  max(abs(v)) AS top1,
  sum(abs(v)) AS total
FROM dc_values GROUP BY ALL;

-- The expected primary confidential cells: year, sector, district, group.
CREATE TABLE expected_primary AS
SELECT DISTINCT y AS year, sector_id, district, grp
FROM dc_columns
WHERE contributors < 3
   OR (non_zero BETWEEN 1 AND 2)
   OR (top1 > 0 AND top1 * 100 > 85 * total);
