-- "password" always held a bcrypt hash; say so.
ALTER TABLE users RENAME COLUMN password TO password_hash;
