--liquibase formatted sql

--changeset spark:003-positions-deferred
--comment: replacing a course's content deletes old rows and inserts new ones with the same positions in one transaction; check order at commit
ALTER TABLE course_units DROP CONSTRAINT course_units_course_id_position_key;
ALTER TABLE course_units ADD CONSTRAINT course_units_course_id_position_key UNIQUE (course_id, position) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE lessons DROP CONSTRAINT lessons_unit_id_position_key;
ALTER TABLE lessons ADD CONSTRAINT lessons_unit_id_position_key UNIQUE (unit_id, position) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE activities DROP CONSTRAINT activities_lesson_id_position_key;
ALTER TABLE activities ADD CONSTRAINT activities_lesson_id_position_key UNIQUE (lesson_id, position) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE questions DROP CONSTRAINT questions_activity_id_position_key;
ALTER TABLE questions ADD CONSTRAINT questions_activity_id_position_key UNIQUE (activity_id, position) DEFERRABLE INITIALLY DEFERRED;
