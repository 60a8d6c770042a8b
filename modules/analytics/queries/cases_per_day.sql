-- Cases opened and closed per day, and the average hours from opening to the first close.
WITH events AS (
  SELECT DISTINCT case_id, event_id, event_type, status, from_iso8601_timestamp(change_time) AS changed
  FROM case_events
  WHERE change_time IS NOT NULL
),
cases AS (
  SELECT
    case_id,
    min(CASE WHEN event_type = 'CASE.CREATED' THEN changed END) AS opened,
    min(CASE WHEN lower(status) = 'closed' THEN changed END) AS closed
  FROM events
  GROUP BY case_id
),
days AS (
  SELECT date(opened) AS day, 1 AS opened, 0 AS closed, CAST(NULL AS double) AS hours_to_close
  FROM cases
  WHERE opened IS NOT NULL
  UNION ALL
  SELECT date(closed) AS day, 0 AS opened, 1 AS closed, date_diff('second', opened, closed) / 3600.0 AS hours_to_close
  FROM cases
  WHERE closed IS NOT NULL
)
SELECT
  day,
  sum(opened) AS opened,
  sum(closed) AS closed,
  round(avg(hours_to_close), 2) AS avg_hours_to_close
FROM days
GROUP BY day
ORDER BY day
