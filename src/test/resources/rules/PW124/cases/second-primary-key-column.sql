-- case: a primary key where the foreign key column comes second does not serve lookups by it
-- expect: raised
CREATE TABLE article_tags (tag_id bigint, article_id bigint REFERENCES articles_article (id), PRIMARY KEY (tag_id, article_id));
