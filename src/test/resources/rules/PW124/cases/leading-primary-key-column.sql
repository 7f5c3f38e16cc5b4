-- case: a primary key that leads with the foreign key column indexes it
-- expect: not raised
CREATE TABLE article_tags (article_id bigint REFERENCES articles_article (id), tag_id bigint, PRIMARY KEY (article_id, tag_id));
