package org.projectspark.gamification.service;

import java.util.UUID;

/** A student whose XP the current rules put elsewhere: before, after, and the levels that go with them. */
public record XpCorrection(UUID studentId, String username, String displayName, long xpBefore, long xpAfter, int levelBefore,
                           int levelAfter) {

    public long delta() {
        return xpAfter - xpBefore;
    }
}
