-- The rights the programs need, and no more.  Run as an administrator,
-- with the user's password set separately:
--   CREATE USER 'award'@'%' IDENTIFIED BY '...';
-- award-api and award-processor read and write rows; only awardctl
-- migrate changes the schema, so give it its own user with the second
-- grant, or run migrations as an administrator.
GRANT SELECT, INSERT, UPDATE, DELETE ON award.* TO 'award'@'%';
-- GRANT CREATE, ALTER, INDEX, DROP, REFERENCES ON award.* TO 'award_admin'@'%';
