-- Transfers and abandons per queue and day: abandoned means queued, never connected to an agent, disconnected.
WITH latest AS (
  SELECT
    *,
    row_number() OVER (PARTITION BY contact_id ORDER BY length(change_sequence) DESC, change_sequence DESC) AS version
  FROM contacts
)
SELECT
  coalesce(queue_name, queue_arn, '(no queue)') AS queue,
  substr(coalesce(initiated_at, changed_at), 1, 10) AS day,
  count(*) AS contacts,
  sum(CASE WHEN transferred THEN 1 ELSE 0 END) AS transfers,
  sum(CASE WHEN queued AND NOT connected_to_agent AND disconnected THEN 1 ELSE 0 END) AS abandons
FROM latest
WHERE version = 1
GROUP BY 1, 2
ORDER BY 1, 2
