package org.projectspark.media.service;

/**
 * What refers to a file, in one place: a file is deleted by the cleanup only when nothing here names it (and it is
 * older than UNREFERENCED_FILE_GRACE). Each branch yields the ids of the files it refers to, as text. A feature that
 * starts pointing at files adds its branch here, and nowhere else.
 */
final class FileReferences {

    /** A file's address in the API, as course texts and media URLs carry it: {@code .../files/<id>...}. */
    private static final String FILE_URL_ID = "'/files/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'";

    /** One column, {@code file_id} (text): every file id something refers to, repeated as often as it is. */
    static final String REFERENCED = """
            SELECT h.file_ref AS file_id FROM assignment_handins h
            UNION ALL
            SELECT CAST(h.file_id AS text) FROM assignment_handins h WHERE h.file_id IS NOT NULL
            UNION ALL
            SELECT CAST(u.file_id AS text) FROM sync_waiting_events w JOIN file_uploads u ON u.id = w.upload_id WHERE u.file_id IS NOT NULL
            UNION ALL
            SELECT m[1] FROM activities a CROSS JOIN LATERAL regexp_matches(a.media_url, %1$s, 'g') m WHERE a.media_url LIKE '%%/files/%%'
            UNION ALL
            SELECT m[1] FROM activities a CROSS JOIN LATERAL regexp_matches(a.body, %1$s, 'g') m WHERE a.body LIKE '%%/files/%%'
            UNION ALL
            SELECT m[1] FROM questions q CROSS JOIN LATERAL regexp_matches(q.prompt, %1$s, 'g') m WHERE q.prompt LIKE '%%/files/%%'
            UNION ALL
            SELECT m[1] FROM translated_texts t CROSS JOIN LATERAL regexp_matches(t.draft_text, %1$s, 'g') m WHERE t.draft_text LIKE '%%/files/%%'
            """.formatted(FILE_URL_ID);

    /** Files older than ?1 that nothing refers to, oldest first, at most ?2. */
    static final String UNREFERENCED = """
            WITH referenced AS (%s)
            SELECT CAST(f.id AS text) FROM files f
             WHERE f.created_at < CAST(?1 AS timestamptz)
               AND NOT EXISTS (SELECT 1 FROM referenced r WHERE r.file_id = CAST(f.id AS text))
             ORDER BY f.created_at
             LIMIT ?2
            """.formatted(REFERENCED);

    /** Whether anything refers to the file ?1 (its id as text). */
    static final String IS_REFERENCED = """
            WITH referenced AS (%s)
            SELECT EXISTS (SELECT 1 FROM referenced r WHERE r.file_id = ?1)
            """.formatted(REFERENCED);

    private FileReferences() {
    }
}
