-- Contacts per queue and hour, with the average seconds in IVR (start to queue), in queue (to agent) and with an agent.
WITH latest AS (
  SELECT
    *,
    row_number() OVER (PARTITION BY contact_id ORDER BY length(change_sequence) DESC, change_sequence DESC) AS version
  FROM contacts
),
timed AS (
  SELECT
    coalesce(queue_name, queue_arn, '(no queue)') AS queue,
    from_iso8601_timestamp(initiated_at) AS initiated,
    from_iso8601_timestamp(enqueued_at) AS enqueued,
    from_iso8601_timestamp(connected_to_agent_at) AS connected,
    from_iso8601_timestamp(disconnected_at) AS disconnected
  FROM latest
  WHERE version = 1 AND initiated_at IS NOT NULL
)
SELECT
  queue,
  date_trunc('hour', initiated) AS hour,
  count(*) AS contacts,
  round(avg(date_diff('millisecond', initiated, coalesce(enqueued, connected, disconnected))) / 1000.0, 1) AS avg_ivr_seconds,
  round(avg(date_diff('millisecond', enqueued, coalesce(connected, disconnected))) / 1000.0, 1) AS avg_queue_seconds,
  round(avg(date_diff('millisecond', connected, disconnected)) / 1000.0, 1) AS avg_agent_seconds
FROM timed
GROUP BY 1, 2
ORDER BY 1, 2
