--liquibase formatted sql

--changeset spark:006-profile-time-zone
--comment: streaks and daily caps count days where the student lives
ALTER TABLE profiles ADD COLUMN time_zone varchar(64) NOT NULL DEFAULT 'UTC';

--changeset spark:006-streaks
CREATE TABLE streaks (
    student_id       uuid    PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    current_days     integer NOT NULL DEFAULT 0,
    longest_days     integer NOT NULL DEFAULT 0,
    last_active_on   date,
    grace_used_on    date,
    version          bigint  NOT NULL DEFAULT 0
);
