-- Sessions piled up before the cleanup job existed.
DELETE FROM sessions WHERE expires_at < now() - interval '30 days';
