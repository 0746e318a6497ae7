--liquibase formatted sql

--changeset spark:002-courses
--comment: learner-facing texts are JSON objects keyed by locale ({"en": "...", "sw": "..."}); answer keys never leave the server
CREATE TABLE courses (
    id             uuid        PRIMARY KEY,
    subject        varchar(64) NOT NULL,
    default_locale varchar(35) NOT NULL,
    status         varchar(16) NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
    content_version integer    NOT NULL DEFAULT 0,
    title          text        NOT NULL,
    description    text        NOT NULL,
    created_by     uuid        NOT NULL REFERENCES users (id),
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    published_at   timestamptz,
    version        bigint      NOT NULL DEFAULT 0
);
CREATE INDEX ix_courses_published ON courses (subject) WHERE status = 'PUBLISHED';

CREATE TABLE course_units (
    id        uuid    PRIMARY KEY,
    course_id uuid    NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    position  integer NOT NULL,
    title     text    NOT NULL,
    UNIQUE (course_id, position)
);

CREATE TABLE lessons (
    id       uuid    PRIMARY KEY,
    unit_id  uuid    NOT NULL REFERENCES course_units (id) ON DELETE CASCADE,
    position integer NOT NULL,
    title    text    NOT NULL,
    summary  text    NOT NULL,
    UNIQUE (unit_id, position)
);

CREATE TABLE activities (
    id        uuid         PRIMARY KEY,
    lesson_id uuid         NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
    position  integer      NOT NULL,
    type      varchar(16)  NOT NULL CHECK (type IN ('QUIZ', 'READING', 'VIDEO', 'AUDIO', 'ASSIGNMENT')),
    title     text         NOT NULL,
    body      text         NOT NULL,
    media_url varchar(2048),
    UNIQUE (lesson_id, position)
);

CREATE TABLE questions (
    id          uuid        PRIMARY KEY,
    activity_id uuid        NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    position    integer     NOT NULL,
    type        varchar(24) NOT NULL CHECK (type IN ('SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'TRUE_FALSE', 'NUMERIC', 'SHORT_TEXT')),
    prompt      text        NOT NULL,
    options     text        NOT NULL,
    answer_key  text        NOT NULL,
    UNIQUE (activity_id, position)
);
