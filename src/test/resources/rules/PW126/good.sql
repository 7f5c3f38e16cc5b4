CREATE DOMAIN positive_int AS integer;
