-- Answers per question per day, by agent and campaign: the latest answer of each contact and question.
WITH latest AS (
  SELECT
    *,
    row_number() OVER (PARTITION BY contact_id, question ORDER BY length(change_sequence) DESC, change_sequence DESC) AS version
  FROM view_answers
)
SELECT
  substr(changed_at, 1, 10) AS day,
  question,
  coalesce(question_label, question) AS label,
  answer,
  coalesce(agent_username, agent_id, '(no agent)') AS agent,
  coalesce(campaign_id, '(no campaign)') AS campaign,
  count(*) AS answers
FROM latest
WHERE version = 1
GROUP BY 1, 2, 3, 4, 5, 6
ORDER BY 1, 2, 4, 5, 6
