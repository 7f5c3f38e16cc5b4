-- case: smallserial is a smallint key that runs out at 32,767
-- expect: raised
CREATE TABLE reviews (id smallserial PRIMARY KEY);
