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
 * second raise of the same trigger writes nothing and announces nothing), and announces each one written with
 * {@link NotificationRaised}. Recipients without a profile (deleted since) are skipped.
 */
@Stateless
public class Inbox {

    @PersistenceContext(unitName = "spark")
    EntityManager em;

    @Inject
    NotificationTexts texts;

    @Inject
    Event<NotificationRaised> raised;

    /** The notifications written (those not raised before), in the order given. */
    public List<NotificationRaised> raise(List<Notice> notices) {
        if (notices.isEmpty()) {
            return List.of();
        }
        Map<UUID, Languages> languages = languagesOf(notices.stream().map(Notice::recipient).collect(Collectors.toSet()));
        List<NotificationRaised> written = new ArrayList<>();
        for (Notice n : notices) {
            Languages lang = languages.get(n.recipient());
            if (lang == null) {
                continue;
            }
            NotificationTexts.Rendered text = texts.render(n.texts(), n.args().toArray(), lang.user(), lang.school());
            UUID id = UUID.randomUUID();
            List<?> row = em.createNativeQuery("INSERT INTO user_notifications (id, user_id, kind, natural_key, locale, title, body, data)"
                            + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CAST(?8 AS jsonb)) ON CONFLICT (user_id, natural_key) DO NOTHING"
                            + " RETURNING seq, created_at")
                    .setParameter(1, id).setParameter(2, n.recipient()).setParameter(3, n.kind().name()).setParameter(4, n.naturalKey())
                    .setParameter(5, text.locale()).setParameter(6, clip(text.title(), 200)).setParameter(7, text.body())
                    .setParameter(8, n.data().json()).getResultList();
            if (!row.isEmpty()) {
                Object[] r = (Object[]) row.get(0);
                NotificationRaised event = new NotificationRaised(id, ((Number) r[0]).longValue(), n.recipient(), n.kind(), text.locale(),
                        clip(text.title(), 200), text.body(), n.data(), SqlValues.instant(r[1]));
                raised.fire(event);
                written.add(event);
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
