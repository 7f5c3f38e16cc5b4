-- Sessions moved to Redis (2022-05).
DROP TABLE IF EXISTS sessions;
