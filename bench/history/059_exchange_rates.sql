CREATE TABLE exchange_rates (
    base        char(3) NOT NULL,
    quote       char(3) NOT NULL,
    rate        numeric(18, 8) NOT NULL,
    valid_on    date NOT NULL,
    PRIMARY KEY (base, quote, valid_on)
);

CREATE OR REPLACE FUNCTION convert_cents(p_cents bigint, p_from char(3), p_to char(3), p_on date)
    RETURNS bigint
    LANGUAGE plpgsql STABLE AS $$
DECLARE
    r numeric;
BEGIN
    IF p_from = p_to THEN
        RETURN p_cents;
    END IF;
    SELECT rate INTO r
      FROM exchange_rates
     WHERE base = p_from AND quote = p_to AND valid_on <= p_on
     ORDER BY valid_on DESC
     LIMIT 1;
    IF r IS NULL THEN
        RAISE EXCEPTION 'no exchange rate % -> % on %', p_from, p_to, p_on;
    END IF;
    RETURN round(p_cents * r)::bigint;
END;
$$;
