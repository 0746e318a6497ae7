--liquibase formatted sql

--changeset spark:017-notification-deliveries
--comment: the email and SMS outbox. A row is written in the transaction that writes its notification (so a rolled-back notification sends nothing and a committed one is never lost) and holds a copy of what to say (a user may delete the notification before it is sent); the address is read when it is sent, so a changed email or a STOP in between is honoured. Senders claim due rows with FOR UPDATE SKIP LOCKED and a lease (claimed_until): one sender per row across instances, and a sender that died gives its rows back when the lease ends.
CREATE TABLE notification_deliveries (
    id              uuid         PRIMARY KEY,
    notification_id uuid,
    user_id         uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel         varchar(8)   NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
    kind            varchar(32)  NOT NULL,
    locale          varchar(35)  NOT NULL,
    title           varchar(200) NOT NULL,
    body            text         NOT NULL,
    data            jsonb        NOT NULL DEFAULT '{}',
    to_address      varchar(254),
    status          varchar(8)   NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'DROPPED')),
    attempts        integer      NOT NULL DEFAULT 0,
    next_attempt_at timestamptz  NOT NULL DEFAULT now(),
    claimed_until   timestamptz,
    claim           uuid,
    last_error      varchar(500),
    provider_ref    varchar(200),
    created_at      timestamptz  NOT NULL DEFAULT now(),
    finished_at     timestamptz
);
CREATE UNIQUE INDEX ux_notification_deliveries_once ON notification_deliveries (notification_id, channel) WHERE notification_id IS NOT NULL;
CREATE INDEX ix_notification_deliveries_due ON notification_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX ix_notification_deliveries_finished ON notification_deliveries (finished_at) WHERE status <> 'PENDING';
CREATE INDEX ix_notification_deliveries_user ON notification_deliveries (user_id);

--changeset spark:017-notification-preferences
--comment: only a user's own choices are stored (kind x channel); everything else follows the defaults of their roles, so a changed default reaches everyone who never chose
CREATE TABLE notification_preferences (
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       varchar(32) NOT NULL,
    channel    varchar(8)  NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
    enabled    boolean     NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, kind, channel)
);

--changeset spark:017-user-phones
--comment: one phone number per user for SMS, in E.164; used only once verified (a code sent to it, typed back), never after its owner sent STOP (opted_out_at, by number: every account on that number stops). The code is kept as an HMAC, never in clear.
CREATE TABLE user_phones (
    user_id          uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    phone_number     varchar(16) NOT NULL CHECK (phone_number ~ '^\+[1-9][0-9]{6,14}$'),
    verified_at      timestamptz,
    opted_out_at     timestamptz,
    code_hash        varchar(64),
    code_expires_at  timestamptz,
    code_attempts    integer     NOT NULL DEFAULT 0,
    codes_sent       integer     NOT NULL DEFAULT 0,
    codes_window_at  timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_user_phones_number ON user_phones (phone_number);
