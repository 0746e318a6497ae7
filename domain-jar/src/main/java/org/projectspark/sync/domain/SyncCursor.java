package org.projectspark.sync.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a device is in its download, as an opaque string. Changes are read in rounds: a round returns every change
 * written by a transaction with id at or above {@code watermark}, in pages ({@code afterSeq} is the last change
 * sent). {@code nextWatermark} is the oldest transaction still running when the round began: anything the round
 * could not see was written by a transaction at or above it, so the next round starts there and nothing is missed
 * (a change may be sent twice; applying it twice is harmless). A cursor in {@code FULL} mode pages through the
 * student's whole state first (first sync, or a cursor too old), section by section.
 *
 * @param mode          {@code DELTA} or {@code FULL}
 * @param watermark     transaction id from which this round reads (delta), or at which the full sync began
 * @param afterSeq      last change sequence sent in this round (delta)
 * @param nextWatermark where the next round starts
 * @param section       the section being paged (full)
 * @param afterKey      the last key sent in that section (full), empty at its start
 * @param issuedAt      when the round began; cursors older than the change log's retention are too old
 */
public record SyncCursor(Mode mode, long watermark, long afterSeq, long nextWatermark, int section, String afterKey,
                         Instant issuedAt) {

    public enum Mode { DELTA, FULL }

    private static final String VERSION = "c1";

    public static SyncCursor fullFrom(long watermark, Instant now) {
        return new SyncCursor(Mode.FULL, watermark, 0, watermark, 0, "", now);
    }

    public static SyncCursor deltaFrom(long watermark, Instant now) {
        return new SyncCursor(Mode.DELTA, watermark, 0, watermark, 0, "", now);
    }

    /** A delta cursor whose round has not begun: the next request takes the round's watermark. */
    public SyncCursor withoutRound() {
        return new SyncCursor(Mode.DELTA, watermark, 0, 0, 0, "", issuedAt);
    }

    public SyncCursor nextPage(long lastSeq) {
        return new SyncCursor(mode, watermark, lastSeq, nextWatermark, section, afterKey, issuedAt);
    }

    public SyncCursor nextSection(int nextSection, String key) {
        return new SyncCursor(mode, watermark, afterSeq, nextWatermark, nextSection, key, issuedAt);
    }

    public String encode() {
        String raw = String.join("|", VERSION, mode.name(), Long.toString(watermark), Long.toString(afterSeq),
                Long.toString(nextWatermark), Integer.toString(section), afterKey, Long.toString(issuedAt.getEpochSecond()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a device sent back, or empty when it is not one of ours (a client bug, answered 400). */
    public static Optional<SyncCursor> decode(String text) {
        try {
            String[] p = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", -1);
            if (p.length != 8 || !VERSION.equals(p[0])) {
                return Optional.empty();
            }
            SyncCursor c = new SyncCursor(Mode.valueOf(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]), Long.parseLong(p[4]),
                    Integer.parseInt(p[5]), p[6], Instant.ofEpochSecond(Long.parseLong(p[7])));
            return c.watermark < 0 || c.afterSeq < 0 || c.nextWatermark < 0 || c.section < 0 || c.afterKey.length() > 80
                    ? Optional.empty() : Optional.of(c);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
