--liquibase formatted sql

--changeset spark:001-roles
--comment: the five roles of Project Spark; a user holds one or more
CREATE TABLE roles (
    name        varchar(32) PRIMARY KEY,
    description text        NOT NULL
);
INSERT INTO roles (name, description) VALUES
    ('STUDENT', 'Learns: takes lessons and quizzes, earns XP and badges'),
    ('TEACHER', 'Teaches classes: authors content, follows students'),
    ('SCHOOL_ADMIN', 'Runs one school: classes, teachers, enrolment'),
    ('GUARDIAN', 'Parent or guardian: reads their children''s progress'),
    ('ADMIN', 'Runs the platform: grants roles, configures rules');

--changeset spark:001-users
--comment: usernames are unique without regard to case; email is optional (many students have none)
CREATE TABLE users (
    id            uuid         PRIMARY KEY,
    username      varchar(64)  NOT NULL,
    email         varchar(254),
    password_hash varchar(255) NOT NULL,
    is_active     boolean      NOT NULL DEFAULT true,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now(),
    last_login_at timestamptz,
    version       bigint       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX ux_users_username_ci ON users (lower(username));
CREATE UNIQUE INDEX ux_users_email_ci ON users (lower(email)) WHERE email IS NOT NULL;

CREATE TABLE user_roles (
    user_id uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    varchar(32) NOT NULL REFERENCES roles (name),
    PRIMARY KEY (user_id, role)
);
CREATE INDEX ix_user_roles_role ON user_roles (role);

--changeset spark:001-profiles
CREATE TABLE profiles (
    id           uuid         PRIMARY KEY,
    user_id      uuid         NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    display_name varchar(100) NOT NULL,
    locale       varchar(35)  NOT NULL DEFAULT 'en',
    xp_points    bigint       NOT NULL DEFAULT 0 CHECK (xp_points >= 0),
    level        integer      NOT NULL DEFAULT 1 CHECK (level >= 1),
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now(),
    version      bigint       NOT NULL DEFAULT 0
);

--changeset spark:001-auth-sessions
--comment: one session per login; logout or refresh-token reuse revokes it, and with it every access token that names it
CREATE TABLE auth_sessions (
    id             uuid         PRIMARY KEY,
    user_id        uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     timestamptz  NOT NULL,
    expires_at     timestamptz  NOT NULL,
    revoked_at     timestamptz,
    revoked_reason varchar(32),
    client_address varchar(64),
    user_agent     varchar(256)
);
CREATE INDEX ix_auth_sessions_user ON auth_sessions (user_id) WHERE revoked_at IS NULL;

--comment: refresh tokens are stored as SHA-256 digests; each is used once, then replaced
CREATE TABLE refresh_tokens (
    token_hash char(64)    PRIMARY KEY,
    session_id uuid        NOT NULL REFERENCES auth_sessions (id) ON DELETE CASCADE,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX ix_refresh_tokens_session ON refresh_tokens (session_id);
