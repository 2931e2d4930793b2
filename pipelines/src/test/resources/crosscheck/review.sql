-- The data review's default rules (README "Data review", review-rules.csv as shipped), written
-- independently of the pipeline over the in-force rows of summary.sql. Result: expected_review,
-- one row per flag: source_file, line_number, rule_id.

-- In-force production rows with the line they come from (a collapsed duplicate keeps its first).
CREATE TABLE prod_lines AS
SELECT enterprise_id, year, month, min(__line) AS line, any_value(above_scale) AS above_scale,
  any_value(output_value) AS output_value, any_value(value_added) AS value_added,
  any_value(revenue) AS revenue, any_value(employees) AS employees,
  year * 12 + month - 1 AS idx
FROM production_top
WHERE (enterprise_id, year, month) NOT IN (SELECT (enterprise_id, year, month) FROM production_conflicts)
  AND enterprise_id IN (SELECT enterprise_id FROM ent)
GROUP BY enterprise_id, year, month;

CREATE TABLE inv_lines AS
SELECT project_id, year, month, min(__line) AS line, any_value(planned_total) AS planned_total,
  any_value(completed) AS completed
FROM investment_top
WHERE (project_id, year, month) NOT IN (SELECT (project_id, year, month) FROM investment_conflicts)
GROUP BY project_id, year, month;

CREATE TABLE rd_lines AS
SELECT enterprise_id, year, min(__line) AS line, any_value(rd_expenditure) AS rd_expenditure
FROM rd_top
WHERE (enterprise_id, year) NOT IN (SELECT (enterprise_id, year) FROM rd_conflicts)
GROUP BY enterprise_id, year;

CREATE TABLE prod_windows AS
SELECT *,
  lag(idx) OVER w AS prev_idx,
  count(*) OVER (PARTITION BY enterprise_id ORDER BY idx ROWS BETWEEN 11 PRECEDING AND CURRENT ROW) AS n12,
  sum(revenue) OVER (PARTITION BY enterprise_id ORDER BY idx ROWS BETWEEN 11 PRECEDING AND CURRENT ROW) AS rev12,
  month = max(month) OVER (PARTITION BY enterprise_id, year) AS last_of_year
FROM prod_lines
WINDOW w AS (PARTITION BY enterprise_id ORDER BY idx);

CREATE TABLE jumps AS
SELECT c.line, kind
FROM prod_lines c
JOIN (SELECT 1 AS lag_months, 'MONTH_ON_MONTH_JUMP' AS kind UNION ALL SELECT 12, 'YEAR_ON_YEAR_JUMP') k ON true
JOIN prod_lines p ON p.enterprise_id = c.enterprise_id AND p.idx = c.idx - k.lag_months
WHERE greatest(c.revenue, p.revenue) >= 100
  AND ((c.revenue > 0 AND p.revenue > 0 AND (c.revenue > 3 * p.revenue OR 3 * c.revenue < p.revenue))
    OR (c.value_added > 0 AND p.value_added > 0
        AND (c.value_added > 3 * p.value_added OR 3 * c.value_added < p.value_added)));

CREATE TABLE inv_running AS
SELECT *,
  sum(completed) OVER (PARTITION BY project_id, year ORDER BY month) AS year_sum,
  sum(completed) OVER (PARTITION BY project_id ORDER BY year, month) AS cum
FROM inv_lines;

CREATE TABLE inv_reached AS
SELECT project_id, min(year * 12 + month) AS reached_idx
FROM inv_running WHERE planned_total > 0 AND cum >= planned_total
GROUP BY project_id;

CREATE TABLE expected_review AS
SELECT DISTINCT * FROM (
  SELECT 'production.csv' AS source_file, line AS line_number, 'VA_ABOVE_OUTPUT' AS rule_id
  FROM prod_lines WHERE value_added > output_value
  UNION ALL
  SELECT 'production.csv', line, 'VA_RATIO' FROM prod_lines
  WHERE output_value > 0 AND value_added <= output_value
    AND (value_added < 0 OR value_added > 0.8 * output_value)
  UNION ALL
  SELECT 'production.csv', line, 'REVENUE_WITHOUT_EMPLOYEES' FROM prod_lines
  WHERE revenue > 0 AND employees = 0
  UNION ALL
  SELECT 'production.csv', max(line), 'EMPLOYEES_WITHOUT_REVENUE' FROM prod_lines
  GROUP BY enterprise_id, year HAVING bool_and(revenue = 0) AND max(employees) > 0
  UNION ALL
  SELECT 'production.csv', line, 'MONTH_GAP' FROM prod_windows WHERE idx - prev_idx > 1
  UNION ALL
  SELECT 'production.csv', line, 'ABOVE_SCALE_LOW_REVENUE' FROM prod_windows
  WHERE last_of_year AND n12 = 12 AND above_scale AND rev12 < 2000
  UNION ALL
  SELECT 'production.csv', line, 'BELOW_SCALE_HIGH_REVENUE' FROM prod_windows
  WHERE last_of_year AND n12 = 12 AND NOT above_scale AND rev12 > 2000
  UNION ALL
  SELECT 'production.csv', line, kind FROM jumps
  UNION ALL
  SELECT 'rd.csv', r.line, 'RD_ABOVE_REVENUE' FROM rd_lines r
  JOIN (SELECT enterprise_id, year, sum(revenue) AS revenue FROM prod_lines GROUP BY ALL) y
    USING (enterprise_id, year)
  WHERE r.rd_expenditure > y.revenue
  UNION ALL
  SELECT 'investment.csv', min(line), 'INVESTMENT_OVER_PLAN' FROM inv_running
  WHERE year_sum > planned_total GROUP BY project_id, year
  UNION ALL
  SELECT 'investment.csv', min(i.line), 'INVESTMENT_AFTER_COMPLETION' FROM inv_running i
  JOIN inv_reached r USING (project_id)
  WHERE i.year * 12 + i.month > r.reached_idx AND i.completed > 0
  GROUP BY project_id
);
