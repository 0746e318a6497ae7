package org.projectspark.notification.service;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.projectspark.platform.persistence.SqlValues;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes notifications, in the caller's transaction: each in its recipient's language, once per natural key (a
 * second raise of the same trigger writes nothing and announces nothing), and announces those written with one
 * {@link NotificationsRaised}. Recipients without a profile (deleted since) are skipped. Rows go in one statement per
 * {@link #CHUNK}, numbered ({@code seq}) in the order given.
 */
@Stateless
public class Inbox {

    /** Rows per INSERT: a class message to a whole school is a few statements, each parameter a few hundred KiB at most. */
    static final int CHUNK = 1000;

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @Inject
    NotificationTexts texts;

    @Inject
    Event<NotificationsRaised> raised;

    /** The notifications written (those not raised before), in the order given. */
    public List<NotificationRaised> raise(List<Notice> notices) {
        if (notices.isEmpty()) {
            return List.of();
        }
        Map<UUID, Languages> languages = languagesOf(notices.stream().map(Notice::recipient).collect(Collectors.toSet()));
        List<Row> rows = new ArrayList<>(notices.size());
        for (Notice n : notices) {
            Languages lang = languages.get(n.recipient());
            if (lang != null) {
                NotificationTexts.Rendered text = texts.render(n.texts(), n.args().toArray(), lang.user(), lang.school());
                rows.add(new Row(UUID.randomUUID(), n, text.locale(), clip(text.title(), 200), text.body()));
            }
        }
        List<NotificationRaised> written = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += CHUNK) {
            written.addAll(insert(rows.subList(from, Math.min(rows.size(), from + CHUNK))));
        }
        if (!written.isEmpty()) {
            raised.fire(new NotificationsRaised(written));
        }
        return written;
    }

    /** A notification to write: its id is chosen here, so the rows RETURNING gives back are matched by it. */
    private record Row(UUID id, Notice notice, String locale, String title, String body) {
    }

    /**
     * Writes these rows in one statement, in their order (ORDER BY ordinality: seq follows it); a row whose recipient
     * already has its natural key, earlier or in this same statement, is skipped. The rows written, in the order given.
     */
    private List<NotificationRaised> insert(List<Row> rows) {
        List<?> result = em.createNativeQuery("INSERT INTO user_notifications (id, user_id, kind, natural_key, locale, title, body, data)"
                        + " SELECT t.id, t.user_id, t.kind, t.natural_key, t.locale, t.title, t.body, t.data"
                        + " FROM unnest(CAST(?1 AS uuid[]), CAST(?2 AS uuid[]), CAST(?3 AS text[]), CAST(?4 AS text[]), CAST(?5 AS text[]),"
                        + " CAST(?6 AS text[]), CAST(?7 AS text[]), CAST(?8 AS jsonb[]))"
                        + " WITH ORDINALITY AS t(id, user_id, kind, natural_key, locale, title, body, data, ord) ORDER BY t.ord"
                        + " ON CONFLICT (user_id, natural_key) DO NOTHING RETURNING CAST(id AS text), seq, created_at")
                .setParameter(1, SqlValues.array(rows.stream().map(Row::id).toList()))
                .setParameter(2, SqlValues.array(rows.stream().map(r -> r.notice().recipient()).toList()))
                .setParameter(3, SqlValues.textArray(rows.stream().map(r -> r.notice().kind().name()).toList()))
                .setParameter(4, SqlValues.textArray(rows.stream().map(r -> r.notice().naturalKey()).toList()))
                .setParameter(5, SqlValues.textArray(rows.stream().map(Row::locale).toList()))
                .setParameter(6, SqlValues.textArray(rows.stream().map(Row::title).toList()))
                .setParameter(7, SqlValues.textArray(rows.stream().map(Row::body).toList()))
                .setParameter(8, SqlValues.textArray(rows.stream().map(r -> r.notice().data().json()).toList()))
                .getResultList();
        Map<UUID, Object[]> byId = new HashMap<>();
        for (Object o : result) {
            Object[] r = (Object[]) o;
            byId.put(UUID.fromString((String) r[0]), r);
        }
        List<NotificationRaised> written = new ArrayList<>(byId.size());
        for (Row row : rows) {
            Object[] r = byId.get(row.id());
            if (r != null) {
                Notice n = row.notice();
                written.add(new NotificationRaised(row.id(), ((Number) r[1]).longValue(), n.recipient(), n.kind(), row.locale(), row.title(),
                        row.body(), n.data(), SqlValues.instant(r[2])));
            }
        }
        return written;
    }

    public List<NotificationRaised> raise(Notice notice) {
        return raise(List.of(notice));
    }

    private record Languages(String user, String school) {
    }

    private Map<UUID, Languages> languagesOf(Collection<UUID> users) {
        Map<UUID, Languages> m = new HashMap<>();
        List<?> rows = em.createNativeQuery("SELECT CAST(p.user_id AS text), p.locale, s.default_locale FROM profiles p"
                + " LEFT JOIN schools s ON s.id = p.school_id WHERE p.user_id = ANY (CAST(?1 AS uuid[]))")
                .setParameter(1, SqlValues.array(users)).getResultList();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            m.put(UUID.fromString((String) r[0]), new Languages((String) r[1], (String) r[2]));
        }
        return m;
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
