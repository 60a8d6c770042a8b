-- Vanity results per area code (NANP; other numbers together): results stored, results with a word, average words per result.
SELECT
  coalesce(area_code, '(other)') AS area_code,
  count(*) AS results,
  sum(CASE WHEN vanity_count > 0 THEN 1 ELSE 0 END) AS with_vanity,
  round(avg(vanity_count), 2) AS avg_vanities
FROM vanity_results
GROUP BY 1
ORDER BY 1
