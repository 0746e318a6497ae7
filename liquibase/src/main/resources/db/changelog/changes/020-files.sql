--liquibase formatted sql

--changeset spark:020-files
--comment: uploaded files: the server's id, whose, what for (private assignment answers, public lesson media), the sanitized name shown, and the SHA-256 of the content, which is also where the storage keeps it (blobs/ab/cd/<hash>), so the same content is stored once however many files name it
CREATE TABLE files (
    id           uuid         PRIMARY KEY,
    owner_id     uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    school_id    uuid         REFERENCES schools (id) ON DELETE SET NULL,
    purpose      varchar(20)  NOT NULL CHECK (purpose IN ('ASSIGNMENT', 'LESSON_MEDIA')),
    content_hash char(64)     NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    display_name varchar(200) NOT NULL,
    media_type   varchar(100) NOT NULL,
    size_bytes   bigint       NOT NULL CHECK (size_bytes > 0),
    created_at   timestamptz  NOT NULL DEFAULT now()
);
-- quotas add up a student's and a school's files; a retried upload finds its file by content
CREATE INDEX ix_files_owner ON files (owner_id, purpose, content_hash);
CREATE INDEX ix_files_school ON files (school_id) WHERE school_id IS NOT NULL;
CREATE INDEX ix_files_content ON files (content_hash);

--changeset spark:020-file-uploads
--comment: resumable uploads (tus 1.0): the announced length, the offset the server holds, and the parts holding those bytes in the shared storage (partial/<upload>/<offset>-<nonce>), so any instance continues an upload another began
CREATE TABLE file_uploads (
    id           uuid         PRIMARY KEY,
    owner_id     uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose      varchar(20)  NOT NULL CHECK (purpose IN ('ASSIGNMENT', 'LESSON_MEDIA')),
    display_name varchar(200) NOT NULL,
    length_bytes bigint       NOT NULL CHECK (length_bytes > 0),
    offset_bytes bigint       NOT NULL DEFAULT 0 CHECK (offset_bytes >= 0 AND offset_bytes <= length_bytes),
    file_id      uuid         REFERENCES files (id) ON DELETE SET NULL,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    expires_at   timestamptz  NOT NULL
);
CREATE INDEX ix_file_uploads_owner ON file_uploads (owner_id);
CREATE INDEX ix_file_uploads_expires ON file_uploads (expires_at) WHERE file_id IS NULL;
CREATE TABLE file_upload_parts (
    upload_id    uuid         NOT NULL REFERENCES file_uploads (id) ON DELETE CASCADE,
    offset_bytes bigint       NOT NULL CHECK (offset_bytes >= 0),
    length_bytes bigint       NOT NULL CHECK (length_bytes > 0),
    part_key     varchar(200) NOT NULL,
    PRIMARY KEY (upload_id, offset_bytes)
);
