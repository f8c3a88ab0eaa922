-- SMS: a buyer may give a mobile number at checkout (sealed under the shop's key, like the e-mail address)
-- and ask for the purchase confirmation by SMS too, where the shop sends SMS.
ALTER TABLE customer_order
    ADD COLUMN buyer_phone text,
    ADD COLUMN sms_confirmation boolean NOT NULL DEFAULT false;

-- The channels a shop chose for a medium (an SMS provider), with its credentials sealed under the shop's key.
-- E-mail needs no row: it goes through the platform's SMTP server for every shop.
CREATE TABLE notification_channel (
    channel            varchar(40) PRIMARY KEY,
    medium             varchar(10) NOT NULL CHECK (medium IN ('EMAIL', 'SMS')),
    sealed_credentials text        NOT NULL,
    active             boolean     NOT NULL DEFAULT true,
    updated_at         timestamptz NOT NULL DEFAULT now()
);
-- One channel per medium sends at a time.
CREATE UNIQUE INDEX notification_channel_active_idx ON notification_channel (medium) WHERE active;
